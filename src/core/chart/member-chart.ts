import {hideIdentities} from '../identity.js'
import {shownName} from '../names.js'
import type {LedgerStore, MemberRecord} from '../ports.js'
import type {Tier} from '../tiers.js'
import type {MemberChart} from './series.js'
import {withoutIdentities} from './without-identities.js'

/**
 * A member's total after each of their entries (awards, undos, imports), oldest first, from 0 when they were
 * added: each entry is a step at its own time, so an undo steps back when it was made, not when the award was.
 * The last total lasts until `now`, when the chart was asked for.
 */
export function memberChart(store: LedgerStore, member: MemberRecord, options: {now: number; tiers: Tier[]}): MemberChart {
  // By time, then as appended: a queued chat award is dated when it arrived, which may be before an entry appended earlier.
  const entries = store.entries({memberId: member.id}).reverse().sort((a, b) => a.createdAt - b.createdAt)
  // An imported entry may be older than the member's row; the line still starts at 0 before the first step.
  const start = Math.min(member.createdAt, entries[0]?.createdAt ?? member.createdAt)
  let total = 0
  const steps = [{at: start, total}]
  for (const entry of entries) {
    total += entry.points
    steps.push({at: entry.createdAt, total})
  }

  const name = hideIdentities(shownName(member.name))
  return withoutIdentities({kind: 'member', name, steps, tiers: options.tiers, title: `Points of ${name} over time`, until: Math.max(options.now, steps[steps.length - 1].at)})
}
