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
    const distance = slips(typed, key)
    if (distance <= allowed && distance < bestDistance) {
      best = key
      bestDistance = distance
    }
  }

  return best
}

/** Edits between a and b: insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
function slips(a: string, b: string): number {
  const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1)
    }
  }

  return rows[a.length][b.length]
}
