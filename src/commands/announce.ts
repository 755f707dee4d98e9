import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {signalFlags} from '../cli/flags.js'
import {type GroupPostResult, postRecipients, postToGroups, standingsImage} from '../cli/group-post.js'
import {replies} from '../core/chat/replies.js'
import {UsageError} from '../core/errors.js'
import type {Ledger} from '../core/ledger.js'

export type AnnounceResult = GroupPostResult

export default class Announce extends CcpCommand {
  static description = `Post the standings, or a message, to the group.
Made for cron: a weekly standings post, say. People are named in plain text: nobody gets pinged. With --chart the standings come as an image too. Goes to --group, else to CCP_GROUPS, else to the configured groups (chat.groups).`

  static readsSettings = true

  static examples = [
    '<%= config.bin %> <%= command.id %> --top 5',
    '<%= config.bin %> <%= command.id %> --chart',
    '<%= config.bin %> <%= command.id %> --message "New season starts Monday!" --group 2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg=',
    '<%= config.bin %> <%= command.id %> --dry-run',
  ]

  static flags = {
    ...signalFlags,
    chart: Flags.boolean({description: 'Attach the standings (the same --top) as an image, standings.png.'}),
    'dry-run': Flags.boolean({description: 'Show what would be posted, and where, without sending it.'}),
    group: Flags.string({description: 'The group to post in (internal or group.… id). Default: the configured groups.'}),
    message: Flags.string({char: 'm', description: 'Post this text instead of the standings.'}),
    top: Flags.integer({default: 10, description: 'How many members the standings show.', max: 50, min: 1}),
  }

  async run(): Promise<AnnounceResult> {
    const {flags} = await this.parse(Announce)
    // Only read, never created: the stored groups if there is a database, and the standings (unless --message).
    const services = flags.group === undefined ? this.openServicesIfExists(flags.db) : undefined
    const recipients = postRecipients(flags.group, services, {dryRun: flags['dry-run']})
    if (flags.message !== undefined && flags.message.trim() === '') throw new UsageError('EMPTY_MESSAGE', '--message is empty; give the text to post, or leave it out to post the standings.')
    let opened = services
    const ledger = (): Ledger => (opened ??= this.openServices(flags.db, 'read')).ledger
    // The chart first: with nobody to draw, it refuses before anything is posted.
    const chart = flags.chart ? ledger().standingsChart({top: flags.top}) : undefined
    const message = flags.message?.trim() ?? standingsText(ledger(), flags.top)
    const attachment = chart && (await standingsImage(chart))
    return postToGroups(flags, message, recipients, {log: (text) => this.log(text), warn: (text) => this.logToStderr(`Warning: ${text}`)}, attachment)
  }
}

function standingsText(ledger: Ledger, top: number): string {
  const {rows, scope} = ledger.standingsIn({limit: top})
  return rows.length === 0 ? replies.noUsers : replies.top(rows, scope.kind === 'season' ? scope.name : null)
}
