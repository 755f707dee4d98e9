import Database from 'better-sqlite3'

import {FakeSignalServer, GROUP_ID} from '../fake-signal/server.js'
import {BOB, CAROL, NO_RULES} from './chat.js'
import {cliOn} from './cli.js'
import {seedDatabase, seedSettings} from './db.js'
import {textItem} from './envelopes.js'
import {ALICE} from './ledger.js'
import {type ServeProcess, startServe, waitFor} from './serve.js'

const OTHER_GROUP = Buffer.alloc(32, 7).toString('base64')
const MEMBERS = Array.from({length: 10}, (_, i) => `m${i}`)

export interface CrashScenario {
  commands: number
  db: string
  kills: number
  mode: 'poll' | 'websocket'
}

export interface CrashOutcome {
  /** Chat entries whose reason appears more or less than once. */
  notExactlyOnce: unknown[]
  chatEntries: number
  cliResults: (null | number)[]
  expectedTotals: Record<string, number>
  replies: unknown[]
  totals: Record<string, number>
}

function query<Row>(db: string, sql: string): Row[] {
  const raw = new Database(db, {readonly: true})
  try {
    return raw.prepare(sql).all() as Row[]
  } finally {
    raw.close()
  }
}

function progress(db: string): {entries: number; inbox: number; outbox: number} {
  return query<{entries: number; inbox: number; outbox: number}>(
    db,
    `SELECT (SELECT count(*) FROM ledger WHERE source = 'chat') AS entries,
            (SELECT count(*) FROM inbox WHERE status = 'pending') AS inbox,
            (SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox`,
  )[0]
}

/**
 * Commands from three admins in two groups arrive over time while the bot is killed with SIGKILL at
 * random moments and restarted, and the CLI awards meanwhile. What was handed to a process that died
 * may not have reached its database: Signal would not send it again, but a person would, so the test
 * sends those messages again, as the same messages, which must not count twice. In poll mode only the
 * last batch handed to the dead process is sent again (the bot asks for a batch only after storing the
 * one before), so a lost earlier batch is never repaired and fails the test. In websocket mode the
 * frames pushed since the last kill that are not in the inbox are sent again.
 */
export async function runCrashScenario({commands, db, kills, mode}: CrashScenario): Promise<CrashOutcome> {
  const fake = await FakeSignalServer.start({mode: mode === 'poll' ? 'normal' : 'json-rpc', secondMs: 20})
  seedDatabase(db, (ledger) => [...MEMBERS, 'cli'].forEach((name) => ledger.addMember({name})))
  seedSettings(db, NO_RULES)
  const flags = ['--mode', mode, '--admin', CAROL.uuid!, '--admin', BOB.number!, '--group', OTHER_GROUP]
  const senders = [ALICE, BOB, CAROL]
  const expectedTotals: Record<string, number> = {...Object.fromEntries(MEMBERS.map((name) => [name, 0])), cli: 10}
  const items = Array.from({length: commands}, (_, i) => {
    const member = MEMBERS[i % MEMBERS.length]
    const points = (i % 5) + 1
    expectedTotals[member] += points
    return textItem(senders[i % 3], `/CCP ${member} ${points} c${i}`, {groupId: i % 2 === 0 ? GROUP_ID : OTHER_GROUP})
  })
  // Five commands every 40 ms; a websocket server drops what comes while no client listens, so none is sent then.
  const feeder = setInterval(() => {
    if (mode === 'poll' || fake.clients > 0) fake.push(...items.splice(0, 5))
  }, 40)

  let bot: ServeProcess = startServe(db, fake.url, flags)
  const cli = Array.from({length: 10}, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 150)).then(() => cliOn(db).run('award', 'cli', '1')))
  let mark = 0
  try {
    for (let kill = 0; kill < kills; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 350)))
      await bot.stop('SIGKILL')
      await fake.settle()
      const again = inFlight(fake, db, mode, mark)
      // A websocket server drops what comes while nobody listens: those wait for the feeder.
      if (mode === 'poll') fake.push(...again)
      else items.unshift(...(again as typeof items))
      mark = mode === 'poll' ? fake.batches.length : fake.delivered.length
      bot = startServe(db, fake.url, flags)
    }

    await waitFor(
      () => {
        const now = progress(db)
        return items.length === 0 && now.entries >= commands && now.inbox === 0 && now.outbox === 0 && fake.queued === 0
      },
      120_000,
      () => `stuck at ${JSON.stringify(progress(db))} with ${items.length} commands not yet sent`,
    )
    await bot.waitForLog(/receiving/)
    await bot.stop('SIGTERM')
  } finally {
    clearInterval(feeder)
    await bot.stop('SIGKILL')
    await fake.stop()
  }

  const standings = await cliOn(db).json<{name: string; points: number}[]>('list')
  return {
    chatEntries: query<{n: number}>(db, "SELECT count(*) AS n FROM ledger WHERE source = 'chat'")[0].n,
    cliResults: (await Promise.all(cli)).map((result) => result.code),
    expectedTotals,
    notExactlyOnce: query(db, "SELECT reason, count(*) AS n FROM ledger WHERE source = 'chat' GROUP BY reason HAVING n != 1"),
    replies: query(db, 'SELECT status, count(*) AS n FROM outbox GROUP BY status'),
    totals: Object.fromEntries(standings.map((row) => [row.name, row.points])),
  }
}

function inFlight(fake: FakeSignalServer, db: string, mode: 'poll' | 'websocket', mark: number): unknown[] {
  if (mode === 'poll') return fake.batches.slice(mark).at(-1) ?? []
  const stored = new Set(query<{key: string}>(db, "SELECT sender_key || ':' || sent_at AS key FROM inbox").map((row) => row.key))
  return fake.delivered.slice(mark).filter((item) => {
    const {envelope} = item as {envelope: {sourceUuid: string; timestamp: number}}
    return !stored.has(`${envelope.sourceUuid}:${envelope.timestamp}`)
  })
}
