import type {ChatActor} from '../../src/core/actor.js'
import {Bot} from '../../src/bot/bot.js'
import {createLogger} from '../../src/bot/log.js'
import {ChatCommands} from '../../src/core/chat/handler.js'
import type {SendRequest} from '../../src/signal/client.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {BOB, CAROL, NO_RULES} from '../helpers/chat.js'
import {syncItem, textItem} from '../helpers/envelopes.js'
import {ALICE, memoryLedger} from '../helpers/ledger.js'

const DAVE: ChatActor = {kind: 'chat', number: '+15551110004', profileName: 'Dave', uuid: '44444444-4444-4444-8444-444444444444'}
const OTHER_GROUP = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='

/** Alice (by UUID), Bob (by number) and Carol (by UUID; she hides her number) are admins; Dave is not. */
const ADMINS = {numbers: new Set([BOB.number!]), uuids: new Set([ALICE.uuid!, CAROL.uuid!])}

type Expect = 'allowed' | 'denied' | 'ignored'

const SENDERS: [string, (text: string) => unknown, Expect][] = [
  ['an admin by UUID', (text) => textItem(ALICE, text), 'allowed'],
  ['an admin by number', (text) => textItem({...BOB, uuid: '55555555-5555-4555-8555-555555555555'}, text), 'allowed'],
  ['a non-admin', (text) => textItem(DAVE, text), 'denied'],
  ['an admin known only by UUID', (text) => textItem(CAROL, text), 'allowed'],
  ['the account owner via sync (not listed)', (text) => syncItem(text), 'denied'],
  ["a non-admin using an admin's display name", (text) => textItem({...DAVE, profileName: 'Alice'}, text), 'denied'],
  ['an admin in a group that is not configured', (text) => textItem(ALICE, text, {groupId: OTHER_GROUP}), 'ignored'],
  ['an admin in a direct message', (text) => textItem(ALICE, text, {groupId: null}), 'allowed'],
  ['a non-admin in a direct message', (text) => textItem(DAVE, text, {groupId: null}), 'ignored'],
]

/** Each changing command, and what it says to a sender who may not use it. */
const COMMANDS: [string, string, string][] = [
  ['adduser', '/CCP adduser newbie', 'Only admins can add members.'],
  ['award', '/CCP target 5', 'Only admins can change points.'],
  ['undo', '/CCP undo', 'Only admins can change points.'],
]

/** A bot whose own account (+15550000000) is its one admin, sending into `sent`. */
function botWhoseAccountIsAnAdmin() {
  const {clock, ledger, store} = memoryLedger()
  const config = {admins: {numbers: new Set(['+15550000000']), uuids: new Set<string>()}, groups: new Set([GROUP_ID]), prefix: '/CCP'}
  const sent: SendRequest[] = []
  const bot = new Bot(
    {clock, commands: new ChatCommands(ledger, () => config, clock), log: createLogger('json', () => {}), queue: new SqliteQueue(store.db), send: async (request) => (sent.push(request), 1)},
    {account: '+15550000000', chatSettings: () => config},
  )
  return {bot, sent, store}
}

describe('who may change points: every changing command from every kind of sender', () => {
  const cases = COMMANDS.flatMap(([command, text, refusal]) => SENDERS.map(([who, item, expected]) => [command, who, text, item, expected, refusal] as const))

  it.each(cases)('%s from %s', async (_command, _who, text, item, expected, refusal) => {
    const {clock, ledger, store} = memoryLedger()
    for (const [key, value] of Object.entries(NO_RULES)) store.saveSetting(key, value, 0)
    ledger.addMember({name: 'target'})
    // Every sender has an award of their own to undo, made earlier.
    for (const sender of [ALICE, {...BOB, uuid: '55555555-5555-4555-8555-555555555555'}, CAROL, DAVE]) ledger.award(sender, {points: 1, target: {name: 'target'}})
    const before = JSON.stringify([store.allMembers(), store.allEntries()])
    const sent: SendRequest[] = []
    const config = {admins: ADMINS, groups: new Set([GROUP_ID]), prefix: '/CCP'}
    const bot = new Bot(
      {
        clock,
        commands: new ChatCommands(ledger, () => config, clock),
        log: createLogger('json', () => {}),
        queue: new SqliteQueue(store.db),
        send: async (request) => {
          sent.push(request)
          return 1
        },
      },
      {account: '+15550000000', chatSettings: () => config},
    )
    bot.accept([item(text)])
    bot.handlePending()
    await bot.flushOutbox()
    const after = JSON.stringify([store.allMembers(), store.allEntries()])

    if (expected === 'ignored') {
      expect(sent).toEqual([])
      expect(after).toBe(before)
    } else if (expected === 'denied') {
      expect(sent.map((request) => request.message)).toEqual([refusal])
      expect(sent[0].recipient).toBe(GROUP_REST_ID)
      expect(after).toBe(before)
    } else {
      expect(sent).toHaveLength(1)
      expect(sent[0].message).not.toMatch(/Only admins/)
      expect(after).not.toBe(before)
    }
  })

  it('obeys the account owner via sync once the account is listed as an admin', async () => {
    const {bot, sent} = botWhoseAccountIsAnAdmin()
    bot.accept([syncItem('/CCP adduser newbie')])
    bot.handlePending()
    await bot.flushOutbox()
    expect(sent.map((request) => request.message)).toEqual(['User newbie has been added.'])
  })

  it.each([
    ['another person', {source: DAVE.number, sourceName: 'Dave', sourceNumber: DAVE.number, sourceUuid: DAVE.uuid}],
    ['another person who hides their number', {source: DAVE.uuid, sourceName: 'Dave', sourceNumber: null, sourceUuid: DAVE.uuid}],
    ['another person whose sync names the account as its destination', {source: DAVE.number, sourceNumber: DAVE.number, sourceUuid: DAVE.uuid}],
  ])('never obeys a sync message from %s as the account owner, and does not answer it', async (_who, source) => {
    const {bot, sent, store} = botWhoseAccountIsAnAdmin()
    const item = syncItem('/CCP adduser newbie') as unknown as {envelope: Record<string, unknown> & {syncMessage: {sentMessage: Record<string, unknown>}}}
    Object.assign(item.envelope, source)
    if (!('sourceName' in source)) Object.assign(item.envelope.syncMessage.sentMessage, {destination: '+15550000000', destinationNumber: '+15550000000'})
    const before = JSON.stringify([store.allMembers(), store.allEntries()])
    bot.accept([item])
    bot.handlePending()
    await bot.flushOutbox()
    expect(sent).toEqual([])
    expect(JSON.stringify([store.allMembers(), store.allEntries()])).toBe(before)
  })
})
