import {Flags} from '@oclif/core'
import Table from 'cli-table3'

import {CcpCommand} from '../base-command.js'
import {signedPoints} from '../core/points.js'
import type {StatsView} from '../core/stats.js'

const BAR = 30

export default class Stats extends CcpCommand {
  static description = `Who gives and who receives: points given (from the chat) and received per member, the most
generous and the most punished, and awards per week as a small chart. Undone awards do not count.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --weeks 12 --json']

  static flags = {
    weeks: Flags.integer({default: 8, description: 'How many weeks of activity to chart.', max: 104, min: 1}),
  }

  async run(): Promise<StatsView> {
    const {flags} = await this.parse(Stats)
    const stats = this.openLedger(flags.db).stats(flags.weeks)
    const {style} = this
    const table = new Table({colAligns: ['left', 'right', 'right'], head: ['Name', 'Given', 'Received'].map((title) => style.bold(title)), style: {border: [], head: []}})
    for (const member of stats.members) table.push([member.name, signedPoints(member.given), signedPoints(member.received)])
    const busiest = Math.max(1, ...stats.weeks.map((week) => week.awards))
    this.log(stats.members.length === 0 ? 'No members yet.' : table.toString())
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
