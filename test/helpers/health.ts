import {connect} from 'node:net'

import type {ServeProcess} from './serve.js'

/** The port `ccp serve --health-port 0` chose, read from its log. */
export async function healthPort(bot: ServeProcess): Promise<number> {
  return Number(/127\.0\.0\.1:(\d+)\/healthz/.exec(await bot.waitForLog(/health endpoints listening/))![1])
}

/** GET on the health port, given up after `timeoutMs`. */
export async function healthGet(port: number, path: string, timeoutMs = 2000): Promise<{body: string; status: number}> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {signal: AbortSignal.timeout(timeoutMs)})
  return {body: await response.text(), status: response.status}
}

/**
 * Writes raw bytes to the port and half-closes; resolves with what came back once the server closes the
 * connection, or after `timeoutMs` (then the connection is dropped from this side).
 */
export function rawExchange(port: number, bytes: Uint8Array | string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes))
    const timer = setTimeout(() => socket.destroy(), timeoutMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('latin1'))
    })
  })
}
