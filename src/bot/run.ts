import type {SignalClient} from '../signal/client.js'
import {SignalError} from '../signal/errors.js'
import {holdReceiveSocket} from '../signal/websocket.js'
import {backoffDelay, NETWORK_BACKOFF, sleep} from '../lib/backoff.js'
import type {Bot} from './bot.js'
import {type Logger, Outage} from './log.js'
import type {BotMetrics} from './metrics.js'
import {SerialWork} from './serial-work.js'

export type ReceiveMode = 'auto' | 'poll' | 'websocket'

export interface RunOptions {
  metrics: BotMetrics
  mode: ReceiveMode
  pollTimeoutSeconds: number
  /** Replace a websocket that brings nothing, not even the server's ping (every 54 s), for this long. */
  socketSilenceMs: number
}

/**
 * Runs the bot until `signal` aborts: first finishes what a previous run left (commands in the spool
 * or stored but not handled, replies not sent), then receives in the chosen mode. Nothing that goes wrong outside
 * stops it: failures are logged once and retried with backoff.
 */
export async function runBot(bot: Bot, client: SignalClient, log: Logger, options: RunOptions, signal: AbortSignal): Promise<void> {
  const work = new SerialWork(bot, log, signal)
  // What a previous run left is finished meanwhile: a websocket must not wait for slow sends to connect.
  void work.run()
  const mode = options.mode === 'auto' ? await detectMode(client, log, signal) : options.mode
  if (!signal.aborted) {
    log.info('receiving', {mode})
    await (mode === 'poll' ? poll(client, work, log, options, signal) : listen(client, work, log, options, signal))
  }

  await work.idle()
  work.storeLeftovers()
}

/** Asks the server which mode it runs in; json-rpc serves a websocket, the others a poll. */
async function detectMode(client: SignalClient, log: Logger, signal: AbortSignal): Promise<'poll' | 'websocket'> {
  const asking = new Outage(log, 'GET /v1/about')
  while (!signal.aborted) {
    try {
      const about = await client.about(signal)
      asking.succeeded()
      log.info('signal-cli-rest-api found', {mode: about.mode, version: about.version})
      return about.mode.startsWith('json-rpc') ? 'websocket' : 'poll'
    } catch (error) {
      if (signal.aborted) break
      const delay = backoffDelay(NETWORK_BACKOFF, asking.attempts + 1)
      asking.failed((error as Error).message, delay)
      await sleep(delay, signal)
    }
  }

  return 'poll'
}

/**
 * The most messages one poll takes. The server deletes what it hands over, so a bot killed while a response
 * is on its way loses that response: a backlog (the bot was down a day) comes in pieces, which bounds both
 * that loss and the memory the bot needs, and the first replies go out sooner.
 */
export const RECEIVE_BATCH = 500

/**
 * Polls until stopped. A stop lets the receive in flight finish (it ends within the idle timeout)
 * and stores its batch: the server has already deleted those messages, so aborting would lose them.
 * Only a receive that outlasts the grace period is cut off.
 */
async function poll(client: SignalClient, work: SerialWork, log: Logger, options: RunOptions, signal: AbortSignal): Promise<void> {
  const receiving = new Outage(log, 'receive')
  const receive = new AbortController()
  const graceMs = (options.pollTimeoutSeconds + 5) * 1000
  const cutOff = (): NodeJS.Timeout => setTimeout(() => receive.abort(), graceMs).unref()
  signal.addEventListener('abort', cutOff, {once: true})
  while (!signal.aborted) {
    let items: unknown[]
    try {
      items = await client.receive(options.pollTimeoutSeconds, RECEIVE_BATCH, receive.signal)
      options.metrics.receivedAlive(items.length)
      receiving.succeeded()
    } catch (error) {
      if (signal.aborted) break
      options.metrics.receiveErrors++
      if (error instanceof SignalError) work.add(error.salvaged)
      const delay = backoffDelay(NETWORK_BACKOFF, receiving.attempts + 1)
      receiving.failed((error as Error).message, delay)
      await work.run()
      await sleep(delay, signal)
      continue
    }

    work.add(items)
    await work.run()
  }

  signal.removeEventListener('abort', cutOff)
}

async function listen(client: SignalClient, work: SerialWork, log: Logger, options: RunOptions, signal: AbortSignal): Promise<void> {
  const retries = setInterval(() => void work.run(), 1000)
  let everConnected = false
  try {
    await holdReceiveSocket(
      {
        connectTimeoutMs: 10_000,
        healthyAfterMs: Math.min(30_000, options.socketSilenceMs / 2),
        silenceMs: options.socketSilenceMs,
        url: client.receiveSocketUrl(),
      },
      {
        onAlive() {
          options.metrics.receivedAlive()
        },
        onDisconnected(reason, attempt) {
          options.metrics.receiveErrors++
          if (attempt === 1) log.warn('websocket failing', {error: reason})
        },
        onHealthy(failedAttempts) {
          if (failedAttempts > 0) log.info('websocket recovered', {failedAttempts})
        },
        onHandlerError(error) {
          log.error('unexpected error', {error: String(error)})
        },
        onItem(item) {
          options.metrics.receivedAlive(1)
          work.add([item])
          void work.run()
        },
        onOpen() {
          if (!everConnected) log.info('websocket connected')
          everConnected = true
        },
      },
      signal,
    )
  } finally {
    clearInterval(retries)
  }
}
