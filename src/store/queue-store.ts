import type Database from 'better-sqlite3'

import type {ChartSeries} from '../core/chart/series.js'
import type {ChatMessage} from '../core/chat/message.js'
import {type BotQueue, type InboxItem, type NewReply, type OutboxItem, type ReceivedCommand, type ReplyFailure, senderKey} from '../core/queue.js'
import {Statements} from './statements.js'
import {translated, writeTransaction} from './transactions.js'

interface OutboxRow {
  attempts: number
  chart: null | string
  chart_failures: number
  id: number
  quote_author: null | string
  quote_timestamp: null | number
  recipient: string
  text: string
}

export interface SqliteQueueOptions {
  /**
   * How long the connection waits for another process's lock before it fails. better-sqlite3 waits
   * synchronously, holding the event loop: the bot waits briefly and retries with backoff instead.
   */
  lockWaitMs?: number
}

/**
 * The bot's inbox and outbox, in the same SQLite database (and transactions) as the ledger. Every
 * failure of SQLite comes out as the core's EnvironmentError (a lock: DB_BUSY), so the bot never
 * needs to know an SQL error.
 */
export class SqliteQueue implements BotQueue {
  private readonly statements: Statements

  constructor(
    private readonly db: Database.Database,
    options: SqliteQueueOptions = {},
  ) {
    this.statements = new Statements(db)
    if (options.lockWaitMs !== undefined) db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.lockWaitMs))}`)
  }

  transaction<T>(work: () => T): T {
    return writeTransaction(this.db, work)
  }

  addToInbox(commands: readonly ReceivedCommand[]): number {
    const insert = this.statements.get('INSERT OR IGNORE INTO inbox (sender_key, sent_at, message, received_at) VALUES (?, ?, ?, ?)')
    return this.transaction(() =>
      commands.reduce((added, {message, receivedAt}) => added + insert.run(senderKey(message), message.timestamp, JSON.stringify(message), receivedAt).changes, 0),
    )
  }

  pendingInbox(limit: number): InboxItem[] {
    const rows = this.sqlite(
      () =>
        this.statements.get("SELECT id, message, received_at FROM inbox WHERE status = 'pending' ORDER BY id LIMIT ?").all(limit) as {
          id: number
          message: string
          received_at: number
        }[],
    )
    return rows.map((row) => ({id: row.id, message: parseMessage(row.message), receivedAt: row.received_at}))
  }

  finishInbox(id: number, status: 'done' | 'failed', options: {forgetPeople?: boolean; forgetText?: boolean} = {}): void {
    const blank = [
      ...(options.forgetText ? ["'$.text', ''", "'$.mentions', json('[]')"] : []),
      // What dedupe needs (sender_key and sent_at) are columns of their own: the message's people are not.
      ...(options.forgetPeople ? ["'$.sender', json_object('kind', 'chat')", "'$.reaction.targetAuthor', json_object('number', NULL, 'uuid', NULL)"] : []),
    ]
    const sql = blank.length === 0 ? 'UPDATE inbox SET status = ? WHERE id = ?' : `UPDATE inbox SET status = ?, message = json_set(message, ${blank.join(', ')}) WHERE id = ?`
    this.sqlite(() => this.statements.get(sql).run(status, id))
  }

  addToOutbox(reply: NewReply, now: number): void {
    this.sqlite(() =>
      this.statements
        .get(
          `INSERT INTO outbox (inbox_id, recipient, text, quote_timestamp, quote_author, chart, next_attempt_at, created_at)
           VALUES (@inboxId, @recipient, @text, @quoteTimestamp, @quoteAuthor, @chart, @now, @now)`,
        )
        .run({...reply, chart: reply.chart ? JSON.stringify(reply.chart) : null, now}),
    )
  }

  addRecap(period: string, replies: readonly NewReply[], now: number): boolean {
    const record = this.statements.get('INSERT OR IGNORE INTO recaps (period, posted_at) VALUES (?, ?)')
    return this.transaction(() => {
      if (record.run(period, now).changes === 0) return false
      for (const reply of replies) this.addToOutbox(reply, now)
      return true
    })
  }

  dueOutbox(now: number, limit: number): OutboxItem[] {
    const rows = this.sqlite(
      () =>
        this.statements
          .get("SELECT id, recipient, text, quote_timestamp, quote_author, attempts, chart, chart_failures FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?")
          .all(now, limit) as OutboxRow[],
    )
    return rows.map((row) => ({
      attempts: row.attempts,
      chart: parseChart(row.chart),
      chartFailures: row.chart_failures,
      id: row.id,
      quoteAuthor: row.quote_author,
      quoteTimestamp: row.quote_timestamp,
      recipient: row.recipient,
      text: row.text,
    }))
  }

  markSent(ids: number[], sentAt: number, sentTimestamp: null | number): void {
    const mark = this.statements.get("UPDATE outbox SET status = 'sent', sent_at = ?, sent_timestamp = ?, attempts = attempts + 1 WHERE id = ?")
    this.transaction(() => ids.forEach((id) => mark.run(sentAt, sentTimestamp, id)))
  }

  markAttemptsFailed(failures: readonly ReplyFailure[], error: string): void {
    const mark = this.statements.get(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = coalesce(?, next_attempt_at),
       status = CASE WHEN ? IS NULL THEN 'failed' ELSE status END, chart_failures = coalesce(?, chart_failures) WHERE id = ?`,
    )
    this.transaction(() => failures.forEach(({chartFailures, id, nextAttemptAt}) => mark.run(error, nextAttemptAt, nextAttemptAt, chartFailures ?? null, id)))
  }

  prune(before: number, limit: number): {inbox: number; outbox: number} {
    // Rows come in about the order of their time: the scan stops at the first row that is recent, instead of
    // reading every row kept. A row stored late with an older time (from the spool) goes once those before it have.
    const outbox = this.statements.get(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox WHERE status != 'pending' AND created_at < @before
           AND id < coalesce((SELECT id FROM outbox WHERE created_at >= @before ORDER BY id LIMIT 1), 9223372036854775807)
         ORDER BY id LIMIT @limit)`,
    )
    const inbox = this.statements.get(
      `DELETE FROM inbox WHERE id IN (
         SELECT i.id FROM inbox i WHERE i.status != 'pending' AND i.received_at < @before
           AND i.id < coalesce((SELECT id FROM inbox WHERE received_at >= @before ORDER BY id LIMIT 1), 9223372036854775807)
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inbox_id = i.id)
         ORDER BY i.id LIMIT @limit)`,
    )
    return this.transaction(() => ({outbox: outbox.run({before, limit}).changes, inbox: inbox.run({before, limit}).changes}))
  }

  backlog(): {inbox: number; outbox: number} {
    return this.sqlite(
      () =>
        this.statements
          .get("SELECT (SELECT count(*) FROM inbox WHERE status = 'pending') AS inbox, (SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox")
          .get() as {inbox: number; outbox: number},
    )
  }

  /** Runs a statement outside `transaction`, with SQLite's failures translated as there. */
  private sqlite<T>(work: () => T): T {
    return translated(this.db, work)
  }
}

/** A stored chart, or null when there is none or its row cannot be read (damaged): the reply then goes as text. */
function parseChart(text: null | string): ChartSeries | null {
  if (text === null) return null
  try {
    const chart = JSON.parse(text) as ChartSeries | null
    return chart !== null && typeof chart === 'object' && (chart.kind === 'member' || chart.kind === 'standings') ? chart : null
  } catch {
    return null
  }
}

/** A stored command, or null when its row cannot be read (damaged): the bot then sets it aside. */
function parseMessage(text: string): ChatMessage | null {
  try {
    const message = JSON.parse(text) as ChatMessage | null
    return typeof message === 'object' && message !== null ? message : null
  } catch {
    return null
  }
}
