import type {SignalIdentity} from '../identity.js'
import type {Ledger, ReactionOutcome} from '../ledger.js'
import {reactionPoints} from '../reactions.js'
import type {ChatMessage, ChatReaction} from './message.js'
import {CcpError} from '../errors.js'
import type {MemberView} from '../views.js'
import {type GiverPolicy, mayGive} from './policy.js'

/** What a reaction did, for the bot's one log line: never the message's text, a number or a UUID. */
interface ReactionLog {
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
  private readonly account: Partial<SignalIdentity>

  constructor(
    private readonly ledger: Ledger,
    private readonly chatSettings: () => GiverPolicy,
    /** The bot's own account: reactions to its messages award nobody. */
    account: Partial<SignalIdentity> = {},
  ) {
    this.account = {number: account.number ?? null, uuid: account.uuid?.toLowerCase() ?? null}
  }

  /** Whether reactions award anything now (the setting is not empty). */
  enabled(): boolean {
    return this.ledger.settings().reactions.size > 0
  }

  /** Learns the account's UUID (its ACI), as the owner's own synced messages show it: the bot's messages may name it alone. */
  learnAccountUuid(uuid: string): void {
    this.account.uuid = uuid.toLowerCase()
  }

  /**
   * Applies a reaction received at `at`; the caller has checked that it comes from a chat the bot answers. A
   * removal always takes back what that reactor's reaction holds, whoever may give now and even with reactions
   * off; a new emoji from someone who may no longer give takes the old award back and gives nothing.
   */
  apply(message: ChatMessage & {reaction: ChatReaction}, at: number): ReactionLog {
    const {reaction, sender} = message
    if (message.chat.kind !== 'group') return {result: 'direct message'}
    const {reactions} = this.ledger.settings()
    if (reactions.size === 0 && !reaction.remove) return {result: 'off'}
    if (this.isAccount(reaction.targetAuthor)) return {result: 'to the bot'}
    const mayAward = reactions.size > 0 && mayGive(sender, this.chatSettings(), () => this.boundMember(sender) !== undefined)
    const points = reaction.remove || !mayAward ? null : reactionPoints(reaction.emoji, reactions)
    const input = {at, emoji: reaction.emoji, points, reactedAt: message.timestamp, takeBackOnly: !mayAward, targetAuthor: reaction.targetAuthor, targetTimestamp: reaction.targetTimestamp}
    const outcome = this.ledger.react(sender, input)
    const result = mayAward || reaction.remove ? outcome.kind : 'not a giver'
    if (!('change' in outcome)) return {result}
    return {change: outcome.change, member: outcome.member, result, rule: outcome.kind === 'refused' ? outcome.rule : undefined}
  }

  /** The member an identity is bound to, if any. */
  private boundMember(identity: Partial<SignalIdentity>): MemberView | undefined {
    try {
      return this.ledger.score({identity: {number: identity.number ?? null, uuid: identity.uuid ?? null}})
    } catch (error) {
      // A locked database is thrown, for the bot to retry; an identity bound to nobody is no member.
      if (error instanceof CcpError && error.exitCode !== 3) return undefined
      throw error
    }
  }

  /** Whether a message's author is the bot's account: by either identity, or as the member bound to the account. */
  private isAccount(author: SignalIdentity): boolean {
    const isOwn = (identity: Partial<SignalIdentity>) => {
      const {number, uuid} = this.account
      return Boolean((number && identity.number === number) || (uuid && identity.uuid?.toLowerCase() === uuid))
    }

    if (isOwn(author)) return true
    const member = this.boundMember(author)
    return member !== undefined && isOwn(member)
  }
}
