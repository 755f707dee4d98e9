import {RuleError} from './errors.js'
import {MAX_NAME_LENGTH} from './names.js'

/** A season's name: 1 to MAX_NAME_LENGTH printable characters, spaces allowed ("Spring 2026"). */
export function checkSeasonName(input: string): string {
  const name = input.trim()
  if (name === '' || [...name].length > MAX_NAME_LENGTH || /\p{C}/u.test(name)) {
    throw new RuleError('INVALID_SEASON', `A season name is 1 to ${MAX_NAME_LENGTH} printable characters, like "Spring 2026".`)
  }

  return name
}
