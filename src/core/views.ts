import {actorLabel} from './actor.js'
import {shownName} from './names.js'
import {shownReason} from './reason.js'
import type {EntryRecord, EntrySource, MemberRecord} from './ports.js'

/**
 * The shapes every driver presents and `--json` prints. Names and reasons in them are as shown
 * (hidden characters visible, bidi controls gone), and people are named, never numbered.
 */
export interface MemberView {
  name: string
  number: string | null
  points: number
  rank: number
  /** The named tier of the member's total. */
  tier: string
  uuid: string | null
}

export interface StandingView {
  name: string
  points: number
  rank: number
  tier: string
}

export interface EntryView {
  actor: string
  createdAt: string
  id: number
  name: string
  points: number
  reason: string | null
  source: EntrySource
  undoes: number | null
  undoneBy: number | null
}

export interface AwardView extends EntryView {
  /** The tier before this entry, when it moved the member to another one. */
  previousTier: null | string
  rank: number
  tier: string
  total: number
}

export function memberView(member: MemberRecord, rank: number, tier: string): MemberView {
  return {name: shownName(member.name), number: member.number, points: member.points, rank, tier, uuid: member.uuid}
}

/** `actorMember`: the name of the member bound to the entry's actor, if any (see `actorLabel`). */
export function entryView(entry: EntryRecord, actorMember?: null | string): EntryView {
  return {
    actor: actorLabel(entry.actor, actorMember),
    createdAt: new Date(entry.createdAt).toISOString(),
    id: entry.id,
    name: shownName(entry.memberName),
    points: entry.points,
    reason: shownReason(entry.reason),
    source: entry.source,
    undoes: entry.undoes,
    undoneBy: entry.undoneBy,
  }
}

/**
 * Competition ranking ("1224"): members with equal points share a rank. `rows` must be ordered
 * highest first. The tier comes from each member's all-time `total`.
 */
export function rankStandings(rows: {name: string; points: number; total: number}[], tierOf: (total: number) => string): StandingView[] {
  let rank = 0
  let previous: number | undefined
  return rows.map((row, index) => {
    if (row.points !== previous) rank = index + 1
    previous = row.points
    return {name: shownName(row.name), points: row.points, rank, tier: tierOf(row.total)}
  })
}
