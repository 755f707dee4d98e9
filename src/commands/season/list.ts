import {CcpCommand} from '../../base-command.js'
import {outputWidth} from '../../cli/output-width.js'
import {fitText} from '../../cli/text-width.js'
import type {SeasonView} from '../../core/ledger.js'

export default class SeasonList extends CcpCommand {
  static description = 'List the seasons, oldest first; the last one is current.'

  static examples = ['<%= config.bin %> <%= command.id %>']

  async run(): Promise<SeasonView[]> {
    const {flags} = await this.parse(SeasonList)
    const seasons = this.openLedger(flags.db, 'read').seasons()
    const text = seasons.length === 0 ? 'No season was started; the standings count all time. Start one with: ccp season start' : seasons.map((season) => `${season.startedAt.slice(0, 10)}  ${season.name}`).join('\n')
    this.log(fitText(text, outputWidth()))
    return seasons
  }
}
