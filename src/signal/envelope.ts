import type {ChatActor} from '../core/actor.js'
import type {ChatMention, ChatMessage, ChatRef} from '../core/chat/message.js'

/** What became of one receive item: a chat message for the bot, or the reason it was passed over. */
export type Normalized = {message: ChatMessage; type: 'message'} | {type: 'ignored'; why: string}

type Json = Record<string, unknown>

/**
 * Turns one item of a signal-cli-rest-api receive body (or one websocket frame) into a chat message.
 * Handles group messages, direct messages and the account owner's own messages from another device
 * (sync). Everything else, and anything malformed, is ignored with a reason; nothing here throws.
 * Edits are ignored on purpose: an edited command is never applied a second time.
 */
export function normalizeItem(item: unknown, account: string): Normalized {
  if (!isObject(item)) return ignored('not an object')
  if (item.exception !== undefined) return ignored('undecryptable message')
  const envelope = item.envelope
  if (!isObject(envelope)) return ignored(typeof item.error === 'string' ? 'error frame' : 'no envelope')
  if (envelope.editMessage !== undefined) return ignored('edit')
  if (isObject(envelope.dataMessage)) return fromDataMessage(envelope, envelope.dataMessage)
  if (isObject(envelope.syncMessage) && isObject(envelope.syncMessage.sentMessage)) {
    return fromSentSync(envelope, envelope.syncMessage.sentMessage, account)
  }

  return ignored(kindOf(envelope))
}

function fromDataMessage(envelope: Json, data: Json): Normalized {
  const skip = skipReason(data)
  if (skip) return ignored(skip)
  const sender: ChatActor = {
    kind: 'chat',
    number: text(envelope.sourceNumber),
    profileName: text(envelope.sourceName),
    uuid: text(envelope.sourceUuid)?.toLowerCase() ?? null,
  }
  if (!sender.uuid && !sender.number) return ignored('no sender')
  const group = groupOf(data)
  const chat: ChatRef = group ?? {kind: 'direct', number: sender.number, uuid: sender.uuid}
  return message(chat, sender, data, envelope, false)
}

function fromSentSync(envelope: Json, sent: Json, account: string): Normalized {
  const skip = skipReason(sent)
  if (skip) return ignored(skip)
  const sender: ChatActor = {kind: 'chat', number: account, profileName: text(envelope.sourceName), uuid: text(envelope.sourceUuid)?.toLowerCase() ?? null}
  const destination = {number: text(sent.destinationNumber) ?? text(sent.destination), uuid: text(sent.destinationUuid)?.toLowerCase() ?? null}
  const chat: ChatRef | null = groupOf(sent) ?? (destination.uuid || destination.number ? {kind: 'direct', ...destination} : null)
  if (!chat) return ignored('sync without a chat')
  return message(chat, sender, sent, envelope, true)
}

function message(chat: ChatRef, sender: ChatActor, data: Json, envelope: Json, viaSync: boolean): Normalized {
  const timestamp = integer(data.timestamp) ?? integer(envelope.timestamp)
  if (timestamp === null) return ignored('no timestamp')
  return {message: {chat, mentions: mentionsOf(data.mentions), sender, text: data.message as string, timestamp, viaSync}, type: 'message'}
}

/** Why a data message carries nothing for the bot, or null when it is text to read. */
function skipReason(data: Json): null | string {
  if (data.reaction !== undefined) return 'reaction'
  if (data.remoteDelete !== undefined) return 'remote delete'
  if (isObject(data.groupInfo) && data.groupInfo.type !== undefined && data.groupInfo.type !== 'DELIVER') return 'group update'
  if (typeof data.message !== 'string' || data.message.trim() === '') return 'no text'
  return null
}

function groupOf(data: Json): ChatRef | null {
  if (!isObject(data.groupInfo)) return null
  const groupId = text(data.groupInfo.groupId)
  return groupId ? {groupId, kind: 'group'} : null
}

function mentionsOf(value: unknown): ChatMention[] {
  if (!Array.isArray(value)) return []
  return value.filter((m) => isObject(m)).flatMap((m) => {
    const start = integer(m.start)
    const length = integer(m.length)
    if (start === null || length === null) return []
    const number = text(m.number)
    const uuid = text(m.uuid)?.toLowerCase() ?? null
    // signal-cli fills `name` with the number or the UUID, not a profile name: that is no name to show.
    const name = text(m.name)
    return [{length, name: name && name !== number && name.toLowerCase() !== uuid ? name : null, number, start, uuid}]
  })
}

function kindOf(envelope: Json): string {
  for (const key of ['receiptMessage', 'typingMessage', 'syncMessage', 'storyMessage', 'callMessage']) {
    if (envelope[key] !== undefined) return key.replace('Message', '')
  }

  return 'unknown shape'
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): null | string {
  return typeof value === 'string' && value !== '' ? value : null
}

function integer(value: unknown): null | number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null
}

function ignored(why: string): Normalized {
  return {type: 'ignored', why}
}
