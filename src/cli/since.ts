import {UsageError} from '../core/errors.js'

const UNITS: Record<string, number> = {d: 86_400_000, h: 3_600_000, w: 604_800_000}

/** Reads `7d`, `30d`, `12h`, `2w` (back from now) or `2026-11-01` (that day's local midnight). */
export function parseSince(text: string, now: number): number {
  const value = text.trim()
  const relative = /^(\d+)([dhw])$/.exec(value)
  if (relative) return now - Number(relative[1]) * UNITS[relative[2]]
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (date) {
    const time = localMidnight(Number(date[1]), Number(date[2]), Number(date[3]))

    if (Number.isNaN(time) || new Date(time).getDate() !== Number(date[3])) throw new UsageError('INVALID_SINCE', `${value} is not a date.`)
    if (time > now) throw new UsageError('INVALID_SINCE', `${value} is in the future.`)
    return time
  }

  throw new UsageError('INVALID_SINCE', `--since takes 7d, 30d, 12h, 2w or a date like 2026-11-01, not ${JSON.stringify(value)}.`)
}

/** That day's local midnight; setFullYear, not the Date constructor, which reads the years 0 to 99 as 1900 to 1999. */
function localMidnight(year: number, month: number, day: number): number {
  const midnight = new Date(0)
  midnight.setFullYear(year, month - 1, day)
  return midnight.setHours(0, 0, 0, 0)
}
