import {editDistance} from '../edit-distance.js'
import {USAGE, type UsageKey} from './grammar.js'

/**
 * The subcommand a mistyped word was probably meant as, or null. Close means at most one slip (a letter left
 * out, added, changed, or two swapped) per four letters of the subcommand, so `top` (three letters) is never
 * guessed: every three-letter name would be one slip from it. Ties go to the subcommand help lists first.
 */
export function closestSubcommand(word: string): null | UsageKey {
  const typed = word.toLowerCase()
  let best: null | UsageKey = null
  let bestDistance = Infinity
  for (const key of Object.keys(USAGE) as UsageKey[]) {
    const allowed = Math.floor(key.length / 4)
    if (typed === key || Math.abs(typed.length - key.length) > allowed) continue
    const distance = editDistance(typed, key)
    if (distance <= allowed && distance < bestDistance) {
      best = key
      bestDistance = distance
    }
  }

  return best
}
