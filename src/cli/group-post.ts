import type {Services} from './services.js'
import {signalClientFrom} from './signal.js'
import {UsageError} from '../core/errors.js'
import {checkSettingValue, parseGroups, resolveSettings} from '../core/settings.js'
import {toRestGroupId} from '../signal/group-id.js'

export interface GroupPostResult {
  message: string
  recipients: string[]
  sent: boolean
}

const WHERE_TO_POST = '--group ID, CCP_GROUPS (in the env file CCP_ENV_FILE names, say), or ccp config set chat.groups ID'

/**
 * Where `announce` and `recap` post, as REST recipients: --group, else CCP_GROUPS, else chat.groups (read from
 * the database if there is one). None is a usage error, except for a dry run, which only shows the post.
 */
export function postRecipients(group: string | undefined, services: Services | undefined, options: {dryRun?: boolean} = {}): string[] {
  const given = group === undefined ? undefined : parseGroups(checkSettingValue('chat.groups', group, '--group'))
  const groups = given ?? (services?.settings.resolve(process.env) ?? resolveSettings({}, {}, process.env)).groups
  if (groups.size === 0 && !options.dryRun) throw new UsageError('MISSING_GROUP', `Say where to post: ${WHERE_TO_POST}.`)
  return [...groups].map((id) => toRestGroupId(id))
}

/**
 * The configured groups (CCP_GROUPS, else chat.groups), as REST recipients, that `recipients` leaves out: the bot
 * posts its recap to every configured group, so a post that missed one is not the bot's post.
 */
export function groupsLeftOut(recipients: readonly string[], services: Services): string[] {
  return [...services.settings.resolve(process.env).groups].map((id) => toRestGroupId(id)).filter((id) => !recipients.includes(id))
}

/** Sends `message` to each recipient, or with `dryRun` only shows what would be posted and where. */
export async function postToGroups(
  flags: Parameters<typeof signalClientFrom>[0] & {'dry-run': boolean},
  message: string,
  recipients: string[],
  log: (text: string) => void,
): Promise<GroupPostResult> {
  if (flags['dry-run']) {
    log(`${recipients.length === 0 ? `Would post (once a group is given: ${WHERE_TO_POST})` : `Would post to ${recipients.join(', ')}`}:\n${message}`)
    return {message, recipients, sent: false}
  }

  const client = signalClientFrom(flags)
  for (const recipient of recipients) await client.send({message, recipient})
  log(`Posted to ${recipients.length === 1 ? 'the group' : `${recipients.length} groups`}.`)
  return {message, recipients, sent: true}
}
