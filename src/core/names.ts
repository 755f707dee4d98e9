import {RuleError} from './errors.js'

export const MAX_NAME_LENGTH = 32

/** Words the chat grammar reads as commands; a member with such a name could never be addressed. */
export const RESERVED_NAMES = ['adduser', 'gloriousleader', 'help', 'history', 'listall', 'score', 'top', 'undo'] as const

// Control, format, private-use, unassigned and separator characters, the mention placeholder U+FFFC,
// and letters that render as blank space. The zero-width joiner stays allowed: emoji sequences need it.
const UNPRINTABLE = /(?!\u200D)[\p{C}\p{Z}\uFFFC\u115F\u1160\u3164\uFFA0\u2800]/u
const NUMBER_LIKE = /^[+-]?\d+$/u

/**
 * The key under which names are unique: Unicode compatibility form, case-folded, so that
 * "Bob", "BOB" and "Ｂｏｂ" are one person. toUpperCase().toLowerCase() folds "ß" and "ς" like full case folding.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC')
}

/** Checks a new member name and returns it as it will be shown (as written, without surrounding space). */
export function validateName(input: string): string {
  const name = input.trim()
  if (name === '') throw new RuleError('INVALID_NAME', 'A name cannot be empty; give one word such as "alice".')
  const length = [...name].length
  if (length > MAX_NAME_LENGTH) {
    throw new RuleError('INVALID_NAME', `A name is at most ${MAX_NAME_LENGTH} characters; ${quote(name)} has ${length}. Choose a shorter one.`)
  }

  if (UNPRINTABLE.test(name)) {
    throw new RuleError('INVALID_NAME', `A name is one word of printable characters; ${quote(name)} contains a space or an invisible character.`)
  }

  const key = nameKey(name)
  if (NUMBER_LIKE.test(key)) throw new RuleError('INVALID_NAME', `A name cannot be a number like ${quote(name)}; include a letter.`)
  if (key.startsWith('@')) throw new RuleError('INVALID_NAME', `A name cannot start with "@" (that is how mentions are written); drop the "@".`)
  if ((RESERVED_NAMES as readonly string[]).includes(key)) {
    throw new RuleError('INVALID_NAME', `${quote(name)} is a chat command and cannot be a member name; choose another.`)
  }

  return name
}

/** Shows user text in a message with quotes, escaping anything that would garble a terminal line. */
export function quote(text: string): string {
  return JSON.stringify(text)
}
