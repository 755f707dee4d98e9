/**
 * Signal groups have two ids: the internal id that arrives in `groupInfo.groupId` (base64 of 32
 * bytes), and the REST id that `/v2/send` takes: "group." + base64 of the internal id's text.
 */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const REST_PREFIX = 'group.'

export function isInternalGroupId(id: string): boolean {
  return BASE64.test(id) && Buffer.from(id, 'base64').length === 32 && Buffer.from(id, 'base64').toString('base64') === id
}

export function toRestGroupId(internalId: string): string {
  return REST_PREFIX + Buffer.from(internalId, 'utf8').toString('base64')
}

/** Reads a group id in either form; returns the internal id, or null when it is neither. */
export function parseGroupId(id: string): null | string {
  const value = id.trim()
  if (isInternalGroupId(value)) return value
  if (!value.startsWith(REST_PREFIX)) return null
  const encoded = value.slice(REST_PREFIX.length)
  if (!BASE64.test(encoded)) return null
  const internal = Buffer.from(encoded, 'base64').toString('utf8')
  return isInternalGroupId(internal) ? internal : null
}
