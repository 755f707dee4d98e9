export type LogFormat = 'json' | 'text'
export type LogLevel = 'error' | 'info' | 'warn'
export type LogFields = Record<string, boolean | null | number | string | undefined>

export interface Logger {
  error(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
}

/**
 * One line per event on stderr: `time LEVEL event key=value ...` for people, or one JSON object per
 * line for machines. Callers never pass chat text that is not a command.
 */
export function createLogger(format: LogFormat, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const emit = (level: LogLevel, event: string, fields: LogFields = {}): void => {
    const time = new Date().toISOString()
    const defined = Object.entries(fields).filter(([, value]) => value !== undefined)
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

  failed(error: string, retryInMs: number): void {
    this.failures++
    if (this.failures === 1) this.log.warn(`${this.what} failing`, {error, retryInMs})
  }

  succeeded(): void {
    if (this.failures > 0) this.log.info(`${this.what} recovered`, {failedAttempts: this.failures})
    this.failures = 0
  }
}
