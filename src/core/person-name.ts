import {excerpt} from './excerpt.js'
import {looksLikeIdentity} from './identity.js'

/**
 * The one way a person's name (a member name, a profile name, a mention's name) becomes text in a
 * reply or a table: trimmed, cut to a short excerpt, hidden characters made visible, and null when there is
 * nothing to show or when it could be a phone number or a UUID (signal-cli fills some names with
 * those, and a profile name can be anything), so that no reply can expose someone's identity.
 */
export function personName(name: null | string | undefined): null | string {
  const trimmed = name?.trim() ?? ''
  if (trimmed === '' || looksLikeIdentity(trimmed)) return null
  return excerpt(trimmed)
}
