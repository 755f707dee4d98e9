import type {SignalIdentity} from './identity.js'
import {personName} from './person-name.js'

/** Who asks for an operation: the operator at a terminal (or cron), or a sender in a chat. */
export type Actor = OperatorActor | ChatActor

export interface OperatorActor {
  kind: 'operator'
}

/** A sender in a chat, by their Signal identity. */
export interface ChatActor extends SignalIdentity {
  kind: 'chat'
  /** Profile name: for display only, never for matching. */
  profileName: string | null
}

export const OPERATOR: OperatorActor = {kind: 'operator'}

/** How a sender with no name to show is shown. */
export const SOMEONE = 'someone'

/**
 * How an actor is shown in history and replies: the name of the member bound to their identity, else
 * their profile name, else "someone"; never their phone number or UUID, which would expose them.
 */
export function actorLabel(actor: Actor, memberName?: null | string): string {
  if (actor.kind === 'operator') return 'operator'
  return personName(memberName ?? null) ?? personName(actor.profileName) ?? SOMEONE
}
