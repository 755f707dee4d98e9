import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {outputWidth} from '../cli/output-width.js'
import {fitText} from '../cli/text-width.js'
import {formatPoints} from '../core/points.js'
import type {Standings} from '../core/standings.js'
import type {MemberView} from '../core/views.js'

/** The member's standing in the current season, beside their all-time total; null when no season was started. */
interface SeasonStanding {
  name: string
  points: number
  rank: number
}

export default class Score extends CcpCommand {
  static args = {
    name: Args.string({description: 'The member to look up.', required: true}),
  }

  static description = `Show one member's all-time points and rank.
During a season it also shows the points gained in the season, which ccp list ranks by.`

  static examples = ['<%= config.bin %> <%= command.id %> alice']

  async run(): Promise<MemberView & {season: null | SeasonStanding}> {
    const {args, flags} = await this.parse(Score)
    const ledger = this.openLedger(flags.db, 'read')
    const member = ledger.score({name: args.name})
    const season = ledger.seasons().length === 0 ? null : seasonStanding(ledger.standingsIn({}), member.name)
    const inSeason = season ? ` In season ${JSON.stringify(season.name)}: ${formatPoints(season.points)} points, rank ${season.rank}.` : ''
    this.log(fitText(`${member.name}: ${formatPoints(member.points)} points all-time, rank ${member.rank} (${member.tier}).${inSeason}`, outputWidth()))
    return {...member, season}
  }
}

function seasonStanding({rows, scope}: Standings, name: string): null | SeasonStanding {
  const row = rows.find((standing) => standing.name === name)
  return scope.kind === 'season' && row ? {name: scope.name, points: row.points, rank: row.rank} : null
}
