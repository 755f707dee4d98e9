import Database from 'better-sqlite3'

import {OPERATOR} from '../../src/core/actor.js'
import {FakeSignalServer, GROUP_ID} from '../fake-signal/server.js'
import {BOB, CAROL, NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase, seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const OTHER_GROUP = Buffer.alloc(32, 7).toString('base64')
const MEMBERS = Array.from({length: 10}, (_, i) => `m${i}`)
const COMMANDS = 500
const KILLS = 12

interface Progress {
  entries: number
  inbox: number
  outbox: number
}

function progress(db: string): Progress {
  const raw = new Database(db, {readonly: true})
  try {
    return raw
      .prepare(
        `SELECT (SELECT count(*) FROM ledger WHERE source = 'chat') AS entries,
                (SELECT count(*) FROM inbox WHERE status = 'pending') AS inbox,
                (SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox`,
      )
      .get() as Progress
  } finally {
    raw.close()
  }
}

describe('ccp serve under kill -9', () => {
  it(`applies each of ${COMMANDS} commands exactly once through ${KILLS} SIGKILLs, while the CLI writes too`, async () => {
    const fake = await FakeSignalServer.start({secondMs: 20})
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => [...MEMBERS, 'cli'].forEach((name) => ledger.addMember(OPERATOR, {name})))
    // The game's rules (cooldowns, hourly caps) would refuse most of this flood; this test is about losing nothing.
    seedSettings(db, NO_RULES)
    const flags = ['--mode', 'poll', '--admin', CAROL.uuid!, '--admin', BOB.number!, '--group', OTHER_GROUP]
    const senders = [ALICE, BOB, CAROL]
    const expected = new Map(MEMBERS.map((name) => [name, 0]))
    const items = Array.from({length: COMMANDS}, (_, i) => {
      const member = MEMBERS[i % MEMBERS.length]
      const points = (i % 5) + 1
      expected.set(member, expected.get(member)! + points)
      return textItem(senders[i % 3], `/CCP ${member} ${points} c${i}`, {groupId: i % 2 === 0 ? GROUP_ID : OTHER_GROUP})
    })
    // Commands keep arriving, five every 40 ms, so the bot drains many batches while it is killed.
    const feeder = setInterval(() => fake.push(...items.splice(0, 5)), 40)

    let bot: ServeProcess = startServe(db, fake.url, flags)
    const cli = Array.from({length: 10}, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 150)).then(() => cliOn(db).run('award', 'cli', '1')))
    let mark = 0
    const kills: number[] = []
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        const delay = 150 + Math.floor(Math.random() * 450)
        kills.push(delay)
        await new Promise((resolve) => setTimeout(resolve, delay))
        await bot.stop('SIGKILL')
        await fake.settle()
        // The bot asks for a batch only after storing the one before, so only the last batch handed
        // to the dead process can be missing from its database: Signal would not send it again, but a
        // person would. Send it again, as the same messages: they must not count twice. A loss of any
        // earlier batch is never repaired, and the test fails.
        const inFlight = fake.batches.slice(mark).at(-1) ?? []
        mark = fake.batches.length
        fake.push(...inFlight)
        bot = startServe(db, fake.url, flags)
      }

      await waitFor(() => {
        const now = progress(db)
        return now.entries >= COMMANDS && now.inbox === 0 && now.outbox === 0 && fake.queued === 0
      }, 60_000, () => `stuck at ${JSON.stringify(progress(db))} after kills at ${kills.join(', ')} ms`)
      await bot.waitForLog(/receiving/)
      expect(await bot.stop('SIGTERM')).toBe(0)
    } finally {
      clearInterval(feeder)
      await bot.stop('SIGKILL')
      await fake.stop()
    }

    for (const result of await Promise.all(cli)) expect(result.code).toBe(0)
    const raw = new Database(db, {readonly: true})
    const reasons = raw.prepare("SELECT reason, count(*) AS n FROM ledger WHERE source = 'chat' GROUP BY reason HAVING n != 1").all()
    const chatEntries = raw.prepare("SELECT count(*) AS n FROM ledger WHERE source = 'chat'").get() as {n: number}
    const replies = raw.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all()
    raw.close()
    expect(reasons).toEqual([])
    expect(chatEntries.n).toBe(COMMANDS)
    expect(replies).toEqual([{n: COMMANDS, status: 'sent'}])
    const standings = await cliOn(db).json<{name: string; points: number}[]>('list')
    expect(Object.fromEntries(standings.map((row) => [row.name, row.points]))).toEqual({...Object.fromEntries(expected), cli: 10})
  })
})
