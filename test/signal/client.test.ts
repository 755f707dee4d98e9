import {dataUri, SignalClient} from '../../src/signal/client.js'
import {SignalError} from '../../src/signal/errors.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {BOB} from '../helpers/chat.js'
import {textItem} from '../helpers/envelopes.js'

let fake: FakeSignalServer
afterEach(async () => fake?.stop())

function clientFor(server: FakeSignalServer, options: Partial<{receiveTimeoutMs: number; requestTimeoutMs: number}> = {}): SignalClient {
  return new SignalClient({account: server.account, baseUrl: server.url, receiveTimeoutMs: 5000, requestTimeoutMs: 2000, ...options})
}

async function failure(call: Promise<unknown>): Promise<SignalError> {
  try {
    await call
  } catch (error) {
    expect(error).toBeInstanceOf(SignalError)
    return error as SignalError
  }

  throw new Error('the call succeeded')
}

describe('the signal-cli-rest-api client', () => {
  it('asks the server for its mode', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    expect(await clientFor(fake).about()).toEqual({mode: 'json-rpc', version: '0.100'})
  })

  it('receives a batch once: the server deletes what it hands out', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const client = clientFor(fake)
    const items = [textItem(BOB, '/CCP listall'), textItem(BOB, 'hello')]
    fake.push(...items)
    expect(await client.receive(1, 0)).toEqual(items)
    expect(await client.receive(1, 0)).toEqual([])
  })

  it('takes at most the given number of messages, leaving the rest for the next poll', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const client = clientFor(fake)
    const items = Array.from({length: 5}, (_, i) => textItem(BOB, `/CCP score ${i}`))
    fake.push(...items)
    expect(await client.receive(1, 2)).toEqual(items.slice(0, 2))
    expect(await client.receive(1, 2)).toEqual(items.slice(2, 4))
    expect(await client.receive(1, 0)).toEqual(items.slice(4))
  })

  it('waits for the idle timeout, collecting what arrives meanwhile', async () => {
    fake = await FakeSignalServer.start({secondMs: 200})
    const client = clientFor(fake)
    const pending = client.receive(1, 0)
    const later = textItem(BOB, '/CCP top')
    setTimeout(() => fake.push(later), 50)
    expect(await pending).toEqual([later])
  })

  it('sends to a group with a quote, and reads both success shapes', async () => {
    for (const sendShape of ['object', 'list'] as const) {
      fake = await FakeSignalServer.start({sendShape})
      const timestamp = await clientFor(fake).send({message: 'hi', quoteAuthor: BOB.uuid, quoteTimestamp: 1_764_100_000_000, recipient: GROUP_REST_ID})
      expect(timestamp).toBe(fake.sent[0].timestamp)
      expect(fake.sent[0]).toMatchObject({message: 'hi', quoteAuthor: BOB.uuid, quoteTimestamp: 1_764_100_000_000, recipient: GROUP_REST_ID})
      await fake.stop()
    }
  })

  it('sends attachments as data URIs that the server decodes back to the same bytes, keeping the quote', async () => {
    fake = await FakeSignalServer.start()
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 253, 254, 255])
    const timestamp = await clientFor(fake).send({
      attachments: [{contentType: 'image/png', data: new Uint8Array(png), filename: 'chart.png'}],
      message: 'Standings',
      quoteAuthor: BOB.uuid,
      quoteTimestamp: 1_764_100_000_000,
      recipient: GROUP_REST_ID,
    })
    expect(timestamp).toBe(fake.sent[0].timestamp)
    expect(fake.sent[0].body.base64_attachments).toEqual([`data:image/png;filename=chart.png;base64,${png.toString('base64')}`])
    expect(fake.sent[0]).toMatchObject({attachments: [{contentType: 'image/png', data: png, filename: 'chart.png'}], message: 'Standings', quoteTimestamp: 1_764_100_000_000})
  })

  it('sends a view of a larger buffer as just its own bytes', async () => {
    fake = await FakeSignalServer.start()
    const whole = Buffer.from('0123456789')
    await clientFor(fake).send({attachments: [{contentType: 'image/png', data: whole.subarray(3, 6), filename: 'c.png'}], message: '', recipient: GROUP_REST_ID})
    expect(fake.sent[0].attachments[0].data.toString()).toBe('345')
  })

  it('sends no base64_attachments field without attachments', async () => {
    fake = await FakeSignalServer.start()
    await clientFor(fake).send({attachments: [], message: 'hi', recipient: GROUP_REST_ID})
    expect(Object.keys(fake.sent[0].body)).not.toContain('base64_attachments')
  })

  it('refuses to build an attachment the data URI cannot carry', () => {
    const data = new Uint8Array([1])
    expect(() => dataUri({contentType: 'image/png', data, filename: 'a;b.png'})).toThrow(/may not be empty or hold ; or ,/)
    expect(() => dataUri({contentType: 'png', data, filename: 'a.png'})).toThrow(/not a MIME type/)
  })

  it('reports a refused attachment as a 400 SignalError, not a rate limit', async () => {
    fake = await FakeSignalServer.start()
    fake.refuseAttachments = 1
    const attachments = [{contentType: 'image/png', data: new Uint8Array([1, 2, 3]), filename: 'chart.png'}]
    const error = await failure(clientFor(fake).send({attachments, message: 'hi', recipient: GROUP_REST_ID}))
    expect({failure: error.failure, rateLimited: error.rateLimited, status: error.options.status}).toEqual({failure: 'http', rateLimited: false, status: 400})
    expect(fake.sent).toEqual([])
    // The switch refuses that many, then lets attachments through.
    await clientFor(fake).send({attachments, message: 'hi', recipient: GROUP_REST_ID})
    expect(fake.sent).toHaveLength(1)
  })

  it('times out a send whose server hangs, with or without an attachment', async () => {
    fake = await FakeSignalServer.start()
    fake.fail('send', {kind: 'hang'})
    const attachments = [{contentType: 'image/png', data: new Uint8Array(300_000), filename: 'chart.png'}]
    expect((await failure(clientFor(fake, {requestTimeoutMs: 300}).send({attachments, message: 'hi', recipient: GROUP_REST_ID}))).failure).toBe('timeout')
  })

  it('reports the server refusing a raw internal group id', async () => {
    fake = await FakeSignalServer.start()
    const error = await failure(clientFor(fake).send({message: 'hi', recipient: GROUP_ID}))
    expect(error.message).toBe("POST /v2/send answered 400: Username must contain a '.'")
  })

  it.each([
    [{status: 429, body: '{"error":"rate limited","challenge_tokens":["x"],"account":"+15550000000"}'}, true],
    [{status: 400, body: '{"error":"Failed to send message: [429] Rate limit exceeded: proof required"}'}, true],
    [{status: 400, body: '{"error":"Cannot send message to group - please first update your profile."}'}, false],
    [{status: 500, body: '<html>Internal Server Error</html>', contentType: 'text/html'}, false],
  ])('classifies a failed send %#', async (fault, rateLimited) => {
    fake = await FakeSignalServer.start()
    fake.fail('send', fault)
    const error = await failure(clientFor(fake).send({message: 'hi', recipient: '+15551110002'}))
    expect({failure: error.failure, rateLimited: error.rateLimited, status: error.options.status}).toEqual({failure: 'http', rateLimited, status: fault.status})
  })

  it('recovers the items around a stack trace that signal-cli printed into the body', async () => {
    fake = await FakeSignalServer.start({secondMs: 10})
    const items = [textItem(BOB, '/CCP listall'), textItem(BOB, '/CCP top {"tricky": "}"}'), textItem(BOB, 'third')]
    fake.push(...items)
    fake.fail('receive', {kind: 'spliced-trace'})
    const error = await failure(clientFor(fake).receive(1, 0))
    expect(error.message).toMatch(/^the receive body is not a JSON list \(\d+ bytes, 3 items recovered\)$/)
    expect(error.salvaged).toEqual(items)
  })

  it('turns every broken receive into a SignalError', async () => {
    fake = await FakeSignalServer.start({secondMs: 10})
    const client = clientFor(fake, {receiveTimeoutMs: 300})
    fake.fail('receive', {kind: 'invalid-json'})
    expect((await failure(client.receive(1, 0))).failure).toBe('body')
    fake.fail('receive', {status: 500, body: 'oops', contentType: 'text/plain'})
    // A body that is no JSON error is described, never quoted: it could hold anyone's messages.
    expect((await failure(client.receive(1, 0))).message).toBe('GET /v1/receive answered 500: a body of 4 bytes that is not a JSON error')
    fake.fail('receive', {kind: 'hang'})
    expect((await failure(client.receive(1, 0))).failure).toBe('timeout')
    fake.fail('receive', {kind: 'cut'})
    expect((await failure(client.receive(1, 0))).failure).toBe('network')
    // One reset is taken for a stale kept-alive socket and tried again; a second one is a failure.
    fake.fail('receive', {kind: 'reset'})
    expect(await client.receive(1, 0)).toEqual([])
    fake.fail('receive', {kind: 'reset'}, 2)
    expect((await failure(client.receive(1, 0))).failure).toBe('network')
    await fake.pause()
    expect((await failure(client.receive(1, 0))).message).toMatch(/ECONNREFUSED/)
    await fake.resume()
    expect(await client.receive(1, 0)).toEqual([])
  })
})
