import type {Actor} from '../actor.js'
import type {Admins, Givers} from '../settings.js'
import type {ChatMessage} from './message.js'

export type {Admins, Givers} from '../settings.js'

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

/** Who may give: the `chat.givers` setting, and the admins, who always may. */
export interface GiverPolicy {
  admins: Admins
  givers: Givers
}

/**
 * Whether an actor may give points from a chat (typed award, name++, reaction). `isBoundMember` says whether
 * their identity is bound to a member; it is asked only when that decides. The game's rules (self-award,
 * award.max, cooldown, hourly cap, award.negative) still bind every chat giver: the ledger checks them.
 */
export function mayGive(actor: Actor, policy: GiverPolicy, isBoundMember: () => boolean): boolean {
  if (isAdmin(actor, policy.admins) || policy.givers === 'everyone') return true
  return policy.givers === 'members' && isBoundMember()
}

/** Who may give, as help and refusals say it. */
export function giversText(givers: Givers): string {
  return {admins: 'Only admins can change points.', everyone: 'Anyone here can change points.', members: 'Only members and admins can change points.'}[givers]
}

/**
 * Whether a message is for the bot at all: from a configured group, or a direct message from an
 * admin. Everything else is ignored without a reply.
 */
export function isAllowedChat(message: ChatMessage, policy: ChatPolicy): boolean {
  if (message.chat.kind === 'direct') return isAdmin(message.sender, policy.admins)
  return policy.groups.size === 0 || policy.groups.has(message.chat.groupId)
}
