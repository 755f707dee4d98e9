import {CcpCommand} from '../../base-command.js'
import {outputWidth} from '../../cli/output-width.js'
import {settingsTable} from '../../cli/settings-output.js'
import type {SettingView} from '../../core/settings-service.js'

export default class ConfigList extends CcpCommand {
  static description = `List every setting with its value and where it comes from.
A value comes from its default, the database, or an env var.`

  static readsSettings = true

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  async run(): Promise<SettingView[]> {
    const {flags} = await this.parse(ConfigList)
    const settings = this.openServices(flags.db, 'read').settings.list(process.env)
    this.show(() => settingsTable(settings, this.style, outputWidth()))
    return settings
  }
}
