import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {outputWidth} from '../cli/output-width.js'
import {statsTable} from '../cli/tables.js'
import {fitText} from '../cli/text-width.js'
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
    const stats = this.openLedger(flags.db, 'read').stats(flags.weeks)
    const {style} = this
    const width = outputWidth()
    const busiest = Math.max(1, ...stats.weeks.map((week) => week.awards))
    this.show(() => (stats.members.length === 0 ? 'No members yet.' : statsTable(stats.members, style, width)))
    this.log(fitText(`Most generous: ${stats.mostGenerous ? `${stats.mostGenerous.name} (${signedPoints(stats.mostGenerous.given)} given)` : 'nobody yet'}`, width))
    this.log(fitText(`Most punished: ${stats.mostPunished ? `${stats.mostPunished.name} (${signedPoints(stats.mostPunished.taken)} taken)` : 'nobody yet'}`, width))
    this.log(fitText(`Awards: ${stats.awards.typed} typed, ${stats.awards.reactions} by reaction`, width))
    this.log('Awards per week:')
    // "  2026-11-23  ████  12": the bars get shorter to leave room for the counts.
    const counted = Math.max(...stats.weeks.map((week) => String(week.awards).length))
    const barWidth = Math.max(0, Math.min(BAR, width === undefined ? BAR : width - 2 - 10 - 2 - 1 - counted))
    for (const week of stats.weeks) {
      const bar = '█'.repeat(Math.round((week.awards / busiest) * barWidth))
      this.log(`  ${week.week}  ${style.green(bar.padEnd(barWidth))} ${week.awards}`)
    }

    return stats
  }
}
