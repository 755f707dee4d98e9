import * as Args from '@oclif/core/args'

import {CcpCommand} from '../../base-command.js'
import {settingKeyArg} from '../../cli/flags.js'
import {settingLine} from '../../cli/settings-output.js'
import type {SettingView} from '../../core/settings-service.js'

export default class ConfigSet extends CcpCommand {
  static args = {
    key: settingKeyArg,
    value: Args.string({description: 'Its new value; checked before it is stored.', required: true}),
  }

  static description = `Change a setting in the database.
A running ccp serve applies it with the next message, no restart needed; the bot's own flags and env vars still win for chat.admins, chat.groups and chat.prefix.`

  static readsSettings = true

  static examples = [
    '<%= config.bin %> <%= command.id %> award.max 50',
    '<%= config.bin %> <%= command.id %> award.cooldown 5m',
    '<%= config.bin %> <%= command.id %> tiers "-100:Suspect,0:Citizen,100:Hero"',
    '<%= config.bin %> <%= command.id %> chat.givers members',
    '<%= config.bin %> <%= command.id %> reactions "👍=1,🔥=2,👎=-1"',
    '<%= config.bin %> <%= command.id %> recap.schedule "weekly Mon 09:00"',
    {
      command: '<%= config.bin %> <%= command.id %> recap.schedule "monthly 31 09:00"',
      description: 'Post the recap of the last month at 09:00 (in recap.timezone) on the 31st, or on the last day of a shorter month:',
    },
  ]

  async run(): Promise<SettingView> {
    const {args, flags} = await this.parse(ConfigSet)
    const setting = this.openServices(flags.db).settings.set(args.key, args.value, process.env)
    this.log(settingLine(setting))
    if (setting.source !== 'database') this.warn(`${setting.source.replace('env ', '')} is set here and wins over the stored value.`)
    return setting
  }
}
