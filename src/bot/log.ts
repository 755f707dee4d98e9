export type LogFormat = 'json' | 'text'
export type LogLevel = 'error' | 'info' | 'warn'
export type LogFields = Record<string, boolean | null | number | string | undefined>

export interface Logger {
  error(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
}

const PHONE_NUMBER = /(?:\+|%2B)\d{6,15}/gi
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/**
 * Masks phone numbers (also URL-encoded) and UUIDs, wherever they come from: a server's error text, a URL, a setting.
 * Narrower than the chat's rule (core/identity.ts hides any seven digits): a log line's own times, counts and ids
 * are long digit runs that must stay readable.
 */
export function withoutIdentities(text: string): string {
  return text.replaceAll(PHONE_NUMBER, '[number]').replaceAll(UUID, '[uuid]')
}

/**
 * One line per event on stderr: `time LEVEL event key=value ...` for people, or one JSON object per
 * line for machines. Callers never pass chat text that is not a command; and no line shows a phone
 * number or a UUID, whatever a caller passes: they are masked here, where every line goes through.
 */
export function createLogger(format: LogFormat, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const emit = (level: LogLevel, rawEvent: string, fields: LogFields = {}): void => {
    const time = new Date().toISOString()
    const event = withoutIdentities(rawEvent)
    const defined = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, typeof value === 'string' ? withoutIdentities(value) : value] as const)
    if (format === 'json') {
      write(JSON.stringify({time, level, event, ...Object.fromEntries(defined)}))
      return
    }

    const pairs = defined.map(([key, value]) => `${key}=${typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`)
    write([time, level.toUpperCase().padEnd(5), event, ...pairs].join(' '))
  }

  return {
    error: (event, fields) => emit('error', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
  }
}

/**
 * Logs an outage once when it starts and once when it ends, however many retries lie between:
 * a server that is down for an hour makes two lines, not thousands.
 */
export class Outage {
  private failures = 0

  constructor(
    private readonly log: Logger,
    private readonly what: string,
  ) {}

  get attempts(): number {
    return this.failures
  }

  failed(error: string, retryInMs?: number): void {
    this.failures++
    if (this.failures === 1) this.log.warn(`${this.what} failing`, {error, retryInMs})
  }

  succeeded(): void {
    if (this.failures > 0) this.log.info(`${this.what} recovered`, {failedAttempts: this.failures})
    this.failures = 0
  }
}
