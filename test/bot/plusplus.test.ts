import {Bot} from '../../src/bot/bot.js'
import {createLogger} from '../../src/bot/log.js'
import {chatSettingsFrom, ChatCommands} from '../../src/core/chat/handler.js'
import type {SendRequest} from '../../src/signal/client.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {BOB, NO_RULES} from '../helpers/chat.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE, memoryLedger} from '../helpers/ledger.js'

/** The bot with every setting read from its database, as `ccp serve` runs it; Alice is the admin. */
function botFixture(settings: Record<string, string>) {
  const {clock, ledger, store} = memoryLedger()
  for (const [key, value] of Object.entries({...NO_RULES, 'chat.admins': ALICE.uuid!, 'chat.groups': GROUP_ID, ...settings})) store.saveSetting(key, value, 0)
  const chatSettings = chatSettingsFrom(() => store.storedSettings())
  const sent: SendRequest[] = []
  const lines: string[] = []
  const bot = new Bot(
    {clock, commands: new ChatCommands(ledger, chatSettings, clock), log: createLogger('json', (line) => lines.push(line)), queue: new SqliteQueue(store.db), send: async (request) => (sent.push(request), 1)},
    {account: '+15550000000', chatSettings},
  )
  ledger.addMember({name: 'alice', uuid: ALICE.uuid})
  const deliver = async (...items: unknown[]) => {
    sent.length = 0
    bot.accept(items)
    bot.handlePending()
    await bot.flushOutbox()
    return sent.map((request) => [request.recipient, request.message])
  }

  return {deliver, lines, ledger, store}
}

describe('name++ through the bot', () => {
  it('with chat.plusplus on, answers alice++ for the cake with the usual reply, and logs no text', async () => {
    const bot = botFixture({'chat.givers': 'members', 'chat.plusplus': 'on'})
    bot.ledger.addMember({name: 'bob', uuid: BOB.uuid})
    expect(await bot.deliver(textItem(BOB, 'alice++ for the cake'))).toEqual([[GROUP_REST_ID, '1 points updated for user alice. Total points: 1.']])
    expect(bot.ledger.history()[0]).toMatchObject({actor: 'bob', name: 'alice', reason: 'for the cake'})
    expect(bot.lines.join('\n')).not.toMatch(/cake|alice\+\+/)
  })

  it('stays silent on c++ is hard, and on name++ while chat.plusplus is off', async () => {
    const bot = botFixture({'chat.givers': 'everyone', 'chat.plusplus': 'on'})
    expect(await bot.deliver(textItem(BOB, 'c++ is hard'))).toEqual([])
    bot.store.saveSetting('chat.plusplus', 'off', 0)
    expect(await bot.deliver(textItem(BOB, 'alice++'))).toEqual([])
    expect(bot.ledger.history()).toEqual([])
    expect(bot.lines.join('\n')).not.toMatch(/hard|\+\+/)
  })
})
