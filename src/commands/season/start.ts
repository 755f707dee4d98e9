import * as Args from '@oclif/core/args'

import {CcpCommand} from '../../base-command.js'
import type {SeasonView} from '../../core/ledger.js'

export default class SeasonStart extends CcpCommand {
  static args = {
    name: Args.string({description: 'The season\'s name (default: "Season N").'}),
  }

  static description = `Open a new season: everyone's standings start again from 0.
Nothing is deleted: totals, tiers and history stay, and ccp list --season NAME shows a past season.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> "Spring 2026"']

  async run(): Promise<SeasonView> {
    const {args, flags} = await this.parse(SeasonStart)
    const season = this.openLedger(flags.db).startSeason(args.name)
    this.log(`${season.name} has started; the standings count from now on.`)
    return season
  }
}
