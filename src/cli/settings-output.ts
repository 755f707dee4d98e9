import type {SettingView} from '../core/config.js'

/** One line for a setting: its value, and where it comes from when that is not the database. */
export function settingLine(setting: SettingView): string {
  const from = setting.source === 'database' ? '' : ` (${setting.source})`
  return `${setting.key} = ${setting.value === '' ? '(empty)' : setting.value}${from}`
}
