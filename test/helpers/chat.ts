import type {ChatActor} from '../../src/core/actor.js'
import {ChatCommands} from '../../src/core/chat/handler.js'
import type {ChatMention} from '../../src/core/chat/message.js'
import type {Admins} from '../../src/core/chat/policy.js'
import {memoryLedger} from './ledger.js'

export const BOB: ChatActor = {kind: 'chat', number: '+15551110002', profileName: 'Bob', uuid: '22222222-2222-4222-8222-222222222222'}
/** Carol hides her number: Signal gives only her UUID. */
export const CAROL: ChatActor = {kind: 'chat', number: null, profileName: 'Carol', uuid: '33333333-3333-4333-8333-333333333333'}

/**
 * Writes a message as Signal delivers it: each "@Name" of a person in `people` becomes U+FFFC with
 * a mention record (start and length in UTF-16 units). The record's name is the person's number (or
 * UUID), as signal-cli sends it, unless `profileNames` says to give it as the bot would know it.
 */
export function signalText(text: string, people: ChatActor[], profileNames = false): {mentions: ChatMention[]; text: string} {
  const mentions: ChatMention[] = []
  if (people.length === 0) return {mentions, text}
  let out = ''
  const pattern = new RegExp(`@(${people.map((p) => p.profileName).join('|')})\\b`, 'g')
  let last = 0
  for (const match of text.matchAll(pattern)) {
    out += text.slice(last, match.index)
    const person = people.find((p) => p.profileName === match[1])!
    mentions.push({length: 1, name: profileNames ? person.profileName : (person.number ?? person.uuid), number: person.number, start: out.length, uuid: person.uuid})
    out += '\uFFFC'
    last = match.index + match[0].length
  }

  return {mentions, text: out + text.slice(last)}
}

/** Settings that keep the game's rules and tiers out of tests about something else. */
export const NO_RULES = {'award.cooldown': '0s', 'award.hourly': '0', tiers: '0:Citizen'}

/**
 * The chat commands on an in-memory ledger, with Alice as the only admin (by UUID). Settings default
 * to NO_RULES; pass {} for the game's defaults.
 */
export function chatFixture(admins: Partial<Admins> = {}, settings: Record<string, string> = NO_RULES) {
  const fixture = memoryLedger()
  for (const [key, value] of Object.entries(settings)) fixture.store.saveSetting(key, value, 0)
  const config = {
    admins: {numbers: admins.numbers ?? new Set<string>(), uuids: admins.uuids ?? new Set(['11111111-1111-4111-8111-111111111111'])},
    groups: new Set<string>(),
    prefix: '/CCP',
  }
  const commands = new ChatCommands(fixture.ledger, () => config, fixture.clock)
  const say = (actor: ChatActor, text: string, people: ChatActor[] = [], idempotencyKey?: string) =>
    commands.respond({actor, idempotencyKey, ...signalText(text, people, true)})
  return {...fixture, commands, say}
}
