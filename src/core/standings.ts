import {RuleError} from './errors.js'
import {nameKey} from './names.js'
import type {LedgerStore} from './ports.js'
import {type Tier, tierOf} from './tiers.js'
import {rankStandings, type StandingView} from './views.js'

/**
 * Which standings: all time (totals), one season by name, or a window since a time. Without any, the
 * current season once one was started, else all time.
 */
export interface StandingsScope {allTime?: boolean; season?: string; since?: number}

export type ResolvedScope = {kind: 'all-time'} | {kind: 'season'; name: string; since: number; until: null | number} | {kind: 'window'; since: number}

export interface Standings {
  rows: StandingView[]
  scope: ResolvedScope
}

export function standingsOf(store: LedgerStore, scope: StandingsScope, options: {limit?: number; now: number; tiers: Tier[]}): Standings {
  const resolved = resolveScope(store, scope)
  const tier = (total: number): string => tierOf(total, options.tiers)
  if (resolved.kind === 'all-time') {
    return {rows: rankStandings(store.allTimeStandings(options.limit), tier), scope: resolved}
  }

  const until = resolved.kind === 'season' && resolved.until !== null ? resolved.until : Number.MAX_SAFE_INTEGER
  return {rows: rankStandings(store.windowStandings(resolved.since, until, options.limit), tier), scope: resolved}
}

function resolveScope(store: LedgerStore, scope: StandingsScope): ResolvedScope {
  if (scope.allTime) return {kind: 'all-time'}
  if (scope.since !== undefined) return {kind: 'window', since: scope.since}
  const seasons = store.seasons()
  if (scope.season === undefined) {
    const current = seasons.at(-1)
    return current ? {kind: 'season', name: current.name, since: current.startedAt, until: null} : {kind: 'all-time'}
  }

  const index = seasons.findIndex((season) => nameKey(season.name) === nameKey(scope.season!.trim()))
  if (index === -1) {
    const known = seasons.length === 0 ? 'none was started yet' : `the seasons are ${seasons.map((season) => season.name).join(', ')}`
    throw new RuleError('UNKNOWN_SEASON', `There is no season ${JSON.stringify(scope.season)}; ${known}.`)
  }

  return {kind: 'season', name: seasons[index].name, since: seasons[index].startedAt, until: seasons[index + 1]?.startedAt ?? null}
}
