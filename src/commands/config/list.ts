import Table from 'cli-table3'

import {CcpCommand} from '../../base-command.js'
import {listSettings, type SettingView} from '../../core/config.js'

export default class ConfigList extends CcpCommand {
  static description = `List every setting with its value and where it comes from.
A value comes from its default, the database, or an env var.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  async run(): Promise<SettingView[]> {
    const {flags} = await this.parse(ConfigList)
    const settings = listSettings(this.openStore(flags.db), process.env)
    this.show(() => {
      const table = new Table({head: ['Key', 'Value', 'From', 'What it does'].map((title) => this.style.bold(title)), style: {border: [], head: []}, wordWrap: true, colWidths: [16, 28, 16, 50]})
      for (const setting of settings) table.push([setting.key, setting.value || '(empty)', setting.source, setting.description])
      return table.toString()
    })
    return settings
  }
}
