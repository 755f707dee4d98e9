import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {formatPoints} from '../core/points.js'
import type {MemberView} from '../core/views.js'

export default class Score extends CcpCommand {
  static args = {
    name: Args.string({description: 'The member to look up.', required: true}),
  }

  static description = `Show one member's all-time points and rank.
During a season it also shows the points gained in the season, which ccp list ranks by.`

  static examples = ['<%= config.bin %> <%= command.id %> alice']

  async run(): Promise<MemberView> {
    const {args, flags} = await this.parse(Score)
    const member = this.openLedger(flags.db).score({name: args.name})
    this.log(`${member.name}: ${formatPoints(member.points)} points, rank ${member.rank} (${member.tier}).`)
    return member
  }
}
