import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {signalFlags} from '../cli/flags.js'
import {configuredGroups, type GroupPostResult, postRecipients, postToGroups, standingsImage} from '../cli/group-post.js'
import {lastCompletePeriod, PERIOD_NAMES, type PeriodKind, type RecapPeriod, scheduledPeriodKind} from '../core/recap/period.js'
import {periodLabel, recapText} from '../core/recap/recap.js'

export interface RecapResult extends GroupPostResult {
  period: {from: string; key: string; to: string}
  /** Whether this post was recorded as the scheduled recap of its period, which the bot then does not post again. */
  recorded: boolean
}

export default class Recap extends CcpCommand {
  static description = `Post the recap of the last complete period to the group now.
The recap names the period's top gainers (recap.top), its biggest fall, how many awards and givers there were, and who changed tier; people are named in plain text, never by number. The period is the last complete day, week (from Monday) or month in recap.timezone: --period, else the one recap.schedule names, else last week. Goes to --group, else to CCP_GROUPS, else to the configured groups (chat.groups).
A period of the kind recap.schedule posts (a day for daily, and so on) is recorded once posted to every configured group: the bot does not post it again. Posted with --group to only some of them, it is not recorded, and the bot still posts it to them all.`

  static readsSettings = true

  static examples = [
    '<%= config.bin %> <%= command.id %> --dry-run',
    '<%= config.bin %> <%= command.id %> --dry-run --period last-month',
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --chart',
  ]

  static flags = {
    ...signalFlags,
    chart: Flags.boolean({description: 'Attach the current standings (the top 10, as /CCP chart draws them) as an image, standings.png.'}),
    'dry-run': Flags.boolean({description: 'Show what would be posted, and where, without sending it.'}),
    group: Flags.string({description: 'The group to post in (internal or group.… id). Default: the configured groups.'}),
    period: Flags.string({
      description: 'Which period: the last complete day, week or month. Default: the one recap.schedule names, else last-week.',
      options: Object.keys(PERIOD_NAMES),
    }),
  }

  async run(): Promise<RecapResult> {
    const {flags} = await this.parse(Recap)
    const services = this.openServices(flags.db, flags['dry-run'] ? 'read' : 'change')
    const recipients = postRecipients(flags.group, services, {dryRun: flags['dry-run']})
    const settings = services.settings.resolve(process.env)
    const scheduled = scheduledPeriodKind(settings.recapSchedule)
    const kind: PeriodKind = flags.period === undefined ? (scheduled ?? 'week') : PERIOD_NAMES[flags.period]
    const now = Date.now()
    const period = lastCompletePeriod(kind, now, settings.recapTimeZone)
    const chart = flags.chart ? services.ledger.standingsChart() : undefined
    const attachment = chart && (await standingsImage(chart))
    const output = {log: (text: string) => this.log(text), warn: (text: string) => this.logToStderr(`Warning: ${text}`)}
    const posted = await postToGroups(flags, recapText(services.ledger.recap(period)), recipients, output, attachment)
    // Only a period the schedule would post, once every group the bot posts to has it (a failed send throws first).
    // With no group configured, the bot's groups come from its own flags, which this command cannot see.
    const scheduledPost = posted.sent && kind === scheduled
    const configured = scheduledPost ? configuredGroups(services) : []
    const leftOut = configured.filter((group) => !recipients.includes(group))
    const recorded = configured.length > 0 && leftOut.length === 0 && services.openBotQueue({}).queue.addRecap(period.key, [], now)
    const label = periodLabel(period)
    if (recorded) this.log(`Recorded as the recap of ${label}: the bot will not post it again.`)
    else if (leftOut.length > 0) {
      const groups = leftOut.length === 1 ? '1 configured group' : `${leftOut.length} configured groups`
      this.log(`Not recorded as the recap of ${label}: ${groups} did not get it, so the bot still posts it to every configured group.`)
    } else if (scheduledPost) this.log(`Not recorded as the recap of ${label}: no group is configured (CCP_GROUPS or chat.groups), so the bot still posts it to the groups it is given.`)

    return {...posted, period: periodView(period), recorded}
  }
}

function periodView(period: RecapPeriod): RecapResult['period'] {
  return {from: new Date(period.from).toISOString(), key: period.key, to: new Date(period.to).toISOString()}
}
