import {Flags} from '@oclif/core'

/** How a member is tied to Signal: shared by adduser and bind. */
export const identityFlags = {
  number: Flags.string({description: "The member's Signal phone number, in E.164 form (+15551110001)."}),
  uuid: Flags.string({description: "The member's Signal ACI UUID (works when they hide their number)."}),
}

/** Who may change points from a chat, and the word that starts a command: shared by serve and chat. */
export const chatFlags = {
  admin: Flags.string({
    description: 'An admin, by Signal ACI UUID or +E164 number; repeat the flag, or list them with commas in CCP_ADMINS.',
    env: 'CCP_ADMINS',
    multiple: true,
  }),
  prefix: Flags.string({default: '/CCP', description: 'The word that starts a command (matched in any case).', env: 'CCP_PREFIX'}),
}
