import type {ChatActor} from '../../src/core/actor.js'
import {chatSettingsFrom, ChatCommands} from '../../src/core/chat/handler.js'
import {NO_RULES, signalText} from './chat.js'
import {ALICE, memoryLedger} from './ledger.js'

/** Dave is bound to no member and is no admin. */
export const DAVE: ChatActor = {kind: 'chat', number: '+15551110004', profileName: 'Dave', uuid: '44444444-4444-4444-8444-444444444444'}

/**
 * The chat commands with every setting read from the database for each message, as the bot reads them:
 * Alice is the admin (chat.admins), and `settings` come on top of NO_RULES.
 */
export function storedSettingsFixture(settings: Record<string, string> = {}) {
  const fixture = memoryLedger()
  const set = (key: string, value: null | string) => fixture.store.saveSetting(key, value, 0)
  for (const [key, value] of Object.entries({...NO_RULES, 'chat.admins': ALICE.uuid!, ...settings})) set(key, value)
  const commands = new ChatCommands(fixture.ledger, chatSettingsFrom(() => fixture.store.storedSettings()), fixture.clock)
  const say = (actor: ChatActor, text: string, people: ChatActor[] = []) => commands.respond({actor, ...signalText(text, people, true)})
  return {...fixture, commands, say, set}
}
