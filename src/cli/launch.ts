import {createRequire} from 'node:module'
import {join} from 'node:path'

import {requireWithCodeCache} from './code-cache.js'

interface BundledCli {
  execute(options: {loadOptions: {pjson: unknown; root: string}}): Promise<unknown>
}

/**
 * What bin/run.js does: starts the bundled CLI (dist/ccp.cjs, see esbuild.config.js). ccp's own commands start
 * from V8's code cache. The commands of oclif's plugins (help, autocomplete) start without it, because oclif
 * loads them with import(), which code from a code cache cannot do on node 20 (see code-cache.ts).
 */
export function launch(root: string, argv: string[]): Promise<unknown> {
  const require = createRequire(join(root, 'package.json'))
  const bundle = join(root, 'dist', 'ccp.cjs')
  const cli = (namesOwnCommand(argv, ownCommandIds(require)) ? requireWithCodeCache(bundle) : require(bundle)) as BundledCli
  // Given its root and package.json, oclif does not go looking for them.
  return cli.execute({loadOptions: {pjson: require('./package.json'), root}})
}

/** True unless the first word names something other than ccp's commands and topics: a plugin's command, or none at all. */
export function namesOwnCommand(argv: string[], commandIds: string[]): boolean {
  const first = argv[0]
  if (first === undefined || first.startsWith('-')) return true
  return commandIds.some((id) => id.split(':')[0] === first)
}

function ownCommandIds(require: NodeJS.Require): string[] {
  try {
    return Object.keys((require('./oclif.manifest.json') as {commands: Record<string, unknown>}).commands)
  } catch {
    return []
  }
}
