import {RuleError, UsageError} from '../errors.js'
import type {LedgerStore} from '../ports.js'
import {type StandingsScope, standingsOf} from '../standings.js'
import {standingsTitle} from '../standings-title.js'
import type {Tier} from '../tiers.js'
import {type ChatWindow, windowDays, WINDOWS} from '../windows.js'
import type {StandingsChart} from './series.js'
import {withoutIdentities} from './without-identities.js'

export const DEFAULT_CHART_TOP = 10
export const MAX_CHART_TOP = 50

/**
 * Which standings a chart draws: a scope as `ccp list` takes it (all time, a season, since a time, or by default the
 * current season), or a named window of the chat; and how many bars.
 */
export interface StandingsChartRequest extends StandingsScope {
  /** 1 to 50; default 10. */
  top?: number
  window?: ChatWindow
}

/** The top members of the standings in rank order, each with the tier of their all-time total; refused when there is nobody to draw. */
export function standingsChart(store: LedgerStore, request: StandingsChartRequest, options: {now: number; tiers: Tier[]}): StandingsChart {
  const top = checkTop(request.top)
  const since = request.window === undefined ? request.since : options.now - WINDOWS[request.window]
  const {rows, scope} = standingsOf(store, {allTime: request.allTime, season: request.season, since}, {limit: top, now: options.now, tiers: options.tiers})
  if (rows.length === 0) throw new RuleError('NO_MEMBERS', 'There is nobody to chart: no members yet.')
  const title = request.window === undefined ? standingsTitle(scope) : `Points gained this ${request.window} (last ${windowDays(request.window)} days)`
  return withoutIdentities({bars: rows.map(({name, points, tier}) => ({name, points, tier})), kind: 'standings', tiers: options.tiers, title})
}

function checkTop(top: number | undefined): number {
  if (top === undefined) return DEFAULT_CHART_TOP
  if (!Number.isSafeInteger(top) || top < 1 || top > MAX_CHART_TOP) {
    throw new UsageError('INVALID_TOP', `A chart shows 1 to ${MAX_CHART_TOP} members, not ${top}.`)
  }

  return top
}
