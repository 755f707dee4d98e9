import {shownName} from './names.js'
import type {EntryRecord, MemberRecord} from './ports.js'

export interface MemberStats {
  given: number
  name: string
  received: number
}

export interface WeekStats {
  awards: number
  /** Points moved, up and down together. */
  moved: number
  /** The Monday the week starts on (UTC), YYYY-MM-DD. */
  week: string
}

export interface StatsView {
  /** Awards in effect, by how they were given: typed (a command, at the terminal or in the chat, or imported) or by a chat reaction. */
  awards: {reactions: number; typed: number}
  members: MemberStats[]
  mostGenerous: null | {given: number; name: string}
  mostPunished: null | {name: string; taken: number}
  weeks: WeekStats[]
}

const WEEK = 7 * 86_400_000

/**
 * Who gave and received what, from awards still in effect (an award and its undo cancel out):
 * points given by each member (as a chat sender, matched by identity), points received, the most
 * generous and the most punished, and activity over the last `weeks` weeks.
 */
export function computeStats(members: MemberRecord[], entries: EntryRecord[], now: number, weeks = 8): StatsView {
  const effective = entries.filter((entry) => entry.source !== 'undo' && entry.undoneBy === null)
  const present = members.filter((member) => member.removedAt === null)
  const rows = present.map((member) => {
    const received = effective.filter((entry) => entry.memberId === member.id)
    const given = effective.filter(
      (entry) => entry.actor.kind === 'chat' && ((member.uuid && entry.actor.uuid === member.uuid) || (member.number && entry.actor.number === member.number)),
    )
    return {
      given: sum(given.map((entry) => entry.points)),
      name: shownName(member.name),
      received: sum(received.map((entry) => entry.points)),
      taken: sum(received.filter((entry) => entry.points < 0).map((entry) => entry.points)),
    }
  })
  const generous = [...rows].sort((a, b) => b.given - a.given)[0]
  const punished = [...rows].sort((a, b) => a.taken - b.taken)[0]
  const reactions = effective.filter((entry) => entry.source === 'reaction').length
  return {
    awards: {reactions, typed: effective.length - reactions},
    members: rows.map(({given, name, received}) => ({given, name, received})),
    mostGenerous: generous && generous.given > 0 ? {given: generous.given, name: generous.name} : null,
    mostPunished: punished && punished.taken < 0 ? {name: punished.name, taken: punished.taken} : null,
    weeks: weekly(effective, now, weeks),
  }
}

function weekly(entries: EntryRecord[], now: number, count: number): WeekStats[] {
  const thisWeek = mondayOf(now)
  return Array.from({length: count}, (_, i) => {
    const start = thisWeek - (count - 1 - i) * WEEK
    const inWeek = entries.filter((entry) => entry.createdAt >= start && entry.createdAt < start + WEEK)
    return {awards: inWeek.length, moved: sum(inWeek.map((entry) => Math.abs(entry.points))), week: new Date(start).toISOString().slice(0, 10)}
  })
}

function mondayOf(time: number): number {
  const day = new Date(time)
  day.setUTCHours(0, 0, 0, 0)
  return day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
