import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {SETTINGS} from '../core/settings.js'

/**
 * The CCP_ variables read other than through a flag: oclif's own (the data folder, and its config and cache
 * folders and debug output, named after the bin), and the env file's name.
 */
const OTHER_VARIABLES = ['CCP_CACHE_DIR', 'CCP_CONFIG_DIR', 'CCP_DATA_DIR', 'CCP_DEBUG', 'CCP_ENV_FILE']

/** The part of oclif.manifest.json that names the variables flags read. */
export interface ManifestShape {
  commands: Record<string, {flags?: Record<string, {env?: string}>}>
}

/** Every CCP_ variable ccp reads: the `env` of every command's flags, the settings' variables, and the others above. */
export function ccpVariables(manifest: ManifestShape): Set<string> {
  const names = new Set(OTHER_VARIABLES)
  for (const command of Object.values(manifest.commands)) {
    for (const flag of Object.values(command.flags ?? {})) if (flag.env) names.add(flag.env)
  }

  for (const {env} of Object.values(SETTINGS) as {env?: string}[]) if (env) names.add(env)
  return names
}

/**
 * ccpVariables from the manifest the build writes beside package.json (the one oclif loads its commands' flags
 * from), or undefined where there is none to read (a checkout not built yet).
 */
export function installedVariables(root: string): Set<string> | undefined {
  let text: string
  try {
    text = readFileSync(join(root, 'oclif.manifest.json'), 'utf8')
  } catch {
    return undefined
  }

  return ccpVariables(JSON.parse(text) as ManifestShape)
}
