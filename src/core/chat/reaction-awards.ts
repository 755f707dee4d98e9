import type {SignalIdentity} from '../identity.js'
import type {Ledger, ReactionOutcome} from '../ledger.js'
import {reactionPoints} from '../reactions.js'
import type {ChatMessage, ChatReaction} from './message.js'
import {CcpError} from '../errors.js'
import {type GiverPolicy, mayGive} from './policy.js'

/** What a reaction did, for the bot's one log line: never the message's text, a number or a UUID. */
export interface ReactionLog {
  change?: number
  member?: string
  result: 'direct message' | 'not a giver' | 'off' | 'to the bot' | ReactionOutcome['kind']
  rule?: string
}

/**
 * Reactions as awards (the `reactions` setting), shared by every driver: decides whether a reaction
 * may award at all, then lets the ledger apply it. Never replies: the bot stays silent on reactions.
 */
export class ChatReactions {
  constructor(
    private readonly ledger: Ledger,
    private readonly chatSettings: () => GiverPolicy,
    /** The bot's own account: reactions to its messages award nobody. */
    private readonly account: Partial<SignalIdentity> = {},
  ) {}

  /** Whether reactions award anything now (the setting is not empty). */
  enabled(): boolean {
    return this.ledger.settings().reactions.size > 0
  }

  /** Applies a reaction received at `at`; the caller has checked that it comes from a chat the bot answers. */
  apply(message: ChatMessage & {reaction: ChatReaction}, at: number): ReactionLog {
    const {reaction, sender} = message
    if (message.chat.kind !== 'group') return {result: 'direct message'}
    const {reactions} = this.ledger.settings()
    if (reactions.size === 0) return {result: 'off'}
    if (this.isAccount(reaction.targetAuthor)) return {result: 'to the bot'}
    if (!mayGive(sender, this.chatSettings(), () => this.isBoundMember(sender))) return {result: 'not a giver'}
    const points = reaction.remove ? null : reactionPoints(reaction.emoji, reactions)
    const outcome = this.ledger.react(sender, {at, emoji: reaction.emoji, points, reactedAt: message.timestamp, targetAuthor: reaction.targetAuthor, targetTimestamp: reaction.targetTimestamp})
    if (!('change' in outcome)) return {result: outcome.kind}
    return {change: outcome.change, member: outcome.member, result: outcome.kind, rule: outcome.kind === 'refused' ? outcome.rule : undefined}
  }

  /** Whether the sender is bound to a member (asked only when chat.givers is members). */
  private isBoundMember(sender: ChatMessage['sender']): boolean {
    if (sender.kind !== 'chat') return false
    try {
      this.ledger.score({identity: sender})
      return true
    } catch (error) {
      // A locked database is thrown, for the bot to retry; an identity bound to nobody is no member.
      if (error instanceof CcpError && error.exitCode !== 3) return false
      throw error
    }
  }

  private isAccount(author: SignalIdentity): boolean {
    const {number, uuid} = this.account
    return Boolean((number && author.number === number) || (uuid && author.uuid === uuid.toLowerCase()))
  }
}
