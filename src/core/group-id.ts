/**
 * Signal groups have two ids: the internal id that arrives in `groupInfo.groupId` (base64 of 32 bytes),
 * which is the one the core compares, and the id `group.` + base64 of the internal id's text, which
 * `ccp groups` shows and operators copy. The core reads either spelling; writing the second one for the
 * Signal API is src/signal/group-id.ts's business.
 */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
export const GROUP_ID_PREFIX = 'group.'

export function isInternalGroupId(id: string): boolean {
  return BASE64.test(id) && Buffer.from(id, 'base64').length === 32 && Buffer.from(id, 'base64').toString('base64') === id
}

/** Reads a group id in either spelling; returns the internal id, or null when it is neither. */
export function parseGroupId(id: string): null | string {
  const value = id.trim()
  if (isInternalGroupId(value)) return value
  if (!value.startsWith(GROUP_ID_PREFIX)) return null
  const encoded = value.slice(GROUP_ID_PREFIX.length)
  if (!BASE64.test(encoded)) return null
  const internal = Buffer.from(encoded, 'base64').toString('utf8')
  return isInternalGroupId(internal) ? internal : null
}
