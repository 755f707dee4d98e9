import {CcpCommand} from '../../base-command.js'
import {settingKeyArg} from '../../cli/flags.js'
import {settingLine} from '../../cli/settings-output.js'
import type {SettingView} from '../../core/settings-service.js'

export default class ConfigGet extends CcpCommand {
  static args = {
    key: settingKeyArg,
  }

  static description = 'Show one setting, and where its value comes from.'

  static readsSettings = true

  static examples = ['<%= config.bin %> <%= command.id %> award.max']

  async run(): Promise<SettingView> {
    const {args, flags} = await this.parse(ConfigGet)
    const setting = this.openServices(flags.db, 'read').settings.get(args.key, process.env)
    this.log(settingLine(setting))
    return setting
  }
}
