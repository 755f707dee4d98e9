import type {RecapSchedule} from './schedule.js'
import {addToLocal, daysInMonth, instantOf, type LocalTime, localTimeAt, weekdayOf} from './zoned-time.js'

export type PeriodKind = 'day' | 'month' | 'week'

/** A complete calendar period in a zone: [from, to) as instants, and a key that names it once and for all. */
export interface RecapPeriod {
  from: number
  /** Like `week 2026-11-16`: the kind and its first day; the store records it once posted. */
  key: string
  kind: PeriodKind
  to: number
}

/** What `ccp recap --period` accepts. */
export const PERIOD_NAMES: Record<string, PeriodKind> = {'last-month': 'month', 'last-week': 'week', yesterday: 'day'}

const SCHEDULE_PERIOD = {daily: 'day', monthly: 'month', weekly: 'week'} as const

/** The kind of period a schedule posts the recap of; none when it is off. */
export function scheduledPeriodKind(schedule: RecapSchedule): PeriodKind | undefined {
  return schedule.kind === 'off' ? undefined : SCHEDULE_PERIOD[schedule.kind]
}

/** The first day of the period (of `kind`, weeks from Monday) that `time` falls in, at midnight. */
function startOfPeriod(kind: PeriodKind, time: LocalTime): LocalTime {
  const midnight = {...time, hour: 0, minute: 0}
  if (kind === 'day') return midnight
  if (kind === 'week') return addToLocal(midnight, {days: -((weekdayOf(time) + 6) % 7)})
  return {...midnight, day: 1}
}

function step(kind: PeriodKind, count: number): {days?: number; months?: number} {
  if (kind === 'month') return {months: count}
  return {days: kind === 'week' ? 7 * count : count}
}

/** The last period of `kind` that is complete at `instant` in `zone`. */
export function lastCompletePeriod(kind: PeriodKind, instant: number, zone: string): RecapPeriod {
  const current = startOfPeriod(kind, localTimeAt(instant, zone))
  const start = addToLocal(current, step(kind, -1))
  const date = `${start.year}-${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')}`
  return {from: instantOf(start, zone), key: `${kind} ${date}`, kind, to: instantOf(current, zone)}
}

type Schedule = Exclude<RecapSchedule, {kind: 'off'}>

/** The latest moment at or before `instant` that the schedule names, in `zone`. */
export function lastScheduledTime(schedule: Schedule, instant: number, zone: string): number {
  const now = localTimeAt(instant, zone)
  for (let back = 0; ; back++) {
    const at = instantOf(scheduledWallTime(schedule, now, back), zone)
    if (at <= instant) return at
  }
}

/** The wall-clock time the schedule names in the day, week or month of `now`, or in the one `back` before it. */
function scheduledWallTime(schedule: Schedule, now: LocalTime, back: number): LocalTime {
  const sameDay = {...now, ...schedule.at}
  if (schedule.kind === 'daily') return addToLocal(sameDay, {days: -back})
  if (schedule.kind === 'weekly') return addToLocal(sameDay, {days: -((weekdayOf(now) - schedule.weekday + 7) % 7) - 7 * back})
  // "monthly 31" is the last day of a shorter month: counted from the 1st, so that no month is skipped.
  const month = addToLocal({...sameDay, day: 1}, {months: -back})
  return {...month, day: Math.min(schedule.day, daysInMonth(month.year, month.month))}
}

/**
 * The recap due at `instant`: the period complete at the last scheduled moment. It stays due until the next
 * scheduled moment, so a bot that was down posts it when it comes back, and never an older one after that.
 * `since`, when the schedule (or its zone) was set: a moment before it is not one the schedule named, so a
 * schedule set at 15:00 for "daily 09:00" posts first the next day, not at once.
 */
export function dueRecap(schedule: RecapSchedule, instant: number, zone: string, since = Number.NEGATIVE_INFINITY): RecapPeriod | undefined {
  if (schedule.kind === 'off') return undefined
  const moment = lastScheduledTime(schedule, instant, zone)
  if (moment < since) return undefined
  return lastCompletePeriod(SCHEDULE_PERIOD[schedule.kind], moment, zone)
}

/** The next scheduled moment after `instant`, for the bot's timer. */
export function nextScheduledTime(schedule: Schedule, instant: number, zone: string): number {
  // Far enough ahead to pass the next moment of any schedule (a month and a bit), then walk back.
  let probe = instant + 32 * 86_400_000
  let next = lastScheduledTime(schedule, probe, zone)
  while (next > instant) {
    probe = next - 1
    const earlier = lastScheduledTime(schedule, probe, zone)
    if (earlier <= instant) return next
    next = earlier
  }

  return next
}
