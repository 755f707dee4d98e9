import {once} from 'node:events'
import {readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {Socket} from 'node:net'
import type {Duplex} from 'node:stream'
import {WebSocket, WebSocketServer} from 'ws'

/**
 * A fake signal-cli-rest-api on 127.0.0.1, faithful to the wire facts the bot depends on
 * (shared/signal-api.md): destructive receive with idle-timeout semantics, serialized per account,
 * text/plain bodies; a websocket in json-rpc mode that drops messages while no client is connected;
 * /v2/send validated like the server; and faults injected on demand.
 */
export interface FakeOptions {
  account?: string
  /** The accounts the server has (default: just `account`). */
  accounts?: string[]
  /** GET /v1/groups/{number}'s body (default: the Citizens and Elsewhere groups of the example data). */
  groups?: unknown[]
  /** The device link GET /v1/qrcodelink/raw hands out (default: one shaped like signal-cli's). */
  deviceLinkUri?: string
  mode?: 'json-rpc' | 'native' | 'normal'
  /** How long one "second" of the receive idle timeout lasts here, so tests run fast. */
  secondMs?: number
  /** Release 0.100 answers a send with an object; the newer server with a list. */
  sendShape?: 'list' | 'object'
}

export type Route = 'about' | 'link' | 'receive' | 'send'

export type Fault =
  | {body?: string; contentType?: string; status: number}
  | {kind: 'cut'}
  | {kind: 'hang'}
  | {kind: 'invalid-json'}
  | {kind: 'reset'}
  /** The queued items, with a Java stack trace printed into the middle of the list (#680). */
  | {kind: 'spliced-trace'}

/** An attachment /v2/send accepted, decoded. */
export interface SentAttachment {
  contentType: string
  data: Buffer
  filename: null | string
}

export interface SentMessage {
  /** Decoded from `base64_attachments`, in order (empty without). */
  attachments: SentAttachment[]
  body: Record<string, unknown>
  message: string
  quoteAuthor?: string
  quoteTimestamp?: number
  recipient: string
  timestamp: number
}

/** A device link as signal-cli prints it (uuid: the provisioning address; pub_key: a URL-encoded base64 key). */
export const DEVICE_LINK_URI = 'sgnl://linkdevice?uuid=vlK2NTwv4mc2ZtD4Af1wkg&pub_key=BRrnw3Uo%2BQV2Q1cKwA9cfyvyaVx1Y7dh7ma2NUd2Zf5i'

export const GROUP_ID = '2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg='
export const GROUP_REST_ID = 'group.MkRpY0VRNWxPblNjNTE2VHRlMG5WQWQ0ZFNvZlR2cnlPM3pzWmp3RWV0Zz0='

export class FakeSignalServer {
  readonly account: string
  accounts: string[]
  /** Every item handed out by receive or pushed to a socket, in order. */
  readonly delivered: unknown[] = []
  /** Each receive's batch, in order (normal mode). */
  readonly batches: unknown[][] = []
  readonly sent: SentMessage[] = []
  /** Called with each message /v2/send accepts (the benchmark times replies with it). */
  onSend?: (message: SentMessage) => void
  /** The device names asked for by /v1/qrcodelink/raw. */
  readonly linkRequests: string[] = []
  receiveCalls = 0
  sendCalls = 0
  /**
   * While above 0, each send with attachments is refused with 400 (as signal-cli refuses a file it cannot send)
   * and this counts down; messages without attachments go through.
   */
  refuseAttachments = 0
  /** The sends refused for their attachments. */
  readonly refusedAttachments: Record<string, unknown>[] = []
  private readonly faults = new Map<Route, Fault[]>()
  private readonly queue: unknown[] = []
  private readonly waiting = new Set<() => void>()
  private readonly sockets = new Set<Socket>()
  private readonly sentWaiters = new Set<() => void>()
  private receiveLock: Promise<void> = Promise.resolve()
  private readonly server: Server
  private readonly wss = new WebSocketServer({noServer: true})
  private clock = Date.now()
  private port = 0

  private constructor(private readonly options: Required<FakeOptions>) {
    this.account = options.account
    this.accounts = options.accounts
    this.server = createServer((request, response) => {
      this.route(request, response).catch(() => response.destroy())
    })
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.server.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head))
  }

  static async start(options: FakeOptions = {}): Promise<FakeSignalServer> {
    const account = options.account ?? '+15550000000'
    const fake = new FakeSignalServer({
      account,
      accounts: [account],
      groups: JSON.parse(readFileSync(new URL('../fixtures/envelopes/groups.json', import.meta.url), 'utf8')) as unknown[],
      mode: 'normal',
      deviceLinkUri: DEVICE_LINK_URI,
      secondMs: 1000,
      sendShape: 'object',
      ...options,
    })
    await fake.listen()
    return fake
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Open websocket connections (a dropped one may linger a moment while it closes). */
  get clients(): number {
    return [...this.wss.clients].filter((client) => client.readyState === WebSocket.OPEN).length
  }

  /** Messages arrive from Signal: queued for the next receive, or pushed to every open socket (dropped if none). */
  push(...items: unknown[]): void {
    if (this.options.mode === 'json-rpc') {
      for (const item of items) {
        for (const client of this.wss.clients) {
          if (client.readyState === WebSocket.OPEN) client.send(JSON.stringify(item))
        }

        if (this.wss.clients.size > 0) this.delivered.push(item)
      }

      return
    }

    this.queue.push(...items)
    for (const wake of this.waiting) wake()
  }

  /** The next `times` calls to `route` meet `fault`. */
  fail(route: Route, fault: Fault, times = 1): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...Array.from({length: times}, () => fault)])
  }

  get queued(): number {
    return this.queue.length
  }

  /** Resolves once `count` messages were accepted by /v2/send. */
  async waitForSent(count: number, timeoutMs = 20_000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs
    while (this.sent.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} sent messages, got ${this.sent.length}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200)
        this.sentWaiters.add(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }

    return this.sent
  }

  /**
   * Resolves once no client connection is open and no receive is in progress: after a client was
   * killed, every request it had sent has been read (TCP delivers them before the close) and answered.
   */
  async settle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.sockets.size > 0) {
      if (Date.now() > deadline) throw new Error(`${this.sockets.size} client connections stay open`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }

    await this.receiveLock
  }

  /** Closes every open websocket, as a restarting server does. */
  dropSockets(): void {
    for (const client of this.wss.clients) client.terminate()
  }

  /** Goes down: connections are refused until `resume`. */
  async pause(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve))
    this.dropSockets()
    for (const socket of this.sockets) socket.destroy()
    await closed
  }

  async resume(): Promise<void> {
    await this.listen()
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting) wake()
    await this.pause()
    this.wss.close()
  }

  private async listen(): Promise<void> {
    this.server.listen(this.port, '127.0.0.1')
    await once(this.server, 'listening')
    this.port = (this.server.address() as {port: number}).port
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const path = url.pathname
    const accountPath = (prefix: string): boolean => [`${prefix}/${this.account}`, `${prefix}/${encodeURIComponent(this.account)}`].includes(path)
    if (request.method === 'GET' && path === '/v1/about') {
      if (this.applyFault('about', response)) return
      return json(response, 200, {build: 2, capabilities: {'v2/send': ['quotes', 'mentions']}, mode: this.options.mode, version: '0.100', versions: ['v1', 'v2']})
    }

    if (request.method === 'GET' && path === '/v1/health') return void response.writeHead(204).end()
    if (request.method === 'GET' && path === '/v1/accounts') return json(response, 200, this.accounts)
    if (request.method === 'GET' && accountPath('/v1/groups')) return json(response, 200, this.options.groups)
    if (request.method === 'GET' && path === '/v1/qrcodelink/raw') {
      const deviceName = url.searchParams.get('device_name')
      if (!deviceName) return json(response, 400, {error: 'Please provide a name for the device'})
      this.linkRequests.push(deviceName)
      // signal-cli's own failures come as 400 {"error":"Couldn't create link URI: ..."}: fail('link', {status: 400, body}).
      if (this.applyFault('link', response)) return
      return json(response, 200, {device_link_uri: this.options.deviceLinkUri})
    }

    if (request.method === 'GET' && accountPath('/v1/receive')) {
      if (this.options.mode === 'json-rpc') {
        return json(response, 400, {error: 'websocket: the client is not using the websocket protocol: \'upgrade\' token not found in \'Connection\' header'})
      }

      return this.receive(url, response)
    }

    if (request.method === 'POST' && path === '/v2/send') {
      this.sendCalls++
      if (this.applyFault('send', response)) return
      return this.send(await readBody(request), response)
    }
    return json(response, 404, {error: 'not found'})
  }

  private async receive(url: URL, response: ServerResponse): Promise<void> {
    this.receiveCalls++
    const timeout = url.searchParams.get('timeout') ?? '1'
    const max = url.searchParams.get('max_messages') ?? '0'
    if (!/^\d+$/.test(timeout) || !/^\d+$/.test(max)) return json(response, 400, {error: 'Couldn\'t process request - invalid request'})
    for (const key of ['ignore_attachments', 'ignore_stories', 'ignore_avatars', 'ignore_stickers', 'send_read_receipts']) {
      const value = url.searchParams.get(key)
      if (value !== null && value !== 'true' && value !== 'false') return json(response, 400, {error: `Couldn't process request - ${key} must be either true or false`})
    }

    // One receive at a time per account, like signal-cli's file lock.
    const previous = this.receiveLock
    let release!: () => void
    this.receiveLock = new Promise((resolve) => (release = resolve))
    await previous
    try {
      if (this.applyFault('receive', response)) return
      const batch = await this.collect(Number(timeout) * this.options.secondMs, Number(max))
      this.delivered.push(...batch)
      this.batches.push(batch)
      if (!response.destroyed) text(response, 200, JSON.stringify(batch.map((item) => item)))
    } finally {
      release()
    }
  }

  /** Takes queued messages until `idleMs` pass without a new one (or `max` are taken). */
  private collect(idleMs: number, max: number): Promise<unknown[]> {
    return new Promise((resolve) => {
      const batch: unknown[] = []
      let timer: NodeJS.Timeout
      const finish = (): void => {
        clearTimeout(timer)
        this.waiting.delete(take)
        resolve(batch)
      }

      const take = (): void => {
        const room = max > 0 ? max - batch.length : this.queue.length
        batch.push(...this.queue.splice(0, room))
        if (max > 0 && batch.length >= max) return finish()
        clearTimeout(timer)
        timer = setTimeout(finish, idleMs)
      }

      this.waiting.add(take)
      take()
    })
  }

  private send(raw: string, response: ServerResponse): void {
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      return json(response, 400, {error: 'Couldn\'t process request - invalid request'})
    }

    const problem = sendProblem(body, this.account)
    if (problem) return json(response, 400, {error: problem})
    const attachments = decodeAttachments(body.base64_attachments)
    if (typeof attachments === 'string') return json(response, 400, {error: attachments})
    if (attachments.length > 0 && this.refuseAttachments > 0) {
      this.refuseAttachments--
      this.refusedAttachments.push(body)
      return json(response, 400, {error: 'Failed to send message: Attachment is too large or has an unsupported type'})
    }

    this.clock = Math.max(this.clock + 1, Date.now())
    const recipients = body.recipients as string[]
    this.sent.push({
      attachments,
      body,
      message: String(body.message ?? ''),
      quoteAuthor: body.quote_author as string | undefined,
      quoteTimestamp: body.quote_timestamp as number | undefined,
      recipient: recipients[0],
      timestamp: this.clock,
    })
    this.onSend?.(this.sent.at(-1)!)
    for (const wake of this.sentWaiters) wake()
    this.sentWaiters.clear()
    const result = {timestamp: String(this.clock)}
    json(response, 201, this.options.sendShape === 'list' ? [{...result, errors: {recipients: []}}] : result)
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', this.url).pathname
    const ours = [`/v1/receive/${this.account}`, `/v1/receive/${encodeURIComponent(this.account)}`].includes(path)
    if (this.options.mode !== 'json-rpc' || !ours) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{"error":"not a websocket path"}')
      return
    }

    this.wss.handleUpgrade(request, socket, head, (client) => {
      // Client messages over 512 bytes close the socket, as gorilla's read limit does upstream.
      client.on('message', (data: Buffer) => data.length > 512 && client.close(1009))
    })
  }

  /** Applies the next injected fault for `route`, if any; true when it answered the request. */
  private applyFault(route: Route, response: ServerResponse): boolean {
    const fault = this.faults.get(route)?.shift()
    if (!fault) return false
    if ('status' in fault) {
      response.writeHead(fault.status, {'Content-Type': fault.contentType ?? 'application/json'}).end(fault.body ?? JSON.stringify({error: `injected ${fault.status}`}))
    } else if (fault.kind === 'invalid-json') {
      text(response, 200, '[{"envelope":{"source":"+15551110001"\njava.lang.NullPointerException\n\tat org.asamk.signal')
    } else if (fault.kind === 'cut') {
      response.writeHead(200, {'Content-Length': '1000', 'Content-Type': 'text/plain; charset=utf-8'})
      response.write('[{"envelope":{"source":')
      setTimeout(() => response.destroy(), 20)
    } else if (fault.kind === 'reset') {
      response.socket?.destroy()
    } else if (fault.kind === 'spliced-trace') {
      const items = this.queue.splice(0).map((item) => JSON.stringify(item))
      this.delivered.push(...items.map((item) => JSON.parse(item) as unknown))
      const trace = 'Exception in thread "main" java.lang.IllegalStateException: {broken\n\tat org.asamk.signal.Main.main(Main.java:53)\n'
      text(response, 200, `[${items.slice(0, 1).join(',')},\n${trace}${items.slice(1).join(',')}]`)
    }

    // A hang answers nothing: the client's timeout must end it.
    return true
  }
}

function sendProblem(body: Record<string, unknown>, account: string): null | string {
  if (typeof body.number !== 'string' || body.number === '') return 'Couldn\'t process request - number missing'
  if (body.number !== account) return `User ${body.number} is not registered.`
  const {recipients} = body
  if (!Array.isArray(recipients) || recipients.length === 0 || !recipients.every((r) => typeof r === 'string')) {
    return 'Couldn\'t process request - please provide at least one recipient'
  }

  if (body.message !== undefined && typeof body.message !== 'string') return 'Couldn\'t process request - invalid request'
  if (body.quote_timestamp !== undefined && !Number.isInteger(body.quote_timestamp)) return 'Couldn\'t process request - invalid request'
  const groups = recipients.filter((r: string) => r.startsWith('group.'))
  if (groups.length > 0 && recipients.length > 1) return 'Couldn\'t process request - groups and numbers cannot be mixed, one group per call'
  for (const recipient of recipients) {
    if (recipient.startsWith('group.')) {
      const internal = Buffer.from(recipient.slice(6), 'base64').toString('utf8')
      if (Buffer.from(internal, 'base64').length !== 32) return 'Invalid group id'
    } else if (!/^\+\d{7,15}$/.test(recipient) && !/^[0-9a-f-]{36}$/i.test(recipient)) {
      return 'Username must contain a \'.\''
    }
  }

  return null
}

/**
 * `base64_attachments` decoded, or the server's error text. Like the server: a list of strings (else Go's binding
 * refuses the body), each base64 that decodes strictly (Go's StdEncoding: padded, no other characters). Stricter than
 * the server, which passes a string without `data:` on as raw base64: here each must be
 * `data:<mime>;[filename=<name>;]base64,<data>` with a MIME type, the only form ccp sends.
 */
export function decodeAttachments(value: unknown): SentAttachment[] | string {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return 'Couldn\'t process request - invalid request'
  const attachments: SentAttachment[] = []
  for (const item of value) {
    const marker = item.lastIndexOf('base64,')
    if (!item.startsWith('data:') || marker === -1) return 'Couldn\'t process request - an attachment is not a data URI (data:<mime>;filename=<name>;base64,<data>)'
    const fields = item.slice('data:'.length, marker).split(';').filter((field) => field !== '')
    const [contentType, ...rest] = fields
    if (!contentType || !/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) return 'Couldn\'t process request - an attachment has no MIME type'
    const filename = rest.find((field) => field.startsWith('filename='))?.slice('filename='.length) ?? null
    const data = item.slice(marker + 'base64,'.length)
    if (data === '') return 'The base64 data does not exist.'
    const bad = invalidBase64At(data)
    if (bad !== null) return `illegal base64 data at input byte ${bad}`
    attachments.push({contentType, data: Buffer.from(data, 'base64'), filename})
  }

  return attachments
}

/** Where Go's base64.StdEncoding would stop decoding `data`, or null when it decodes (line breaks are skipped, as there). */
function invalidBase64At(data: string): null | number {
  const plain = data.replaceAll(/[\r\n]/g, '')
  const wrong = plain.search(/[^A-Za-z0-9+/=]/)
  if (wrong !== -1) return wrong
  const padding = plain.indexOf('=')
  if (padding !== -1 && !/^={1,2}$/.test(plain.slice(padding))) return padding
  if (plain.length % 4 !== 0) return plain.length - (plain.length % 4)
  return null
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {'Content-Type': 'application/json'}).end(JSON.stringify(body))
}

/** The server serves JSON bodies as text/plain. */
function text(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8'}).end(body)
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of request as AsyncIterable<Buffer>) body += chunk.toString()
  return body
}
