import type {Clock, LedgerStore} from './ports.js'
import {checkSettingKey, checkSettingValue, describeSettings, type ResolvedSetting, SETTINGS, type SettingKey} from './settings.js'

export interface SettingView extends ResolvedSetting {
  default: string
  description: string
}

/** The settings as `ccp config` shows them: each value, and where it comes from in this environment. */
export function listSettings(store: LedgerStore, env: NodeJS.ProcessEnv): SettingView[] {
  return describeSettings(store.storedSettings(), {}, env).map((setting) => ({
    ...setting,
    default: SETTINGS[setting.key].default,
    description: SETTINGS[setting.key].description,
  }))
}

export function getSetting(store: LedgerStore, key: string, env: NodeJS.ProcessEnv): SettingView {
  const checked = checkSettingKey(key)
  return listSettings(store, env).find((setting) => setting.key === checked)!
}

/** Validates and stores a value; a running bot reads it with its next message. */
export function setSetting(store: LedgerStore, clock: Clock, key: string, value: string, env: NodeJS.ProcessEnv): SettingView {
  const checked: SettingKey = checkSettingKey(key)
  const stored = checkSettingValue(checked, value)
  store.transaction(() => store.saveSetting(checked, stored, clock.now()))
  return getSetting(store, checked, env)
}

export function unsetSetting(store: LedgerStore, clock: Clock, key: string, env: NodeJS.ProcessEnv): SettingView {
  const checked = checkSettingKey(key)
  store.transaction(() => store.saveSetting(checked, null, clock.now()))
  return getSetting(store, checked, env)
}
