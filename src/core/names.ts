import {RuleError} from './errors.js'
import {excerpt} from './excerpt.js'
import {hiddenCodePoints, readEscapes, showHidden} from './hidden-characters.js'
import {IDENTITY_HIDDEN, looksLikeIdentity} from './identity.js'

/** The longest name, in characters, of a member, a season or a tier. */
export const MAX_NAME_LENGTH = 32

/** Words the chat grammar reads as commands; a member with such a name could never be addressed. */
export const RESERVED_NAMES = ['adduser', 'chart', 'gloriousleader', 'help', 'history', 'listall', 'score', 'top', 'undo'] as const
/**
 * Words reserved after members could be named so: such a member keeps the name, and an export of them imports
 * (the chat reaches them as @chart, as in `/CCP @chart 5`).
 */
const RESERVED_SINCE_CREATED: ReadonlySet<string> = new Set(['chart'])

// What names accepted before look-alikes were refused could not hold: ccp has stored and exported names
// like "bo\u200Db" since, and they stay readable (see checkStoredName).
const UNPRINTABLE_BEFORE = /(?!\u200D)[\p{C}\p{Z}\uFFFC\u115F\u1160\u3164\uFFA0\u2800]/u
const NUMBER_LIKE = /^[+-]?\d+$/u
/** Alphabets with letters that look like each other's (Latin a, Cyrillic а, Greek α...): a name keeps to one. */
const LOOKALIKE_SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee'].map((script) => ({pattern: new RegExp(`\\p{Script=${script}}`, 'u'), script}))

/**
 * The key under which names are unique: Unicode compatibility form, case-folded, so that
 * "Bob", "BOB" and "Ｂｏｂ" are one person. toUpperCase().toLowerCase() folds "ß" and "ς" like full case folding.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC')
}

/**
 * The keys a typed name may address a member by, in order: the name as typed, and the name as
 * `shownName` writes it (a stored name with hidden characters shows them as <U+XXXX>).
 */
export function nameKeys(typed: string): string[] {
  const name = typed.trim()
  const keys = [nameKey(name), nameKey(readEscapes(name))]
  return keys[0] === keys[1] ? [keys[0]] : keys
}

/**
 * Checks a new member name and returns it as it will be shown (as written, without surrounding space).
 * A name must look different from every other: nothing in it may be invisible, and it keeps to one
 * alphabet, so "bob" has no twin "bo\u200Db" or "bоb" (Cyrillic о).
 */
export function validateName(input: string): string {
  const name = readEscapes(input).trim()
  checkShape(name, RESERVED_NAMES)
  // The shell hands "-bob" to ccp as a flag: such a member could be named only after "--" (ccp award -- -bob 5).
  if (nameKey(name).startsWith('-')) throw new RuleError('INVALID_NAME', `A name cannot start with a dash: the command line would read ${quote(name)} as a flag. Choose another, such as ${quote(name.replace(/^[-\s]+/u, '') || 'bob')}.`)
  const [hidden] = hiddenCodePoints(name)
  if (hidden) {
    throw new RuleError('INVALID_NAME', `A name is one word of printable characters; ${quote(name)} contains a space or an invisible character.`)
  }

  const scripts = LOOKALIKE_SCRIPTS.filter(({pattern}) => pattern.test(name)).map(({script}) => script)
  if (scripts.length > 1) {
    throw new RuleError('INVALID_NAME', `A name keeps to one alphabet: ${quote(name)} mixes ${scripts.join(' and ')} letters, which look alike.`)
  }

  return name
}

/**
 * Checks a name read from an export: the rules of new names, except that a name of an older ccp may
 * hold what was allowed then (a zero-width joiner, a lone combining mark, mixed alphabets, a word reserved
 * since). Stored names are never lost; `shownName` makes their hidden characters visible. A phone number or a
 * UUID is refused all the same: the name would show it in every reply and chart.
 */
export function checkStoredName(input: string): string {
  const name = input.trim()
  checkShape(name, RESERVED_NAMES.filter((word) => !RESERVED_SINCE_CREATED.has(word)))
  if (UNPRINTABLE_BEFORE.test(name)) {
    throw new RuleError('INVALID_NAME', `A name is one word of printable characters; ${quote(name)} contains a space or an invisible character.`)
  }

  return name
}

function checkShape(name: string, reserved: readonly string[]): void {
  if (name === '') throw new RuleError('INVALID_NAME', 'A name cannot be empty; give one word such as "alice".')
  const length = [...name].length
  if (length > MAX_NAME_LENGTH) {
    throw new RuleError('INVALID_NAME', `A name is at most ${MAX_NAME_LENGTH} characters; ${quote(name)} has ${length}. Choose a shorter one.`)
  }

  const key = nameKey(name)
  // The name itself is not repeated: it may be someone's phone number.
  if (NUMBER_LIKE.test(key)) throw new RuleError('INVALID_NAME', 'A name cannot be a number; include a letter.')
  if (looksLikeIdentity(name)) throw new RuleError('INVALID_NAME', 'A name cannot hold a phone number or a UUID; drop the long number.')

  if (key.startsWith('@')) throw new RuleError('INVALID_NAME', `A name cannot start with "@" (that is how mentions are written); drop the "@".`)
  if (reserved.includes(key)) {
    throw new RuleError('INVALID_NAME', `${quote(name)} is a chat command and cannot be a member name; choose another.`)
  }
}

/** A member's name as every driver shows it: as stored, with any hidden character written as <U+XXXX>. */
export function shownName(name: string): string {
  return showHidden(name)
}

/**
 * Shows user text in a message with quotes: a short excerpt, hidden characters made visible; text
 * that could be a phone number or a UUID is not repeated at all.
 */
export function quote(text: string): string {
  return looksLikeIdentity(text) ? IDENTITY_HIDDEN : JSON.stringify(excerpt(text))
}
