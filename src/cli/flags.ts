import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {emptyVariable, type EmptyVariable} from '../bot/variables.js'
import {checkSettingValue, type SettingKey, type SettingOverrides, SETTINGS, splitList} from '../core/settings.js'

/** How a member is tied to Signal: shared by adduser and bind. */
export const identityFlags = {
  number: Flags.string({description: "The member's Signal phone number, in E.164 form (+15551110001)."}),
  uuid: Flags.string({description: "The member's Signal ACI UUID (works when they hide their number)."}),
}

/** Who may change points from a chat, and the word that starts a command: shared by serve and chat. */
export const chatFlags = {
  admin: Flags.string({
    description: 'An admin, by Signal ACI UUID or +E164 number; repeat the flag, or list them with commas in CCP_ADMINS. Default: the chat.admins setting.',
    env: 'CCP_ADMINS',
    multiple: true,
  }),
  prefix: Flags.string({description: 'The word that starts a command, matched in any case. Default: the chat.prefix setting (/CCP).', env: 'CCP_PREFIX'}),
}

/**
 * The chat settings that flags (and their env vars) set over the database's: invalid ones stop the start,
 * naming what the user gave (--admin, or CCP_ADMINS when the value came from there), not the stored setting.
 */
export function chatOverrides(flags: {admin?: string[] | string; group?: string[] | string; prefix?: string}, argv: string[] = process.argv.slice(2)): SettingOverrides {
  const overrides: SettingOverrides = {}
  const check = (key: SettingKey, flag: string, value: string) => checkSettingValue(key, value, givenAs(flag, SETTINGS[key].env, argv))
  if (flags.admin !== undefined) overrides['chat.admins'] = check('chat.admins', 'admin', splitList(flags.admin).join(','))
  if (flags.group !== undefined) overrides['chat.groups'] = check('chat.groups', 'group', splitList(flags.group).join(','))
  if (flags.prefix !== undefined) overrides['chat.prefix'] = check('chat.prefix', 'prefix', flags.prefix)
  return overrides
}

/**
 * How the user gave a flag's value, for a message about it: --flag when it is on the command line (before any
 * --), else the env var that oclif read it from.
 */
export function givenAs(flag: string, variable: string | undefined, argv: string[] = process.argv.slice(2)): string {
  const end = argv.indexOf('--')
  const typed = (end === -1 ? argv : argv.slice(0, end)).some((word) => word === `--${flag}` || word.startsWith(`--${flag}=`))
  return typed || !variable || !process.env[variable] ? `--${flag}` : variable
}

/** What a flag definition says of itself: its env var, options, number range, default. */
interface FlagShape {
  default?: unknown
  env?: string
  max?: number
  min?: number
  options?: readonly string[]
}

/** What a flag's value must be, as far as its definition says: "one of text, json", "a whole number from 0 to 65535". */
function whatFlagTakes(flag: FlagShape): string | undefined {
  if (flag.options) return `one of ${flag.options.join(', ')}`
  if (flag.min !== undefined && flag.max !== undefined) return `a whole number from ${flag.min} to ${flag.max}`
  if (flag.min !== undefined) return `a whole number of at least ${flag.min}`
  return undefined
}

/**
 * The variables a command reads that are set but empty: its flags' (but CCP_DB, which has a message of its
 * own) and `others` (the settings' variables, for a command that resolves the settings).
 */
export function emptyVariables(flags: Readonly<Record<string, FlagShape>>, others: readonly string[], env: NodeJS.ProcessEnv = process.env): EmptyVariable[] {
  const takes = new Map<string, string | undefined>(others.map((name) => [name, undefined]))
  for (const flag of Object.values(flags)) if (flag.env) takes.set(flag.env, whatFlagTakes(flag))
  takes.delete('CCP_DB')
  return [...takes].flatMap(([name, what]) => emptyVariable(name, env, what) ?? [])
}

/** Where signal-cli-rest-api listens and which account is the bot's: shared by serve, doctor, groups, link, announce. */
export const signalFlags = {
  number: Flags.string({description: "The bot's Signal account, +E164.", env: 'CCP_SIGNAL_NUMBER'}),
  'request-timeout': Flags.integer({default: 10, description: 'Seconds before a call to the Signal API is given up.', min: 1}),
  'signal-url': Flags.string({default: 'http://localhost:8080', description: 'Where signal-cli-rest-api listens.', env: 'CCP_SIGNAL_URL'}),
}

/** The KEY argument of ccp config get, set and unset. */
export const settingKeyArg = Args.string({description: 'The setting (see ccp config list).', required: true})
