import {actorLabel} from './actor.js'
import type {EntryRecord, EntrySource, MemberRecord} from './ports.js'

/** The shapes every driver presents and `--json` prints. */
export interface MemberView {
  name: string
  number: string | null
  points: number
  rank: number
  uuid: string | null
}

export interface StandingView {
  name: string
  points: number
  rank: number
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
  rank: number
  total: number
}

export function memberView(member: MemberRecord, rank: number): MemberView {
  return {name: member.name, number: member.number, points: member.points, rank, uuid: member.uuid}
}

export function entryView(entry: EntryRecord): EntryView {
  return {
    actor: actorLabel(entry.actor),
    createdAt: new Date(entry.createdAt).toISOString(),
    id: entry.id,
    name: entry.memberName,
    points: entry.points,
    reason: entry.reason,
    source: entry.source,
    undoes: entry.undoes,
    undoneBy: entry.undoneBy,
  }
}

/**
 * Competition ranking ("1224"): members with equal totals share a rank. `members` must be ordered
 * highest first; `above` is how many members outrank the first one.
 */
export function rankStandings(members: MemberRecord[], above = 0): StandingView[] {
  let rank = above
  let previous: number | undefined
  return members.map((member, index) => {
    if (member.points !== previous) rank = above + index + 1
    previous = member.points
    return {name: member.name, points: member.points, rank}
  })
}
