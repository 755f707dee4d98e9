import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import {once} from 'node:events'

import {EnvironmentError} from '../core/errors.js'
import type {BotMetrics} from './metrics.js'

export interface HealthOptions {
  backlog: () => {inbox: number; outbox: number}
  host: string
  metrics: BotMetrics
  /** Told of a failure of the server itself (not of a request); the server keeps going. */
  onError?: (error: Error) => void
  port: number
  /** How old the last successful receive may be while the bot counts as healthy. */
  staleAfterSeconds: number
}

/** Connections held open at once: a flood of them must not take the file descriptors the bot needs. */
const MAX_CONNECTIONS = 64
/** A client gets this long to send its request; slow ones are dropped. */
const REQUEST_TIMEOUT_MS = 10_000

/**
 * /healthz answers 200 while the last successful receive is recent, 503 otherwise (for Docker's
 * HEALTHCHECK or a load balancer); /metrics gives Prometheus text. Anyone who reaches the port may
 * send anything: every request gets an answer (400 for nonsense) and nothing it does can throw out
 * of the handler.
 */
export async function startHealthServer(options: HealthOptions): Promise<Server> {
  // One request per connection: pipelined requests on a connection that never reads its answers cannot pile up
  // responses in memory (64 such connections once took the bot from 92 MB to 675 MB).
  const server = createServer({headersTimeout: REQUEST_TIMEOUT_MS, keepAlive: false, requestTimeout: REQUEST_TIMEOUT_MS}, (request, response) => {
    response.shouldKeepAlive = false
    try {
      answer(options, request, response)
    } catch {
      // A bug here, or a backlog the database could not count: an answer, never a crash.
      if (!response.headersSent) response.writeHead(500)
      response.end()
    }
  })
  server.maxConnections = MAX_CONNECTIONS
  server.maxRequestsPerSocket = 1
  server.listen(options.port, options.host)
  try {
    await once(server, 'listening')
  } catch (error) {
    throw new EnvironmentError('HEALTH_PORT', `Cannot serve /healthz on ${options.host}:${options.port}: ${(error as NodeJS.ErrnoException).code}. Choose another --health-port.`)
  }

  // After listening, an error (EMFILE on accept, say) is the server's, not the bot's: reported, never thrown.
  server.on('error', (error) => options.onError?.(error))
  return server
}

function answer(options: HealthOptions, request: IncomingMessage, response: ServerResponse): void {
  const target = request.url ?? ''
  // Only origin-form targets ("/path?query"); anything else (absolute URLs, "*", "//host") is nonsense here.
  if (!target.startsWith('/') || target.startsWith('//')) return void response.writeHead(400).end()
  const path = target.split('?')[0]
  if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, {Allow: 'GET, HEAD'}).end()
  if (path === '/healthz') {
    const age = options.metrics.secondsSinceReceive()
    const healthy = age !== null && age <= options.staleAfterSeconds
    const body = {lastReceiveSecondsAgo: age === null ? null : Math.round(age), status: healthy ? 'ok' : 'stale'}
    return void response.writeHead(healthy ? 200 : 503, {'Content-Type': 'application/json'}).end(JSON.stringify(body))
  }

  if (path === '/metrics') {
    return void response.writeHead(200, {'Content-Type': 'text/plain; version=0.0.4'}).end(prometheus(options.metrics, backlog(options)))
  }

  response.writeHead(404).end()
}

/** The backlog, or null while the database cannot say (locked): the counters are still worth serving. */
function backlog(options: HealthOptions): null | {inbox: number; outbox: number} {
  try {
    return options.backlog()
  } catch {
    return null
  }
}

function prometheus(metrics: BotMetrics, backlog: null | {inbox: number; outbox: number}): string {
  const age = metrics.secondsSinceReceive()
  const rows: [string, string, 'counter' | 'gauge', number][] = [
    ['ccp_messages_received_total', 'Items received from signal-cli-rest-api.', 'counter', metrics.received],
    ['ccp_commands_applied_total', 'Chat commands handled.', 'counter', metrics.commands],
    ['ccp_replies_sent_total', 'Replies sent (several replies to one chat may go as one message).', 'counter', metrics.repliesSent],
    ['ccp_replies_failed_total', 'Replies given up on after every retry.', 'counter', metrics.repliesFailed],
    ['ccp_receive_errors_total', 'Failed receive calls or websocket connections.', 'counter', metrics.receiveErrors],
    ['ccp_seconds_since_last_receive', 'Seconds since the last successful receive (-1 before the first).', 'gauge', age === null ? -1 : Math.round(age * 10) / 10],
  ]
  if (backlog) {
    rows.push(['ccp_inbox_backlog', 'Commands received and not yet handled.', 'gauge', backlog.inbox], ['ccp_outbox_backlog', 'Replies waiting to be sent.', 'gauge', backlog.outbox])
  }

  return rows.map(([name, help, type, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`).join('')
}
