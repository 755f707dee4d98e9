import {type Clock, type LedgerStore, systemClock} from './ports.js'
import {checkSettingKey, checkSettingValue, describeSettings, type ResolvedSetting, resolveSettings, type Settings, SETTINGS, type SettingKey} from './settings.js'

export interface SettingView extends ResolvedSetting {
  default: string
  description: string
}

/** The settings stored with the ledger, as `ccp config` and the commands that read them use them. */
export class SettingsService {
  constructor(
    private readonly store: LedgerStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /** What is stored, as the store keeps it: the same object until it changes, so the bot can read it for every message. */
  stored(): Readonly<Record<string, string>> {
    return this.store.storedSettings()
  }

  /** The settings in force in this environment (no flags): defaults, then the database, then env vars. */
  resolve(env: NodeJS.ProcessEnv): Settings {
    return resolveSettings(this.stored(), {}, env)
  }

  /** When the latest of these keys last changed, an unset included (undefined: none was ever set). */
  changedAt(keys: readonly SettingKey[]): number | undefined {
    return this.store.settingsChangedAt(keys)
  }

  /** Each value, and where it comes from in this environment. */
  list(env: NodeJS.ProcessEnv): SettingView[] {
    return describeSettings(this.stored(), {}, env).map((setting) => ({
      ...setting,
      default: SETTINGS[setting.key].default,
      description: SETTINGS[setting.key].description,
    }))
  }

  get(key: string, env: NodeJS.ProcessEnv): SettingView {
    const checked = checkSettingKey(key)
    return this.list(env).find((setting) => setting.key === checked)!
  }

  /** Validates and stores a value; a running bot reads it with its next message. */
  set(key: string, value: string, env: NodeJS.ProcessEnv): SettingView {
    const checked: SettingKey = checkSettingKey(key)
    const stored = checkSettingValue(checked, value)
    this.store.transaction(() => this.store.saveSetting(checked, stored, this.clock.now()))
    return this.get(checked, env)
  }

  unset(key: string, env: NodeJS.ProcessEnv): SettingView {
    const checked = checkSettingKey(key)
    this.store.transaction(() => this.store.saveSetting(checked, null, this.clock.now()))
    return this.get(checked, env)
  }
}
