import {CcpCommand} from '../../base-command.js'
import {settingKeyArg} from '../../cli/flags.js'
import {settingLine} from '../../cli/settings-output.js'
import type {SettingView} from '../../core/settings-service.js'

export default class ConfigUnset extends CcpCommand {
  static args = {
    key: settingKeyArg,
  }

  static description = 'Remove a setting from the database; its default applies again.'

  static readsSettings = true

  static examples = ['<%= config.bin %> <%= command.id %> award.max']

  async run(): Promise<SettingView> {
    const {args, flags} = await this.parse(ConfigUnset)
    const setting = this.openServices(flags.db, 'change').settings.unset(args.key, process.env)
    this.log(settingLine(setting))
    return setting
  }
}
