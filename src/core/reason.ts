import {RuleError} from './errors.js'

export const MAX_REASON_LENGTH = 200

/** A reason is optional free text on one line; blank means none. */
export function validateReason(input: null | string | undefined): null | string {
  const reason = input?.trim() ?? ''
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
