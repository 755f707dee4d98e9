import {RuleError} from '../errors.js'
import {isPhoneNumber, isUuid} from '../identity.js'
import {MENTION_PLACEHOLDER, type ChatMention} from './message.js'

/** A mention record that does not fit the text it came with: the command is refused, never guessed. */
export class MentionMismatch extends RuleError {
  constructor(message: string) {
    super('MENTION_MISMATCH', message)
  }
}

/**
 * The mention records of one message, each handed out once, by the offset of its U+FFFC. Signal sends
 * one record per placeholder; anything else (two records for one placeholder, a record that points at
 * no placeholder, a record the command leaves unused) is refused, so no one is silently left out.
 */
export class MentionRecords {
  private readonly byOffset = new Map<number, ChatMention>()
  private readonly used = new Set<number>()

  constructor(text: string, mentions: readonly ChatMention[]) {
    for (const mention of mentions) {
      if (!Number.isInteger(mention.start) || text.charAt(mention.start) !== MENTION_PLACEHOLDER) {
        throw new MentionMismatch('Signal sent a mention that points at no @ in the message; write the names instead.')
      }

      if (this.byOffset.has(mention.start)) {
        throw new MentionMismatch('Signal sent two people for one mention; I will not guess which one was meant. Write the names instead.')
      }

      // A malformed identity counts as none: it must never reach an error message that would repeat it.
      const number = mention.number !== null && isPhoneNumber(mention.number) ? mention.number : null
      const uuid = mention.uuid !== null && isUuid(mention.uuid) ? mention.uuid.toLowerCase() : null
      this.byOffset.set(mention.start, {...mention, number, uuid})
    }
  }

  /** The record of the placeholder at `offset` (null: Signal sent none); a record is taken once. */
  take(offset: number): ChatMention | null {
    const mention = this.byOffset.get(offset)
    if (!mention) return null
    if (this.used.has(offset)) throw new Error(`the mention at ${offset} was read twice`)
    this.used.add(offset)
    return mention
  }

  /** Refuses a command that left a mention unread: it would name someone the command ignores. */
  checkAllUsed(): void {
    if (this.used.size !== this.byOffset.size) {
      throw new MentionMismatch('This command leaves out someone you mentioned; mention only the people it is for.')
    }
  }
}
