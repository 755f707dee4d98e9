import {FakeSignalServer} from '../fake-signal/server.js'
import {NO_RULES} from '../helpers/chat.js'
import {seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess

afterEach(async () => {
  await bot?.stop('SIGKILL')
  await fake?.stop()
})

/** Sends a command and resolves with the seconds until its reply reached the server. */
async function roundTrip(text: string): Promise<number> {
  const start = Date.now()
  const before = fake.sent.length
  fake.push(textItem(ALICE, text))
  await fake.waitForSent(before + 1, 90_000)
  return (Date.now() - start) / 1000
}

function lines(pattern: RegExp): number {
  return bot.logs.filter((line) => pattern.test(line)).length
}

/** A fake server and a bot polling it, with short request timeouts and no game rules in the way. */
async function startPolling(): Promise<void> {
  fake = await FakeSignalServer.start({secondMs: 100})
  const db = temp.path('ccp.db')
  seedSettings(db, NO_RULES)
  bot = startServe(db, fake.url, ['--mode', 'poll', '--request-timeout', '2'])
  await bot.waitForLog(/receiving/)
}

describe('ccp serve against a misbehaving server', () => {
  it('rides out every receive fault, recovers within seconds, loses nothing, and logs each outage once', async () => {
    await startPolling()
    await roundTrip('/CCP adduser bob')

    // Down for 30 s: connections refused. What arrives meanwhile waits at Signal's side.
    await fake.pause()
    fake.push(textItem(ALICE, '/CCP bob 1 while down'))
    await new Promise((resolve) => setTimeout(resolve, 30_000))
    const resumedAt = Date.now()
    await fake.resume()
    await fake.waitForSent(2, 30_000)
    expect((Date.now() - resumedAt) / 1000).toBeLessThan(12)

    // One outage of each kind, one after the other.
    const faults = [
      {status: 500, body: '<html>Internal Server Error</html>', contentType: 'text/html'},
      {kind: 'invalid-json'},
      {kind: 'cut'},
      {kind: 'reset'},
    ] as const
    for (const fault of faults) {
      fake.fail('receive', fault, 3)
      expect(await roundTrip('/CCP bob 1 after a fault')).toBeLessThan(15)
    }

    // Each outage (down, then four kinds) logged once when it began and once when it ended.
    await waitFor(() => lines(/receive recovered/) === 1 + faults.length)
    expect(lines(/receive failing/)).toBe(1 + faults.length)
    expect(fake.sent.map((message) => message.message).filter((message) => message.startsWith('1 points'))).toHaveLength(1 + faults.length)
    expect(bot.child.exitCode).toBeNull()
  })

  it('retries sends through hangs, 500s and rate limits, losing no reply', async () => {
    await startPolling()
    fake.fail('send', {kind: 'hang'})
    expect(await roundTrip('/CCP adduser bob')).toBeLessThan(10)
    fake.fail('send', {status: 500}, 2)
    expect(await roundTrip('/CCP bob 1')).toBeLessThan(10)
    fake.fail('send', {status: 429, body: '{"error":"Rate limit exceeded","challenge_tokens":["token"],"account":"+15550000000"}'})
    await roundTrip('/CCP bob 2')
    fake.fail('send', {status: 400, body: '{"error":"Failed to send message: [429] Rate limit exceeded: proof required"}'})
    await roundTrip('/CCP bob 3')
    expect(fake.sent.map((message) => message.message)).toEqual([
      'User bob has been added.',
      '1 points updated for user bob. Total points: 1.',
      '2 points updated for user bob. Total points: 3.',
      '3 points updated for user bob. Total points: 6.',
    ])
    // The server records the send a moment before the bot logs its recovery.
    await waitFor(() => lines(/send recovered/) === 4)
    expect(lines(/send failing/)).toBe(4)
  })

  it('keeps a websocket that closes every few seconds or goes silent, answering whenever connected', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    bot = startServe(db, fake.url, ['--mode', 'websocket', '--socket-silence', '3'])
    await bot.waitForLog(/websocket connected/)
    let answered = 0
    for (let round = 0; round < 6; round++) {
      await waitFor(() => fake.clients === 1, 30_000)
      await roundTrip(round === 0 ? '/CCP adduser bob' : `/CCP bob 1 round ${round}`)
      answered++
      // Every other round the server drops the socket; otherwise it just stays silent past the watchdog.
      if (round % 2 === 0) fake.dropSockets()
      else await bot.waitForLog(new RegExp(`no frame or ping for 3 s`), 30_000)
    }

    expect(answered).toBe(6)
    expect(fake.sent.at(-1)?.message).toBe('1 points updated for user bob. Total points: 5.')
    expect(bot.child.exitCode).toBeNull()
  })
})
