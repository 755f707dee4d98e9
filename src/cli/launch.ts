import {createRequire, enableCompileCache} from 'node:module'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {makePrivateFolder} from '../lib/private-files.js'

interface PackageJson {
  oclif: {plugins?: string[]}
}

interface BundledCli {
  execute(options: {args: string[]; loadOptions: {pjson: PackageJson; root: string}}): Promise<unknown>
}

/**
 * What bin/run.js does: starts the bundled CLI (dist/ccp.cjs, see esbuild.config.js) with node's compile cache
 * on, so that a command does not compile the bundle again. Every command starts the same way, plugins, hooks
 * and all.
 */
export function launch(root: string, argv: string[]): Promise<unknown> {
  const refusal = unsupportedNode(process.versions.node)
  if (refusal) {
    process.stderr.write(`${refusal}\n`)
    process.exitCode = 3
    return Promise.resolve()
  }

  startCompileCache()
  const require = createRequire(join(root, 'package.json'))
  const pjson = require('./package.json') as PackageJson
  const cli = require(join(root, 'dist', 'ccp.cjs')) as BundledCli
  // Given its root and package.json, oclif does not go looking for them.
  return cli.execute({args: argv, loadOptions: {pjson, root}})
}

/** Why ccp cannot run on this Node.js, if it cannot: better-sqlite3 13 crashes on Node 20 and older. */
export function unsupportedNode(version: string): string | undefined {
  const major = Number(version.split('.')[0])
  if (major >= 22) return undefined
  return `ccp needs Node.js 22 or newer; this is Node.js ${version}. Install Node.js 24 (or 22) and run ccp again.`
}

/**
 * Node's compile cache, in ccp's own cache folder (private, as every folder ccp makes) unless NODE_COMPILE_CACHE
 * names another or NODE_DISABLE_COMPILE_CACHE turns it off. A folder that cannot be made only costs the compile.
 */
function startCompileCache(): void {
  if (process.env.NODE_COMPILE_CACHE) {
    enableCompileCache()
    return
  }

  const folder = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ccp', 'compile-cache')
  try {
    makePrivateFolder(folder)
  } catch {
    return
  }

  enableCompileCache(folder)
}
