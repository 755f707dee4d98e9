import {RuleError} from './errors.js'
import {looksLikeIdentity} from './identity.js'
import {MAX_NAME_LENGTH} from './names.js'

/** A season's name: 1 to MAX_NAME_LENGTH printable characters, spaces allowed ("Spring 2026"). */
export function checkSeasonName(input: string): string {
  const name = input.trim()
  if (name === '' || [...name].length > MAX_NAME_LENGTH || /\p{C}/u.test(name)) {
    throw new RuleError('INVALID_SEASON', `A season name is 1 to ${MAX_NAME_LENGTH} printable characters, like "Spring 2026".`)
  }

  // Shown in every title of its standings, in the chat and on charts.
  if (looksLikeIdentity(name)) throw new RuleError('INVALID_SEASON', 'A season name cannot hold a phone number or a UUID; drop the long number.')
  return name
}
