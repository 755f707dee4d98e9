/** Why a call to signal-cli-rest-api failed. All of them are worth trying again later. */
export type SignalFailure = 'body' | 'http' | 'network' | 'timeout'

export class SignalError extends Error {
  constructor(
    readonly failure: SignalFailure,
    message: string,
    readonly options: {rateLimited?: boolean; salvaged?: unknown[]; status?: number} = {},
  ) {
    super(message)
    this.name = 'SignalError'
  }

  get rateLimited(): boolean {
    return this.options.rateLimited ?? false
  }

  /** Items recovered from a broken receive body: the server deleted them, so they must still be handled. */
  get salvaged(): unknown[] {
    return this.options.salvaged ?? []
  }
}

/** Error bodies are `{"error": "..."}`, sometimes without a JSON content type, sometimes not JSON at all. */
export function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as {error?: unknown}
    if (typeof parsed?.error === 'string') return parsed.error
  } catch {
    // Not JSON: fall through to the raw text.
  }

  const raw = body.replaceAll(/\s+/g, ' ').trim()
  return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw || '(empty body)'
}

/** Rate limits: 429 in json-rpc mode; a 400 whose text says so in normal mode. */
export function isRateLimit(status: number, message: string): boolean {
  return status === 429 || /rate limit|proof required/i.test(message)
}
