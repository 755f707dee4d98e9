import {UsageError} from '../core/errors.js'
import {isPhoneNumber} from '../core/identity.js'

/** The account a client speaks for, as signal-cli-rest-api names it: its phone number in E.164 form. */
export function parseAccount(value: string): string {
  if (!isPhoneNumber(value)) throw new UsageError('INVALID_NUMBER', `The bot's number ${JSON.stringify(value)} must be the account's phone number in E.164 form, like +15550000000.`)
  return value
}

/** The address of signal-cli-rest-api: an http(s) URL. */
export function parseServerUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError('INVALID_URL', `${JSON.stringify(value)} is not a URL; give the signal-cli-rest-api address, like http://localhost:8080.`)
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('INVALID_URL', `The Signal API URL must start with http:// or https://, not ${url.protocol}//.`)
  return url.toString()
}
