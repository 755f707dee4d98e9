/** Who asks for an operation: the operator at a terminal (or cron), or a sender in a chat. */
export type Actor = OperatorActor | ChatActor

export interface OperatorActor {
  kind: 'operator'
}

export interface ChatActor {
  kind: 'chat'
  /** The sender's Signal ACI: the stable key for a person. */
  uuid: string | null
  number: string | null
  /** Profile name: for display only, never for matching. */
  profileName: string | null
}

export const OPERATOR: OperatorActor = {kind: 'operator'}

/**
 * How an actor is shown in history: a profile name is a courtesy, the identity is what counts. A profile
 * name is whatever the sender typed, so its control characters (a line break, a terminal escape, a bidi
 * override) are shown as � rather than acted on.
 */
export function actorLabel(actor: Actor): string {
  if (actor.kind === 'operator') return 'operator'
  return actor.profileName?.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '\uFFFD') ?? actor.number ?? actor.uuid ?? 'unknown sender'
}
