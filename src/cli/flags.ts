import {Flags} from '@oclif/core'

/** How a member is tied to Signal: shared by adduser and bind. */
export const identityFlags = {
  number: Flags.string({description: "The member's Signal phone number, in E.164 form (+15551110001)."}),
  uuid: Flags.string({description: "The member's Signal ACI UUID (works when they hide their number)."}),
}
