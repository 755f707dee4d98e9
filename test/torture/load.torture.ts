import Database from 'better-sqlite3'
import {readFileSync} from 'node:fs'

import {FakeSignalServer, GROUP_ID} from '../fake-signal/server.js'
import {NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase, seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {type ServeProcess, startServe} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer | undefined
let bot: ServeProcess | undefined

afterEach(async () => {
  await bot?.stop('SIGKILL')
  await fake?.stop()
})
const COMMANDS = 20_000
const SENDERS = Array.from({length: 50}, (_, i) => ({
  kind: 'chat' as const,
  number: `+1555200${String(i).padStart(4, '0')}`,
  profileName: `Sender ${i}`,
  uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
}))
const MEMBERS = Array.from({length: 20}, (_, i) => `member${i}`)

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

describe('ccp serve under load', () => {
  it(`applies ${COMMANDS.toLocaleString('en-US')} commands from 50 senders while the CLI reads the standings every 100 ms, in flat memory`, async () => {
    const server = await FakeSignalServer.start({secondMs: 20})
    fake = server
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => MEMBERS.forEach((name) => ledger.addMember({name})))
    seedSettings(db, NO_RULES)
    const expected = Object.fromEntries(MEMBERS.map((name) => [name, 0]))
    const items = Array.from({length: COMMANDS}, (_, i) => {
      const member = MEMBERS[i % MEMBERS.length]
      expected[member] += (i % 3) + 1
      return textItem(SENDERS[i % SENDERS.length], `/CCP ${member} ${(i % 3) + 1} load ${i}`)
    })
    const serving = startServe(db, server.url, [], {
      CCP_ADMINS: SENDERS.map((sender) => sender.uuid).join(','),
      CCP_GROUPS: GROUP_ID,
      CCP_MODE: 'poll',
      CCP_SIGNAL_NUMBER: server.account,
      CCP_SIGNAL_URL: server.url,
    })
    bot = serving
    const rss: number[] = []
    const reads: (null | number)[] = []
    const sampler = setInterval(() => rss.push(rssMegabytes(serving.child.pid!)), 250)
    // The CLI reads the standings again 100 ms after each read, the whole time.
    let loading = true
    const readLoop = (async () => {
      while (loading) {
        reads.push((await cliOn(db).run('list', '--json')).code)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    const feeder = setInterval(() => server.push(...items.splice(0, 400)), 50)
    const chatEntries = (): number => {
      const raw = new Database(db, {readonly: true})
      try {
        return (raw.prepare("SELECT count(*) AS n FROM ledger WHERE source = 'chat'").get() as {n: number}).n
      } finally {
        raw.close()
      }
    }

    try {
      await serving.waitForLog(/receiving/)
      while (items.length > 0 || chatEntries() < COMMANDS) await new Promise((resolve) => setTimeout(resolve, 500))
    } finally {
      clearInterval(feeder)
      clearInterval(sampler)
      loading = false
      await readLoop
    }

    expect(await serving.stop('SIGTERM')).toBe(0)

    const standings = await cliOn(db).json<{name: string; points: number}[]>('list')
    expect(Object.fromEntries(standings.map((row) => [row.name, row.points]))).toEqual(expected)
    const codes = reads
    expect(codes.filter((code) => code !== 0)).toEqual([])
    expect(serving.logs.filter((line) => /ERROR|failing/.test(line))).toEqual([])
    const third = Math.max(1, Math.floor(rss.length / 3))
    const early = Math.max(...rss.slice(0, third))
    const late = Math.max(...rss.slice(-third))
    // The report a person reads: how much memory the bot took at most, and whether it kept growing.
    console.log(`load: ${COMMANDS} commands, ${codes.length} CLI reads, peak RSS ${Math.max(...rss).toFixed(1)} MB (first third ${early.toFixed(1)} MB, last third ${late.toFixed(1)} MB)`)
    expect(late).toBeLessThan(early * 1.5 + 20)
    expect(Math.max(...rss)).toBeLessThan(300)
  })
})
