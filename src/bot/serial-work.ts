import {CcpError} from '../core/errors.js'
import {backoffDelay, NETWORK_BACKOFF, sleep} from '../lib/backoff.js'
import type {Bot} from './bot.js'
import {type Logger, Outage} from './log.js'

/**
 * Takes received items the moment they arrive (their commands go to the spool, on disk), stores them
 * in the database, then runs handle → send one pass at a time, however many triggers arrive meanwhile.
 * A pass that meets a failing database (a lock held by another process) backs off without blocking:
 * the commands wait in the spool, which the next pass, or the next start, drains.
 */
export class SerialWork {
  private current?: Promise<void>
  private readonly storing: Outage
  private rerun = false

  constructor(
    private readonly bot: Bot,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
  ) {
    this.storing = new Outage(log, 'database')
  }

  /** Spools the items' commands, then stores them at once, unless the database is failing (the backoff then retries). */
  add(items: unknown[]): void {
    try {
      this.bot.take(items)
      // While the database fails, an attempt per item would wait on its lock per item: the backoff retries instead.
      if (this.storing.attempts === 0) this.bot.storeTaken()
    } catch {
      // The next pass retries with backoff and logs the outage.
    }
  }

  /** A last try at a stop: what was received reaches the database if it can, else it waits in the spool for the next start. */
  storeLeftovers(): void {
    try {
      this.bot.storeTaken({all: true})
    } catch (error) {
      const why = (error as Error).message
      if (this.bot.spoolIsDurable) this.log.warn('received commands kept in the spool for the next start', {commands: this.bot.spooled, error: why})
      else this.log.error('received commands could not be stored', {commands: this.bot.spooled, error: why})
    }
  }

  async idle(): Promise<void> {
    while (this.current) await this.current
  }

  run(): Promise<void> {
    if (this.current) {
      this.rerun = true
      return this.current
    }

    this.current = this.loop().finally(() => {
      this.current = undefined
    })
    return this.current
  }

  private async loop(): Promise<void> {
    do {
      this.rerun = false
      await this.pass()
    } while (this.rerun && !this.signal.aborted)
  }

  private async pass(): Promise<void> {
    try {
      this.bot.storeTaken()
      // A batch at a time, its replies sent before the next: a long backlog does not hold replies back.
      const handled = this.bot.handlePending()
      this.bot.postRecapIfDue()
      await this.bot.flushOutbox(this.signal)
      await this.bot.pruneIfDue(this.signal)
      this.storing.succeeded()
      if (handled > 0) this.rerun = true
    } catch (error) {
      // The store's adapters throw the core's errors; anything else is a bug, logged each time.
      if (!(error instanceof CcpError)) this.log.error('unexpected error', {error: String(error)})
      const delay = backoffDelay(NETWORK_BACKOFF, this.storing.attempts + 1)
      this.storing.failed((error as Error).message, delay)
      await sleep(delay, this.signal)
      this.rerun = true
    }
  }
}
