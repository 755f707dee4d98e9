import {UsageError} from './errors.js'
import {looksLikeIdentity} from './identity.js'
import {MAX_NAME_LENGTH} from './names.js'

/** A named tier: a total of `threshold` or more (up to the next tier) earns `name`. */
export interface Tier {
  name: string
  threshold: number
}

export const DEFAULT_TIERS: Tier[] = [
  {name: 'Enemy of the State', threshold: -1000},
  {name: 'Reeducation Candidate', threshold: -100},
  {name: 'Citizen', threshold: 0},
  {name: 'Model Citizen', threshold: 100},
  {name: 'Party Member', threshold: 500},
  {name: 'Glorious Comrade', threshold: 1000},
]

/** The tier of a total; below the lowest threshold is still the lowest tier. */
export function tierOf(total: number, tiers: readonly Tier[]): string {
  let tier = tiers[0]
  for (const candidate of tiers) if (total >= candidate.threshold) tier = candidate
  return tier.name
}

/** Reads "-100:Reeducation Candidate, 0:Citizen, 100:Model Citizen" (any order), lowest first. */
export function parseTiers(text: string): Tier[] {
  const pairs = text.split(',').map((pair) => pair.trim()).filter(Boolean)
  if (pairs.length === 0 || pairs.length > 20) throw new UsageError('INVALID_TIERS', 'Give 1 to 20 tiers as threshold:name pairs, like 0:Citizen,100:Model Citizen.')
  const tiers = pairs.map((pair) => {
    const match = /^([+-]?\d+)\s*:\s*(.+)$/.exec(pair)
    if (!match || !Number.isSafeInteger(Number(match[1]))) throw new UsageError('INVALID_TIERS', `${JSON.stringify(pair)} is not a threshold:name pair like 100:Model Citizen.`)
    const name = match[2].trim()
    if ([...name].length > MAX_NAME_LENGTH || /[\p{C}:]/u.test(name)) throw new UsageError('INVALID_TIERS', `Tier name ${JSON.stringify(name)} must be at most ${MAX_NAME_LENGTH} printable characters without ":".`)
    return {name, threshold: Number(match[1])}
  })
  tiers.sort((a, b) => a.threshold - b.threshold)
  const repeated = tiers.find((tier, i) => i > 0 && tier.threshold === tiers[i - 1].threshold)
  if (repeated) throw new UsageError('INVALID_TIERS', `Two tiers start at ${repeated.threshold}; give each threshold once.`)
  return tiers
}

/**
 * Tiers as a new value to store: as parseTiers reads them, and no name may hold a phone number or UUID (they are
 * shown in replies and on charts). Stored tiers of an older ccp are still read, and shown with such text hidden.
 */
export function parseNewTiers(text: string): Tier[] {
  const tiers = parseTiers(text)
  if (tiers.some((tier) => looksLikeIdentity(tier.name))) throw new UsageError('INVALID_TIERS', 'A tier name cannot hold a phone number or a UUID; drop the long number.')
  return tiers
}

export function formatTiers(tiers: readonly Tier[]): string {
  return tiers.map((tier) => `${tier.threshold}:${tier.name}`).join(',')
}

/** " bob rises to Model Citizen." when an entry moved someone to another tier, else "". */
export function tierChange(entry: {name: string; points: number; previousTier: null | string; tier: string}): string {
  if (!entry.previousTier) return ''
  return ` ${entry.name} ${entry.points > 0 ? 'rises' : 'falls'} to ${entry.tier}.`
}
