import type {SendRequest} from './client.js'
import {SignalError} from './errors.js'

export type Send = (request: SendRequest, signal?: AbortSignal) => Promise<null | number>

/**
 * Sends a message with its attachments. When the server refuses them (400, and no rate limit: a file it cannot
 * send), the text goes alone once, with `note` on a line of its own; `onRefused` hears why. Any other failure, and
 * a failure of the text alone, is thrown as it came.
 */
export async function sendOrTextAlone(send: Send, request: SendRequest, note: string, onRefused: (error: SignalError) => void, signal?: AbortSignal): Promise<null | number> {
  try {
    return await send(request, signal)
  } catch (error) {
    const refused = error instanceof SignalError && error.options.status === 400 && !error.rateLimited
    if (!refused || !request.attachments?.length || signal?.aborted) throw error
    onRefused(error)
    return send({...request, attachments: undefined, message: `${request.message}\n${note}`}, signal)
  }
}
