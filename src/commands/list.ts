import {Flags} from '@oclif/core'

import {CcpCommand} from '../base-command.js'
import {standingsTable} from '../cli/tables.js'
import type {StandingView} from '../core/views.js'

export default class List extends CcpCommand {
  static description = 'Show the standings: highest total first, ties by name.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --limit 3', '<%= config.bin %> <%= command.id %> --json']

  static flags = {
    limit: Flags.integer({description: 'Show only the first N members.', min: 1}),
  }

  async run(): Promise<StandingView[]> {
    const {flags} = await this.parse(List)
    const standings = this.openLedger(flags.db).standings({limit: flags.limit})
    this.log(standings.length === 0 ? 'No members yet. Add one with: ccp adduser NAME' : standingsTable(standings, this.style))
    return standings
  }
}
