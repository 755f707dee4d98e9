import {lazyChartRenderer} from './chart-renderer.js'
import type {Services} from './services.js'
import {signalClientFrom} from './signal.js'
import type {StandingsChart} from '../core/chart/series.js'
import {replies} from '../core/chat/replies.js'
import {UsageError} from '../core/errors.js'
import {checkSettingValue, parseGroups, resolveSettings} from '../core/settings.js'
import type {SendAttachment} from '../signal/client.js'
import {toRestGroupId} from '../signal/group-id.js'
import {sendOrTextAlone} from '../signal/text-alone.js'

export interface GroupPostResult {
  /**
   * The image posted with the text (`--chart`): its name and size; `refused` when the server would not take it and
   * the text went alone (left out in a dry run, which sends nothing).
   */
  attachment?: {bytes: number; filename: string; refused?: boolean}
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

/** The standings as the image `announce --chart` and `recap --chart` attach to their post. */
export async function standingsImage(chart: StandingsChart): Promise<SendAttachment> {
  return {contentType: 'image/png', data: await lazyChartRenderer().png(chart), filename: 'standings.png'}
}

/** The configured groups (CCP_GROUPS, else chat.groups) as REST recipients: where the bot posts its recap. */
export function configuredGroups(services: Services): string[] {
  return [...services.settings.resolve(process.env).groups].map((id) => toRestGroupId(id))
}

/**
 * Sends `message` (with `attachment`, if any) to each recipient, or with `dryRun` only shows what would be posted
 * and where. An attachment the server refuses (400, 413, 415) is posted as the text alone, with a note, and `warn` says so.
 */
export async function postToGroups(
  flags: Parameters<typeof signalClientFrom>[0] & {'dry-run': boolean},
  message: string,
  recipients: string[],
  output: {log: (text: string) => void; warn: (text: string) => void},
  attachment?: SendAttachment,
): Promise<GroupPostResult> {
  if (flags['dry-run']) {
    const shown = attachment && {bytes: attachment.data.byteLength, filename: attachment.filename}
    const image = shown ? `\n(with the image ${shown.filename}, ${shown.bytes} bytes)` : ''
    const where = recipients.length === 0 ? `Would post (once a group is given: ${WHERE_TO_POST})` : `Would post to ${recipients.join(', ')}`
    output.log(`${where}:\n${message}${image}`)
    return {...(shown ? {attachment: shown} : {}), message, recipients, sent: false}
  }

  const described = attachment && {bytes: attachment.data.byteLength, filename: attachment.filename, refused: false}

  const client = signalClientFrom(flags)
  for (const recipient of recipients) {
    await sendOrTextAlone((request) => client.send(request), {attachments: attachment ? [attachment] : undefined, message, recipient}, replies.chartNotSent, (error) => {
      output.warn(`The server refused the image (${error.message}); posted the text alone.`)
      if (described) described.refused = true
    })
  }

  output.log(`Posted to ${recipients.length === 1 ? 'the group' : `${recipients.length} groups`}.`)
  return {...(described ? {attachment: described} : {}), message, recipients, sent: true}
}
