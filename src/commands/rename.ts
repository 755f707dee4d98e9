import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import type {RenameView} from '../core/ledger.js'

export default class Rename extends CcpCommand {
  static args = {
    old: Args.string({description: 'The current name.', required: true}),
    new: Args.string({description: 'The new name.', required: true}),
  }

  static description = 'Rename a member; their points and history follow them.'

  static examples = ['<%= config.bin %> <%= command.id %> bob robert']

  async run(): Promise<RenameView> {
    const {args, flags} = await this.parse(Rename)
    const member = this.openLedger(flags.db, 'change').rename({name: args.old}, args.new)
    this.log(`Renamed ${member.previousName} to ${member.name}.`)
    return member
  }
}
