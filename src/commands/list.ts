import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {outputWidth} from '../cli/output-width.js'
import {parseSince} from '../cli/since.js'
import {standingsTitle} from '../core/standings-title.js'
import {standingsTable} from '../cli/tables.js'
import {fitText} from '../cli/text-width.js'
import type {StandingView} from '../core/views.js'

export default class List extends CcpCommand {
  static description = `Show the standings, highest first, with each member's tier.
Ties are ordered by name. Once a season was started, the standings count points gained in the current season; --season shows a past one, --since a window, --all-time the totals. The first line says which of these is shown.`

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --limit 3',
    '<%= config.bin %> <%= command.id %> --since 7d',
    '<%= config.bin %> <%= command.id %> --season "Season 1" --json',
  ]

  static flags = {
    'all-time': Flags.boolean({description: 'Rank by all-time totals, whatever the season.', exclusive: ['season', 'since']}),
    limit: Flags.integer({description: 'Show only the first N members.', max: Number.MAX_SAFE_INTEGER, min: 1}),
    season: Flags.string({description: 'Show the standings of this season (see ccp season list).', exclusive: ['since']}),
    since: Flags.string({description: 'Rank by points gained since: 7d, 30d, 12h, 2w, or a date like 2026-11-01.'}),
  }

  async run(): Promise<StandingView[]> {
    const {flags} = await this.parse(List)
    const since = flags.since === undefined ? undefined : parseSince(flags.since, Date.now())
    const {rows, scope} = this.openLedger(flags.db, 'read').standingsIn({allTime: flags['all-time'], limit: flags.limit, season: flags.season, since})
    const width = outputWidth()
    this.log(fitText(standingsTitle(scope), width))
    this.show(() => (rows.length === 0 ? 'No members yet. Add one with: ccp adduser NAME' : standingsTable(rows, this.style, width)))
    return rows
  }
}
