import Database from 'better-sqlite3'

import {OPERATOR} from '../../src/core/actor.js'
import {Ledger} from '../../src/core/ledger.js'
import {lastCompletePeriod} from '../../src/core/recap/period.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer, GROUP_REST_ID} from '../fake-signal/server.js'
import {seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

/** Bob gained 5 points yesterday (UTC), and the recap is daily at midnight UTC: one is due as soon as the bot starts. */
function seedYesterday(db: string): void {
  const yesterday = lastCompletePeriod('day', Date.now(), 'UTC')
  const store = SqliteStore.open(db)
  let now = yesterday.from
  const ledger = new Ledger(store, {now: () => now})
  ledger.addMember({name: 'bob'})
  now = yesterday.from + 3_600_000
  ledger.award(OPERATOR, {points: 5, target: {name: 'bob'}})
  store.close()
  seedSettings(db, {'recap.schedule': 'daily 00:00', 'recap.timezone': 'UTC'})
}

function recapAttempts(db: string): number[] {
  const raw = new Database(db, {readonly: true})
  try {
    return (raw.prepare("SELECT attempts FROM outbox WHERE text LIKE 'Recap of %'").all() as {attempts: number}[]).map((row) => row.attempts)
  } finally {
    raw.close()
  }
}

describe('the recap ccp serve posts itself', () => {
  it('arrives once, even when the bot is killed as it posts it and started again', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedYesterday(db)
    // The first send fails: the recap is queued (and its period recorded) but not yet delivered when the kill comes.
    fake.fail('send', {status: 500}, 1)
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await waitFor(() => recapAttempts(db).length === 1 && recapAttempts(db)[0] === 1, 15_000, () => `recap attempts: ${JSON.stringify(recapAttempts(db))}`)
    await bot.stop('SIGKILL')
    expect(fake.sent).toHaveLength(0)

    bot = startServe(db, fake.url, ['--mode', 'poll'])
    const [recap] = await fake.waitForSent(1)
    expect(recap).toMatchObject({recipient: GROUP_REST_ID})
    expect(recap.message).toMatch(/^Recap of \w{3} \d{1,2} \w{3} \d{4}:\nTop gainers:\n1\. bob: \+5 \(Citizen\)\n1 award from 1 giver\.$/)
    expect(await bot.stop('SIGTERM')).toBe(0)

    // Started once more, it answers a command and posts no second recap.
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    fake.push(textItem(ALICE, '/CCP listall'))
    const sent = await fake.waitForSent(2)
    expect(sent[1].message).not.toMatch(/Recap of/)
    expect(recapAttempts(db)).toHaveLength(1)
  })
})
