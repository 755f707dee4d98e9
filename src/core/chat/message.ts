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

/** A chat message as every driver hands it to the core, whatever transport it came by. */
export interface ChatMessage {
  chat: ChatRef
  mentions: ChatMention[]
  sender: ChatActor
  text: string
  /** The sender's timestamp: with the sender, the message's identity. */
  timestamp: number
  /** Sent by another device of the bot's own account (the owner typing on their phone). */
  viaSync: boolean
}

export const MENTION_PLACEHOLDER = '\uFFFC'
