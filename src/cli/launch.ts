import {createRequire} from 'node:module'
import {join} from 'node:path'

import {requireWithCodeCache} from './code-cache.js'

interface PackageJson {
  oclif: {plugins?: string[]}
}

interface BundledCli {
  execute(options: {args: string[]; loadOptions: {pjson: PackageJson; root: string}}): Promise<unknown>
}

/**
 * What bin/run.js does: starts the bundled CLI (dist/ccp.cjs, see esbuild.config.js). ccp's own commands start
 * from V8's code cache and without oclif's plugins (help, autocomplete), which they do not use. Anything else
 * (the plugins' commands, the root help, --version, a typo) starts as oclif normally starts, plugins and all,
 * and without the cache: oclif loads plugin code with import(), which code from a code cache cannot do on
 * node 20 (see code-cache.ts).
 */
export function launch(root: string, argv: string[]): Promise<unknown> {
  const require = createRequire(join(root, 'package.json'))
  const bundle = join(root, 'dist', 'ccp.cjs')
  const pjson = require('./package.json') as PackageJson
  const own = namesOwnCommand(argv, ownCommandIds(require))
  const cli = (own ? requireWithCodeCache(bundle) : require(bundle)) as BundledCli
  // Given its root and package.json, oclif does not go looking for them.
  return cli.execute({args: argv, loadOptions: {pjson: own ? {...pjson, oclif: {...pjson.oclif, plugins: []}} : pjson, root}})
}

/** Whether the command line starts with one of ccp's commands or topics ("config set" or "config:set"). */
export function namesOwnCommand(argv: string[], ownCommandIds: string[]): boolean {
  const topic = argv[0]?.split(':')[0]
  return topic !== undefined && !topic.startsWith('-') && ownCommandIds.some((id) => id.split(':')[0] === topic)
}

function ownCommandIds(require: NodeJS.Require): string[] {
  try {
    return Object.keys((require('./oclif.manifest.json') as {commands: Record<string, unknown>}).commands)
  } catch {
    return []
  }
}
