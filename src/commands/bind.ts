import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {identityFlags} from '../cli/flags.js'
import type {MemberView} from '../core/views.js'

export default class Bind extends CcpCommand {
  static args = {
    name: Args.string({description: 'The member to bind.', required: true}),
  }

  static description = `Tie a member to their Signal identity.
Chat mentions and admin checks then find them.`

  static examples = [
    '<%= config.bin %> <%= command.id %> bob --number +15551110002',
    '<%= config.bin %> <%= command.id %> carol --uuid 33333333-3333-4333-8333-333333333333',
  ]

  static flags = identityFlags

  async run(): Promise<MemberView> {
    const {args, flags} = await this.parse(Bind)
    const member = this.openLedger(flags.db, 'change').bind({name: args.name}, {number: flags.number, uuid: flags.uuid})
    this.log(`Bound ${member.name} to ${[member.uuid, member.number].filter(Boolean).join(' and ')}.`)
    return member
  }
}
