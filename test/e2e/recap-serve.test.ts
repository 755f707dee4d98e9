import Database from 'better-sqlite3'

import {OPERATOR} from '../../src/core/actor.js'
import {Ledger} from '../../src/core/ledger.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {clockAt, cliOn} from '../helpers/cli.js'
import {seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {ADMIN_UUID, type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

/** The bot's clock starts at noon UTC on Wednesday 25 November 2026, whatever the day the test runs. */
const NOW = '2026-11-25T12:00:00Z'

/** Bob gained 5 points on Tuesday 24 November (UTC), and the recap is daily at midnight UTC: one is due as soon as the bot starts. */
function seedYesterday(db: string): void {
  const store = SqliteStore.open(db)
  let now = Date.parse('2026-11-20T12:00:00Z')
  const ledger = new Ledger(store, {now: () => now})
  ledger.addMember({name: 'bob'})
  now = Date.parse('2026-11-24T01:00:00Z')
  ledger.award(OPERATOR, {points: 5, target: {name: 'bob'}})
  store.close()
  seedSettings(db, {'recap.schedule': 'daily 00:00', 'recap.timezone': 'UTC'}, Date.parse('2026-11-20T12:00:00Z'))
}

/** `ccp serve` in poll mode, its clock starting at `iso`. */
function serveOnClock(db: string, url: string, iso = NOW): ServeProcess {
  return startServe(db, url, ['--signal-url', url, '--number', '+15550000000', '--admin', ADMIN_UUID, '--group', GROUP_ID, '--mode', 'poll'], clockAt(iso))
}

function outbox(db: string): {attempts: number; text: string}[] {
  const raw = new Database(db, {readonly: true})
  try {
    return raw.prepare('SELECT attempts, text FROM outbox ORDER BY id').all() as {attempts: number; text: string}[]
  } finally {
    raw.close()
  }
}

const recapAttempts = (db: string): number[] => outbox(db).filter((row) => row.text.startsWith('Recap of ')).map((row) => row.attempts)

describe('the recap ccp serve posts itself', () => {
  it('arrives once, even when the bot is killed as it posts it and started again', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedYesterday(db)
    // The first send fails: the recap is queued (and its period recorded) but not yet delivered when the kill comes.
    fake.fail('send', {status: 500}, 1)
    bot = serveOnClock(db, fake.url)
    await waitFor(() => recapAttempts(db).length === 1 && recapAttempts(db)[0] === 1, 15_000, () => `recap attempts: ${JSON.stringify(recapAttempts(db))}`)
    await bot.stop('SIGKILL')
    expect(fake.sent).toHaveLength(0)

    bot = serveOnClock(db, fake.url)
    const [recap] = await fake.waitForSent(1)
    expect(recap).toMatchObject({message: 'Recap of Tue 24 Nov 2026:\nTop gainers:\n1. bob: +5 (Citizen)\n1 award from 1 giver.', recipient: GROUP_REST_ID})
    expect(await bot.stop('SIGTERM')).toBe(0)

    // Started once more, it answers a command and posts no second recap.
    bot = serveOnClock(db, fake.url)
    fake.push(textItem(ALICE, '/CCP listall'))
    const sent = await fake.waitForSent(2)
    expect(sent[1].message).not.toMatch(/Recap of/)
    expect(recapAttempts(db)).toHaveLength(1)
  })

  it('set at 15:00 for daily 09:00, does not post the recap whose 09:00 had passed: the first comes the next day', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedYesterday(db)
    const afternoon = '2026-11-25T15:00:00Z'
    expect((await cliOn(db, clockAt(afternoon)).run('config', 'set', 'recap.schedule', 'daily 09:00')).code).toBe(0)
    bot = serveOnClock(db, fake.url, afternoon)
    fake.push(textItem(ALICE, '/CCP listall'))
    // The pass that answers has checked for a recap before it sends: none was queued.
    await fake.waitForSent(1)
    expect(outbox(db).map((row) => row.text.split('\n')[0])).toEqual(['User Scores:'])
    expect(await bot.stop('SIGTERM')).toBe(0)

    // Down at 09:00 the next morning and back at noon, the bot posts that day's recap, late but within its day.
    bot = serveOnClock(db, fake.url, '2026-11-26T12:00:00Z')
    const sent = await fake.waitForSent(2)
    expect(sent[1].message).toBe('Recap of Wed 25 Nov 2026: no points changed hands.')
  })

  it('with recap.timezone unset at 05:00, does not post the recap whose 09:00 in the host zone had passed', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedYesterday(db)
    seedSettings(db, {'recap.schedule': 'daily 09:00', 'recap.timezone': 'Asia/Tokyo'}, Date.parse('2026-11-20T12:00:00Z'))
    // 05:00 UTC is 14:00 in Tokyo: that day's recap (of the 24th there) was posted at 09:00 Tokyo time.
    const early = '2026-11-25T05:00:00Z'
    const store = SqliteStore.open(db)
    new SqliteQueue(store.db).addRecap('day 2026-11-24', [], Date.parse('2026-11-25T00:00:00Z'))
    store.close()
    // Back in the host's zone (UTC here), 09:00 came on the 24th, before the change: the recap of the 23rd is not due.
    const utcHost = {...clockAt(early), TZ: 'UTC'}
    expect((await cliOn(db, utcHost).run('config', 'unset', 'recap.timezone')).code).toBe(0)
    bot = startServe(db, fake.url, ['--signal-url', fake.url, '--number', '+15550000000', '--admin', ADMIN_UUID, '--group', GROUP_ID, '--mode', 'poll'], utcHost)
    fake.push(textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(1)
    expect(outbox(db).map((row) => row.text.split('\n')[0])).toEqual(['User Scores:'])
    expect(await bot.stop('SIGTERM')).toBe(0)
  })
})
