import {GROUP_ID_PREFIX} from '../core/group-id.js'

/** The id signal-cli-rest-api's `/v2/send` takes for a group: `group.` + base64 of the internal id's text. */
export function toRestGroupId(internalId: string): string {
  return GROUP_ID_PREFIX + Buffer.from(internalId, 'utf8').toString('base64')
}
