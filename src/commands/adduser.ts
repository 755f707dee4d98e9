import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {identityFlags} from '../cli/flags.js'
import {MAX_NAME_LENGTH} from '../core/names.js'
import type {MemberView} from '../core/views.js'

export default class AddUser extends CcpCommand {
  static args = {
    name: Args.string({description: `One word, at most ${MAX_NAME_LENGTH} characters; unique whatever its case.`, required: true}),
  }

  static description = `Add a citizen to the standings.
--uuid and --number bind them to their Signal identity at once, as ccp bind does later.`

  static examples = [
    '<%= config.bin %> <%= command.id %> alice',
    '<%= config.bin %> <%= command.id %> bob --number +15551110002',
    '<%= config.bin %> <%= command.id %> carol --uuid 33333333-3333-4333-8333-333333333333',
  ]

  static flags = identityFlags

  async run(): Promise<MemberView> {
    const {args, flags} = await this.parse(AddUser)
    const member = this.openLedger(flags.db).addMember({name: args.name, number: flags.number, uuid: flags.uuid})
    const identity = [member.uuid, member.number].filter(Boolean).join(', ')
    this.log(`Added ${member.name}${identity ? ` (Signal: ${identity})` : ''}.`)
    return member
  }
}
