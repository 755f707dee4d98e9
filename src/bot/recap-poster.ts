import type {Clock} from '../core/ports.js'
import type {BotQueue} from '../core/queue.js'
import {dueRecap, type RecapPeriod} from '../core/recap/period.js'
import type {RecapSchedule} from '../core/recap/schedule.js'
import {toRestGroupId} from '../signal/group-id.js'
import type {Logger} from './log.js'

/** What the poster reads at each check, so that changed settings apply without a restart. */
export interface RecapSettings {
  groups: ReadonlySet<string>
  schedule: RecapSchedule
  /** When recap.schedule or recap.timezone was last changed (set or unset): a moment they named before that is not posted. */
  since?: number
  timeZone: string
}

interface RecapPosterDeps {
  clock: Clock
  log: Logger
  queue: BotQueue
  /** The recap's text for a period (the core's recapText of the ledger's recap). */
  recapText(period: RecapPeriod): string
  settings(): RecapSettings
}

/**
 * Queues the recap that is due, once: the period is recorded in the transaction that queues its replies, so
 * neither a restart nor a kill posts it twice (nor a `ccp recap` that posted it by hand). Checked at each pass of
 * the bot's work (a timer it already has); only the period due now is ever posted, never an older one the bot
 * missed while it was down, nor one whose moment came before the schedule was set.
 */
export class RecapPoster {
  /** The period last found recorded: while it is still the one due, a check costs no database work. */
  private settled: string | undefined
  private notedNoGroups: string | undefined

  constructor(private readonly deps: RecapPosterDeps) {}

  /** Queues the due recap if it was not yet; returns whether it did. Throws when the database fails. */
  postIfDue(): boolean {
    const {groups, schedule, since, timeZone} = this.deps.settings()
    const now = this.deps.clock.now()
    const period = dueRecap(schedule, now, timeZone, since)
    if (!period || period.key === this.settled) return false
    if (groups.size === 0) {
      // With no groups configured the bot answers everywhere, but a recap needs a place to go.
      if (this.notedNoGroups !== period.key) this.deps.log.warn('recap not posted', {hint: 'set chat.groups to the groups it goes to', period: period.key})
      this.notedNoGroups = period.key
      return false
    }

    const text = this.deps.recapText(period)
    const replies = [...groups].map((id) => ({inboxId: null, quoteAuthor: null, quoteTimestamp: null, recipient: toRestGroupId(id), text}))
    const queued = this.deps.queue.addRecap(period.key, replies, now)
    this.settled = period.key
    if (queued) this.deps.log.info('recap queued', {groups: replies.length, period: period.key})
    return queued
  }
}
