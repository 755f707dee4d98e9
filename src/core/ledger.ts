import type {Actor, ChatActor} from './actor.js'
import {checkChatAward, lookback} from './award-rules.js'
import {memberChart} from './chart/member-chart.js'
import type {MemberChart, StandingsChart} from './chart/series.js'
import {standingsChart, type StandingsChartRequest} from './chart/standings-chart.js'
import {RuleError, UsageError} from './errors.js'
import {parsePhoneNumber, parseUuid, type SignalIdentity} from './identity.js'
import {nameKey, nameKeys, quote, shownName, validateName} from './names.js'
import {addToTotal, checkAwardPoints} from './points.js'
import {type Clock, type EntryRecord, type EntrySource, type LedgerStore, type MemberRecord, type ReactionRecord, type Season, systemClock} from './ports.js'
import {validateReason} from './reason.js'
import type {RecapPeriod} from './recap/period.js'
import {personKey, personKeys} from './reactions.js'
import {computeRecap, type RecapView} from './recap/recap.js'
import {checkSeasonName} from './seasons.js'
import {type Settings, settingsResolver} from './settings.js'
import {type Standings, type StandingsScope, standingsOf} from './standings.js'
import {computeStats, type StatsView} from './stats.js'
import {tierOf} from './tiers.js'
import {type AwardView, type EntryView, type MemberView, type StandingView, entryView, memberView} from './views.js'

/**
 * How an operation names a member: by name (any case or Unicode form), or by Signal identity (with
 * both parts, whichever the member is bound to; the UUID first).
 */
export type MemberRef = {identity: SignalIdentity} | {name: string} | {number: string} | {uuid: string}

export interface AddMemberInput {
  name: string
  number?: null | string
  uuid?: null | string
}

export interface AwardInput {
  /** When the request arrived (a queued chat command is judged and dated by it); default: now. */
  at?: number
  /** Makes a retried request harmless: a second award with the same key is refused. */
  idempotencyKey?: null | string
  points: number
  reason?: null | string
  target: MemberRef
}

export interface AwardManyInput extends Omit<AwardInput, 'target'> {
  targets: MemberRef[]
}

export interface ReactionInput {
  /** When the reaction arrived; the rules judge and date its award by it (default: now). */
  at?: number
  /** As reacted, skin tone and all: the award's reason names it. */
  emoji: string
  /** What the emoji gives under the reactions setting; null for a removal or an emoji that gives nothing. */
  points: null | number
  /** The reaction's own timestamp (the sender's clock: taken as no later than `at`). */
  reactedAt: number
  /**
   * The reactor may not give now (chat.givers, or reactions off): their reaction only takes back what it holds,
   * awards nothing, and leaves no record where it holds none.
   */
  takeBackOnly?: boolean
  targetAuthor: SignalIdentity
  targetTimestamp: number
}

/** What a reaction did: `change` is the net change to the member's points (a replacement counts the new award only). */
export type ReactionOutcome =
  | {change: number; kind: 'awarded' | 'removed' | 'replaced'; member: string}
  | {change: number; kind: 'refused'; member: string; rule: string}
  | {kind: 'not a member' | 'own message' | 'repeat' | 'unchanged'}

export interface RenameView extends MemberView {
  previousName: string
}

export interface SeasonView {
  name: string
  startedAt: string
}

/**
 * The rules of the points ledger. Every driver (CLI, bot, console) calls these operations and nothing
 * else; each one validates, runs as a single transaction, and returns a view or throws a CcpError.
 */
export class Ledger {
  private readonly resolveSettings = settingsResolver()

  constructor(
    private readonly store: LedgerStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Runs several operations as one transaction: all of them happen, or none. */
  atomically<T>(work: (ledger: this) => T): T {
    return this.store.transaction(() => work(this))
  }

  addMember(input: AddMemberInput): MemberView {
    const name = validateName(input.name)
    const key = nameKey(name)
    const uuid = input.uuid ? parseUuid(input.uuid) : null
    const number = input.number ? parsePhoneNumber(input.number) : null
    return this.store.transaction(() => {
      const existing = this.store.activeMemberByKey(key)
      if (existing) throw new RuleError('DUPLICATE_MEMBER', `${quote(existing.name)} is already a member; pick another name.`)
      this.checkIdentityFree({number, uuid})
      const member = this.store.insertMember({createdAt: this.clock.now(), key, name, number, uuid})
      return this.view(member)
    })
  }

  award(actor: Actor, input: AwardInput): AwardView {
    return this.awardMany(actor, {...input, targets: [input.target]})[0]
  }

  /**
   * Awards the same points to several members, all or nothing. Awards from a chat obey the game's
   * rules (no self-awards, award.max, award.negative, award.cooldown, award.hourly); the operator
   * at the terminal is exempt.
   */
  awardMany(actor: Actor, input: AwardManyInput): AwardView[] {
    checkAwardPoints(input.points)
    const reason = validateReason(input.reason)
    if (input.targets.length === 0) throw new UsageError('MISSING_TARGET', 'Name at least one member to award.')
    return this.store.transaction(() => {
      const key = input.idempotencyKey ?? null
      const earlier = key === null ? undefined : this.store.entryByIdempotencyKey(key)
      if (earlier) throw new RuleError('DUPLICATE_REQUEST', `This request was already applied as entry #${earlier.id}.`)
      const members = input.targets.map((target) => this.resolve(target))
      const twice = members.find((member, i) => members.findIndex((other) => other.id === member.id) !== i)
      if (twice) throw new RuleError('DUPLICATE_TARGET', `${quote(twice.name)} is named twice; name each member once.`)
      const settings = this.settings()
      const at = input.at ?? this.clock.now()
      if (actor.kind === 'chat') {
        const window = lookback(settings)
        const given = window > 0 ? this.store.chatAwardsBy(actor, at - window) : []
        checkChatAward({actor, given, members, now: at, points: input.points, settings})
      }

      const entry = {actor, points: input.points, reason, source: sourceOf(actor)}
      const views = members.map((member, i) => this.append(member, {...entry, idempotencyKey: key && i > 0 ? `${key}#${i}` : key}, settings, at))
      // Ranks once every target has its points: a rank taken in between would already be stale.
      return views.map((view) => ({...view, rank: this.rankOf(view.total)}))
    })
  }

  /**
   * A chat reaction as an award to the reacted-to message's author. Signal keeps one reaction per person
   * per message, so a new emoji replaces the award of the old one (undone, then the new one given), a
   * removal takes it back, and a repeat or an older reaction arriving late changes nothing. The chat
   * rules bind it, except the cooldown; a reaction to one's own message, or to a non-member's, does nothing.
   * A held award is only ever taken back from the member it was given to, and like `undo`, never from a
   * removed member nor a second time. The reaction's own timestamp is the sender's clock: it counts as no
   * later than its arrival, so a reaction stamped in the future cannot block the ones after it.
   */
  react(actor: ChatActor, input: ReactionInput): ReactionOutcome {
    const reactor = personKey(actor)
    const author = personKey(input.targetAuthor)
    if (!reactor || !author) return {kind: 'not a member'}
    if (sameIdentity(actor, input.targetAuthor)) return {kind: 'own message'}
    return this.store.transaction((): ReactionOutcome => {
      const target = this.memberOf(input.targetAuthor)
      if (target && sameIdentity(actor, target)) return {kind: 'own message'}
      const at = input.at ?? this.clock.now()
      const reactedAt = Math.min(input.reactedAt, at)
      // Whichever of their identities the reaction came by, the same person's reaction to the same message.
      const reactors = personKeys(actor, this.memberOf(actor))
      const authors = personKeys(input.targetAuthor, target)
      const held = this.store.reactionAward(reactors, authors, input.targetTimestamp)
      if (held && reactedAt <= held.reactedAt) return {kind: 'repeat'}
      const takeBackOnly = input.takeBackOnly === true
      if (!held && (takeBackOnly || !target)) return target ? {kind: 'unchanged'} : {kind: 'not a member'}
      const save = (entryId: null | number, keys = {author, reactor}) => {
        if (held && (held.reactor !== keys.reactor || held.author !== keys.author)) this.store.deleteReactionAward(held)
        this.store.saveReactionAward({...keys, entryId, reactedAt, targetSentAt: input.targetTimestamp})
      }

      const inForce = this.heldAward(held)
      const points = takeBackOnly || !target ? null : input.points
      if (inForce && inForce.entry.points === points && inForce.member.id === target?.id) {
        // The same award stays, under the keys its record already has (the ones its entry's giver goes by).
        save(inForce.entry.id, held)
        return {kind: 'unchanged'}
      }

      const settings = this.settings()
      if (inForce) this.append(inForce.member, {actor, points: -inForce.entry.points, reason: null, source: 'undo', undoes: inForce.entry.id}, settings, at)
      const takenBack = inForce ? -inForce.entry.points : 0
      if (points === null || !target) {
        save(null)
        if (!inForce) return target ? {kind: 'unchanged'} : {kind: 'not a member'}
        return {change: takenBack, kind: 'removed', member: shownName(inForce.member.name)}
      }

      // What was taken back from another member (the author's identity moved to them since) is no change to this one.
      const ownTakeBack = inForce?.member.id === target.id ? takenBack : 0
      const member = this.store.memberById(target.id)!
      try {
        const window = lookback(settings)
        checkChatAward({actor, cooldown: false, given: window > 0 ? this.store.chatAwardsBy(actor, at - window) : [], members: [member], now: at, points, settings})
      } catch (error) {
        if (!(error instanceof RuleError)) throw error
        save(null)
        return {change: ownTakeBack, kind: 'refused', member: shownName(member.name), rule: error.code}
      }

      const award = this.append(member, {actor, points, reason: `reaction ${input.emoji}`, source: 'reaction'}, settings, at)
      save(award.id)
      return {change: ownTakeBack + points, kind: inForce ? 'replaced' : 'awarded', member: shownName(member.name)}
    })
  }

  /**
   * Opens a new season: from now on the standings count points gained in it. Nothing is deleted;
   * a past season's standings stay available by name.
   */
  startSeason(name?: string): SeasonView {
    return this.store.transaction(() => {
      const seasons = this.store.seasons()
      const chosen = checkSeasonName(name ?? `Season ${seasons.length + 1}`)
      const key = nameKey(chosen)
      if (seasons.some((season) => nameKey(season.name) === key)) throw new RuleError('DUPLICATE_SEASON', `There is already a season ${quote(chosen)}; pick another name.`)
      const season = this.store.addSeason(chosen, key, this.clock.now())
      return seasonView(season)
    })
  }

  seasons(): SeasonView[] {
    return this.store.seasons().map((season) => seasonView(season))
  }

  /** Points given and received, the most generous and most punished, and weekly activity. */
  stats(weeks?: number): StatsView {
    return this.store.readTransaction(() => computeStats(this.store.allMembers(), this.store.allEntries(), this.clock.now(), weeks))
  }

  /** What happened in a complete period, for the recap: its top gainers (recap.top), biggest fall, awards, givers and tier changes. */
  recap(period: RecapPeriod): RecapView {
    const {recapTop, tiers} = this.settings()
    return computeRecap(this.store, period, {tiers, top: recapTop})
  }

  /** The game's settings as stored (flags and env vars of `ccp serve` apply on top, for the chat keys). */
  settings(): Settings {
    return this.resolveSettings(this.store.storedSettings())
  }

  /**
   * Undoes one entry by appending its opposite; without an id, the newest entry that can be undone
   * (with `ownOnly`, the newest that this actor made).
   */
  undo(actor: Actor, options: {entryId?: number; ownOnly?: boolean} = {}): AwardView {
    return this.store.transaction(() => {
      const entry =
        options.entryId === undefined ? this.store.latestUndoableEntry(options.ownOnly ? actor : undefined) : this.store.entryById(options.entryId)
      if (!entry && options.entryId !== undefined) {
        throw new RuleError('UNKNOWN_ENTRY', `No ledger entry has id ${options.entryId}; the history shows each entry's id.`)
      }

      if (!entry) {
        const whose = options.ownOnly ? 'you made no award' : 'the ledger has no award'
        throw new RuleError('NOTHING_TO_UNDO', `There is nothing to undo: ${whose} that is still in effect.`)
      }

      checkUndoable(entry)
      const member = this.store.memberById(entry.memberId)
      if (!member || member.removedAt !== null) {
        throw new RuleError('MEMBER_REMOVED', `Entry #${entry.id} belongs to ${quote(entry.memberName)}, who was removed; it cannot be undone.`)
      }

      return this.append(member, {actor, points: -entry.points, reason: null, source: 'undo', undoes: entry.id}, this.settings())
    })
  }

  /** The standings of the current season (or of all time, before any season), highest first. */
  standings(options: {limit?: number} = {}): StandingView[] {
    return this.standingsIn({limit: options.limit}).rows
  }

  /** Standings over a chosen scope: all time, a season by name, or a window since a time. */
  standingsIn(scope: StandingsScope & {limit?: number}): Standings {
    return standingsOf(this.store, scope, {limit: checkLimit(scope.limit), now: this.clock.now(), tiers: this.settings().tiers})
  }

  /** The standings as a chart's bars: the top members (default 10, at most 50) of a scope or chat window; refused when there is nobody. */
  standingsChart(request: StandingsChartRequest = {}): StandingsChart {
    return this.store.readTransaction(() => standingsChart(this.store, request, {now: this.clock.now(), tiers: this.settings().tiers}))
  }

  /** A present member's total after each of their entries, oldest first, from 0 when they were added. */
  memberChart(target: MemberRef): MemberChart {
    return this.store.readTransaction(() => memberChart(this.store, this.resolve(target), {now: this.clock.now(), tiers: this.settings().tiers}))
  }

  score(target: MemberRef): MemberView {
    return this.view(this.resolve(target))
  }

  history(options: {limit?: number; target?: MemberRef} = {}): EntryView[] {
    const memberId = options.target ? this.resolve(options.target).id : undefined
    const names = new Map<string, null | string>()
    return this.store.entries({limit: checkLimit(options.limit), memberId}).map((entry) => {
      const who = entry.actor.kind === 'chat' ? `${entry.actor.uuid}|${entry.actor.number}` : 'operator'
      if (!names.has(who)) names.set(who, this.memberNameOf(entry.actor))
      return entryView(entry, names.get(who))
    })
  }

  rename(target: MemberRef, newName: string): RenameView {
    const name = validateName(newName)
    const key = nameKey(name)
    return this.store.transaction(() => {
      const member = this.resolve(target)
      const holder = this.store.activeMemberByKey(key)
      if (holder && holder.id !== member.id) throw new RuleError('DUPLICATE_MEMBER', `${quote(holder.name)} is already a member; pick another name.`)
      this.store.renameMember(member.id, name, key)
      return {...this.view({...member, key, name}), previousName: shownName(member.name)}
    })
  }

  /** Takes a member off the standings; their ledger entries stay in the history. */
  remove(target: MemberRef): MemberView {
    return this.store.transaction(() => {
      const member = this.resolve(target)
      const view = this.view(member)
      this.store.removeMember(member.id, this.clock.now())
      return view
    })
  }

  /** Ties a member to a Signal identity, so chat mentions and admins can find them whatever their profile name. */
  bind(target: MemberRef, identity: Partial<SignalIdentity>): MemberView {
    const uuid = identity.uuid ? parseUuid(identity.uuid) : null
    const number = identity.number ? parsePhoneNumber(identity.number) : null
    if (!uuid && !number) throw new UsageError('MISSING_IDENTITY', 'Give a Signal identity to bind: a UUID, a phone number, or both.')
    return this.store.transaction(() => {
      const member = this.resolve(target)
      this.checkIdentityFree({number, uuid}, member.id)
      const bound = {...member, number: number ?? member.number, uuid: uuid ?? member.uuid}
      this.store.bindMember(member.id, bound.uuid, bound.number)
      return this.view(bound)
    })
  }

  private append(
    member: MemberRecord,
    entry: {actor: Actor; idempotencyKey?: null | string; points: number; reason: null | string; source: EntrySource; undoes?: number},
    settings: Settings,
    at = this.clock.now(),
  ): AwardView {
    const total = addToTotal(shownName(member.name), member.points, entry.points)
    const stored = this.store.appendEntry({...entry, createdAt: at, memberId: member.id})
    const tier = tierOf(total, settings.tiers)
    const before = tierOf(member.points, settings.tiers)
    return {...entryView(stored, this.memberNameOf(entry.actor)), previousTier: before === tier ? null : before, rank: this.rankOf(total), tier, total}
  }

  /**
   * The award a reaction's record holds, while it can still be taken back: not undone (by `undo`, say), and
   * its member (the one it was given to, whoever has the author's identity now) still present.
   */
  private heldAward(held: ReactionRecord | undefined): undefined | {entry: EntryRecord; member: MemberRecord} {
    const entry = held?.entryId == null ? undefined : this.store.entryById(held.entryId)
    if (!entry || entry.undoneBy !== null || entry.undoes !== null) return undefined
    const member = this.store.memberById(entry.memberId)
    return member && member.removedAt === null ? {entry, member} : undefined
  }

  /** The name of the present member bound to a chat sender's identity, to show them by. */
  private memberNameOf(actor: Actor): null | string {
    if (actor.kind === 'operator') return null
    const member = (actor.uuid ? this.store.activeMemberByUuid(actor.uuid) : undefined) ?? (actor.number ? this.store.activeMemberByNumber(actor.number) : undefined)
    return member?.name ?? null
  }

  /** The present member bound to an identity (by UUID, else by number), if any. */
  private memberOf(identity: SignalIdentity): MemberRecord | undefined {
    return (identity.uuid ? this.store.activeMemberByUuid(identity.uuid) : undefined) ?? (identity.number ? this.store.activeMemberByNumber(identity.number) : undefined)
  }

  private resolve(ref: MemberRef): MemberRecord {
    if ('name' in ref) {
      const member = nameKeys(ref.name).map((key) => this.store.activeMemberByKey(key)).find(Boolean)
      if (!member) throw new RuleError('UNKNOWN_MEMBER', `No member is named ${quote(ref.name.trim())}; add them first with adduser.`)
      return member
    }

    const {number, uuid} = 'identity' in ref ? ref.identity : {number: 'number' in ref ? ref.number : null, uuid: 'uuid' in ref ? ref.uuid : null}
    const member =
      (uuid ? this.store.activeMemberByUuid(parseUuid(uuid)) : undefined) ?? (number ? this.store.activeMemberByNumber(parsePhoneNumber(number)) : undefined)
    if (!member) throw new RuleError('UNKNOWN_MEMBER', 'That person is not a member yet; add them first with adduser.')
    return member
  }

  private checkIdentityFree(identity: SignalIdentity, self?: number): void {
    const holders = [
      identity.uuid ? this.store.activeMemberByUuid(identity.uuid) : undefined,
      identity.number ? this.store.activeMemberByNumber(identity.number) : undefined,
    ]
    const other = holders.find((holder) => holder && holder.id !== self)
    if (other) throw new RuleError('IDENTITY_TAKEN', `That Signal identity already belongs to ${quote(other.name)}.`)
  }

  private rankOf(points: number): number {
    return this.store.countMembersAbove(points) + 1
  }

  private view(member: MemberRecord): MemberView {
    return memberView(member, this.rankOf(member.points), tierOf(member.points, this.settings().tiers))
  }
}

function sameIdentity(a: SignalIdentity, b: SignalIdentity): boolean {
  return Boolean((a.uuid && a.uuid === b.uuid) || (a.number && a.number === b.number))
}

function seasonView(season: Season): SeasonView {
  return {name: season.name, startedAt: new Date(season.startedAt).toISOString()}
}

function sourceOf(actor: Actor): EntrySource {
  return actor.kind === 'operator' ? 'cli' : 'chat'
}

function checkUndoable(entry: EntryRecord): void {
  if (entry.undoes !== null) {
    throw new RuleError('NOT_UNDOABLE', `Entry #${entry.id} is itself an undo; award the points again instead.`)
  }

  if (entry.undoneBy !== null) throw new RuleError('ALREADY_UNDONE', `Entry #${entry.id} was already undone by entry #${entry.undoneBy}.`)
}

function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError('INVALID_LIMIT', `A limit is a whole number of 1 or more, not ${limit}.`)
  return limit
}
