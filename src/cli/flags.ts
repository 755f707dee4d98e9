import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

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

/** --flag when it is on the command line (before any --), else the env var that oclif read it from. */
function givenAs(flag: string, variable: string | undefined, argv: string[]): string {
  const end = argv.indexOf('--')
  const typed = (end === -1 ? argv : argv.slice(0, end)).some((word) => word === `--${flag}` || word.startsWith(`--${flag}=`))
  return typed || !variable || !process.env[variable] ? `--${flag}` : variable
}

/** Where signal-cli-rest-api listens and which account is the bot's: shared by serve, doctor, groups, link, announce. */
export const signalFlags = {
  number: Flags.string({description: "The bot's Signal account, +E164.", env: 'CCP_SIGNAL_NUMBER'}),
  'request-timeout': Flags.integer({default: 10, description: 'Seconds before a call to the Signal API is given up.', min: 1}),
  'signal-url': Flags.string({default: 'http://localhost:8080', description: 'Where signal-cli-rest-api listens.', env: 'CCP_SIGNAL_URL'}),
}

/** The KEY argument of ccp config get, set and unset. */
export const settingKeyArg = Args.string({description: 'The setting (see ccp config list).', required: true})
