import Database from 'better-sqlite3'

import {Bot, type BotDeps, MAX_SEND_ATTEMPTS} from '../../src/bot/bot.js'
import {createLogger} from '../../src/bot/log.js'
import type {SendRequest} from '../../src/signal/client.js'
import {SignalError} from '../../src/signal/errors.js'
import {ChatCommands} from '../../src/core/chat/handler.js'
import {Ledger} from '../../src/core/ledger.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {BOB} from '../helpers/chat.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE, ManualClock, memoryLedger} from '../helpers/ledger.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function fileLedger(path: string) {
  const clock = new ManualClock()
  const store = SqliteStore.open(path)
  return {clock, ledger: new Ledger(store, clock), store}
}

/** The bot on a database (in memory by default), with a send function the test controls and a clock it moves. */
function botFixture(send: (request: SendRequest) => Promise<null | number>, path?: string, recap?: BotDeps['recap']) {
  const {clock, ledger, store} = path ? fileLedger(path) : memoryLedger()
  const lines: string[] = []
  const config = {admins: {numbers: new Set<string>(), uuids: new Set([ALICE.uuid!])}, groups: new Set([GROUP_ID]), prefix: '/CCP'}
  const queue = new SqliteQueue(store.db)
  const bot = new Bot(
    {clock, commands: new ChatCommands(ledger, () => config, clock), log: createLogger('json', (line) => lines.push(line)), queue, recap, send},
    {account: '+15550000000', chatSettings: () => config},
  )
  const events = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  return {bot, clock, events, ledger, queue, store}
}

describe('the bot between receive and send', () => {
  it('answers commands while the recap keeps failing, and logs the fault once, without a number', async () => {
    const sent: string[] = []
    const broken = {postIfDue: (): boolean => {
      throw new Error('Invalid time zone for +15551110002')
    }} as unknown as BotDeps['recap']
    const {bot, events} = botFixture(async ({message}) => (sent.push(message), 1), undefined, broken)
    for (const text of ['/CCP adduser bob', '/CCP listall']) {
      bot.accept([textItem(ALICE, text)])
      bot.handlePending()
      expect(() => bot.postRecapIfDue()).not.toThrow()
      await bot.flushOutbox()
    }

    expect(sent).toEqual(['User bob has been added.', 'User Scores:\nbob: 0 points'])
    const failures = events().filter((event) => event.event === 'recap not posted')
    expect(failures).toHaveLength(1)
    expect(JSON.stringify(failures)).not.toContain('+1555')
  })

  it('stores only commands from allowed chats, and each message once', () => {
    const {bot, queue} = botFixture(async () => 1)
    const award = textItem(ALICE, '/CCP bob 1')
    expect(bot.accept([award, award, textItem(ALICE, 'hello'), textItem(BOB, '/CCP listall', {groupId: null}), {junk: true}])).toBe(1)
    expect(bot.accept([award])).toBe(0)
    expect(queue.backlog()).toEqual({inbox: 1, outbox: 0})
  })

  it('handles a stored command only from a chat it answers now: one planted in the spool from another group is set aside unanswered', () => {
    const {bot, events, ledger, queue} = botFixture(async () => 1)
    const planted = {chat: {groupId: Buffer.alloc(32, 7).toString('base64'), kind: 'group' as const}, mentions: [], sender: ALICE, text: '/CCP adduser planted', timestamp: 5, viaSync: false}
    queue.addToInbox([{message: planted, receivedAt: 1}])
    bot.handlePending()
    expect(ledger.standings()).toEqual([])
    expect(queue.backlog()).toEqual({inbox: 0, outbox: 0})
    expect(events()).toContainEqual(expect.objectContaining({event: 'command ignored', why: 'not from a chat the bot answers'}))
  })

  it('logs each unconfigured group once, and remembers only so many of them', () => {
    const {bot, events} = botFixture(async () => 1)
    const group = (i: number): string => Buffer.alloc(32, 0).fill(i % 256, 0, 1).fill(Math.floor(i / 256), 1, 2).toString('base64')
    for (let i = 1; i <= 1001; i++) bot.accept([textItem(ALICE, '/CCP listall', {groupId: group(i)})])
    bot.accept([textItem(ALICE, '/CCP listall', {groupId: group(1001)})])
    expect(events().filter((event) => event.event === 'ignoring a group that is not configured')).toHaveLength(1001)
    // The oldest was forgotten: it is logged again, not remembered without bound.
    bot.accept([textItem(ALICE, '/CCP listall', {groupId: group(1)})])
    expect(events().filter((event) => event.event === 'ignoring a group that is not configured')).toHaveLength(1002)
  })

  it('names a mentioned person by the profile name they last wrote under, never by their number', async () => {
    const sent: SendRequest[] = []
    const {bot, ledger} = botFixture(async (request) => {
      sent.push(request)
      return 1
    })
    // On the wire, a mention's "name" is the person's number: no name to show.
    bot.accept([textItem(ALICE, '/CCP adduser @Bob', {people: [BOB]})])
    bot.accept([textItem(BOB, 'hi all'), textItem(ALICE, '/CCP adduser @Bob', {people: [BOB]}), textItem(ALICE, '/CCP @Bob 2 for @Bob', {people: [BOB]})])
    bot.handlePending()
    await bot.flushOutbox()
    expect(sent[0].message).toBe(
      'I do not know their profile name yet; give a name: /CCP adduser <name> @mention\n\nUser Bob has been added.\n\n2 points updated for user Bob. Total points: 2.',
    )
    expect(ledger.score({uuid: BOB.uuid!})).toMatchObject({name: 'Bob', number: BOB.number})
    expect(ledger.history()[0].reason).toBe('for @Bob')
  })

  it('leaves a command pending, not set aside, while the database is locked', () => {
    const path = temp.path('ccp.db')
    const {bot, ledger, queue, store} = botFixture(async () => 1, path)
    bot.accept([textItem(ALICE, '/CCP adduser bob')])
    store.db.pragma('busy_timeout = 50')
    const other = new Database(path)
    other.exec('BEGIN IMMEDIATE')
    expect(() => bot.handlePending()).toThrow(expect.objectContaining({code: 'DB_BUSY', exitCode: 3}))
    expect(queue.backlog()).toEqual({inbox: 1, outbox: 0})
    other.exec('ROLLBACK')
    other.close()
    expect(bot.handlePending()).toBe(1)
    expect(ledger.standings()).toEqual([{name: 'bob', points: 0, rank: 1, tier: 'Citizen'}])
    store.close()
  })

  it('judges queued awards by when they arrived, so a backlog does not trip the cooldown', async () => {
    const sent: SendRequest[] = []
    const {bot, clock, ledger} = botFixture(async (request) => {
      sent.push(request)
      return 1
    })
    bot.accept([textItem(ALICE, '/CCP adduser bob'), textItem(ALICE, '/CCP bob 5')])
    clock.advance(40_000)
    bot.accept([textItem(ALICE, '/CCP bob 5')])
    clock.advance(10 * 60_000)
    bot.handlePending()
    expect(ledger.score({name: 'bob'}).points).toBe(10)
    await bot.flushOutbox()
    expect(sent[0].message).not.toMatch(/cooldown/)
  })

  it('sets aside a message that breaks the handler, and goes on with the rest', () => {
    const {bot, events, queue, store} = botFixture(async () => 1)
    bot.accept([textItem(ALICE, '/CCP adduser bob'), textItem(ALICE, '/CCP listall')])
    bot.accept([textItem(ALICE, '/CCP top')])
    // Broken rows, as a bug elsewhere or a damaged disk could leave them: one that is JSON, one that is not.
    store.db.prepare("UPDATE inbox SET message = '{\"text\": 5}' WHERE id = 1").run()
    store.db.prepare("UPDATE inbox SET message = '{\"chat\": {\"kind\"' WHERE id = 3").run()
    expect(bot.handlePending()).toBe(3)
    expect(store.db.prepare('SELECT id, status FROM inbox ORDER BY id').all()).toEqual([
      {id: 1, status: 'failed'},
      {id: 2, status: 'done'},
      {id: 3, status: 'failed'},
    ])
    expect(queue.backlog()).toEqual({inbox: 0, outbox: 1})
    expect(events().filter((event) => event.event === 'command failed')).toMatchObject([
      {inbox: 1, level: 'error'},
      {error: 'the stored command cannot be read', inbox: 3, level: 'error'},
    ])
  })

  it('retries a failed send with growing waits, longer for rate limits, then marks it failed and says so', async () => {
    let failure = new SignalError('http', 'POST /v2/send answered 500: boom', {status: 500})
    const attempts: number[] = []
    const {bot, clock, events, queue, store} = botFixture(async () => {
      attempts.push(clock.now())
      throw failure
    })
    bot.accept([textItem(ALICE, '/CCP listall')])
    bot.handlePending()
    const waits: number[] = []
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      if (attempt === 4) failure = new SignalError('http', 'POST /v2/send answered 429: rate limited', {rateLimited: true, status: 429})
      await bot.flushOutbox()
      const next = store.db.prepare('SELECT next_attempt_at AS at, status FROM outbox').get() as {at: number; status: string}
      waits.push(next.at - clock.now())
      clock.advance(next.at - clock.now())
    }

    expect(attempts).toHaveLength(MAX_SEND_ATTEMPTS)
    expect(waits[1]).toBeGreaterThan(waits[0])
    expect(waits[3]).toBeGreaterThanOrEqual(15_000)
    expect(store.db.prepare('SELECT status, attempts, last_error FROM outbox').get()).toEqual({
      attempts: MAX_SEND_ATTEMPTS,
      last_error: 'POST /v2/send answered 429: rate limited',
      status: 'failed',
    })
    expect(queue.backlog().outbox).toBe(0)
    expect(events().filter((event) => event.event === 'send failing')).toHaveLength(1)
    expect(events().find((event) => event.event === 'reply failed')).toMatchObject({attempts: MAX_SEND_ATTEMPTS, chat: `group:${GROUP_ID}`, level: 'error'})
  })

  it('gives each merged reply its own 12 attempts: a merge never shortens a reply\'s life', async () => {
    const sent: SendRequest[] = []
    let down = true
    const {bot, clock, queue, store} = botFixture(async (request) => {
      if (down) throw new SignalError('http', 'POST /v2/send answered 500: boom', {status: 500})
      sent.push(request)
      return 1
    })
    queue.addToOutbox({inboxId: null, quoteAuthor: null, quoteTimestamp: null, recipient: GROUP_REST_ID, text: 'old'}, clock.now())
    store.db.prepare('UPDATE outbox SET attempts = ?').run(MAX_SEND_ATTEMPTS - 2)
    bot.accept([textItem(ALICE, '/CCP listall')])
    bot.handlePending()
    const rows = () => store.db.prepare('SELECT text, status, attempts, next_attempt_at AS at FROM outbox ORDER BY id').all() as {at: number; attempts: number; status: string; text: string}[]
    // Fail until the new reply has used all but one of its own attempts; the old one is given up after its two.
    for (let round = 0; round < 3 * MAX_SEND_ATTEMPTS && rows()[1].status === 'pending' && rows()[1].attempts < MAX_SEND_ATTEMPTS - 1; round++) {
      await bot.flushOutbox()
      const due = rows().filter((row) => row.status === 'pending').map((row) => row.at)
      if (due.length > 0) clock.advance(Math.max(0, Math.min(...due) - clock.now()))
    }

    expect(rows().map(({attempts, status, text}) => ({attempts, status, text}))).toEqual([
      {attempts: MAX_SEND_ATTEMPTS, status: 'failed', text: 'old'},
      {attempts: MAX_SEND_ATTEMPTS - 1, status: 'pending', text: 'No users found.'},
    ])
    down = false
    await bot.flushOutbox()
    expect(sent.map((request) => request.message)).toEqual(['No users found.'])
  })

  it('sends replies for one chat as one message, and separate chats separately', async () => {
    const sent: SendRequest[] = []
    const {bot} = botFixture(async (request) => {
      sent.push(request)
      return 1
    })
    const direct = textItem(ALICE, '/CCP top', {groupId: null})
    bot.accept([textItem(ALICE, '/CCP adduser bob'), direct, textItem(ALICE, '/CCP bob 2')])
    bot.handlePending()
    await bot.flushOutbox()
    expect(sent).toEqual([
      {message: 'User bob has been added.\n\n2 points updated for user bob. Total points: 2.', quoteAuthor: ALICE.uuid, quoteTimestamp: expect.any(Number), recipient: GROUP_REST_ID},
      {message: 'Top 1:\n1. bob: 0 points (Citizen)', quoteAuthor: ALICE.uuid, quoteTimestamp: direct.envelope.timestamp, recipient: ALICE.uuid},
    ])
  })
})
