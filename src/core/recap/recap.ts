import {signedPoints} from '../points.js'
import type {LedgerStore} from '../ports.js'
import {type Tier, tierOf} from '../tiers.js'
import {rankStandings, type StandingView} from '../views.js'
import {shownName} from '../names.js'
import type {RecapPeriod} from './period.js'

interface TierChangeView {
  from: string
  name: string
  to: string
}

/** What a recap says about a period; people by name only. */
export interface RecapView {
  awards: number
  /** The member who lost the most in the period, if anyone lost points. */
  biggestFall: null | {name: string; points: number}
  givers: number
  /** Those who gained the most, highest first (at most `top`, only gains above 0). */
  gainers: StandingView[]
  period: RecapPeriod
  tierChanges: TierChangeView[]
}

/** The recap of a complete period, read in one consistent view of the store. */
export function computeRecap(store: LedgerStore, period: RecapPeriod, options: {tiers: Tier[]; top: number}): RecapView {
  return store.readTransaction(() => {
    const since = new Map(store.windowStandings(period.to, Number.MAX_SAFE_INTEGER).map((row) => [row.key, row.points]))
    // Totals as they stood when the period ended, so that a recap of an older period shows that period's tiers.
    const inPeriod = store.windowStandings(period.from, period.to).map((row) => ({...row, total: row.total - (since.get(row.key) ?? 0)}))
    const tier = (total: number): string => tierOf(total, options.tiers)
    const gainers = rankStandings(inPeriod.filter((row) => row.points > 0).slice(0, options.top), tier)
    const falls = inPeriod.filter((row) => row.points < 0).sort((a, b) => a.points - b.points || a.key.localeCompare(b.key))
    const tierChanges = inPeriod.flatMap((row) => {
      const before = tier(row.total - row.points)
      const after = tier(row.total)
      return before === after ? [] : [{from: before, name: shownName(row.name), to: after}]
    })
    return {
      ...store.awardActivity(period.from, period.to),
      biggestFall: falls[0] ? {name: shownName(falls[0].name), points: falls[0].points} : null,
      gainers,
      period,
      tierChanges,
    }
  })
}

// Made when first needed: the first Intl object of a process costs some 10 ms, which every command would pay at start.
let utcDate: Intl.DateTimeFormat | undefined
let utcMonth: Intl.DateTimeFormat | undefined

/** "the week from Mon 16 Nov 2026", "Mon 23 Nov 2026", "November 2026": the period's own calendar dates. */
export function periodLabel(period: RecapPeriod): string {
  const [year, month, day] = period.key.split(' ')[1].split('-').map(Number) as [number, number, number]
  const first = Date.UTC(year, month - 1, day)
  if (period.kind === 'month') return (utcMonth ??= new Intl.DateTimeFormat('en-GB', {month: 'long', timeZone: 'UTC', year: 'numeric'})).format(first)
  utcDate ??= new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', timeZone: 'UTC', weekday: 'short', year: 'numeric'})
  const date = utcDate.formatToParts(first).filter((part) => part.type !== 'literal').map((part) => part.value).join(' ')
  return period.kind === 'week' ? `the week from ${date}` : date
}

export function recapText(recap: RecapView): string {
  const lines = [`Recap of ${periodLabel(recap.period)}:`]
  if (recap.awards === 0 && recap.gainers.length === 0 && recap.biggestFall === null) return `${lines[0]} no points changed hands.`
  if (recap.gainers.length > 0) lines.push('Top gainers:', ...recap.gainers.map((row) => `${row.rank}. ${row.name}: ${signedPoints(row.points)} (${row.tier})`))
  if (recap.biggestFall) lines.push(`Biggest fall: ${recap.biggestFall.name}, ${signedPoints(recap.biggestFall.points)}.`)
  lines.push(`${recap.awards} ${recap.awards === 1 ? 'award' : 'awards'} from ${recap.givers} ${recap.givers === 1 ? 'giver' : 'givers'}.`)
  if (recap.tierChanges.length > 0) lines.push(`Tier changes: ${recap.tierChanges.map((change) => `${change.name} ${change.from} → ${change.to}`).join(', ')}.`)
  return lines.join('\n')
}
