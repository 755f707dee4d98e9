import {EnvironmentError} from '../core/errors.js'

/** Why a call to signal-cli-rest-api failed. All of them are worth trying again later. */
export type SignalFailure = 'body' | 'http' | 'network' | 'timeout'

/** The Signal API could not be used: an environment failure (exit 3), like a database that cannot be opened. */
export class SignalError extends EnvironmentError {
  constructor(
    readonly failure: SignalFailure,
    message: string,
    readonly options: {rateLimited?: boolean; salvaged?: unknown[]; status?: number} = {},
  ) {
    super('SIGNAL_API', message)
  }

  get rateLimited(): boolean {
    return this.options.rateLimited ?? false
  }

  /** Items recovered from a broken receive body: the server deleted them, so they must still be handled. */
  get salvaged(): unknown[] {
    return this.options.salvaged ?? []
  }
}

/** The longest server error text quoted in a message. */
const MAX_ERROR_TEXT = 200

/**
 * What a server's error body says, fit for a log line or an error message. signal-cli-rest-api's errors
 * are `{"error": "..."}` (sometimes without a JSON content type): that text is the server's own and is
 * quoted, cut and without control characters. Any other body is described, never quoted: it may be a
 * receive body, holding other people's messages, numbers and names.
 */
export function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as {error?: unknown}
    if (typeof parsed?.error === 'string') {
      const text = parsed.error.replaceAll(/[\p{Cc}\s]+/gu, ' ').trim()
      return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text || '(an empty error)'
    }
  } catch {
    // Not JSON: described below.
  }

  return describeBody(body)
}

/** A body by its size and kind, without a word of its content. */
export function describeBody(body: string): string {
  if (body.trim() === '') return '(empty body)'
  return `a body of ${Buffer.byteLength(body)} bytes that is not a JSON error`
}

/** Rate limits: 429 in json-rpc mode; a 400 whose text says so in normal mode. */
export function isRateLimit(status: number, message: string): boolean {
  return status === 429 || /rate limit|proof required/i.test(message)
}
