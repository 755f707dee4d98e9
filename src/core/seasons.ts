import {RuleError} from './errors.js'

/** A season's name: 1 to 32 printable characters, spaces allowed ("Spring 2026"). */
export function checkSeasonName(input: string): string {
  const name = input.trim()
  if (name === '' || [...name].length > 32 || /\p{C}/u.test(name)) {
    throw new RuleError('INVALID_SEASON', 'A season name is 1 to 32 printable characters, like "Spring 2026".')
  }

  return name
}
