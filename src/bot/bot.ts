import {type ChatCommands, type ChatSettings, mayBeForTheBot} from '../core/chat/handler.js'
import {isCommand} from '../core/chat/grammar.js'
import type {ChartRenderer, ChartSeries} from '../core/chart/series.js'
import type {ChatMessage, ChatReaction} from '../core/chat/message.js'
import {replies} from '../core/chat/replies.js'
import type {ChatReactions} from '../core/chat/reaction-awards.js'
import {isAllowedChat} from '../core/chat/policy.js'
import {CcpError} from '../core/errors.js'
import {hideIdentities} from '../core/identity.js'
import type {Clock} from '../core/ports.js'
import {normalizeItem} from '../signal/envelope.js'
import {SignalError} from '../signal/errors.js'
import {refusesAttachment, textAlone} from '../signal/text-alone.js'
import {withoutIdentities} from '../core/chart/without-identities.js'
import {parseGroupId} from '../core/group-id.js'
import {toRestGroupId} from '../signal/group-id.js'
import type {SendRequest} from '../signal/client.js'
import {backoffDelay, RATE_LIMIT_BACKOFF, SEND_BACKOFF} from '../lib/backoff.js'
import {type LogFields, type Logger, Outage} from './log.js'
import type {BotMetrics} from './metrics.js'
import {ProfileNames} from './profiles.js'
import {type MemberLookup, senderLabel} from './sender-label.js'
import {type BotQueue, type CommandSpool, type InboxItem, type OutboxItem, type ReceivedCommand, senderKey} from '../core/queue.js'
import {MemorySpool} from './memory-spool.js'
import type {RecapPoster} from './recap-poster.js'

export interface BotOptions {
  /** The bot's own account, +E164: the sender of the owner's synced messages. */
  account: string
  /** Read for every batch, so that changed settings apply without a restart. */
  chatSettings: () => ChatSettings
  /** Handled commands and finished replies older than this are deleted (never, without it). */
  retentionMs?: number
}

export interface BotDeps {
  /** Draws the charts replies carry; without it, such a reply goes as its text with a note. */
  charts?: ChartRenderer
  clock: Clock
  commands: ChatCommands
  log: Logger
  /** Names a command's sender in the log by the member they are bound to (else by a tag). */
  members?: MemberLookup
  metrics?: BotMetrics
  queue: BotQueue
  /** Reactions as awards; without it, reactions are passed over. */
  reactions?: ChatReactions
  /** Posts the scheduled recap (none without it). */
  recap?: RecapPoster
  send(request: SendRequest, signal?: AbortSignal): Promise<null | number>
  /** Where received commands wait for the database (default: in memory). */
  spool?: CommandSpool
}

/** How many times a reply is tried before it is marked failed (about 10 minutes of retries; hours under rate limits). */
export const MAX_SEND_ATTEMPTS = 12
/**
 * How many sends of a reply's chart may fail (answered with an error, or timed out; a rate limit and an unreachable
 * server do not count) before its text goes alone, with a note, and never with the chart again.
 */
export const MAX_CHART_FAILURES = 3
/** Signal shows longer texts as an attachment; merged replies stay under it. */
const MAX_MESSAGE_LENGTH = 2000
/** Pruning runs at the first pass, then this often. */
const PRUNE_EVERY_MS = 3_600_000
/** Rows deleted per transaction: the lock is never held long, and the event loop runs between. */
const PRUNE_CHUNK = 2000
const DAY_MS = 86_400_000
/** Unconfigured groups remembered as already logged. */
const MAX_NOTED_GROUPS = 1000

/**
 * The bot between receiving and sending: keeps the commands among received items, stores them,
 * handles each in one transaction with its reply, and sends replies. Transport-free: the poll and
 * websocket loops feed it.
 */
export class Bot {
  private readonly profiles = new ProfileNames()
  private readonly sending: Outage
  private readonly spool: CommandSpool
  private readonly spooling: Outage
  private readonly unconfiguredGroups = new Set<string>()
  /** The settings last read: what sorts received items while the database cannot be read. */
  private chatSettings: ChatSettings
  private nextPruneAt = 0
  private recapFailing = false

  constructor(
    private readonly deps: BotDeps,
    private readonly options: BotOptions,
  ) {
    this.sending = new Outage(deps.log, 'send')
    this.spooling = new Outage(deps.log, 'spool')
    this.spool = deps.spool ?? new MemorySpool()
    this.chatSettings = options.chatSettings()
  }

  /** Commands received and not yet in the database. */
  get spooled(): number {
    return this.spool.size
  }

  /** Whether the commands not yet in the database outlive the process. */
  get spoolIsDurable(): boolean {
    return this.spool.durable
  }

  /**
   * Keeps the commands among received items in the spool, on disk before this returns: nothing here
   * waits on the database, so a locked one can neither lose them nor hold the event loop. Never throws
   * for the items (a failing disk is logged; they are then kept in memory). Returns how many it kept.
   */
  take(items: unknown[]): number {
    const received = items.map((item) => normalizeItem(item, this.options.account))
    for (const normalized of received) {
      if (normalized.type === 'ignored') {
        if (normalized.why === 'error frame' || normalized.why === 'not an object') this.deps.log.warn('skipped an unreadable item', {why: normalized.why})
        continue
      }

      this.profiles.learn(normalized.message.sender)
      // Only the account itself sends sync messages: their sender's UUID is the account's own.
      if (normalized.message.viaSync && normalized.message.sender.uuid) this.deps.reactions?.learnAccountUuid(normalized.message.sender.uuid)
    }

    const settings = this.currentSettings()
    const receivedAt = this.deps.clock.now()
    const commands: ReceivedCommand[] = []
    const reactionsWanted = this.reactionsWanted()
    for (const normalized of received) {
      if (normalized.type === 'ignored') continue
      if (normalized.message.reaction) {
        // Only a group's reactions can award; an unconfigured group's are passed over without a note. A removal is
        // kept even with reactions off: it takes back what the reaction gave while they were on.
        const wanted = normalized.message.reaction.remove ? this.deps.reactions !== undefined : reactionsWanted
        if (wanted && normalized.message.chat.kind === 'group' && isAllowedChat(normalized.message, settings)) commands.push({message: normalized.message, receivedAt})
        continue
      }

      if (!mayBeForTheBot(normalized.message.text, settings)) continue
      const message = {...normalized.message, mentions: normalized.message.mentions.map((mention) => this.profiles.name(mention))}
      if (isAllowedChat(message, settings)) commands.push({message, receivedAt})
      else this.noteIgnored(message)
    }

    if (commands.length === 0) return 0
    try {
      this.spool.append(commands)
      this.spooling.succeeded()
    } catch (error) {
      this.spooling.failed(`${(error as Error).message}; received commands are kept in memory until the database takes them`)
    }

    return commands.length
  }

  /**
   * Moves what the spool holds into the inbox (one transaction); returns how many commands were new.
   * Throws when the database fails; the spool then keeps them. `all` also tidies its files away (at a stop).
   */
  storeTaken(options?: {all?: boolean}): number {
    let added = 0
    this.spool.drain((commands) => {
      added = this.deps.queue.addToInbox(commands)
    }, options)
    return added
  }

  /** Takes received items and stores their commands at once; returns how many were new. */
  accept(items: unknown[]): number {
    this.take(items)
    return this.storeTaken()
  }

  /**
   * Handles up to `limit` stored commands, oldest first, in one transaction (one disk sync), each
   * in a savepoint of its own: a command that fails leaves the others be. Throws only when the
   * database fails, and then nothing of the batch is kept. Returns how many were handled.
   */
  handlePending(limit = 200): number {
    const {queue} = this.deps
    const batch = queue.pendingInbox(limit)
    if (batch.length === 0) return 0
    const logs = queue.transaction(() => batch.map((item) => this.handle(item)))
    for (const line of logs) this.deps.log[line.level](line.event, line.fields)
    if (this.deps.metrics) this.deps.metrics.commands += batch.length
    return batch.length
  }

  /**
   * Queues the scheduled recap if it is due and not yet posted. Throws when the database fails; any other fault is
   * logged (once, until a recap goes through) and never holds back the replies of the same pass.
   */
  postRecapIfDue(): void {
    try {
      this.deps.recap?.postIfDue()
      this.recapFailing = false
    } catch (error) {
      if (error instanceof CcpError && error.exitCode === 3) throw error
      if (!this.recapFailing) this.deps.log.error('recap not posted', {error: shortError(error)})
      this.recapFailing = true
    }
  }

  /** Sends the replies that are due, one message per chat. Never throws for a failed send. */
  async flushOutbox(signal?: AbortSignal): Promise<void> {
    for (let due = this.deps.queue.dueOutbox(this.deps.clock.now(), 500); due.length > 0 && !signal?.aborted;) {
      for (const group of groupByRecipient(due)) {
        if (signal?.aborted) return
        await this.sendGroup(group, signal)
      }

      due = this.deps.queue.dueOutbox(this.deps.clock.now(), 500)
    }
  }

  /**
   * At the first call, then once an hour: deletes the handled commands and finished replies older than
   * the retention, in small transactions. What a repeat delivery needs to be recognised (the commands
   * within the retention) and all unfinished work stay. Throws when the database fails.
   */
  async pruneIfDue(signal?: AbortSignal): Promise<void> {
    const {retentionMs} = this.options
    const now = this.deps.clock.now()
    if (retentionMs === undefined || now < this.nextPruneAt) return
    const before = now - retentionMs
    const pruned = {inbox: 0, outbox: 0}
    while (!signal?.aborted) {
      const chunk = this.deps.queue.prune(before, PRUNE_CHUNK)
      pruned.inbox += chunk.inbox
      pruned.outbox += chunk.outbox
      if (chunk.inbox < PRUNE_CHUNK && chunk.outbox < PRUNE_CHUNK) break
      await new Promise((resolve) => setImmediate(resolve))
    }

    this.nextPruneAt = now + PRUNE_EVERY_MS
    if (pruned.inbox + pruned.outbox > 0) this.deps.log.info('pruned', {...pruned, olderThanDays: Math.round((retentionMs / DAY_MS) * 10) / 10})
  }

  /** Handles one command inside the batch's transaction; returns its log line, written once the batch commits. */
  private handle(item: InboxItem): {event: string; fields: LogFields; level: 'error' | 'info'} {
    const {message} = item
    const {commands, queue} = this.deps
    if (!message) {
      queue.finishInbox(item.id, 'failed')
      return {event: 'command failed', fields: {error: 'the stored command cannot be read', inbox: item.id}, level: 'error'}
    }

    try {
      // Checked again here, not only as it arrived: a stored command (from the spool of an earlier run, say) comes
      // from a chat the bot answers now, or it is set aside unanswered.
      if (!isAllowedChat(message, this.options.chatSettings())) {
        this.setAside(item.id, message)
        return {event: 'command ignored', fields: {inbox: item.id, why: 'not from a chat the bot answers'}, level: 'info'}
      }

      if (message.reaction) return this.handleReaction(item, {...message, reaction: message.reaction})
      const outcome = queue.transaction(() => {
        const result = commands.respond({
          actor: message.sender,
          at: item.receivedAt,
          idempotencyKey: `signal:${senderKey(message)}:${message.timestamp}`,
          mentions: message.mentions,
          text: message.text,
        })
        // A message kept for its name++ shape that names no member is no command: its text is not kept either.
        queue.finishInbox(item.id, 'done', {forgetText: !result})
        if (result) {
          const reply = {chart: result.chart ?? null, inboxId: item.id, quoteAuthor: senderKey(message), quoteTimestamp: message.timestamp, recipient: replyAddress(message), text: result.reply}
          queue.addToOutbox(reply, this.deps.clock.now())
        }

        return result
      })
      return {event: 'command', fields: {chat: chatLabel(message), command: outcome?.command, result: outcome?.result ?? 'not a command', sender: senderLabel(message.sender, this.deps.members)}, level: 'info'}
    } catch (error) {
      if (error instanceof CcpError && error.exitCode === 3) throw error
      // A message that breaks the handler must not block the ones behind it: set it aside.
      this.setAside(item.id, message)
      return {event: 'command failed', fields: {error: String(error), inbox: item.id}, level: 'error'}
    }
  }

  /** Marks a stored item failed: a command keeps its text for a look; other text (name++-shaped) and a reaction's people are not kept. */
  private setAside(id: number, message: ChatMessage): void {
    const command = typeof message.text === 'string' && isCommand(message.text, this.options.chatSettings().prefix)
    this.deps.queue.finishInbox(id, 'failed', {forgetPeople: Boolean(message.reaction), forgetText: !command})
  }

  /** A reaction: applied as an award or not, never answered; its log line names no text, number or UUID. */
  private handleReaction(item: InboxItem, message: ChatMessage & {reaction: ChatReaction}): {event: string; fields: LogFields; level: 'info'} {
    const {queue, reactions} = this.deps
    const outcome = queue.transaction(() => {
      const applied = reactions ? reactions.apply(message, item.receivedAt) : {result: 'off' as const}
      queue.finishInbox(item.id, 'done', {forgetPeople: true})
      return applied
    })
    return {event: 'reaction', fields: {chat: chatLabel(message), ...outcome, sender: senderLabel(message.sender, this.deps.members)}, level: 'info'}
  }

  /** Whether received reactions are kept: when they may award (if the database cannot say now, kept to decide later). */
  private reactionsWanted(): boolean {
    if (!this.deps.reactions) return false
    try {
      return this.deps.reactions.enabled()
    } catch {
      return true
    }
  }

  private async sendGroup(group: OutboxItem[], signal?: AbortSignal): Promise<void> {
    const ids = group.map((item) => item.id)
    const last = group.at(-1)!
    // A reply with a chart goes alone (groupByRecipient): this counts its chart's failed sends, kept with the row.
    const chart = {failures: last.chartFailures}
    try {
      const request = {message: group.map((item) => item.text).join('\n\n'), quoteAuthor: last.quoteAuthor, quoteTimestamp: last.quoteTimestamp, recipient: last.recipient}
      const timestamp = last.chart ? await this.sendWithChart(request, last.chart, chart, signal) : await this.deps.send(request, signal)
      this.deps.queue.markSent(ids, this.deps.clock.now(), timestamp)
      if (this.deps.metrics) this.deps.metrics.repliesSent += ids.length
      this.sending.succeeded()
    } catch (error) {
      if (!(error instanceof SignalError)) throw error
      if (signal?.aborted) return
      // Each reply keeps its own count and budget: merged with an older one, a new reply is not given up with it.
      const now = this.deps.clock.now()
      const policy = error.rateLimited ? RATE_LIMIT_BACKOFF : SEND_BACKOFF
      const failures = group.map((item) => {
        const attempt = item.attempts + 1
        const failure = {id: item.id, nextAttemptAt: attempt >= MAX_SEND_ATTEMPTS ? null : now + backoffDelay(policy, attempt)}
        return item.chart && chart.failures !== item.chartFailures ? {...failure, chartFailures: chart.failures} : failure
      })
      this.deps.queue.markAttemptsFailed(failures, error.message)
      const soonest = failures.reduce((next, failure) => (failure.nextAttemptAt === null ? next : Math.min(next, failure.nextAttemptAt)), Number.POSITIVE_INFINITY)
      this.sending.failed(error.message, Number.isFinite(soonest) ? soonest - now : 0)
      const givenUp = failures.filter((failure) => failure.nextAttemptAt === null)
      if (givenUp.length === 0) return
      if (this.deps.metrics) this.deps.metrics.repliesFailed += givenUp.length
      this.deps.log.error('reply failed', {attempts: MAX_SEND_ATTEMPTS, chat: recipientLabel(last.recipient), error: error.message, replies: givenUp.length})
    }
  }

  /**
   * A reply with its chart, drawn now from the stored series (awaited: the event loop runs meanwhile). A chart that
   * cannot be drawn, that the server refuses (400, 413, 415), or whose sends failed MAX_CHART_FAILURES times leaves
   * the text to go alone, with a note, now and at every later try: the reply is never lost to its chart.
   * `chart.failures` counts the failed sends of the chart; whatever fails is thrown, for the outbox's own retries.
   */
  private async sendWithChart(request: SendRequest, series: ChartSeries, chart: {failures: number}, signal?: AbortSignal): Promise<null | number> {
    if (chart.failures >= MAX_CHART_FAILURES) return this.deps.send(textAlone(request, replies.chartNotSent), signal)
    const chat = recipientLabel(request.recipient)
    let png: Uint8Array
    try {
      if (!this.deps.charts) throw new Error('no chart renderer in this process')
      png = await this.deps.charts.png(withoutIdentities(series))
    } catch (error) {
      this.deps.log.error('chart not drawn', {chart: series.kind, chat, error: shortError(error)})
      return this.deps.send(textAlone(request, replies.chartNotDrawn), signal)
    }

    try {
      return await this.deps.send({...request, attachments: [{contentType: 'image/png', data: png, filename: CHART_FILE_NAME}]}, signal)
    } catch (error) {
      // A rate limit is no fault of the image, and an unreachable server never saw it: the chart goes when it can.
      if (!(error instanceof SignalError) || signal?.aborted || error.rateLimited || error.failure === 'network') throw error
      chart.failures = refusesAttachment(error) ? MAX_CHART_FAILURES : chart.failures + 1
      if (chart.failures < MAX_CHART_FAILURES) throw error
      this.deps.log.warn('chart refused, sending the text alone', {chat, error: shortError(error)})
      return this.deps.send(textAlone(request, replies.chartNotSent), signal)
    }
  }

  /** The settings now; the last ones read while the database cannot be read. */
  private currentSettings(): ChatSettings {
    try {
      this.chatSettings = this.options.chatSettings()
    } catch {
      // Locked or failing: the last settings read sort the items meanwhile.
    }

    return this.chatSettings
  }

  private noteIgnored(message: ChatMessage): void {
    if (message.chat.kind !== 'group' || this.unconfiguredGroups.has(message.chat.groupId)) return
    this.unconfiguredGroups.add(message.chat.groupId)
    // Anyone can add the account to groups: the memory of which were logged is bounded.
    if (this.unconfiguredGroups.size > MAX_NOTED_GROUPS) this.unconfiguredGroups.delete(this.unconfiguredGroups.values().next().value!)
    this.deps.log.info('ignoring a group that is not configured', {group: message.chat.groupId, hint: 'add it with --group to use the bot there'})
  }
}

/** Replies for one chat, in order, merged while they fit in one message; a reply with a chart goes alone. */
function groupByRecipient(items: OutboxItem[]): OutboxItem[][] {
  const groups: OutboxItem[][] = []
  const open = new Map<string, {items: OutboxItem[]; length: number}>()
  for (const item of items) {
    if (item.chart) {
      groups.push([item])
      // What follows it in that chat goes after it, not merged into a message before it.
      open.delete(item.recipient)
      continue
    }

    const current = open.get(item.recipient)
    if (current && current.length + item.text.length + 2 <= MAX_MESSAGE_LENGTH) {
      current.items.push(item)
      current.length += item.text.length + 2
    } else {
      const fresh = {items: [item], length: item.text.length}
      groups.push(fresh.items)
      open.set(item.recipient, fresh)
    }
  }

  return groups
}

/** Where a reply goes: the group as `group.` + base64, or the partner of a direct message. */
function replyAddress(message: ChatMessage): string {
  if (message.chat.kind === 'group') return toRestGroupId(message.chat.groupId)
  return message.chat.uuid ?? message.chat.number ?? senderKey(message)
}

/** A chat as log lines name it: a group by its internal id; a direct chat without the person's number or UUID. */
function chatLabel(message: ChatMessage): string {
  return message.chat.kind === 'group' ? `group:${message.chat.groupId}` : 'direct'
}

/** The name Signal shows for a chart's file. */
const CHART_FILE_NAME = 'chart.png'
const MAX_ERROR_TEXT = 200

/** An error for a log line: its message, cut, with anything shaped like a phone number or UUID hidden. */
function shortError(error: unknown): string {
  const text = hideIdentities(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replaceAll(/\s+/gu, ' ')
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text
}

function recipientLabel(recipient: string): string {
  const groupId = parseGroupId(recipient)
  return groupId ? `group:${groupId}` : 'direct'
}
