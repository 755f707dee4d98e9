import type {Admins} from '../core/chat/policy.js'
import {UsageError} from '../core/errors.js'
import {isPhoneNumber, isUuid} from '../core/identity.js'
import {parseGroupId} from '../signal/group-id.js'

/**
 * Flags that may repeat and env vars that list values with commas become one list. (oclif hands a
 * repeatable flag's env var over as one string, not a list.)
 */
export function splitList(values: readonly string[] | string | undefined): string[] {
  const list = typeof values === 'string' ? [values] : (values ?? [])
  return list.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
}

export function parseAdmins(values: readonly string[] | string | undefined): Admins {
  const uuids = new Set<string>()
  const numbers = new Set<string>()
  for (const value of splitList(values)) {
    if (isUuid(value)) uuids.add(value.toLowerCase())
    else if (isPhoneNumber(value)) numbers.add(value)
    else throw new UsageError('INVALID_ADMIN', `Admin ${JSON.stringify(value)} is neither a Signal ACI UUID nor a +E164 phone number; admins are never matched by name.`)
  }

  return {numbers, uuids}
}

/** Group ids in either form (internal, or `group.`) become internal ids. */
export function parseGroups(values: readonly string[] | string | undefined): Set<string> {
  return new Set(
    splitList(values).map((value) => {
      const id = parseGroupId(value)
      if (!id) {
        throw new UsageError(
          'INVALID_GROUP',
          `Group ${JSON.stringify(value)} is not a Signal group id; GET /v1/groups/<number> on signal-cli-rest-api lists them (internal_id or id).`,
        )
      }

      return id
    }),
  )
}

export function parseAccount(value: string): string {
  if (!isPhoneNumber(value)) throw new UsageError('INVALID_NUMBER', `The bot's number ${JSON.stringify(value)} must be the account's phone number in E.164 form, like +15550000000.`)
  return value
}

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

export function parsePrefix(value: string): string {
  if (value === '' || /\s/u.test(value)) throw new UsageError('INVALID_PREFIX', `The prefix ${JSON.stringify(value)} must be one word, like /CCP.`)
  return value
}
