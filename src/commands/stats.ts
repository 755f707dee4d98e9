import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {statsTable} from '../cli/tables.js'
import {signedPoints} from '../core/points.js'
import type {StatsView} from '../core/stats.js'

const BAR = 30

export default class Stats extends CcpCommand {
  static description = `Show who gives points and who receives them.
Points given (from the chat) and received per member, the most generous and the most punished, and awards per week as a small chart. Undone awards do not count.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --weeks 12 --json']

  static flags = {
    weeks: Flags.integer({default: 8, description: 'How many weeks of activity to chart.', max: 104, min: 1}),
  }

  async run(): Promise<StatsView> {
    const {flags} = await this.parse(Stats)
    const stats = this.openLedger(flags.db).stats(flags.weeks)
    const {style} = this
    const busiest = Math.max(1, ...stats.weeks.map((week) => week.awards))
    this.show(() => (stats.members.length === 0 ? 'No members yet.' : statsTable(stats.members, style)))
    this.log(`Most generous: ${stats.mostGenerous ? `${stats.mostGenerous.name} (${signedPoints(stats.mostGenerous.given)} given)` : 'nobody yet'}`)
    this.log(`Most punished: ${stats.mostPunished ? `${stats.mostPunished.name} (${signedPoints(stats.mostPunished.taken)} taken)` : 'nobody yet'}`)
    this.log('Awards per week:')
    for (const week of stats.weeks) {
      const bar = '█'.repeat(Math.round((week.awards / busiest) * BAR))
      this.log(`  ${week.week}  ${style.green(bar.padEnd(BAR))} ${week.awards}`)
    }

    return stats
  }
}
