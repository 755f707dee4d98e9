import {UsageError} from '../errors.js'

/** A wall-clock time in some zone: month 1–12, weekday 0 (Sunday) to 6. */
export interface LocalTime {
  day: number
  hour: number
  minute: number
  month: number
  year: number
}

const formats = new Map<string, Intl.DateTimeFormat>()

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {day: 'numeric', hour: 'numeric', hourCycle: 'h23', minute: 'numeric', month: 'numeric', timeZone: zone, year: 'numeric'})
    formats.set(zone, format)
  }

  return format
}

/** The zone the host runs in (what `recap.timezone` means when it is empty). */
export function hostTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone
}

/**
 * An IANA zone name as Intl spells it (`europe/berlin` is `Europe/Berlin`), checked against the zones this Node
 * knows; empty means the host's. A fixed offset like +01:00 is refused: it knows no daylight saving.
 */
export function parseTimeZone(text: string): string {
  const zone = text.trim()
  if (zone === '') return hostTimeZone()
  let canonical: string | undefined
  try {
    canonical = formatIn(zone).resolvedOptions().timeZone
  } catch {
    canonical = undefined
  }

  if (canonical === undefined || /^[+-]/u.test(canonical)) {
    throw new UsageError('INVALID_TIMEZONE', `${JSON.stringify(text)} is not a time zone; write an IANA name like Europe/Berlin or America/New_York.`)
  }

  return canonical
}

/** The value `recap.timezone` stores: the zone's canonical name, or empty (the host's zone, wherever the bot runs). */
export function storedTimeZone(text: string): string {
  return text.trim() === '' ? '' : parseTimeZone(text)
}

/** The wall-clock time at `instant` in `zone`. */
export function localTimeAt(instant: number, zone: string): LocalTime {
  const parts: Record<string, number> = {}
  for (const {type, value} of formatIn(zone).formatToParts(instant)) parts[type] = Number(value)
  return {day: parts.day, hour: parts.hour, minute: parts.minute, month: parts.month, year: parts.year}
}

/** Days since the epoch as a calendar sees them, ignoring zones: the arithmetic for "a day earlier". */
function wallMs(time: LocalTime): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute)
}

/** The wall-clock time `days` and `months` away from `time`, by the calendar (31 Jan + 1 month is 3 Mar). */
export function addToLocal(time: LocalTime, {days = 0, months = 0}: {days?: number; months?: number}): LocalTime {
  const moved = new Date(Date.UTC(time.year, time.month - 1 + months, time.day + days, time.hour, time.minute))
  return {day: moved.getUTCDate(), hour: moved.getUTCHours(), minute: moved.getUTCMinutes(), month: moved.getUTCMonth() + 1, year: moved.getUTCFullYear()}
}

/** How many days month 1–12 of `year` has. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** 0 for Sunday to 6 for Saturday. */
export function weekdayOf(time: LocalTime): number {
  return new Date(Date.UTC(time.year, time.month - 1, time.day)).getUTCDay()
}

function offsetAt(instant: number, zone: string): number {
  const minute = Math.floor(instant / 60_000) * 60_000
  return wallMs(localTimeAt(minute, zone)) - minute
}

/**
 * The instant a wall-clock time happens in `zone`. A time that happens twice (clocks go back) is the first;
 * one that never happens (clocks go forward) is moved on by the length of the gap, as Temporal's "compatible" does.
 */
export function instantOf(time: LocalTime, zone: string): number {
  const wall = wallMs(time)
  const before = offsetAt(wall - 86_400_000, zone)
  const after = offsetAt(wall + 86_400_000, zone)
  const candidates = [wall - before, wall - after].filter((instant) => wallMs(localTimeAt(instant, zone)) === wall)
  return candidates.length > 0 ? Math.min(...candidates) : wall - before
}
