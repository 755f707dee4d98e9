import type {SendRequest} from './client.js'
import {SignalError} from './errors.js'

type Send = (request: SendRequest, signal?: AbortSignal) => Promise<null | number>

/**
 * Whether the server (or a proxy before it) refused a message for its attachment: 400 (a file signal-cli cannot
 * send), 413 (too large) or 415 (a type it does not take), and no rate limit. Sent again, it would be refused again.
 */
export function refusesAttachment(error: unknown): error is SignalError {
  const status = error instanceof SignalError ? error.options.status : undefined
  return (status === 400 || status === 413 || status === 415) && !(error as SignalError).rateLimited
}

/** The message without its attachments, with `note` on a line of its own. */
export function textAlone(request: SendRequest, note: string): SendRequest {
  return {...request, attachments: undefined, message: `${request.message}\n${note}`}
}

/**
 * Sends a message with its attachments. When the server refuses them (see refusesAttachment), the text goes alone
 * once, with `note`; `onRefused` hears why. Any other failure, and a failure of the text alone, is thrown as it came.
 */
export async function sendOrTextAlone(send: Send, request: SendRequest, note: string, onRefused: (error: SignalError) => void, signal?: AbortSignal): Promise<null | number> {
  try {
    return await send(request, signal)
  } catch (error) {
    if (!refusesAttachment(error) || !request.attachments?.length || signal?.aborted) throw error
    onRefused(error)
    return send(textAlone(request, note), signal)
  }
}
