import {showHidden} from './hidden-characters.js'

/** The most of a user's own text that a reply or an error message repeats. */
export const EXCERPT_LENGTH = 40

/**
 * What a message may repeat of text a user wrote: hidden characters made visible (as <U+XXXX>), then
 * at most `length` characters, cut with "…", so that no one can make the bot post their text at
 * length, or post what cannot be seen.
 */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  // Enough of a long text for any excerpt, even with every character written as <U+XXXXXX>.
  const lookedAt = length * 10
  const shown = [...showHidden(text.slice(0, lookedAt))]
  if (shown.length <= length && text.length <= lookedAt) return shown.join('')
  // Never ends in half an escape: "bo<U+20" would read as something else.
  return `${shown
    .slice(0, length - 1)
    .join('')
    .replace(/<(?:U(?:\+[0-9A-F]*)?)?$/u, '')}…`
}
