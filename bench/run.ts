/**
 * `npm run bench`: how ccp measures against its goals, as ratios and figures that hold on a noisy
 * 2-core machine. A tool, not a test: it fails nothing; it prints each figure beside its goal and
 * writes bench/results.json.
 */
import Database from 'better-sqlite3'
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {cpus, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {Bot} from '../src/bot/bot.js'
import {createLogger} from '../src/bot/log.js'
import {ChatCommands} from '../src/core/chat/handler.js'
import type {MemberChart, StandingsChart} from '../src/core/chart/series.js'
import {Ledger} from '../src/core/ledger.js'
import {DEFAULT_TIERS} from '../src/core/tiers.js'
import {VegaChartRenderer} from '../src/render/chart-renderer.js'
import {SqliteQueue} from '../src/store/queue-store.js'
import {SqliteStore} from '../src/store/sqlite-store.js'
import {type FakeOptions, FakeSignalServer, GROUP_ID} from '../test/fake-signal/server.js'
import {BOB, NO_RULES} from '../test/helpers/chat.js'
import {reactionItem, textItem} from '../test/helpers/envelopes.js'
import {type ServeProcess, startServe, waitFor} from '../test/helpers/serve.js'
import {userEnvironment} from '../test/helpers/cli.js'
import {ALICE, ManualClock} from '../test/helpers/ledger.js'

const RUN_JS = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'ccp-bench-'))
const rows: {figure: string; goal: string; met: boolean | null; value: string}[] = []
const results: Record<string, unknown> = {machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version}, when: new Date().toISOString()}

function report(figure: string, value: string, goal = '', met: boolean | null = null): void {
  rows.push({figure, goal, met, value})
  console.error(`  ${figure}: ${value}${goal ? ` (goal ${goal})` : ''}`)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function timeMs(command: string[], env: NodeJS.ProcessEnv = userEnvironment()): number {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, command, {env, stdio: 'ignore'})
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** A database of `members` members and `entries` ledger entries, written in bulk. */
function bigDatabase(path: string, members: number, entries: number): void {
  // A command that may create the database (list no longer does): the default award.max, stored.
  execFileSync(process.execPath, [RUN_JS, 'config', 'set', 'award.max', '100', '--db', path], {env: userEnvironment(), stdio: 'ignore'})
  const db = new Database(path)
  db.transaction(() => {
    const member = db.prepare('INSERT INTO members (name, name_key, points, created_at) VALUES (?, ?, 0, 0)')
    for (let i = 0; i < members; i++) member.run(`member${i}`, `member${i}`)
    const entry = db.prepare("INSERT INTO ledger (member_id, points, actor_kind, source, created_at) VALUES (?, ?, 'operator', 'cli', ?)")
    for (let i = 0; i < entries; i++) entry.run((i % members) + 1, (i % 7) + 1, i)
    db.exec('UPDATE members SET points = (SELECT coalesce(sum(points), 0) FROM ledger WHERE member_id = members.id)')
  })()
  db.close()
}

function rss(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return Number(fields[11]) + Number(fields[12])
}

/**
 * Starts the fake server (after `prepare`, which may fill it and the database) and `ccp serve` against it,
 * waits until the bot is ready, runs `measure`, and stops both whatever happens.
 */
async function withBot<T>(
  setup: {db: string; fake: FakeOptions; prepare?: (fake: FakeSignalServer, db: string) => void; ready: RegExp; serve: string[]},
  measure: (bot: ServeProcess, fake: FakeSignalServer, db: string) => Promise<T>,
): Promise<T> {
  const fake = await FakeSignalServer.start(setup.fake)
  const db = join(work, setup.db)
  let bot: ServeProcess | undefined
  try {
    setup.prepare?.(fake, db)
    bot = startServe(db, fake.url, setup.serve, undefined, process.env.CCP_BENCH_NODE_ARGS?.split(' ') ?? [])
    await bot.waitForLog(setup.ready, 30_000)
    return await measure(bot, fake, db)
  } finally {
    await bot?.stop('SIGTERM')
    await fake.stop()
  }
}

/** Runs of each command in the CLI-start figure, interleaved: enough for a steady median on a busy machine. */
const RUNS = 31

async function cliStart(): Promise<void> {
  console.error('CLI start')
  const db = join(work, 'thousand.db')
  bigDatabase(db, 1000, 1000)
  const list: number[] = []
  const bare: number[] = []
  for (let i = 0; i < RUNS; i++) {
    bare.push(timeMs(['-e', '0']))
    list.push(timeMs([RUN_JS, 'list', '--db', db]))
  }

  const ratio = median(list) / median(bare)
  results.cliStart = {list: median(list), nodeE0: median(bare), ratio}
  report(`ccp list (1,000 members), median of ${RUNS}`, `${median(list).toFixed(0)} ms vs node -e 0 ${median(bare).toFixed(0)} ms = ${ratio.toFixed(2)}×`, '≤ 2×', ratio <= 2)
}

/** What a backlog of `count` queued items took `ccp serve` (poll mode) to drain: every one handled, every reply sent. */
async function drainBacklog(db: string, count: number, prepare: (fake: FakeSignalServer, db: string) => void): Promise<{peak: number; seconds: number; sendCalls: number}> {
  return withBot({db, fake: {secondMs: 100}, prepare, ready: /receiving/, serve: ['--mode', 'poll']}, async (bot, fake, path) => {
    let peak = 0
    const sampler = setInterval(() => (peak = Math.max(peak, rss(bot.child.pid!))), 100)
    const start = Date.now()
    const unfinished = (): number => {
      const raw = new Database(path, {readonly: true})
      try {
        return (raw.prepare("SELECT (SELECT count(*) FROM inbox WHERE status = 'pending') + (SELECT count(*) FROM outbox WHERE status = 'pending') + ? - (SELECT count(*) FROM inbox) AS n").get(count) as {n: number}).n
      } finally {
        raw.close()
      }
    }

    try {
      await waitFor(() => unfinished() === 0, 120_000, () => `${unfinished()} of ${count} items still unhandled after 2 minutes`)
    } finally {
      clearInterval(sampler)
    }

    return {peak, seconds: (Date.now() - start) / 1000, sendCalls: fake.sendCalls}
  })
}

const BACKLOG = 10_000
const ccp = (db: string, ...args: string[]): void => void execFileSync(process.execPath, [RUN_JS, ...args, '--db', db], {env: userEnvironment(), stdio: 'ignore'})

async function drain(): Promise<void> {
  console.error('Backlog drain')
  const {peak, seconds, sendCalls} = await drainBacklog('drain.db', BACKLOG, (fake, db) => {
    ccp(db, 'adduser', 'bob')
    ccp(db, 'config', 'set', 'award.cooldown', '0')
    ccp(db, 'config', 'set', 'award.hourly', '0')
    fake.push(...Array.from({length: BACKLOG}, (_, i) => textItem(ALICE, `/CCP bob 1 drain ${i}`)))
  })
  const rate = BACKLOG / seconds
  results.drain = {commands: BACKLOG, commandsPerSecond: rate, peakRssMb: peak, sendCalls, seconds}
  report('backlog drain, 10,000 commands (poll)', `${seconds.toFixed(2)} s, ${rate.toFixed(0)} commands/s, ${sendCalls} send calls`, '≥ 5,000 commands/s', rate >= 5000)
  report('peak RSS during the drain', `${peak.toFixed(1)} MB`)
}

/**
 * The same backlog as reactions: Alice reacts 👍 to 10,000 of Bob's messages, each an award through the
 * inbox, ChatReactions and the ledger (and its row in the reactions table), silently. The goal is the
 * command rate of the backlog drain, when both ran.
 */
async function reactionDrain(): Promise<void> {
  console.error('10,000 queued reactions')
  const {peak, seconds} = await drainBacklog('reactions.db', BACKLOG, (fake, db) => {
    ccp(db, 'adduser', 'alice', '--uuid', ALICE.uuid!)
    ccp(db, 'adduser', 'bob', '--uuid', BOB.uuid!)
    ccp(db, 'config', 'set', 'award.cooldown', '0')
    ccp(db, 'config', 'set', 'award.hourly', '0')
    ccp(db, 'config', 'set', 'reactions', '👍=1')
    fake.push(...Array.from({length: BACKLOG}, (_, i) => reactionItem(ALICE, '👍', {author: BOB, timestamp: 1_700_000_000_000 + i})))
  })
  const rate = BACKLOG / seconds
  const commandRate = (results.drain as undefined | {commandsPerSecond: number})?.commandsPerSecond
  results.reactionDrain = {peakRssMb: peak, reactions: BACKLOG, reactionsPerSecond: rate, seconds}
  const versus = commandRate === undefined ? '' : ` vs ${commandRate.toFixed(0)} commands/s = ${(rate / commandRate).toFixed(2)}×`
  report('backlog drain, 10,000 reactions (poll)', `${seconds.toFixed(2)} s, ${rate.toFixed(0)} reactions/s${versus}`, '≥ the command rate', commandRate === undefined ? null : rate >= commandRate)
}

async function latency(): Promise<void> {
  console.error('Reply latency')
  for (const mode of ['websocket', 'poll'] as const) {
    const commands = mode === 'poll' ? 10 : 200
    const setup = {db: `latency-${mode}.db`, fake: {mode: mode === 'poll' ? 'normal' : 'json-rpc', secondMs: 1000} as const, ready: mode === 'poll' ? /receiving/ : /websocket connected/, serve: ['--mode', mode]}
    const times = await withBot(setup, async (_bot, fake) => {
      const waiting = new Map<number, number>()
      const times: number[] = []
      // Replies waiting for one chat go out as one message quoting the last command: it answers every earlier one too.
      fake.onSend = (message) => {
        for (const [timestamp, sentAt] of waiting) {
          if (timestamp > (message.quoteTimestamp ?? -1)) continue
          times.push(performance.now() - sentAt)
          waiting.delete(timestamp)
        }
      }

      // A poll returns once no message came for the idle timeout (1 s here), so commands closer together than
      // that would wait for each other: in poll mode they come 1.5 to 2.5 s apart, each to an idle receive.
      const gapMs = (): number => (mode === 'poll' ? 1500 + Math.random() * 1000 : Math.random() * 30)
      for (let i = 0; i < commands; i++) {
        await new Promise((resolve) => setTimeout(resolve, gapMs()))
        const item = textItem(ALICE, '/CCP listall')
        waiting.set(item.envelope.timestamp, performance.now())
        fake.push(item)
      }

      await waitFor(() => times.length === commands, 60_000, () => `${commands - times.length} of ${commands} commands unanswered after a minute`)
      return times
    })
    const p50 = percentile(times, 50)
    const p99 = percentile(times, 99)
    results[`latency_${mode}`] = {commands, p50, p99}
    if (mode === 'websocket') {
      report('reply latency, websocket, 200 commands', `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`, 'p50 ≤ 10 ms, p99 ≤ 50 ms', p50 <= 10 && p99 <= 50)
    } else {
      report('reply latency, poll (idle timeout 1 s), 10 commands', `p50 ${p50.toFixed(0)} ms`, 'about the idle timeout')
    }
  }
}

async function scale(): Promise<void> {
  console.error('Scale (building a database of 100,000 members and 1,000,000 entries)')
  const big = join(work, 'big.db')
  const small = join(work, 'small.db')
  bigDatabase(big, 100_000, 1_000_000)
  bigDatabase(small, 10, 100)
  const measure = (db: string): {award: number; list: number} => {
    const list: number[] = []
    const award: number[] = []
    for (let i = 0; i < 7; i++) {
      list.push(timeMs([RUN_JS, 'list', '--limit', '10', '--db', db]))
      award.push(timeMs([RUN_JS, 'award', 'member1', '1', '--db', db]))
    }

    return {award: median(award), list: median(list)}
  }

  const a = measure(big)
  const b = measure(small)
  const size = statSync(big).size / 1024 / 1024
  results.scale = {big: a, databaseMb: size, small: b}
  report('list --limit 10, 100k members / 1M entries vs 10', `${a.list.toFixed(0)} ms vs ${b.list.toFixed(0)} ms = ${(a.list / b.list).toFixed(2)}×`, '≤ 1.5×', a.list / b.list <= 1.5)
  report('one award, same databases', `${a.award.toFixed(0)} ms vs ${b.award.toFixed(0)} ms = ${(a.award / b.award).toFixed(2)}×`, '≤ 1.5×', a.award / b.award <= 1.5)
  report('database size (1M entries)', `${size.toFixed(0)} MB`)
}

async function footprint(): Promise<void> {
  console.error('Idle footprint (30 s)')
  const {cpu, peak} = await withBot({db: 'idle.db', fake: {mode: 'json-rpc'}, ready: /websocket connected/, serve: ['--mode', 'websocket']}, async (bot) => {
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const pid = bot.child.pid!
    const before = cpuTicks(pid)
    let peak = 0
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      peak = Math.max(peak, rss(pid))
    }

    return {cpu: ((cpuTicks(pid) - before) / 100 / 30) * 100, peak}
  })
  results.idle = {cpuPercent: cpu, rssMb: peak}
  report('idle ccp serve: RSS, CPU over 30 s', `${peak.toFixed(1)} MB, ${cpu.toFixed(2)} % CPU`, '< 80 MB, < 1 % CPU', peak < 80 && cpu < 1)
}

/**
 * The database of a bot that has handled a million commands: the real bot (queue, handlers, pruning) on a
 * database file, fed in batches as a poll delivers them, with a clock that spreads them over 100 days
 * (10,000 commands a day for a million), and the default retention of 7 days. One command in ten is an award,
 * which the ledger keeps for good; the others are reads, whose only trace is their inbox and outbox rows.
 */
async function retention(): Promise<void> {
  const count = Number(process.env.CCP_BENCH_RETENTION_COMMANDS ?? 1_000_000)
  console.error(`Retention (${count.toLocaleString('en-US')} commands through the bot)`)
  const path = join(work, 'retention.db')
  const clock = new ManualClock()
  const step = (100 * 86_400_000) / count
  const store = SqliteStore.open(path)
  const started = Date.now()
  try {
    // Sizes, not speed, are measured here: commits skip the disk sync that makes the bot durable.
    store.db.pragma('synchronous = OFF')
    const ledger = new Ledger(store, clock)
    for (const [key, value] of Object.entries(NO_RULES)) store.saveSetting(key, value, clock.now())
    ledger.addMember({name: 'bob'})
    const config = {admins: {numbers: new Set<string>(), uuids: new Set([ALICE.uuid!])}, groups: new Set([GROUP_ID]), prefix: '/CCP'}
    const bot = new Bot(
      {clock, commands: new ChatCommands(ledger, () => config, clock), log: createLogger('json', () => {}), queue: new SqliteQueue(store.db), send: async () => clock.now()},
      {account: '+15550000000', chatSettings: () => config, retentionMs: 7 * 86_400_000},
    )
    const batch = 500
    let peakRows = 0
    for (let sent = 0; sent < count; sent += batch) {
      const items = Array.from({length: Math.min(batch, count - sent)}, (_, i) => {
        clock.advance(step)
        const n = sent + i
        return textItem(ALICE, n % 10 === 0 ? `/CCP bob 1 retention ${n}` : '/CCP score bob', {timestamp: clock.now()})
      })
      bot.accept(items)
      while (bot.handlePending() > 0) await bot.flushOutbox()
      await bot.pruneIfDue()
      if (sent % 50_000 === 0) {
        const rows = store.db.prepare('SELECT (SELECT count(*) FROM inbox) + (SELECT count(*) FROM outbox) AS n').get() as {n: number}
        peakRows = Math.max(peakRows, rows.n)
      }
    }

    store.db.pragma('wal_checkpoint(TRUNCATE)')
    const counts = store.db.prepare('SELECT (SELECT count(*) FROM inbox) AS inbox, (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM ledger) AS ledger').get() as {
      inbox: number
      ledger: number
      outbox: number
    }
    const pages = store.db.pragma('page_count', {simple: true}) as number
    const free = store.db.pragma('freelist_count', {simple: true}) as number
    const pageSize = store.db.pragma('page_size', {simple: true}) as number
    const megabytes = statSync(path).size / 1024 / 1024
    const seconds = (Date.now() - started) / 1000
    // What the inbox and outbox take per command kept: what a million would take without pruning.
    const queueBytes = (store.db.prepare("SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name IN ('inbox', 'outbox'))").get() as {n: number}).n
    const unprunedMb = (megabytes * 1024 * 1024 + (queueBytes / Math.max(1, counts.inbox)) * (count - counts.inbox)) / 1024 / 1024
    results.retention = {commands: count, databaseMb: megabytes, freePages: free, pages, pageSize, peakQueueRows: peakRows, queueMb: queueBytes / 1024 / 1024, seconds, unprunedMb, ...counts}
    report(
      `database after ${count.toLocaleString('en-US')} handled commands (7-day retention, 100 days)`,
      `${megabytes.toFixed(1)} MB, of which inbox and outbox ${(queueBytes / 1024 / 1024).toFixed(1)} MB (${counts.inbox.toLocaleString('en-US')} commands kept) and ${counts.ledger.toLocaleString('en-US')} ledger entries; without pruning about ${unprunedMb.toFixed(0)} MB (${seconds.toFixed(0)} s)`,
      'the inbox and outbox hold only the retention',
      counts.inbox <= 0.1 * count,
    )
  } finally {
    store.close()
  }
}

/** Chart images as the bot draws them (in its own process, the libraries loaded once): p50 and p99 of each, and the peak RSS meanwhile. */
async function charts(): Promise<void> {
  console.error('chart rendering')
  const names = ['alice', 'Борис', 'محمد', '王小明', 'Zoë🌻']
  const standings: StandingsChart = {
    bars: Array.from({length: 50}, (_, i) => ({name: `${names[i % names.length]}${i}`, points: 900 - i * 37, tier: 'Citizen'})),
    kind: 'standings',
    tiers: DEFAULT_TIERS,
    title: 'All-time standings',
  }
  let total = 0
  const steps = [{at: Date.parse('2026-01-01T00:00:00Z'), total}]
  for (let i = 1; i <= 1000; i++) steps.push({at: steps[0].at + i * 3_600_000, total: (total += i % 5 === 0 ? -7 : 4)})
  const member: MemberChart = {kind: 'member', name: 'alice', steps, tiers: DEFAULT_TIERS, title: 'Points of alice over time'}
  const before = process.memoryUsage().rss / 1024 / 1024
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024)), 10)
  try {
    const renderer = new VegaChartRenderer()
    let start = performance.now()
    await renderer.png(standings)
    const first = performance.now() - start
    for (const [label, chart] of [['standings, 50 members', standings], ['member, 1,000 entries', member]] as const) {
      const times: number[] = []
      let bytes = 0
      for (let i = 0; i < RUNS; i++) {
        start = performance.now()
        bytes = (await renderer.png(chart)).byteLength
        times.push(performance.now() - start)
        peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024)
      }

      results[`chart ${label}`] = {bytes, p50: percentile(times, 50), p99: percentile(times, 99)}
      report(`chart PNG, ${label}, ${RUNS} runs`, `p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`, '≤ 300 KB', bytes <= 300 * 1024)
    }

    report('first chart (loads vega, vega-lite, resvg and the fonts)', `${first.toFixed(0)} ms`)
  } finally {
    clearInterval(sampler)
  }

  results.chartRss = {before, peak}
  report('peak RSS while rendering', `${peak.toFixed(0)} MB (${before.toFixed(0)} MB before the first chart)`)
}

// A part that fails is reported as such, and the others still run. `npm run bench -- drain` runs the parts named.
const parts = [
  ['CLI start', cliStart],
  ['chart rendering', charts],
  ['backlog drain', drain],
  ['10,000 queued reactions', reactionDrain],
  ['reply latency', latency],
  ['scale', scale],
  ['idle footprint', footprint],
  ['retention', retention],
] as const
const chosen = process.argv.slice(2)
try {
  for (const [part, run] of parts.filter(([part]) => chosen.length === 0 || chosen.some((name) => part.includes(name)))) {
    try {
      await run()
    } catch (error) {
      report(part, `did not finish: ${(error as Error).message.split('\n')[0]}`, 'to finish', false)
    }
  }
} finally {
  rmSync(work, {force: true, recursive: true})
}

const width = Math.max(...rows.map((row) => row.figure.length))
console.log(`\n${'figure'.padEnd(width)} | value | goal`)
for (const row of rows) console.log(`${row.figure.padEnd(width)} | ${row.value} | ${row.goal}${row.met === null ? '' : row.met ? ' ✓' : ' ✗'}`)
writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify({...results, rows}, null, 2)}\n`)
console.log('\nWritten to bench/results.json')
