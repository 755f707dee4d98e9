import type {ChatActor} from '../core/actor.js'
import {isPhoneNumber, isUuid} from '../core/identity.js'
import type {MemberRecord} from '../core/ports.js'
import {crypto} from '../lib/crypto.js'

/** Finds the present member a Signal identity is bound to. */
export interface MemberLookup {
  activeMemberByNumber(number: string): MemberRecord | undefined
  activeMemberByUuid(uuid: string): MemberRecord | undefined
}

/** Keys the tags of senders known by number alone: a number is too easy to guess back from a plain hash (made on first use). */
let numberKey: Buffer | undefined

/**
 * How log lines name a person: the member they are bound to, else `#` and 8 hex digits that nobody can
 * turn back into their UUID or number. A UUID's tag is a hash of it, the same in every run (grep the
 * logs for it); 122 random bits cannot be guessed back. A sender known by number alone (rare: Signal
 * names everyone by UUID) gets a tag keyed anew each run, since phone numbers can be guessed by trying.
 */
export function senderLabel(sender: ChatActor, members?: MemberLookup): string {
  const member = (sender.uuid && members?.activeMemberByUuid(sender.uuid)) || (sender.number && members?.activeMemberByNumber(sender.number)) || undefined
  // A member named like a number or a UUID would show one: tagged instead.
  if (member && !isPhoneNumber(member.name) && !isUuid(member.name)) return member.name
  if (sender.uuid) return `#${crypto().createHash('sha256').update(`ccp sender ${sender.uuid.toLowerCase()}`).digest('hex').slice(0, 8)}`
  if (sender.number) return `#${crypto().createHmac('sha256', (numberKey ??= crypto().randomBytes(32))).update(sender.number).digest('hex').slice(0, 8)}`
  return 'unknown'
}
