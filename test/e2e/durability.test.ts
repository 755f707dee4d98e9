import Database from 'better-sqlite3'
import {readdirSync, readFileSync, statSync} from 'node:fs'

import {FakeSignalServer} from '../fake-signal/server.js'
import {NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {healthGet, healthPort} from '../helpers/health.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAll, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined
let holder: Database.Database | undefined

afterEach(async () => {
  holder?.close()
  holder = undefined
  await stopAll(bot, fake)
  bot = undefined
})

/** Another process holds the database's write lock, as a long `ccp import` or a backup tool might. */
function lockDatabase(db: string): Database.Database {
  const other = new Database(db)
  other.exec('BEGIN EXCLUSIVE')
  return other
}

function unlock(): void {
  holder!.exec('ROLLBACK')
  holder!.close()
  holder = undefined
}

const COMMANDS = ['/CCP adduser bob', '/CCP bob 5', '/CCP bob 7']
const REPLY = 'User bob has been added.\n\n5 points updated for user bob. Total points: 5.\n\n7 points updated for user bob. Total points: 12.'

/** Files beside the database whose name says spool. */
function spoolFiles(): string[] {
  return readdirSync(temp.path()).filter((name) => name.includes('spool'))
}

/** Lines (commands) in the spool files. */
function spooledLines(): number {
  return spoolFiles().reduce((lines, name) => lines + readFileSync(temp.path(name), 'utf8').split('\n').filter(Boolean).length, 0)
}

async function timed<T>(work: Promise<T>): Promise<{ms: number; value: T}> {
  const start = Date.now()
  const value = await work
  return {ms: Date.now() - start, value}
}

describe('received commands while another process locks the database', () => {
  it('survive a stop in poll mode: the next start applies them', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    holder = lockDatabase(db)
    fake.push(...COMMANDS.map((text) => textItem(ALICE, text)))
    // The server has handed them over (and deleted them); the bot could not store them in the database.
    await waitFor(() => fake.delivered.length === COMMANDS.length)
    await bot.waitForLog(/database failing/)
    const stop = await timed(bot.stop('SIGTERM'))
    expect(stop.value).toBe(0)
    expect(stop.ms).toBeLessThan(3000)
    expect(bot.logs.join('\n')).toMatch(/received commands kept in the spool for the next start commands=3/)
    // Private, like the database.
    for (const name of spoolFiles()) expect(statSync(temp.path(name)).mode & 0o777).toBe(0o600)
    unlock()

    bot = startServe(db, fake.url, ['--mode', 'poll'])
    expect((await fake.waitForSent(1))[0].message).toBe(REPLY)
    expect(await cliOn(db).json('list')).toEqual([{name: 'bob', points: 12, rank: 1, tier: 'Citizen'}])
    // Drained, and tidied away at the next clean stop.
    expect(await bot.stop('SIGTERM')).toBe(0)
    expect(spoolFiles()).toEqual([])
  })

  it('survive a SIGKILL once received: only what is still on the wire can be lost', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    bot = startServe(db, fake.url, ['--mode', 'websocket'])
    await bot.waitForLog(/websocket connected/)
    holder = lockDatabase(db)
    fake.push(...COMMANDS.map((text) => textItem(ALICE, text)))
    // On disk, though the database could not take them.
    await waitFor(() => spooledLines() === COMMANDS.length)
    await bot.stop('SIGKILL')
    unlock()

    bot = startServe(db, fake.url, ['--mode', 'websocket'])
    expect((await fake.waitForSent(1))[0].message).toBe(REPLY)
  })

  it('neither stall /healthz nor delay a stop in websocket mode, and are applied after the lock ends', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    bot = startServe(db, fake.url, ['--mode', 'websocket', '--health-port', '0'])
    const port = await healthPort(bot)
    await bot.waitForLog(/websocket connected/)
    holder = lockDatabase(db)
    for (const text of COMMANDS) {
      fake.push(textItem(ALICE, text))
      // Each frame arrives while the lock is held: the health server answers at once all the same.
      const health = await timed(healthGet(port, '/healthz', 5000))
      expect(health.value.status).toBe(200)
      expect(health.ms).toBeLessThan(1000)
    }

    await bot.waitForLog(/database failing/)
    const stop = await timed(bot.stop('SIGTERM'))
    expect(stop.value).toBe(0)
    expect(stop.ms).toBeLessThan(3000)
    unlock()

    bot = startServe(db, fake.url, ['--mode', 'websocket'])
    expect((await fake.waitForSent(1))[0].message).toBe(REPLY)
  })

  it('are applied by the running bot as soon as the lock ends, each once', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    bot = startServe(db, fake.url, ['--mode', 'websocket'])
    await bot.waitForLog(/websocket connected/)
    holder = lockDatabase(db)
    const items = COMMANDS.map((text) => textItem(ALICE, text))
    fake.push(...items)
    await bot.waitForLog(/database failing/)
    // The same message again (signal-cli can deliver twice) while it waits in the spool.
    fake.push(items[1])
    unlock()
    expect((await fake.waitForSent(1))[0].message).toBe(REPLY)
    await bot.waitForLog(/database recovered/)
    expect(await cliOn(db).json('list')).toEqual([{name: 'bob', points: 12, rank: 1, tier: 'Citizen'}])
  })
})
