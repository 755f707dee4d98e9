import {Args, Flags} from '@oclif/core'

import {CcpCommand} from '../base-command.js'
import {OPERATOR} from '../core/actor.js'
import {formatPoints, parsePoints, signedPoints} from '../core/points.js'
import type {AwardView} from '../core/views.js'

export default class Award extends CcpCommand {
  static args = {
    name: Args.string({description: 'The member to award.', required: true}),
    points: Args.string({description: 'A whole number from -1,000,000 to 1,000,000; negative docks points.', required: true}),
  }

  static description = 'Award points to a member, or dock them with a negative number.'

  static examples = [
    '<%= config.bin %> <%= command.id %> alice 10 --reason "kept the wifi up"',
    '<%= config.bin %> <%= command.id %> bob -5 --reason "late again"',
  ]

  static flags = {
    reason: Flags.string({char: 'r', description: 'Why, in one line (at most 200 characters).'}),
  }

  async run(): Promise<AwardView> {
    const {args, flags} = await this.parse(Award)
    const points = parsePoints(args.points)
    const entry = this.openLedger(flags.db).award(OPERATOR, {points, reason: flags.reason, target: {name: args.name}})
    const reason = entry.reason ? ` (${entry.reason})` : ''
    this.log(`${signedPoints(entry.points)} for ${entry.name}${reason}: ${formatPoints(entry.total)} points, rank ${entry.rank}. Entry #${entry.id}.`)
    return entry
  }
}
