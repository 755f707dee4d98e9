import type {ChatActor} from '../actor.js'
import type {SignalIdentity} from '../identity.js'

/** A mention in message text: the text holds U+FFFC at `start` (UTF-16 units, as JavaScript indexes). */
export interface ChatMention extends SignalIdentity {
  length: number
  name: null | string
  start: number
}

/** Where a message was written, and so where its reply goes. */
export type ChatRef = {groupId: string; kind: 'group'} | ({kind: 'direct'} & SignalIdentity)

/**
 * A reaction to an earlier message: who wrote that message and when (its identity), never its text.
 * Signal keeps one reaction per person per message; `remove` takes it back.
 */
export interface ChatReaction {
  emoji: string
  remove: boolean
  targetAuthor: SignalIdentity
  targetTimestamp: number
}

/** A chat message as every driver hands it to the core, whatever transport it came by. */
export interface ChatMessage {
  chat: ChatRef
  mentions: ChatMention[]
  /** Present when the message is a reaction (its text is then empty). */
  reaction?: ChatReaction
  sender: ChatActor
  text: string
  /** The sender's timestamp: with the sender, the message's identity. */
  timestamp: number
  /** Sent by another device of the bot's own account (the owner typing on their phone). */
  viaSync: boolean
}

export const MENTION_PLACEHOLDER = '\uFFFC'
