import fc from 'fast-check'

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

/** Bytes that look like HTTP just enough to reach the request handler: odd methods, targets, versions and headers. */
const almostHttp = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'BREW', 'get', 'CONNECT', ''),
    fc.oneof(
      fc.constantFrom('/', '/healthz', '/metrics', '//:', '//@', '//[::1', 'http://[', 'http://a:99999/', '*', '/%', '/%ZZ', '/healthz?%', '/\u00ff', '/../..'),
      fc.string({maxLength: 40, unit: 'binary-ascii'}),
    ),
    fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', ''),
    fc.array(fc.tuple(fc.string({maxLength: 12}), fc.string({maxLength: 30, unit: 'binary-ascii'})), {maxLength: 4}),
  )
  .map(([method, target, version, headers]) => `${method} ${target} ${version}\r\n${headers.map(([key, value]) => `${key}: ${value}\r\n`).join('')}\r\n`)

describe('random bytes to the health port', () => {
  it('never stop the bot: it keeps answering /healthz and handling commands', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll', '--health-port', '0'])
    const port = await healthPort(bot)
    const running = bot
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({maxLength: 2048}), almostHttp), async (bytes) => {
        await rawExchange(port, bytes, 2000)
        expect(running.child.exitCode).toBeNull()
        expect([200, 503]).toContain((await healthGet(port, '/healthz')).status)
      }),
      {numRuns: 300},
    )
    fake.push(textItem(ALICE, '/CCP listall'))
    expect((await fake.waitForSent(1))[0].message).toBe('No users found.')
    expect(running.child.exitCode).toBeNull()
  })
})
