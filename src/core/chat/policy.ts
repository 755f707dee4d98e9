import type {Actor} from '../actor.js'
import type {Admins} from '../settings.js'
import type {ChatMessage} from './message.js'

export type {Admins} from '../settings.js'

/** Which chats the bot listens to. An empty `groups` means every group the account is in. */
export interface ChatPolicy {
  admins: Admins
  /** Group internal ids (as in groupInfo.groupId). */
  groups: ReadonlySet<string>
}

export function isAdmin(actor: Actor, admins: Admins): boolean {
  if (actor.kind === 'operator') return true
  return Boolean((actor.uuid && admins.uuids.has(actor.uuid.toLowerCase())) || (actor.number && admins.numbers.has(actor.number)))
}

/**
 * Whether this person may give points from a chat (a typed award or a reaction): for now the admins, as
 * always; chat.givers (issue 15) widens it here and only here.
 */
export function mayGive(actor: Actor, settings: Pick<ChatPolicy, 'admins'>): boolean {
  return isAdmin(actor, settings.admins)
}

/**
 * Whether a message is for the bot at all: from a configured group, or a direct message from an
 * admin. Everything else is ignored without a reply.
 */
export function isAllowedChat(message: ChatMessage, policy: ChatPolicy): boolean {
  if (message.chat.kind === 'direct') return isAdmin(message.sender, policy.admins)
  return policy.groups.size === 0 || policy.groups.has(message.chat.groupId)
}
