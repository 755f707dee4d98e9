import type {ChalkInstance} from 'chalk'

import type {SettingView} from '../core/settings-service.js'
import {boxTable, type Column} from './box-table.js'

/** One line for a setting: its value, and where it comes from when that is not the database. */
export function settingLine(setting: SettingView): string {
  const from = setting.source === 'database' ? '' : ` (${setting.source})`
  return `${setting.key} = ${setting.value === '' ? '(empty)' : setting.value}${from}`
}

/** Every setting in a table. To fit `maxWidth`, what each does wraps, then the values wrap: they are never cut. */
export function settingsTable(settings: SettingView[], style: ChalkInstance, maxWidth?: number): string {
  const columns: Column[] = [
    {align: 'left', title: 'Key'},
    {align: 'left', fit: 'wrap', title: 'Value'},
    {align: 'left', title: 'From'},
    {align: 'left', fit: 'wrap', title: 'What it does'},
  ]
  return boxTable(columns, settings.map((setting) => [setting.key, setting.value || '(empty)', setting.source, setting.description]), style.bold, maxWidth)
}
