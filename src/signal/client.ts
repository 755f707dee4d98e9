import type {Got} from 'got'

import {errorText, isRateLimit, SignalError} from './errors.js'
import {salvageItems} from './salvage.js'

export interface SignalClientOptions {
  /** The bot's account, +E164. */
  account: string
  baseUrl: string
  /** Limit for receive calls, which legitimately last as long as messages keep arriving. */
  receiveTimeoutMs: number
  /** Limit for every other call. */
  requestTimeoutMs: number
}

export interface About {
  mode: string
  version: string
}

export interface SignalGroup {
  /** The REST id, "group." + base64. */
  id: string
  internalId: string
  members: string[]
  name: string
}

/** A file sent with a message (a chart's PNG, say). */
export interface SendAttachment {
  contentType: string
  data: Uint8Array
  /** Shown by Signal as the file's name; `;` and `,` are not allowed (they end the data URI's fields). */
  filename: string
}

export interface SendRequest {
  attachments?: readonly SendAttachment[]
  message: string
  quoteAuthor?: null | string
  quoteTimestamp?: null | number
  recipient: string
}

/**
 * signal-cli-rest-api over HTTP. Every call has a timeout and no automatic retry (the bot decides
 * when to try again); every failure is a SignalError.
 */
export class SignalClient {
  private http?: Got

  constructor(private readonly options: SignalClientOptions) {}

  get account(): string {
    return this.options.account
  }

  async about(signal?: AbortSignal): Promise<About> {
    const body = await this.call('GET', 'v1/about', {signal})
    const about = parseJson(body) as Partial<Record<keyof About, unknown>> | undefined
    if (typeof about?.mode !== 'string') throw new SignalError('body', 'GET /v1/about answered without a mode')
    return {mode: about.mode, version: String(about.version ?? 'unknown')}
  }

  /** The accounts registered or linked on the server. */
  async accounts(signal?: AbortSignal): Promise<string[]> {
    const body = parseJson(await this.call('GET', 'v1/accounts', {signal}))
    if (!Array.isArray(body) || !body.every((account) => typeof account === 'string')) throw new SignalError('body', 'GET /v1/accounts answered without a list of numbers')
    return body
  }

  /** The groups the account is in. */
  async groups(signal?: AbortSignal): Promise<SignalGroup[]> {
    const body = parseJson(await this.call('GET', `v1/groups/${encodeURIComponent(this.options.account)}`, {signal}))
    if (!Array.isArray(body)) throw new SignalError('body', 'GET /v1/groups answered without a list')
    return body
      .filter((group: unknown): group is Record<string, unknown> => typeof group === 'object' && group !== null && typeof (group as Record<string, unknown>).internal_id === 'string')
      .map((group) => ({
        id: String(group.id ?? ''),
        internalId: group.internal_id as string,
        members: Array.isArray(group.members) ? group.members.map(String) : [],
        name: String(group.name ?? ''),
      }))
  }

  /** The device link (sgnl://linkdevice?...) that makes the server a new device of an existing account, for a QR code. */
  async deviceLinkUri(deviceName: string, signal?: AbortSignal): Promise<string> {
    const body = parseJson(await this.call('GET', `v1/qrcodelink/raw?device_name=${encodeURIComponent(deviceName)}`, {signal}))
    const uri = (body as {device_link_uri?: unknown} | undefined)?.device_link_uri
    if (typeof uri !== 'string' || uri.trim() === '') throw new SignalError('body', 'GET /v1/qrcodelink/raw answered without a device link')
    return uri
  }

  /**
   * One poll: the items signal-cli collected until `timeoutSeconds` passed without a new message, or until
   * it had `maxMessages` of them.
   */
  async receive(timeoutSeconds: number, maxMessages: number, signal?: AbortSignal): Promise<unknown[]> {
    const query = `timeout=${timeoutSeconds}&max_messages=${maxMessages}&ignore_attachments=true&ignore_stories=true`
    const body = await this.call('GET', `v1/receive/${encodeURIComponent(this.options.account)}?${query}`, {
      signal,
      timeoutMs: this.options.receiveTimeoutMs,
    })
    const items = parseJson(body)
    if (Array.isArray(items)) return items as unknown[]
    // Described by size and what was recovered, never quoted: the body holds other people's messages.
    const salvaged = salvageItems(body)
    const recovered = salvaged.length > 0 ? `, ${salvaged.length} items recovered` : ''
    throw new SignalError('body', `the receive body is not a JSON list (${Buffer.byteLength(body)} bytes${recovered})`, {salvaged})
  }

  /** Sends a message; returns the timestamp Signal gave it, when the server says. */
  async send(request: SendRequest, signal?: AbortSignal): Promise<null | number> {
    const body = await this.call('POST', 'v2/send', {
      json: {
        ...(request.attachments?.length ? {base64_attachments: request.attachments.map((attachment) => dataUri(attachment))} : {}),
        message: request.message,
        number: this.options.account,
        recipients: [request.recipient],
        ...(request.quoteTimestamp ? {quote_author: request.quoteAuthor, quote_timestamp: request.quoteTimestamp} : {}),
      },
      signal,
    })
    return sentTimestamp(parseJson(body))
  }

  /** The websocket address that json-rpc mode serves on the receive path. */
  receiveSocketUrl(): string {
    const url = new URL(`v1/receive/${encodeURIComponent(this.options.account)}`, withSlash(this.options.baseUrl))
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    return url.toString()
  }

  private async call(method: 'GET' | 'POST', path: string, options: {json?: object; signal?: AbortSignal; timeoutMs?: number}): Promise<string> {
    const http = await this.client()
    // Logs name the endpoint, not the account.
    const label = `${method} /${withoutAccount(path.split('?')[0], this.options.account)}`
    let response
    for (let attempt = 1; ; attempt++) {
      try {
        response = await http(path, {
          json: options.json,
          method,
          signal: options.signal,
          timeout: {request: options.timeoutMs ?? this.options.requestTimeoutMs},
        })
        break
      } catch (error) {
        // A kept-alive connection the server closed just then (no answer at all): one fresh try, not an outage.
        const {code, response} = error as {code?: string; response?: unknown}
        if (attempt === 1 && response === undefined && STALE_SOCKET.has(code ?? '') && !options.signal?.aborted) continue
        throw failure(label, this.options.baseUrl, error)
      }
    }

    if (response.statusCode >= 200 && response.statusCode < 300) return response.body
    const message = errorText(response.body)
    throw new SignalError('http', `${label} answered ${response.statusCode}: ${message}`, {
      rateLimited: isRateLimit(response.statusCode, response.body),
      status: response.statusCode,
    })
  }

  private async client(): Promise<Got> {
    if (!this.http) {
      // Imported here so that commands that never talk to Signal do not pay for loading got.
      const {default: got} = await import('got')
      this.http = got.extend({
        prefixUrl: withSlash(this.options.baseUrl),
        responseType: 'text',
        retry: {limit: 0},
        throwHttpErrors: false,
      })
    }

    return this.http
  }
}

const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE'])

/** A call that got no answer, naming the server it was sent to (its address only: no credentials in a URL). */
function failure(label: string, baseUrl: string, error: unknown): SignalError {
  const {code, message} = error as {code?: string; message: string}
  if (code === 'ETIMEDOUT') return new SignalError('timeout', `${label} to ${serverAddress(baseUrl)} timed out`)
  return new SignalError('network', `${label} could not reach ${serverAddress(baseUrl)} (${code ?? message})`)
}

function serverAddress(baseUrl: string): string {
  try {
    const url = new URL(baseUrl)
    return `${url.protocol}//${url.host}${url.pathname}`
  } catch {
    return 'the Signal API'
  }
}

/** A path as logs show it, without the account (before linking there is none: the path stays whole). */
function withoutAccount(path: string, account: string): string {
  return account === '' ? path : path.replace(`/${encodeURIComponent(account)}`, '')
}

/** An attachment as /v2/send takes it: `data:<mime>;filename=<name>;base64,<data>`. */
export function dataUri({contentType, data, filename}: SendAttachment): string {
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) throw new TypeError(`not a MIME type: ${contentType}`)
  if (/[;,]/.test(filename) || filename === '') throw new TypeError('an attachment name may not be empty or hold ; or ,')
  return `data:${contentType};filename=${filename};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`
}

/** Bodies come as text/plain whatever they hold: parse them as JSON regardless. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

/** Release 0.100 answers {"timestamp":"..."}; newer ones a list of such objects; numbers happen too. */
function sentTimestamp(body: unknown): null | number {
  const first: unknown = Array.isArray(body) ? body[0] : body
  const value = (first as {timestamp?: unknown} | undefined)?.timestamp
  const timestamp = typeof value === 'string' ? Number(value) : value
  return typeof timestamp === 'number' && Number.isSafeInteger(timestamp) ? timestamp : null
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
