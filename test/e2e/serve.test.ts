import Database from 'better-sqlite3'

import {RECEIVE_BATCH} from '../../src/bot/run.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {FakeSignalServer, GROUP_REST_ID} from '../fake-signal/server.js'
import {BOB, CAROL, NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {seedSettings} from '../helpers/db.js'
import {envelopeFixture, syncItem, textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {RECEIVE_MODES, type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function inboxSize(db: string): number {
  const raw = new Database(db, {readonly: true, fileMustExist: true})
  try {
    return (raw.prepare('SELECT count(*) AS n FROM inbox').get() as {n: number}).n
  } catch {
    return 0
  } finally {
    raw.close()
  }
}
function pendingReplies(db: string): number {
  const raw = new Database(db, {readonly: true, fileMustExist: true})
  try {
    return (raw.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as {n: number}).n
  } finally {
    raw.close()
  }
}

let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

describe.each(RECEIVE_MODES)('ccp serve in %s mode', (mode, serverMode) => {
  it('answers commands in the chat they came from, and keeps the ledger', async () => {
    fake = await FakeSignalServer.start({mode: serverMode, secondMs: 50})
    const db = temp.path('ccp.db')
    bot = startServe(db, fake.url, ['--mode', 'auto'])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)

    const add = textItem(ALICE, '/CCP adduser bob @Bob', {people: [BOB]})
    fake.push(add)
    await fake.waitForSent(1)
    const award = textItem(ALICE, '/CCP @Bob 5 for the cake', {people: [BOB]})
    fake.push(award)
    await fake.waitForSent(2)
    fake.push(textItem(BOB, 'nice cake, very secret'))
    const denied = textItem(BOB, '/CCP bob 100')
    fake.push(denied)
    await fake.waitForSent(3)
    const direct = textItem(ALICE, '/ccp listall', {groupId: null})
    fake.push(direct)
    await fake.waitForSent(4)

    expect(fake.sent.map(({message, quoteAuthor, quoteTimestamp, recipient}) => ({message, quoteAuthor, quoteTimestamp, recipient}))).toEqual([
      {message: 'User bob has been added.', quoteAuthor: ALICE.uuid, quoteTimestamp: add.envelope.timestamp, recipient: GROUP_REST_ID},
      {message: '5 points updated for user bob. Total points: 5.', quoteAuthor: ALICE.uuid, quoteTimestamp: award.envelope.timestamp, recipient: GROUP_REST_ID},
      {message: 'Only admins can change points.', quoteAuthor: BOB.uuid, quoteTimestamp: denied.envelope.timestamp, recipient: GROUP_REST_ID},
      {message: 'User Scores:\nbob: 5 points', quoteAuthor: ALICE.uuid, quoteTimestamp: direct.envelope.timestamp, recipient: ALICE.uuid},
    ])
    expect(await cliOn(db).json('list')).toEqual([{name: 'bob', points: 5, rank: 1, tier: 'Citizen'}])
    expect(await cliOn(db).json('history', 'bob')).toMatchObject([{actor: 'Alice', points: 5, reason: 'for the cake', source: 'chat'}])
    // One line per handled command; chat text that is no command is never printed.
    expect(bot.logs.filter((line) => line.includes(' command '))).toHaveLength(4)
    expect(bot.logs.join('\n')).not.toMatch(/secret|cake/)
    expect(await bot.stop('SIGTERM')).toBe(0)
    expect(bot.logs.at(-1)).toMatch(/stopped/)
  })
})

describe('ccp serve', () => {
  it('ignores other groups, non-admin direct messages, and everything that is not a text command', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll'])
    for (const name of ['other-group', 'reaction', 'receipt', 'typing', 'sync-read', 'group-update', 'remote-delete', 'attachment-only', 'exception', 'edit']) {
      fake.push(envelopeFixture(name))
    }

    fake.push(textItem(BOB, '/CCP listall', {groupId: null}), textItem(CAROL, 'just chatting'))
    const marker = textItem(CAROL, '/CCP listall')
    fake.push(marker)
    const [reply] = await fake.waitForSent(1)
    expect(reply).toMatchObject({message: 'No users found.', quoteTimestamp: marker.envelope.timestamp})
    await bot.waitForLog(/ignoring a group that is not configured group="AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="/)
    expect(fake.sent).toHaveLength(1)
  })

  it("treats the owner's synced message as the account, an admin only if listed", async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll'])
    fake.push(envelopeFixture('sync-sent-group'))
    expect((await fake.waitForSent(1))[0]).toMatchObject({message: 'Only admins can change points.', recipient: GROUP_REST_ID})
    expect(await bot.stop('SIGTERM')).toBe(0)
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll', '--admin', '+15550000000'])
    fake.push(textItem(ALICE, '/CCP adduser bob'), syncItem('/CCP bob 10'))
    await fake.waitForSent(2)
    expect(fake.sent[1].message).toBe('User bob has been added.\n\n10 points updated for user bob. Total points: 10.')
  })

  it('applies a message that arrives twice once, and merges replies waiting for one chat', async () => {
    fake = await FakeSignalServer.start({secondMs: 100})
    const db = temp.path('ccp.db')
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    const award = textItem(ALICE, '/CCP bob 3')
    fake.push(textItem(ALICE, '/CCP adduser bob'), award, award, textItem(ALICE, '/CCP score bob'))
    const [reply] = await fake.waitForSent(1)
    expect(reply.message).toBe('User bob has been added.\n\n3 points updated for user bob. Total points: 3.\n\nbob: 3 points all-time, rank 1, Citizen.')
    fake.push(award)
    fake.push(textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(2)
    expect(fake.sent[1].message).toBe('User Scores:\nbob: 3 points')
    expect(await cliOn(db).json('list')).toEqual([{name: 'bob', points: 3, rank: 1, tier: 'Citizen'}])
  })

  it('reconnects a websocket the server closes, and replaces one that goes silent', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'websocket', '--socket-silence', '1'])
    await bot.waitForLog(/websocket connected/)
    fake.dropSockets()
    await bot.waitForLog(/websocket failing error="closed \(1006\)"/)
    await bot.waitForLog(/websocket recovered failedAttempts=1/)
    await bot.waitForLog(/websocket failing error="no frame or ping for 1 s"/)
    await waitFor(() => fake.clients === 1)
    fake.push(textItem(ALICE, '/CCP listall'))
    expect((await fake.waitForSent(1))[0].message).toBe('No users found.')
  })

  it('stores commands from the websocket the moment they arrive, even while a send hangs', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    fake.fail('send', {kind: 'hang'})
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    bot = startServe(db, fake.url, ['--mode', 'websocket', '--request-timeout', '60'])
    await bot.waitForLog(/websocket connected/)
    fake.push(textItem(ALICE, '/CCP adduser bob'))
    await waitFor(() => fake.sendCalls === 1)
    // The reply's send now hangs; the next commands must still reach the database at once.
    fake.push(textItem(ALICE, '/CCP bob 5'), textItem(ALICE, '/CCP bob 7'))
    await waitFor(() => inboxSize(db) === 3)
    expect(await bot.stop('SIGTERM')).toBe(0)
    bot = startServe(db, fake.url, ['--mode', 'websocket'])
    await fake.waitForSent(1)
    expect(fake.sent[0].message).toBe('User bob has been added.\n\n5 points updated for user bob. Total points: 5.\n\n7 points updated for user bob. Total points: 12.')
  })

  it('applies `ccp config set` while running, and its own flags still win', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    fake.push(textItem(ALICE, '/CCP adduser bob'))
    await fake.waitForSent(1)
    expect((await cliOn(db).run('config', 'set', 'chat.prefix', '!pts')).code).toBe(0)
    expect((await cliOn(db).run('config', 'set', 'chat.admins', BOB.uuid!)).code).toBe(0)
    expect((await cliOn(db).run('config', 'set', 'award.max', '3')).code).toBe(0)
    fake.push(textItem(ALICE, '/CCP listall'), textItem(ALICE, '!pts bob 4'), textItem(BOB, '!pts adduser zed'))
    await fake.waitForSent(2)
    // The old prefix is gone; award.max applies; --admin (Alice) still wins over chat.admins (Bob).
    expect(fake.sent[1].message).toBe('Failed to update points for user bob. A chat award is at most 3 points either way (award.max).\n\nOnly admins can add members.')
  })

  it('backs off while the database stays locked, then applies what arrived meanwhile, once', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    const holder = new Database(db)
    holder.exec('BEGIN IMMEDIATE')
    try {
      fake.push(textItem(ALICE, '/CCP adduser bob'), textItem(ALICE, '/CCP bob 5'))
      await bot.waitForLog(/database failing .*stayed locked by another process/, 20_000)
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }

    await fake.waitForSent(1)
    expect(fake.sent[0].message).toBe('User bob has been added.\n\n5 points updated for user bob. Total points: 5.')
    await bot.waitForLog(/database recovered/)
    expect(bot.logs.filter((line) => line.includes('database failing'))).toHaveLength(1)
  })

  it('stops cleanly on SIGINT', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    expect(await bot.stop('SIGINT')).toBe(0)
    expect(bot.logs.some((line) => line.includes('stopping signal=SIGINT'))).toBe(true)
  })

  it('takes its settings from the environment, and flags over them', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const env = {
      CCP_ADMINS: `${CAROL.uuid}, ${BOB.number}`,
      CCP_GROUPS: GROUP_REST_ID,
      CCP_LOG_FORMAT: 'json',
      CCP_MODE: 'poll',
      CCP_PREFIX: '!pts',
      CCP_SIGNAL_NUMBER: '+15550000000',
      CCP_SIGNAL_URL: 'http://127.0.0.1:9',
    }
    bot = startServe(temp.path('ccp.db'), fake.url, ['--signal-url', fake.url], env)
    fake.push(textItem(ALICE, '/CCP listall'), textItem(BOB, '!PTS adduser zed'), textItem(CAROL, '!pts zed 2'), textItem(ALICE, '!pts zed 2'))
    await fake.waitForSent(1)
    expect(fake.sent[0].message).toBe('User zed has been added.\n\n2 points updated for user zed. Total points: 2.\n\nOnly admins can change points.')
    const started = JSON.parse(bot.logs[0]) as Record<string, unknown>
    expect(started).toMatchObject({admins: 2, event: 'starting', groups: 1, level: 'info', signalUrl: `${fake.url}/`})
  })

  it('retries a failed send until it goes through, logging the outage once', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    fake.fail('send', {status: 500, body: '{"error":"signal-cli crashed"}'}, 3)
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll'])
    fake.push(textItem(ALICE, '/CCP listall'))
    expect((await fake.waitForSent(1))[0].message).toBe('No users found.')
    await bot.waitForLog(/send recovered failedAttempts=3/)
    expect(bot.logs.filter((line) => line.includes('send failing'))).toHaveLength(1)
  })

  it('keeps receiving through server faults', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    fake.fail('receive', {kind: 'invalid-json'})
    fake.fail('receive', {status: 500})
    // A reset is tried again at once (a kept-alive socket the server just closed); twice is an outage.
    fake.fail('receive', {kind: 'reset'}, 2)
    fake.fail('receive', {kind: 'spliced-trace'})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll'])
    fake.push(textItem(ALICE, '/CCP listall'))
    // The command arrives in the body broken by a stack trace: it is recovered, not lost.
    expect((await fake.waitForSent(1))[0].message).toBe('No users found.')
    await bot.waitForLog(/receive recovered failedAttempts=4/)
    expect(bot.logs.filter((line) => line.includes('receive failing'))).toHaveLength(1)
  })

  it('takes a backlog in pieces, and answers all of it', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    await cliOn(db).json('adduser', 'bob')
    seedSettings(db, NO_RULES)
    fake.push(...Array.from({length: RECEIVE_BATCH * 2 + 100}, (_, i) => textItem(ALICE, `/CCP bob 1 backlog ${i}`)))
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await waitFor(() => inboxSize(db) === RECEIVE_BATCH * 2 + 100, 30_000)
    await waitFor(() => fake.delivered.length === RECEIVE_BATCH * 2 + 100 && fake.sent.length > 0 && pendingReplies(db) === 0, 30_000)
    expect(fake.batches.filter((batch) => batch.length > 0).map((batch) => batch.length)).toEqual([RECEIVE_BATCH, RECEIVE_BATCH, 100])
    expect((await cliOn(db).json<{points: number}>('score', 'bob')).points).toBe(RECEIVE_BATCH * 2 + 100)
  })

  it('finishes on start what a previous run left: stored commands and unsent replies', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    const store = SqliteStore.open(db)
    const queue = new SqliteQueue(store.db)
    queue.addToInbox([{message: {chat: {groupId: '2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg=', kind: 'group'}, mentions: [], sender: ALICE, text: '/CCP adduser zoe', timestamp: 5, viaSync: false}, receivedAt: Date.now()}])
    queue.addToOutbox({inboxId: 1, quoteAuthor: ALICE.uuid, quoteTimestamp: 4, recipient: GROUP_REST_ID, text: 'an unsent reply'}, Date.now())
    store.close()
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await fake.waitForSent(1)
    expect(fake.sent[0].message).toBe('an unsent reply\n\nUser zoe has been added.')
    await waitFor(() => fake.receiveCalls > 0)
  })

  it.each([
    [['--number', '5550000000'], /must be the account's phone number in E\.164 form/],
    [['--admin', 'Alice'], /Admin "Alice" is neither a Signal ACI UUID nor a \+E164 phone number/],
    [['--group', 'Citizens'], /Group "Citizens" is not a Signal group id/],
    [['--signal-url', 'localhost:8080'], /must start with http:\/\/ or https:\/\//],
    [['--prefix', 'two words'], /must be one word/],
    [['--mode', 'carrier-pigeon'], /--mode must be one of auto, poll, websocket; not "carrier-pigeon"/],
  ])('stops at a bad setting %j before any receive, exit 2', async (args, message) => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, args)
    expect(await bot.exited).toBe(2)
    expect(bot.logs.join('\n')).toMatch(message)
    expect(fake.receiveCalls).toBe(0)
  })
})
