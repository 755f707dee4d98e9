import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {checkSettingValue, type SettingOverrides, splitList} from '../core/settings.js'

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

/** The chat settings that flags (and their env vars) set over the database's: invalid ones stop the start. */
export function chatOverrides(flags: {admin?: string[] | string; group?: string[] | string; prefix?: string}): SettingOverrides {
  const overrides: SettingOverrides = {}
  if (flags.admin !== undefined) overrides['chat.admins'] = checkSettingValue('chat.admins', splitList(flags.admin).join(','))
  if (flags.group !== undefined) overrides['chat.groups'] = checkSettingValue('chat.groups', splitList(flags.group).join(','))
  if (flags.prefix !== undefined) overrides['chat.prefix'] = checkSettingValue('chat.prefix', flags.prefix)
  return overrides
}

/** Where signal-cli-rest-api listens and which account is the bot's: shared by serve, doctor, groups, link, announce. */
export const signalFlags = {
  number: Flags.string({description: "The bot's Signal account, +E164.", env: 'CCP_SIGNAL_NUMBER'}),
  'request-timeout': Flags.integer({default: 10, description: 'Seconds before a call to the Signal API is given up.', min: 1}),
  'signal-url': Flags.string({default: 'http://localhost:8080', description: 'Where signal-cli-rest-api listens.', env: 'CCP_SIGNAL_URL'}),
}

/** The KEY argument of ccp config get, set and unset. */
export const settingKeyArg = Args.string({description: 'The setting (see ccp config list).', required: true})
