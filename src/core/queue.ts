import type {ChartSeries} from './chart/series.js'
import type {ChatMessage} from './chat/message.js'

/** A command as received, before it has a place in the inbox. */
export interface ReceivedCommand {
  message: ChatMessage
  /** When the bot received it: the time the game's rules judge it by, however late it is handled. */
  receivedAt: number
}

/** A received command waiting to be handled. */
export interface InboxItem {
  id: number
  /** Null when the stored row cannot be read (a damaged database): the command is set aside. */
  message: ChatMessage | null
  /** When the bot received it: the time the game's rules judge it by, however late it is handled. */
  receivedAt: number
}

/** A reply waiting to be sent. */
export interface OutboxItem {
  attempts: number
  /**
   * A chart to draw and send with the text: stored as its series, so that a reply sent again after a crash is
   * drawn again the same. Null without one, or when the stored series cannot be read (the text still goes).
   */
  chart: ChartSeries | null
  /** Failed sends of the chart (not rate limits); from MAX_CHART_FAILURES (src/bot) on, the text goes alone. */
  chartFailures: number
  id: number
  quoteAuthor: null | string
  quoteTimestamp: null | number
  recipient: string
  text: string
}

/** What becomes of one reply after a failed send: its own next attempt, or null to give up on it. */
export interface ReplyFailure {
  /** The reply's failed sends of its chart, counted again by this attempt; unchanged without it. */
  chartFailures?: number
  id: number
  nextAttemptAt: null | number
}

export interface NewReply {
  chart?: ChartSeries | null
  inboxId: null | number
  quoteAuthor: null | string
  quoteTimestamp: null | number
  recipient: string
  text: string
}

/**
 * The bot's durable queues. Received commands are stored before they are handled, and a command's
 * ledger change, its inbox mark and its reply commit in one transaction (`transaction`), so a crash
 * at any moment loses nothing that reached the database and applies nothing twice.
 */
export interface BotQueue {
  transaction<T>(work: () => T): T

  /** Stores new commands, skipping any already seen (same sender, same timestamp); returns how many were new. */
  addToInbox(commands: readonly ReceivedCommand[]): number
  pendingInbox(limit: number): InboxItem[]
  /**
   * Marks a stored command handled; `forgetText` blanks its text (a message that proved to be no command keeps none),
   * `forgetPeople` its sender's identity and a reaction's target author (a reaction, once applied, needs neither).
   */
  finishInbox(id: number, status: 'done' | 'failed', options?: {forgetPeople?: boolean; forgetText?: boolean}): void

  addToOutbox(reply: NewReply, now: number): void
  /**
   * Records the recap of `period` (a RecapPeriod key) as posted and queues its replies, in one transaction:
   * false, with nothing queued, when that period's recap was already recorded (by this run or an earlier one).
   */
  addRecap(period: string, replies: readonly NewReply[], now: number): boolean
  dueOutbox(now: number, limit: number): OutboxItem[]
  markSent(ids: number[], sentAt: number, sentTimestamp: null | number): void
  /**
   * Records a failed attempt of each reply (one transaction): each is tried again at its own
   * `nextAttemptAt`, or given up on as failed where that is null.
   */
  markAttemptsFailed(failures: readonly ReplyFailure[], error: string): void
  /** Counts for health and metrics. */
  backlog(): {inbox: number; outbox: number}
  /**
   * Deletes up to `limit` replies that are done with (sent or given up) and were made before `before`,
   * then up to `limit` handled commands received before `before` that no remaining reply points at.
   * Pending work is never touched. Returns how many rows of each went.
   */
  prune(before: number, limit: number): {inbox: number; outbox: number}
}

/**
 * Where received commands wait before the database takes them: filled before anything that can wait on a
 * lock, so that a stop (or a crash, for what it had already taken) loses nothing the server handed over.
 */
export interface CommandSpool {
  /** True when what it holds survives the process (a file); false for a spool in memory. */
  readonly durable: boolean
  /** Commands held and not yet handed to the database (this run's; and, once read, what earlier runs left). */
  readonly size: number
  /** Keeps the commands; returns once they are safe (on disk, when durable). Throws if the disk fails; they are then still held in memory. */
  append(commands: readonly ReceivedCommand[]): void
  /**
   * Hands everything held, oldest first, to `store` in one call; once it returns, those commands are
   * forgotten. If `store` throws, everything stays held and the error is thrown on. `all` also takes what
   * earlier runs or other processes left, and tidies the files up (at the first drain, and at a stop).
   */
  drain(store: (commands: readonly ReceivedCommand[]) => void, options?: {all?: boolean}): void
}

/** The key that makes a message unique: the sender's ACI (or number) with their timestamp. */
export function senderKey(message: ChatMessage): string {
  return message.sender.uuid ?? message.sender.number ?? 'unknown'
}
