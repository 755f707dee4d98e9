import fc from 'fast-check'

import {Bot} from '../../src/bot/bot.js'
import {createLogger} from '../../src/bot/log.js'
import {ChatCommands} from '../../src/core/chat/handler.js'
import {parseChatCommand} from '../../src/core/chat/grammar.js'
import {parsePlusPlus} from '../../src/core/chat/plusplus.js'
import {nameKey, nameKeys} from '../../src/core/names.js'
import type {ChatMention} from '../../src/core/chat/message.js'
import type {ChatActor} from '../../src/core/actor.js'
import type {SendRequest} from '../../src/signal/client.js'
import {normalizeItem} from '../../src/signal/envelope.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {GROUP_ID} from '../fake-signal/server.js'
import {BOB, CAROL, chatFixture, NO_RULES} from '../helpers/chat.js'
import {envelopeFixture} from '../helpers/envelopes.js'
import {DAVE, storedSettingsFixture} from '../helpers/givers.js'
import {ALICE, memoryLedger} from '../helpers/ledger.js'

const RUNS = {numRuns: 10_000}

/** Every place in a JSON tree where a value sits, as its parent and key, for a property to replace. */
function valuePaths(tree: unknown): [Record<string, unknown>, string][] {
  const paths: [Record<string, unknown>, string][] = []
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return
    for (const key of Object.keys(node)) {
      paths.push([node as Record<string, unknown>, key])
      walk((node as Record<string, unknown>)[key])
    }
  }

  walk(tree)
  return paths
}

/** Text that looks like chat: the prefix in any case, words, numbers, mentions, control characters, look-alikes. */
const word = fc.oneof(
  fc.constantFrom('adduser', 'listall', 'top', 'score', 'history', 'undo', 'help', 'gloriousleader', 'week', 'month', 'bob', 'BOB', 'Ｂｏｂ', 'Ьob', 'b\u200Bob', '@bob', 'constructor', '__proto__'),
  fc.constantFrom('5', '-5', '+5', '0', '1.5', '1e3', '0x10', '１２', '99999999999999999999999', '-1000001', '007', 'five', '\uFFFC', '\uFFFC\uFFFC'),
  fc.string({maxLength: 12, unit: 'grapheme'}),
  fc.string({maxLength: 6, unit: fc.integer({max: 0x1f, min: 0}).map((code) => String.fromCodePoint(code))}),
)
/** Words that are someone's identity, or hide one; none may come back in a reply. */
const identityWord = fc.constantFrom('+15551110009', '33333333-3333-4333-8333-333333333333', '@+15551110009', '99999999999', '+1 555 111 0009')
const separator = fc.constantFrom(' ', '  ', '\t', '\n', '\u00A0', '\u3000', '')
const chatText = fc
  .tuple(fc.constantFrom('/CCP', '/ccp', '/CcP', '/CCPx', '', ' /CCP'), fc.array(fc.tuple(separator, word), {maxLength: 8}))
  .map(([prefix, words]) => prefix + words.map(([space, text]) => space + text).join(''))
const mention: fc.Arbitrary<ChatMention> = fc.record({
  length: fc.integer({max: 3, min: -1}),
  name: fc.option(fc.string({maxLength: 10})),
  number: fc.option(fc.constantFrom('+15551110002', '+15551110001', 'not a number', '')),
  start: fc.integer({max: 40, min: -2}),
  uuid: fc.option(fc.constantFrom(BOB.uuid!, CAROL.uuid!, ALICE.uuid!, 'not-a-uuid', '')),
})

describe('hostile chat input', () => {
  it('never makes the grammar throw', () => {
    fc.assert(
      fc.property(fc.oneof(chatText, fc.string({maxLength: 300, unit: 'binary'})), fc.array(mention, {maxLength: 4}), (text, mentions) => {
        parseChatCommand(text, mentions, '/CCP')
      }),
      RUNS,
    )
  })

  it('never lets a non-admin change anything', () => {
    const chat = chatFixture({}, {})
    chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
    const before = JSON.stringify([chat.store.allMembers(), chat.store.allEntries()])
    fc.assert(
      fc.property(chatText, fc.array(mention, {maxLength: 3}), fc.constantFrom(BOB, CAROL, {...CAROL, profileName: 'Alice'}), (text, mentions, sender) => {
        const outcome = chat.commands.respond({actor: sender, mentions, text})
        if (outcome && outcome.result === 'done') expect(['listall', 'top', 'score', 'history', 'help', 'gloriousleader']).toContain(outcome.command)
      }),
      RUNS,
    )
    expect(JSON.stringify([chat.store.allMembers(), chat.store.allEntries()])).toBe(before)
  })

  it('never awards anything for a command that is not well formed', () => {
    const chat = chatFixture({}, {'award.cooldown': '0', 'award.hourly': '0'})
    chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
    fc.assert(
      fc.property(chatText, fc.array(mention, {maxLength: 3}), (text, mentions) => {
        const entries = chat.store.counts().entries
        const outcome = chat.commands.respond({actor: ALICE, mentions, text})
        const awarded = chat.store.counts().entries - entries
        if (!outcome || outcome.result !== 'done' || !['award', 'undo'].includes(outcome.command)) expect(awarded).toBe(0)
        else expect(awarded).toBeLessThanOrEqual(Math.max(1, mentions.length + 1))
      }),
      RUNS,
    )
  })

  it('never shows a phone number or UUID in a reply, nor more than an excerpt of what was written', () => {
    const chat = chatFixture({uuids: new Set([ALICE.uuid!, CAROL.uuid!])})
    chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
    chat.ledger.addMember({name: 'carol', uuid: CAROL.uuid})
    const huge = fc.constantFrom('x'.repeat(5000), '\u200B'.repeat(5000), '\uFFFC'.repeat(300))
    const text = fc
      .tuple(fc.constantFrom('/CCP', '/CCP adduser', '/CCP score', '/CCP history', '/CCP bob 1'), fc.array(fc.tuple(separator, fc.oneof(word, identityWord, huge)), {maxLength: 6}))
      .map(([prefix, words]) => prefix + words.map(([space, w]) => (space || ' ') + w).join(''))
    const nameless = fc.constantFrom<ChatActor>({...ALICE, profileName: null}, {...CAROL, profileName: ''}, {...CAROL, profileName: '+15551110009'}, {...BOB, profileName: null})
    const identityMention = mention.map((m) => ({...m, name: m.name === null ? m.number : `${m.name}+15551110009`}))
    fc.assert(
      fc.property(text, fc.array(fc.oneof(mention, identityMention), {maxLength: 3}), nameless, (message, mentions, sender) => {
        for (const said of [message, '/CCP history']) {
          const reply = chat.commands.respond({actor: sender, mentions, text: said})?.reply ?? ''
          expect(reply).not.toMatch(/\d{7}|[0-9a-f]{8}-[0-9a-f]{4}-|\+1 555/i)
          expect(reply.length).toBeLessThan(2000)
        }
      }),
      RUNS,
    )
  })

  it('copes with a 64 KiB message and numbers too large to hold', () => {
    const chat = chatFixture()
    chat.ledger.addMember({name: 'bob'})
    const huge = `/CCP bob 5 ${'x'.repeat(64 * 1024)}`
    expect(chat.commands.respond({actor: ALICE, mentions: [], text: huge})).toMatchObject({result: 'refused'})
    expect(chat.commands.respond({actor: ALICE, mentions: [], text: `/CCP ${'b'.repeat(64 * 1024)} 5`})).toMatchObject({result: 'refused'})
    expect(chat.commands.respond({actor: ALICE, mentions: [], text: '/CCP bob 99999999999999999999999999'})).toMatchObject({result: 'refused'})
    expect(chat.ledger.history()).toEqual([])
  })
})

describe('hostile name++ (chat.plusplus)', () => {
  /** Words around ++ and --: members (bob, carol), names of nobody (c, dave), mentions, look-alikes, and stray signs. */
  const plusWord = fc.oneof(
    word,
    fc.constantFrom('bob', 'Carol', 'Ｂｏｂ', '@bob', 'c', 'dave', 'Ьob', 'b\u200Bob', '++', '--', '+', '-', '+++', 'bob++', 'carol--', 'c++', 'dave++', '\uFFFC++', '\uFFFC--'),
  )
  const plusText = fc
    .tuple(fc.constantFrom('', ' ', '/CCP '), fc.array(fc.tuple(separator, plusWord), {maxLength: 8}))
    .map(([start, words]) => start + words.map(([space, text]) => space + text).join(''))
  /** Mentions bound to bob and carol, and of dave, who is nobody's. */
  const plusMention = mention.map((m) => ({...m, uuid: m.uuid === ALICE.uuid ? DAVE.uuid : m.uuid}))

  it('never makes the name++ grammar throw', () => {
    fc.assert(
      fc.property(fc.oneof(plusText, fc.string({maxLength: 300, unit: 'binary'})), fc.array(plusMention, {maxLength: 4}), (text, mentions) => {
        parsePlusPlus(text, mentions)
      }),
      RUNS,
    )
  })

  it('never awards anyone but a member the message names, and never anything for what is not a command', () => {
    const chat = storedSettingsFixture({'chat.givers': 'everyone', 'chat.plusplus': 'on'})
    chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
    chat.ledger.addMember({name: 'carol', uuid: CAROL.uuid})
    const memberList = () => JSON.stringify(chat.store.allMembers().map(({id, name, uuid}) => [id, name, uuid]))
    const members = memberList()
    const ids = new Map(chat.store.allMembers().map((member) => [member.id, member]))
    let awarded = 0
    fc.assert(
      fc.property(plusText, fc.array(plusMention, {maxLength: 3}), fc.constantFrom(DAVE, BOB), (text, mentions, sender) => {
        const before = chat.store.counts().entries
        const outcome = chat.commands.respond({actor: sender, mentions, text})
        const added = chat.store.allEntries().slice(before)
        if (!outcome || outcome.result !== 'done' || !['award', 'plusplus', 'undo'].includes(outcome.command)) expect(added).toEqual([])
        awarded += outcome?.command === 'plusplus' ? added.length : 0
        // Names match as the ledger matches them (case and width folded: Ｂｏｂ is bob).
        const named = new Set(text.split(/[\s@+\-\uFFFC]+/u).flatMap((word) => nameKeys(word)))
        const mentioned = new Set(mentions.map((m) => m.uuid))
        for (const entry of added) {
          const member = ids.get(entry.memberId)!
          expect(member).toBeDefined()
          if (outcome!.command === 'plusplus') expect(named.has(nameKey(member.name)) || mentioned.has(member.uuid)).toBe(true)
        }
      }),
      RUNS,
    )
    expect(memberList()).toBe(members)
    // The cases reach awards, not only messages passed over.
    expect(awarded).toBeGreaterThan(0)
  })

  it('never treats a message that names a non-member as a command', () => {
    const chat = storedSettingsFixture({'chat.givers': 'everyone', 'chat.plusplus': 'on'})
    chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
    const nobody = fc.constantFrom('c', 'dave', 'Ьob', 'b\u200Bob', 'bobby', 'constructor', '__proto__')
    fc.assert(
      fc.property(fc.array(fc.constantFrom('bob', '@bob'), {maxLength: 2}), nobody, fc.array(fc.constantFrom('bob', '@bob'), {maxLength: 2}), fc.constantFrom('++', '--', ' ++', ' --'), fc.string({maxLength: 20}), (before, stranger, after, sign, reason) => {
        const text = `${[...before, stranger, ...after].join(' ')}${sign} ${reason}`
        expect(chat.commands.respond({actor: DAVE, mentions: [], text})).toBeNull()
      }),
      RUNS,
    )
    expect(chat.store.allEntries()).toEqual([])
  })
})

describe('hostile server replies', () => {
  const templates = ['group-text', 'group-mention', 'dm-text', 'sync-sent-group', 'reaction', 'edit', 'exception'].map((name) => envelopeFixture(name))

  /** An envelope with any of its values, at any depth, replaced by JSON of another type. */
  const mutated = fc.tuple(fc.constantFrom(...templates), fc.array(fc.tuple(fc.nat(), fc.jsonValue({maxDepth: 2})), {maxLength: 4})).map(([template, changes]) => {
    const copy = structuredClone<Record<string, unknown>>(template)
    for (const [pick, value] of changes) {
      const paths = valuePaths(copy)
      const [parent, key] = paths[pick % paths.length]
      parent[key] = value
    }

    return copy
  })

  it('never make the normalizer throw, and what it reads is well typed', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.jsonValue(), fc.anything()), (item) => {
        const normalized = normalizeItem(item, '+15550000000')
        if (normalized.type === 'message') {
          expect(typeof normalized.message.text).toBe('string')
          expect(Number.isSafeInteger(normalized.message.timestamp)).toBe(true)
          expect(normalized.message.sender.uuid ?? normalized.message.sender.number).toEqual(expect.any(String))
          for (const m of normalized.message.mentions) expect(Number.isSafeInteger(m.start)).toBe(true)
        }
      }),
      RUNS,
    )
  })

  /** Items from anyone but the bot's account, in every shape, including sync messages that claim to be the owner's. */
  const dave = {source: '+15551110004', sourceName: null, sourceNumber: '+15551110004', sourceUuid: '44444444-4444-4444-8444-444444444444'}
  const foreign = ['group-text', 'group-mention', 'dm-text', 'sync-sent-group', 'group-text-hidden-number', 'quote-reply'].map((name) => {
    const item = envelopeFixture(name) as {envelope: Record<string, unknown>}
    Object.assign(item.envelope, dave)
    return item
  })
  const commandText = fc.constantFrom('/CCP adduser zed', '/CCP bob 5', '/CCP undo', '/CCP \uFFFC\uFFFC 5', '/CCP history', '/CCP score \uFFFC', '/CCP listall')
  // A timestamp of its own: the bot takes a second message with the sender and timestamp of another for a duplicate.
  const timestamp = fc.integer({max: 2 ** 48, min: 1})
  const changes = fc.array(fc.tuple(fc.nat(), fc.jsonValue({maxDepth: 2})), {maxLength: 3})
  const randomItem = fc.tuple(fc.constantFrom(...foreign), commandText, timestamp, changes).map(([template, text, time, changes]) => {
    const copy = structuredClone<{envelope: Record<string, unknown> & {dataMessage?: Record<string, unknown>; syncMessage?: {sentMessage: Record<string, unknown>}}}>(template)
    const data = copy.envelope.dataMessage ?? copy.envelope.syncMessage!.sentMessage
    Object.assign(data, {message: text, timestamp: time})
    copy.envelope.timestamp = time
    const paths = valuePaths(copy)
    for (const [pick, value] of changes) {
      const [parent, key] = paths[pick % paths.length]
      parent[key] = value
    }

    return copy
  })

  it('random JSON through the bot: nothing is thrown, only the account is obeyed, and the database is unchanged', async () => {
    const {clock, ledger, store} = memoryLedger()
    for (const [key, value] of Object.entries(NO_RULES)) store.saveSetting(key, value, 0)
    ledger.addMember({name: 'bob', uuid: BOB.uuid})
    ledger.award({...ALICE, profileName: null}, {points: 1, target: {name: 'bob'}})
    const config = {admins: {numbers: new Set(['+15550000000']), uuids: new Set<string>()}, groups: new Set([GROUP_ID]), prefix: '/CCP'}
    const sent: SendRequest[] = []
    const bot = new Bot(
      {clock, commands: new ChatCommands(ledger, () => config, clock), log: createLogger('json', () => {}), queue: new SqliteQueue(store.db), send: async (request) => (sent.push(request), 1)},
      {account: '+15550000000', chatSettings: () => config},
    )
    const before = JSON.stringify([store.allMembers(), store.allEntries()])
    let answered = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(randomItem, fc.jsonValue({maxDepth: 3})), {maxLength: 3}), async (items) => {
        sent.length = 0
        bot.accept(items)
        bot.handlePending()
        await bot.flushOutbox()
        answered += sent.length
        for (const request of sent) expect(request.message).not.toMatch(/\+1555|[0-9a-f]{8}-[0-9a-f]{4}-/i)
      }),
      RUNS,
    )
    expect(JSON.stringify([store.allMembers(), store.allEntries()])).toBe(before)
    // The items were read as commands and answered, not all passed over as malformed.
    expect(answered).toBeGreaterThan(RUNS.numRuns / 4)
  })
})
