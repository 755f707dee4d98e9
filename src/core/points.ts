import {RuleError, UsageError} from './errors.js'
import {quote} from './names.js'

export const MAX_AWARD = 1_000_000
/** Totals stay exactly representable as JavaScript numbers (and so in JSON). */
export const MAX_TOTAL = Number.MAX_SAFE_INTEGER

const WHOLE_NUMBER = /^[+-]?[0-9]+$/

/**
 * Reads points as written by a person: "5", "-3", "+10". Decimals, exponents, hex and words are refused. A
 * number past ±2^53 comes back rounded: checkAwardPoints refuses it without echoing the rounded value.
 */
export function parsePoints(text: string): number {
  const value = text.trim()
  if (!WHOLE_NUMBER.test(value)) {
    throw new UsageError('INVALID_POINTS', `Points must be a whole number such as 5 or -3, not ${quote(value)}.`)
  }

  return Number(value)
}

/**
 * parsePoints for the operator's command line, where a number too large to hold exactly is refused as out of
 * range echoing what was typed. (A chat reply never echoes a long run of digits: it could be a phone number.)
 */
export function parseTypedPoints(text: string): number {
  const points = parsePoints(text)
  if (!Number.isSafeInteger(points)) throw awardOutOfRange(text.trim())
  return points
}

export function checkAwardPoints(points: number): void {
  if (!isAwardSize(points)) throw awardOutOfRange(exactText(points))
}

export function isAwardSize(points: number): boolean {
  return Number.isSafeInteger(points) && points !== 0 && Math.abs(points) <= MAX_AWARD
}

/** The bounds of one award, as a sentence without the number given (which, in a chat, could be a phone number). */
export const AWARD_RANGE = `An award is a whole number from ${formatPoints(-MAX_AWARD)} to ${formatPoints(MAX_AWARD)}, and not 0`

function awardOutOfRange(shown: string): RuleError {
  return new RuleError('OUT_OF_RANGE', `${AWARD_RANGE}; got ${shown}.`)
}

/**
 * A number as a person can check it: grouped by threes while it is exact. Beyond ±MAX_TOTAL a number read
 * from JSON or CSV is already rounded, so it is not echoed (it would not be what was written).
 */
function exactText(points: number): string {
  if (Number.isSafeInteger(points)) return formatPoints(points)
  if (Number.isInteger(points)) return `a number beyond ±${formatPoints(MAX_TOTAL)}`
  return String(points)
}

export function checkTotal(name: string, total: number): void {
  if (!Number.isSafeInteger(total) || Math.abs(total) > MAX_TOTAL) throw beyondTotal(name)
}

/**
 * `total + points`, for every total ccp stores (awards, undos, imports): added as integers, so that a sum
 * past ±MAX_TOTAL is refused and never rounded into range by floating point.
 */
export function addToTotal(name: string, total: number, points: number): number {
  checkTotal(name, total)
  if (!Number.isSafeInteger(points)) throw beyondTotal(name)
  const sum = BigInt(total) + BigInt(points)
  if (sum > BigInt(MAX_TOTAL) || sum < -BigInt(MAX_TOTAL)) throw beyondTotal(name)
  return Number(sum)
}

/** What must be added to `from` to reach `to`, both totals; exact, so within the award bounds or refused. */
export function pointsBetween(from: number, to: number): number {
  const difference = BigInt(to) - BigInt(from)
  if (difference > BigInt(MAX_AWARD) || difference < -BigInt(MAX_AWARD)) {
    throw new RuleError('OUT_OF_RANGE', `An entry is a whole number from ${formatPoints(-MAX_AWARD)} to ${formatPoints(MAX_AWARD)}; this one would be ${formatPoints(difference)}.`)
  }

  return Number(difference)
}

function beyondTotal(name: string): RuleError {
  return new RuleError('OUT_OF_RANGE', `That would take ${name}'s total beyond ±${formatPoints(MAX_TOTAL)} points, the most ccp stores exactly.`)
}

/** "-1,234,567": digits grouped by threes. Points are whole numbers, so no Intl (whose first use costs a CLI ~5 ms). */
export function formatPoints(points: bigint | number): string {
  const grouped = String(points < 0 ? -points : points).replace(/\B(?=(\d{3})+$)/g, ',')
  return points < 0 ? `-${grouped}` : grouped
}

/** Points with their sign: "+1,000", "-3"; `format` writes the digits (chat replies keep them ungrouped, as the original bot did). */
export function signedPoints(points: number, format: (points: number) => string = formatPoints): string {
  return points > 0 ? `+${format(points)}` : format(points)
}
