import {FakeSignalServer} from '../fake-signal/server.js'
import {textItem} from '../helpers/envelopes.js'
import {healthGet, healthPort, rawExchange} from '../helpers/health.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

describe('the health server of ccp serve', () => {
  it.each([
    ['a request target no URL parser takes', 'GET //: HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['a target with a bad port', 'GET http://a:99999/ HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['an unknown method', 'BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 (400|405) /],
    ['bytes that are no HTTP at all', '\u0000\u00ff\r\n\r\nhello', /^HTTP\/1\.1 400 |^$/],
    ['a header too large', `GET /healthz HTTP/1.1\r\nX: ${'a'.repeat(100_000)}\r\n\r\n`, /^HTTP\/1\.1 431 |^$/],
  ])('answers %s with an error and keeps the bot running', async (_what, request, answer) => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll', '--health-port', '0'])
    const port = await healthPort(bot)
    expect(await rawExchange(port, request)).toMatch(answer)
    // Still alive: the health server answers and commands are still handled.
    expect((await healthGet(port, '/metrics')).status).toBe(200)
    fake.push(textItem(ALICE, '/CCP listall'))
    expect((await fake.waitForSent(1))[0].message).toBe('No users found.')
    expect(bot.child.exitCode).toBeNull()
  })

  it('answers one request per connection and closes it, so pipelined requests cannot pile up answers in memory', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll', '--health-port', '0'])
    const port = await healthPort(bot)
    const answer = await rawExchange(port, 'GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(50))
    expect(answer.match(/^HTTP\/1\.1 /gm)).toHaveLength(1)
    expect(answer).toMatch(/^Connection: close\r$/im)
  })
})
