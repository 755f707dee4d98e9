import type {ChatActor} from '../core/actor.js'
import type {ChatMention, ChatMessage, ChatReaction, ChatRef} from '../core/chat/message.js'
import {isPhoneNumber, isUuid, type SignalIdentity} from '../core/identity.js'
import {isOneEmoji} from '../core/reactions.js'

/** What became of one receive item: a chat message for the bot, or the reason it was passed over. */
export type Normalized = {message: ChatMessage; type: 'message'} | {type: 'ignored'; why: string}

type Json = Record<string, unknown>

/** The bot's own Signal account: its number, and its ACI when known. */
export interface Account {
  number: string
  uuid?: null | string
}

/** Profile names are a few words (Signal allows some 26 characters a part): more is cut, so no one can make the bot keep or show a page of it. */
const MAX_PROFILE_NAME = 100

/**
 * Turns one item of a signal-cli-rest-api receive body (or one websocket frame) into a chat message.
 * Handles group messages, direct messages and the account owner's own messages from another device
 * (sync). Everything else, and anything malformed, is ignored with a reason; nothing here throws.
 * Edits are ignored on purpose: an edited command is never applied a second time. A reaction becomes a
 * message with no text and its `reaction`, the owner's from another device too (like their commands).
 */
export function normalizeItem(item: unknown, account: Account | string): Normalized {
  if (!isObject(item)) return ignored('not an object')
  if (item.exception !== undefined) return ignored('undecryptable message')
  const envelope = item.envelope
  if (!isObject(envelope)) return ignored(typeof item.error === 'string' ? 'error frame' : 'no envelope')
  if (envelope.editMessage !== undefined) return ignored('edit')
  if (isObject(envelope.dataMessage)) return fromDataMessage(envelope, envelope.dataMessage)
  if (isObject(envelope.syncMessage) && isObject(envelope.syncMessage.sentMessage)) {
    return fromSentSync(envelope, envelope.syncMessage.sentMessage, typeof account === 'string' ? {number: account} : account)
  }

  return ignored(kindOf(envelope))
}

function fromDataMessage(envelope: Json, data: Json): Normalized {
  const reaction = readReaction(data)
  if (reaction === null) return ignored('unreadable reaction')
  const skip = reaction ? null : skipReason(data)
  if (skip) return ignored(skip)
  const sender: ChatActor = {kind: 'chat', ...identityOf(envelope.sourceNumber, envelope.sourceUuid), profileName: profileName(envelope.sourceName)}
  if (!sender.uuid && !sender.number) return ignored('no sender')
  const group = groupOf(data)
  const chat: ChatRef = group ?? {kind: 'direct', number: sender.number, uuid: sender.uuid}
  if (reaction) return message(chat, sender, {...data, mentions: undefined, message: ''}, envelope, false, reaction)
  return message(chat, sender, data, envelope, false)
}

/** The reaction a data message (or a sent sync's unwrapped fields) carries: undefined for none. */
function readReaction(data: Json): ChatReaction | null | undefined {
  return isObject(data.reaction) && !isGroupUpdate(data) ? reactionOf(data.reaction) : undefined
}

/**
 * A reaction's emoji and target; null when a part is missing or malformed (nothing is guessed): an emoji that is not
 * exactly one emoji (no text of any other kind is kept), or an isRemove that is not true or false.
 */
function reactionOf(reaction: Json): ChatReaction | null {
  const emoji = text(reaction.emoji)
  const targetTimestamp = integer(reaction.targetSentTimestamp)
  const targetAuthor = identityOf(reaction.targetAuthorNumber ?? reaction.targetAuthor, reaction.targetAuthorUuid ?? reaction.targetAuthor)
  if (emoji === null || !isOneEmoji(emoji) || typeof reaction.isRemove !== 'boolean') return null
  if (targetTimestamp === null || (!targetAuthor.uuid && !targetAuthor.number)) return null
  return {emoji, remove: reaction.isRemove, targetAuthor, targetTimestamp}
}

/**
 * A message the owner sent from another device of the bot's account. Only the account itself can send
 * one: a sync message from anyone else (whatever it holds) is never read as the owner speaking.
 */
function fromSentSync(envelope: Json, sent: Json, account: Account): Normalized {
  const source = identityOf(envelope.sourceNumber, envelope.sourceUuid)
  const sourceText = text(envelope.source)
  const ownUuid = account.uuid?.toLowerCase() ?? null
  const fromAccount =
    source.number === account.number || sourceText === account.number || (ownUuid !== null && (source.uuid === ownUuid || sourceText?.toLowerCase() === ownUuid))
  if (!fromAccount) return ignored('sync from another account')
  const reaction = readReaction(sent)
  if (reaction === null) return ignored('unreadable reaction')
  const skip = reaction ? null : skipReason(sent)
  if (skip) return ignored(skip)
  const sender: ChatActor = {kind: 'chat', number: account.number, profileName: profileName(envelope.sourceName), uuid: source.uuid ?? ownUuid}
  const destination = identityOf(text(sent.destinationNumber) ?? sent.destination, sent.destinationUuid)
  const chat: ChatRef | null = groupOf(sent) ?? (destination.uuid || destination.number ? {kind: 'direct', ...destination} : null)
  if (!chat) return ignored('sync without a chat')
  if (reaction) return message(chat, sender, {...sent, mentions: undefined, message: ''}, envelope, true, reaction)
  return message(chat, sender, sent, envelope, true)
}

function message(chat: ChatRef, sender: ChatActor, data: Json, envelope: Json, viaSync: boolean, reaction?: ChatReaction): Normalized {
  const timestamp = integer(data.timestamp) ?? integer(envelope.timestamp)
  if (timestamp === null) return ignored('no timestamp')
  const read: ChatMessage = {chat, mentions: mentionsOf(data.mentions), sender, text: data.message as string, timestamp, viaSync}
  return {message: reaction ? {...read, reaction} : read, type: 'message'}
}

/** Why a data message carries nothing for the bot, or null when it is text to read. */
function skipReason(data: Json): null | string {
  if (data.reaction !== undefined) return 'reaction'
  if (data.remoteDelete !== undefined) return 'remote delete'
  if (isGroupUpdate(data)) return 'group update'
  if (typeof data.message !== 'string' || data.message.trim() === '') return 'no text'
  return null
}

function isGroupUpdate(data: Json): boolean {
  return isObject(data.groupInfo) && data.groupInfo.type !== undefined && data.groupInfo.type !== 'DELIVER'
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
    const {number, uuid} = identityOf(m.number, m.uuid)
    // signal-cli fills `name` with the number or the UUID, not a profile name: that is no name to show.
    const name = profileName(m.name)
    return [{length, name: name && name !== text(m.number) && name.toLowerCase() !== text(m.uuid)?.toLowerCase() ? name : null, number, start, uuid}]
  })
}

function kindOf(envelope: Json): string {
  for (const key of ['receiptMessage', 'typingMessage', 'syncMessage', 'storyMessage', 'callMessage']) {
    if (envelope[key] !== undefined) return key.replace('Message', '')
  }

  return 'unknown shape'
}

/**
 * A person's Signal identity, each part only in its valid form (an E.164 number, a lowercase UUID): a
 * malformed one is treated as absent, never carried on to be repeated in an error or a reply.
 */
function identityOf(number: unknown, uuid: unknown): SignalIdentity {
  const n = text(number)
  const u = text(uuid)
  return {number: n && isPhoneNumber(n) ? n : null, uuid: u && isUuid(u) ? u.toLowerCase() : null}
}

function profileName(value: unknown): null | string {
  const name = text(value)
  return name === null ? null : [...name].slice(0, MAX_PROFILE_NAME).join('')
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
