import type {Actor} from '../actor.js'
import type {ChartSeries} from '../chart/series.js'
import {CcpError, RuleError} from '../errors.js'
import type {Ledger, MemberRef} from '../ledger.js'
import {looksLikeIdentity} from '../identity.js'
import {quote} from '../names.js'
import {personName} from '../person-name.js'
import {AWARD_RANGE, isAwardSize} from '../points.js'
import {type ChatCommand, type ChatTarget, firstWord, isCommand, parseChatCommand} from './grammar.js'
import type {ChatMention} from './message.js'
import {type Clock, systemClock} from '../ports.js'
import {type ChatPolicy, giversText, isAdmin, mayGive} from './policy.js'
import {looksLikePlusPlus, parsePlusPlus, type PlusPlus} from './plusplus.js'
import {type Givers, type SettingOverrides, settingsResolver} from '../settings.js'
import {WINDOWS} from '../windows.js'
import {replies} from './replies.js'
import {closestSubcommand} from './suggest.js'

const HISTORY_LINES = 5
const LABELLED_TARGETS = 3

/**
 * Who may change points, where the bot listens, and the word that starts a command; read again for
 * every message, so a changed setting applies at once.
 */
export interface ChatSettings extends ChatPolicy {
  /** chat.givers; absent: admins. */
  givers?: Givers
  /** chat.plusplus: whether `name++ [reason]` awards; absent: off. */
  plusplus?: boolean
  /** chat.plusplus.points; absent: 1. */
  plusplusPoints?: number
  prefix: string
}

/** The chat settings in force: stored settings, with `overrides` (the bot's flags and env vars) on top. */
export function chatSettingsFrom(ledgerSettings: () => Readonly<Record<string, string>>, overrides: SettingOverrides = {}): () => ChatSettings {
  const resolve = settingsResolver(overrides)
  return () => {
    const {admins, givers, groups, plusplus, plusplusPoints, prefix} = resolve(ledgerSettings())
    return {admins, givers, groups, plusplus, plusplusPoints, prefix}
  }
}

/** Whether a message may be for the bot: a command, or (with chat.plusplus on) shaped like `name++`. */
export function mayBeForTheBot(text: string, settings: ChatSettings): boolean {
  return isCommand(text, settings.prefix) || (settings.plusplus === true && looksLikePlusPlus(text))
}

export interface ChatRequest {
  actor: Actor
  /** When the message arrived; the game's rules judge it by this time (default: now). */
  at?: number
  /** Makes an award from a message that arrives twice harmless. */
  idempotencyKey?: string
  mentions: readonly ChatMention[]
  text: string
}

export interface ChatOutcome {
  /** A chart to send with the reply (the reply is then its caption). */
  chart?: ChartSeries
  /** The subcommand, for logs: "award", "listall", ... */
  command: string
  /** done: applied or answered; refused: by a rule; denied: not someone who may do it; usage: malformed. */
  result: 'denied' | 'done' | 'refused' | 'usage'
  reply: string
}

/**
 * The chat commands, shared by the Signal bot and the local console: reads a message, checks who
 * may do what, calls the ledger, and words the reply. Errors of the environment (a locked
 * database) are thrown, so that the caller can retry the message; everything else is a reply.
 */
export class ChatCommands {
  constructor(
    private readonly ledger: Ledger,
    private readonly chatSettings: () => ChatSettings,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The outcome of a message, or null when it is no command (it is then never answered). */
  respond(request: ChatRequest): ChatOutcome | null {
    const settings = this.chatSettings()
    const {admins, prefix} = settings
    const givers = settings.givers ?? 'admins'
    const command = parseChatCommand(request.text, request.mentions, prefix)
    if (!command) return settings.plusplus ? this.plusPlus(request, settings) : null
    const mistyped = this.mistypedSubcommand(command, request.text, prefix)
    if (mistyped) return {command: 'unknown', reply: mistyped, result: 'usage'}
    if (command.kind === 'invalid') return {command: command.usage, reply: this.usageReply(command, prefix), result: 'usage'}
    const denied = {command: command.kind, reply: giversText(givers), result: 'denied'} as const
    if (command.kind === 'adduser' && !isAdmin(request.actor, admins)) return {...denied, reply: replies.adminsAddMembers}
    // Undo in a chat takes back the sender's own newest award: with the admins, it stays with its giver.
    if ((command.kind === 'award' || command.kind === 'undo') && !this.mayGive(request.actor, settings)) return denied
    try {
      if (command.kind === 'chart') return {...this.chart(command), command: command.kind, result: 'done'}
      return {command: command.kind, reply: this.run(command, request, settings), result: 'done'}
    } catch (error) {
      if (!(error instanceof CcpError) || error.exitCode === 3) throw error
      return {command: command.kind, reply: this.refusal(command, error), result: 'refused'}
    }
  }

  /**
   * `name++ [reason]`, with chat.plusplus on. Anything that does not name only members (by name or bound
   * mention) is silently no command: `c++ is hard` when nobody is called c.
   */
  private plusPlus(request: ChatRequest, settings: ChatSettings): ChatOutcome | null {
    const plusPlus = parsePlusPlus(request.text, request.mentions)
    if (!plusPlus || !plusPlus.targets.every((target) => this.isMemberRef(refOf(target)))) return null
    if (!this.mayGive(request.actor, settings)) return {command: 'plusplus', reply: giversText(settings.givers ?? 'admins'), result: 'denied'}
    const command = plusPlusAward(plusPlus, settings.plusplusPoints ?? 1)
    try {
      return {command: 'plusplus', reply: this.award(command, request), result: 'done'}
    } catch (error) {
      if (!(error instanceof CcpError) || error.exitCode === 3) throw error
      return {command: 'plusplus', reply: this.refusal(command, error), result: 'refused'}
    }
  }

  private mayGive(actor: Actor, settings: ChatSettings): boolean {
    return mayGive(actor, {admins: settings.admins, givers: settings.givers ?? 'admins'}, () => actor.kind === 'chat' && this.isMemberRef({identity: actor}))
  }

  private award(command: Extract<ChatCommand, {kind: 'award'}>, request: ChatRequest): string {
    const targets = command.targets.map((target) => refOf(target))
    // The ledger's refusal would quote the number, and digits typed as points can be someone's phone number.
    if (!isAwardSize(command.points)) throw new RuleError('OUT_OF_RANGE', `${AWARD_RANGE}.`)
    const awards = this.ledger.awardMany(request.actor, {at: request.at, idempotencyKey: request.idempotencyKey, points: command.points, reason: command.reason, targets})
    return awards.map((award) => replies.awarded(award)).join('\n')
  }

  /**
   * A chart and its one-line caption: the standings as `top` counts them (the current season, else all time), a
   * window's gains, or a member's story. Nobody to draw is refused by the ledger, and becomes a text reply.
   */
  private chart(command: Extract<ChatCommand, {kind: 'chart'}>): {chart: ChartSeries; reply: string} {
    if (command.target) {
      const chart = this.ledger.memberChart(refOf(command.target))
      return {chart, reply: replies.chartOfMember(chart)}
    }

    const chart = this.ledger.standingsChart(command.window ? {window: command.window} : {})
    return {chart, reply: replies.chartOfStandings(chart)}
  }

  private run(command: Exclude<ChatCommand, {kind: 'chart' | 'invalid'}>, request: ChatRequest, settings: ChatSettings): string {
    const {ledger} = this
    const {prefix} = settings
    switch (command.kind) {
      case 'adduser': {
        const name = command.name ?? nameFromProfile(command.mention?.name ?? null)
        if (!name) throw new RuleError('NAME_NEEDED', replies.nameNeeded(prefix))
        const member = ledger.addMember({name, number: command.mention?.number, uuid: command.mention?.uuid})
        return replies.added(member.name)
      }

      case 'award': {
        return this.award(command, request)
      }

      case 'gloriousleader': {
        return replies.gloriousLeader
      }

      case 'help': {
        return replies.help(prefix, settings.givers ?? 'admins', settings.plusplus ? (settings.plusplusPoints ?? 1) : null)
      }

      case 'history': {
        const entries = ledger.history({limit: HISTORY_LINES, target: command.target ? refOf(command.target) : undefined})
        return replies.history(command.target ? (entries[0]?.name ?? labelOf(command.target)) : null, entries)
      }

      case 'listall': {
        const rows = ledger.standings()
        return rows.length === 0 ? replies.noUsers : replies.listAll(rows)
      }

      case 'score': {
        return replies.score(ledger.score(command.target ? refOf(command.target) : selfRef(request.actor)))
      }

      case 'top': {
        const since = command.window ? this.clock.now() - WINDOWS[command.window] : undefined
        const {rows, scope} = ledger.standingsIn({limit: command.count, since})
        return rows.length === 0 ? replies.noUsers : replies.top(rows, command.window ?? (scope.kind === 'season' ? scope.name : null))
      }

      case 'undo': {
        return replies.undone(ledger.undo(request.actor, {ownOnly: true}))
      }
    }
  }

  private refusal(command: ChatCommand, error: CcpError): string {
    if (command.kind === 'award') {
      if (error.code === 'INVALID_POINTS') return replies.invalidPoints
      return replies.awardFailed(labelsOf(command.targets), error.message)
    }

    if (command.kind === 'adduser') {
      if (error.code === 'NAME_NEEDED') return error.message
      const name = personName(command.name ?? nameFromProfile(command.mention?.name ?? null)) ?? 'that person'
      return replies.addFailed(name, error.code === 'DUPLICATE_MEMBER' ? replies.duplicateMember : error.message)
    }

    if (command.kind === 'score' && !command.target && error.code === 'UNKNOWN_MEMBER') return replies.notAMember
    return error.message
  }

  private usageReply(command: Extract<ChatCommand, {kind: 'invalid'}>, prefix: string): string {
    // The seed's words first, as its users know them; then what a valid command looks like.
    if (command.usage === 'award' && command.error.code === 'INVALID_POINTS') return replies.usage(prefix, 'award', `${replies.invalidPoints}.`)
    return replies.usage(prefix, command.usage, command.error.message)
  }

  /**
   * "Did you mean" for a command read as an award (`/CCP lisall`, `/CCP scroe bob`) whose first word is a slip
   * from a subcommand and names no member: a member called that still gets their points.
   */
  private mistypedSubcommand(command: ChatCommand, text: string, prefix: string): null | string {
    if (command.kind !== 'award' && !(command.kind === 'invalid' && command.usage === 'award' && command.error.exitCode === 2)) return null
    const word = firstWord(text, prefix)
    if (word === null || /^[@\uFFFC]/u.test(word)) return null
    const meant = closestSubcommand(word)
    if (meant === null || this.isMember(word)) return null
    const shown = personName(word)
    return replies.didYouMean(shown === null ? null : quote(shown), prefix, meant)
  }

  private isMember(name: string): boolean {
    return this.isMemberRef({name})
  }

  private isMemberRef(ref: MemberRef): boolean {
    try {
      this.ledger.score(ref)
      return true
    } catch (error) {
      // A locked database is thrown, for the bot to retry the message; a name the ledger refuses names nobody.
      if (error instanceof CcpError && error.exitCode !== 3) return false
      throw error
    }
  }
}

function plusPlusAward({reason, sign, targets}: PlusPlus, points: number): Extract<ChatCommand, {kind: 'award'}> {
  return {kind: 'award', points: sign * points, reason, targets}
}

function refOf(target: ChatTarget): MemberRef {
  return target.kind === 'name' ? {name: target.name} : {identity: target.mention}
}

/** How a reply names whom a command named: a short excerpt of it, never a phone number or UUID. */
function labelOf(target: ChatTarget): string {
  return personName(target.kind === 'name' ? target.name : target.mention.name) ?? 'that person'
}

/** Whom an award named, for its refusal: the first few, so that a command naming hundreds gets a short reply. */
function labelsOf(targets: ChatTarget[]): string {
  const shown = targets.slice(0, LABELLED_TARGETS).map((target) => labelOf(target))
  return targets.length > LABELLED_TARGETS ? `${shown.join(', ')} and ${targets.length - LABELLED_TARGETS} more` : shown.join(', ')
}

/**
 * A profile name as a member name: its first word ("Bob Smith" → "Bob"), without a leading @; none
 * when that could be a phone number or UUID (a reply would repeat it).
 */
function nameFromProfile(profileName: null | string): null | string {
  const word = profileName?.trim().split(/\s+/u)[0]?.replace(/^@+/, '')
  return word && !looksLikeIdentity(word) ? word : null
}

function selfRef(actor: Actor): MemberRef {
  if (actor.kind === 'chat') return {identity: actor}
  throw new RuleError('UNKNOWN_MEMBER', 'Name a member: the operator has no score of their own.')
}
