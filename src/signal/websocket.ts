import type WebSocket from 'ws'

import {backoffDelay, NETWORK_BACKOFF, sleep} from '../lib/backoff.js'

export interface SocketEvents {
  /** The socket opened or brought a frame or a ping. */
  onAlive(): void
  /** The socket has proved itself (a frame, a ping, or a while open): `failedAttempts` since the last good one. */
  onHealthy(failedAttempts: number): void
  /** The socket failed or closed; `attempt` counts failures since the last healthy connection. */
  onDisconnected(reason: string, attempt: number): void
  onItem(item: unknown): void
  /** A handler above threw while taking a frame: reported here, so nothing from the wire can throw out of the socket's listeners. */
  onHandlerError(error: unknown): void
  /** The socket is open and frames may come. */
  onOpen(): void
}

export interface SocketOptions {
  connectTimeoutMs: number
  /** An open socket that stays up this long counts as healthy even without frames. */
  healthyAfterMs: number
  /** A socket that brings no frame and no ping for this long is replaced. */
  silenceMs: number
  url: string
}

/**
 * Holds a websocket to signal-cli-rest-api's json-rpc receive path for as long as `signal` is not
 * aborted: reconnects with jittered backoff, and replaces a socket that goes silent (the server
 * pings every 54 s, so silence means a dead connection). The backoff only resets once a socket has
 * proved healthy, so a server that accepts and at once closes is not hammered. Never throws.
 */
export async function holdReceiveSocket(options: SocketOptions, events: SocketEvents, signal: AbortSignal): Promise<void> {
  const {default: WebSocketClass} = await import('ws')
  let failures = 0
  while (!signal.aborted) {
    const reason = await runSocket(new WebSocketClass(options.url, {handshakeTimeout: options.connectTimeoutMs}), options, events, signal, () => {
      events.onHealthy(failures)
      failures = 0
    })
    if (signal.aborted) return
    failures++
    events.onDisconnected(reason, failures)
    await sleep(backoffDelay(NETWORK_BACKOFF, failures), signal)
  }
}

/** Resolves with the reason the socket ended. */
function runSocket(socket: WebSocket, options: SocketOptions, events: SocketEvents, signal: AbortSignal, healthy: () => void): Promise<string> {
  return new Promise((resolve) => {
    let watchdog: NodeJS.Timeout | undefined
    let probation: NodeJS.Timeout | undefined
    let proved = false
    const prove = (): void => {
      clearTimeout(probation)
      if (proved) return
      proved = true
      healthy()
    }

    const finish = (reason: string): void => {
      clearTimeout(watchdog)
      clearTimeout(probation)
      signal.removeEventListener('abort', abort)
      socket.removeAllListeners()
      socket.on('error', () => {})
      socket.terminate()
      resolve(reason)
    }

    const feed = (): void => {
      events.onAlive()
      prove()
      clearTimeout(watchdog)
      watchdog = setTimeout(() => finish(`no frame or ping for ${Math.round(options.silenceMs / 1000)} s`), options.silenceMs)
    }

    const abort = (): void => finish('stopped')
    signal.addEventListener('abort', abort, {once: true})
    socket.on('open', () => {
      clearTimeout(watchdog)
      watchdog = setTimeout(() => finish(`no frame or ping for ${Math.round(options.silenceMs / 1000)} s`), options.silenceMs)
      probation = setTimeout(prove, options.healthyAfterMs)
      events.onAlive()
      events.onOpen()
    })
    socket.on('ping', feed)
    socket.on('message', (data, isBinary) => {
      feed()
      if (isBinary) return
      let item: unknown
      try {
        item = JSON.parse(data.toString())
      } catch {
        item = {error: 'a frame that is not JSON'}
      }

      try {
        events.onItem(item)
      } catch (error) {
        events.onHandlerError(error)
      }
    })
    socket.on('unexpected-response', (_request, response) => finish(`the server answered ${response.statusCode} instead of a websocket`))
    socket.on('error', (error) => finish(error.message))
    socket.on('close', (code) => finish(`closed (${code})`))
  })
}
