import {RuleError} from './errors.js'
import {looksLikeIdentity} from './identity.js'
import {MAX_NAME_LENGTH} from './names.js'

/**
 * A new season's name: 1 to MAX_NAME_LENGTH printable characters, spaces allowed ("Spring 2026"), and nothing
 * that could be a phone number or a UUID: it is shown in every title of its standings, in the chat and on charts.
 */
export function checkSeasonName(input: string): string {
  const name = checkStoredSeasonName(input)
  if (looksLikeIdentity(name)) throw new RuleError('INVALID_SEASON', 'A season name cannot hold a phone number or a UUID; drop the long number.')
  return name
}

/**
 * A season's name read from an export: what older ccp accepted ("2025-2026" looks like a phone number now), so that a
 * database's export imports again; titles hide what could be a number.
 */
export function checkStoredSeasonName(input: string): string {
  const name = input.trim()
  if (name === '' || [...name].length > MAX_NAME_LENGTH || /\p{C}/u.test(name)) {
    throw new RuleError('INVALID_SEASON', `A season name is 1 to ${MAX_NAME_LENGTH} printable characters, like "Spring 2026".`)
  }

  return name
}
