import {existsSync} from 'node:fs'
// A namespace, not a named import: bin/dev.js loads this file as a module, and on a Node.js without
// enableCompileCache a named import would fail to link before the refusal below could be said.
import * as nodeModule from 'node:module'
import {homedir} from 'node:os'
import {isAbsolute, join} from 'node:path'

import {EnvironmentError} from '../core/errors.js'
import {makePrivateFolder} from '../lib/private-files.js'
import {installedVariables} from './ccp-variables.js'
import {applyEnvFile, EnvFileError} from './env-file.js'
import {reportFailure, wantsJson} from './failure.js'
import {guardOutputStreams} from './output-streams.js'
import {shareWidthWithHelp} from './output-width.js'

interface PackageJson {
  oclif: {plugins?: string[]}
}

interface BundledCli {
  COMMANDS: Record<string, unknown>
  main(args: string[], loadOptions: {pjson: PackageJson; root: string; userPlugins: boolean}, ownCommands: readonly string[]): Promise<unknown>
}

/**
 * What bin/run.js does: starts the bundled CLI (dist/ccp.cjs, see esbuild.config.js) with node's compile cache
 * on, so that a command does not compile the bundle again. Every command starts the same way, plugins, hooks
 * and all.
 */
export function launch(root: string, argv: string[]): Promise<unknown> {
  if (!prepareLaunch(root, argv)) return Promise.resolve()
  const require = nodeModule.createRequire(join(root, 'package.json'))
  const pjson = require('./package.json') as PackageJson
  const cli = require(join(root, 'dist', 'ccp.cjs')) as BundledCli
  // After the bundle, which brings oclif's own stdout listener with it.
  guardOutputStreams()
  // Given its root and package.json, oclif does not go looking for them. ccp has no plugin installer, so there
  // are no user plugins to look for in the data folder (a lookup that warned on every command where HOME is odd).
  return cli.main(argv, {pjson, root, userPlugins: false}, Object.keys(cli.COMMANDS))
}

/**
 * What every start of ccp does before oclif (bin/dev.js's too): refuses a Node.js it cannot run on, applies
 * CCP_ENV_FILE, starts the compile cache and shares the output width with help. False when ccp must stop there
 * (the reason printed and the exit code set).
 */
export function prepareLaunch(root: string, argv: string[]): boolean {
  const refusal = unsupportedNode(process.versions.node, Number(process.versions.napi))
  if (refusal) {
    process.exitCode = reportFailure(new EnvironmentError('UNSUPPORTED_NODE', refusal), wantsJson(argv))
    return false
  }

  // Before oclif: the file's variables must be in place when flags read theirs (env: 'CCP_...').
  if (!loadEnvFile(root, argv)) return false
  startCompileCache()
  shareWidthWithHelp()
  return true
}

/** Applies CCP_ENV_FILE (src/cli/env-file.ts); false (the failure reported, the exit code set) when the file cannot be used. */
function loadEnvFile(root: string, argv: string[]): boolean {
  try {
    applyEnvFile(process.env, () => installedVariables(root))
    return true
  } catch (error) {
    if (!(error instanceof EnvFileError)) throw error
    process.exitCode = reportFailure(error, wantsJson(argv))
    return false
  }
}

/** The oldest Node.js ccp runs on: better-sqlite3 13 needs Node-API 10, which came in 22.14 (older ones crash). */
export const OLDEST_NODE = '22.14.0'
const NODE_API = 10

/** Why ccp cannot run on this Node.js, if it cannot. */
export function unsupportedNode(version: string, nodeApi: number): string | undefined {
  const [major, minor] = version.split('.').map(Number)
  if ((major > 22 || (major === 22 && minor >= 14)) && nodeApi >= NODE_API) return undefined
  return `ccp needs Node.js ${OLDEST_NODE} or newer; this is Node.js ${version}. Install Node.js 24 (or 22) and run ccp again.`
}

/**
 * Node's compile cache, in ccp's own cache folder (private, as every folder ccp makes) unless NODE_COMPILE_CACHE
 * names another or NODE_DISABLE_COMPILE_CACHE turns it off. A folder that cannot be made only costs the compile.
 */
function startCompileCache(): void {
  if (process.env.NODE_COMPILE_CACHE) {
    nodeModule.enableCompileCache()
    return
  }

  const folder = compileCacheFolder()
  if (!folder) return
  try {
    makePrivateFolder(folder)
  } catch {
    return
  }

  nodeModule.enableCompileCache(folder)
}

/** $XDG_CACHE_HOME/ccp/compile-cache, else ~/.cache/ccp/compile-cache; none where there is no home to keep it in. */
function compileCacheFolder(): string | undefined {
  const xdg = process.env.XDG_CACHE_HOME
  // The XDG spec says a relative path is to be ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'ccp', 'compile-cache')
  const home = homedir()
  return home && existsSync(home) ? join(home, '.cache', 'ccp', 'compile-cache') : undefined
}
