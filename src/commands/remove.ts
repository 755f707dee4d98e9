import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {formatPoints} from '../core/points.js'
import type {MemberView} from '../core/views.js'

export default class Remove extends CcpCommand {
  static args = {
    name: Args.string({description: 'The member to remove.', required: true}),
  }

  static description = `Take a member off the standings; their history stays.
Their ledger entries still show in ccp history.`

  static examples = ['<%= config.bin %> <%= command.id %> bob']

  async run(): Promise<MemberView> {
    const {args, flags} = await this.parse(Remove)
    const member = this.openLedger(flags.db, 'change').remove({name: args.name})
    this.log(`Removed ${member.name} (${formatPoints(member.points)} points); their history stays.`)
    return member
  }
}
