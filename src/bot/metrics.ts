import {type Clock, systemClock} from '../core/ports.js'

/** What the bot counts for /metrics and /healthz. */
export class BotMetrics {
  commands = 0
  /** Receive items (messages, receipts, typing, ...) that reached the bot. */
  received = 0
  receiveErrors = 0
  repliesFailed = 0
  repliesSent = 0
  private lastReceive: null | number = null

  constructor(private readonly now: Clock['now'] = systemClock.now) {}

  /** A receive call or the websocket brought news (or proved alive). */
  receivedAlive(items = 0): void {
    this.received += items
    this.lastReceive = this.now()
  }

  secondsSinceReceive(): null | number {
    return this.lastReceive === null ? null : (this.now() - this.lastReceive) / 1000
  }
}
