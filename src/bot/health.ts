import {createServer, type Server} from 'node:http'
import {once} from 'node:events'

import {EnvironmentError} from '../core/errors.js'
import type {BotMetrics} from './metrics.js'

export interface HealthOptions {
  backlog: () => {inbox: number; outbox: number}
  host: string
  metrics: BotMetrics
  port: number
  /** How old the last successful receive may be while the bot counts as healthy. */
  staleAfterSeconds: number
}

/**
 * /healthz answers 200 while the last successful receive is recent, 503 otherwise (for Docker's
 * HEALTHCHECK or a load balancer); /metrics gives Prometheus text.
 */
export async function startHealthServer(options: HealthOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (request.method !== 'GET') return void response.writeHead(405).end()
    if (path === '/healthz') {
      const age = options.metrics.secondsSinceReceive()
      const healthy = age !== null && age <= options.staleAfterSeconds
      const body = {lastReceiveSecondsAgo: age === null ? null : Math.round(age), status: healthy ? 'ok' : 'stale'}
      return void response.writeHead(healthy ? 200 : 503, {'Content-Type': 'application/json'}).end(JSON.stringify(body))
    }

    if (path === '/metrics') {
      return void response.writeHead(200, {'Content-Type': 'text/plain; version=0.0.4'}).end(prometheus(options.metrics, options.backlog()))
    }

    response.writeHead(404).end()
  })
  server.listen(options.port, options.host)
  try {
    await once(server, 'listening')
  } catch (error) {
    throw new EnvironmentError('HEALTH_PORT', `Cannot serve /healthz on ${options.host}:${options.port}: ${(error as NodeJS.ErrnoException).code}. Choose another --health-port.`)
  }

  return server
}

function prometheus(metrics: BotMetrics, backlog: {inbox: number; outbox: number}): string {
  const age = metrics.secondsSinceReceive()
  const rows: [string, string, 'counter' | 'gauge', number][] = [
    ['ccp_messages_received_total', 'Items received from signal-cli-rest-api.', 'counter', metrics.received],
    ['ccp_commands_applied_total', 'Chat commands handled.', 'counter', metrics.commands],
    ['ccp_replies_sent_total', 'Replies sent (several replies to one chat may go as one message).', 'counter', metrics.repliesSent],
    ['ccp_replies_failed_total', 'Replies given up on after every retry.', 'counter', metrics.repliesFailed],
    ['ccp_receive_errors_total', 'Failed receive calls or websocket connections.', 'counter', metrics.receiveErrors],
    ['ccp_seconds_since_last_receive', 'Seconds since the last successful receive (-1 before the first).', 'gauge', age === null ? -1 : Math.round(age * 10) / 10],
    ['ccp_inbox_backlog', 'Commands received and not yet handled.', 'gauge', backlog.inbox],
    ['ccp_outbox_backlog', 'Replies waiting to be sent.', 'gauge', backlog.outbox],
  ]
  return rows.map(([name, help, type, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`).join('')
}
