import {parseAccount, parseServerUrl} from '../signal/connection.js'
import {UsageError} from '../core/errors.js'
import {SignalClient} from '../signal/client.js'

/** A client for the commands that make a few calls to the Signal API (doctor, groups, link, announce). */
export function signalClientFrom(flags: {number?: string; 'request-timeout': number; 'signal-url': string}): SignalClient {
  if (!flags.number) throw new UsageError('MISSING_NUMBER', "Give the bot's account with --number or CCP_SIGNAL_NUMBER, like +15550000000.")
  const timeout = flags['request-timeout'] * 1000
  return new SignalClient({account: parseAccount(flags.number), baseUrl: parseServerUrl(flags['signal-url']), receiveTimeoutMs: timeout, requestTimeoutMs: timeout})
}
