import {createRequire} from 'node:module'
import {join} from 'node:path'

import {requireWithCodeCache} from './code-cache.js'

interface PackageJson {
  oclif: {plugins?: string[]}
}

interface BundledCli {
  execute(options: {loadOptions: {pjson: PackageJson; root: string}}): Promise<unknown>
}

/**
 * What a command line asks for: one of ccp's own commands, oclif's core (no command: the root help,
 * --version), or something else (a command of oclif's plugins, help or autocomplete, or a typo).
 */
export type Target = 'core' | 'other' | 'own'

/**
 * What bin/run.js does: starts the bundled CLI (dist/ccp.cjs, see esbuild.config.js). ccp's own commands start
 * from V8's code cache and without oclif's plugins, which they do not use. The plugins' commands start without
 * the cache, because oclif loads them with import(), which code from a code cache cannot do on node 20 (see
 * code-cache.ts).
 */
export function launch(root: string, argv: string[]): Promise<unknown> {
  const require = createRequire(join(root, 'package.json'))
  const bundle = join(root, 'dist', 'ccp.cjs')
  const target = targetOf(argv, ownCommandIds(require))
  const cli = (target === 'other' ? require(bundle) : requireWithCodeCache(bundle)) as BundledCli
  const pjson = require('./package.json') as PackageJson
  // Given its root and package.json, oclif does not go looking for them.
  return cli.execute({loadOptions: {pjson: target === 'own' ? {...pjson, oclif: {...pjson.oclif, plugins: []}} : pjson, root}})
}

export function targetOf(argv: string[], ownCommandIds: string[]): Target {
  const first = argv[0]
  if (first === undefined || first.startsWith('-')) return 'core'
  // "config set" and "config:set" both name the command config:set.
  const topic = first.split(':')[0]
  return ownCommandIds.some((id) => id.split(':')[0] === topic) ? 'own' : 'other'
}

function ownCommandIds(require: NodeJS.Require): string[] {
  try {
    return Object.keys((require('./oclif.manifest.json') as {commands: Record<string, unknown>}).commands)
  } catch {
    return []
  }
}
