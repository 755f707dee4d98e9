import {RuleError} from './errors.js'
import {withoutBidiControls} from './hidden-characters.js'

export const MAX_REASON_LENGTH = 200

/**
 * A reason is optional free text on one line; blank means none. Bidi controls are dropped on the way
 * in: they would reorder the history line the reason is shown in (names, points and all).
 */
export function validateReason(input: null | string | undefined): null | string {
  const reason = withoutBidiControls(input ?? '').trim()
  if (reason === '') return null
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F]/.test(reason)) {
    throw new RuleError('INVALID_REASON', 'A reason is one line of text without control characters.')
  }

  const length = [...reason].length
  if (length > MAX_REASON_LENGTH) {
    throw new RuleError('INVALID_REASON', `A reason is at most ${MAX_REASON_LENGTH} characters; this one has ${length}. Shorten it.`)
  }

  return reason
}

/** A stored reason as it is shown: one written before bidi controls were dropped loses them here. */
export function shownReason(reason: null | string): null | string {
  return reason === null ? null : withoutBidiControls(reason)
}
