import {CcpCommand} from '../base-command.js'
import {signalFlags} from '../cli/flags.js'
import {outputWidth} from '../cli/output-width.js'
import {signalClientFrom} from '../cli/signal.js'
import {groupsTable} from '../cli/tables.js'
import {resolveSettings} from '../core/settings.js'

export interface GroupView {
  configured: boolean
  id: string
  internalId: string
  members: number
  name: string
}

export default class Groups extends CcpCommand {
  static description = `List the Signal groups the bot's account is in.
Each with both forms of its id, and whether the bot answers there (chat.groups, or CCP_GROUPS; when none is configured, it answers in all of them).`

  static examples = ['<%= config.bin %> <%= command.id %> --number +15550000000', '<%= config.bin %> <%= command.id %> --json']

  static flags = signalFlags

  static readsSettings = true

  async run(): Promise<GroupView[]> {
    const {flags} = await this.parse(Groups)
    const client = signalClientFrom(flags)
    const {groups: configured} = this.openServicesIfExists(flags.db)?.settings.resolve(process.env) ?? resolveSettings({}, {}, process.env)
    const groups = (await client.groups()).map((group) => ({
      configured: configured.size === 0 || configured.has(group.internalId),
      id: group.id,
      internalId: group.internalId,
      members: group.members.length,
      name: group.name,
    }))
    this.show(() => (groups.length === 0 ? 'The account is in no group yet: add it to your group from a phone.' : groupsTable(groups, this.style, outputWidth())))
    return groups
  }
}
