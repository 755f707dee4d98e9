import {Flags} from '@oclif/core'

import {CcpCommand} from '../base-command.js'
import {chatFlags, chatOverrides, signalFlags} from '../cli/flags.js'
import {signalClientFrom} from '../cli/signal.js'
import {toRestGroupId} from '../core/chat/group-id.js'
import {checkSettingValue, resolveSettings, type SettingKey} from '../core/settings.js'
import type {SignalClient} from '../signal/client.js'
import {SCHEMA_VERSION} from '../store/migrations.js'
import type {SqliteStore} from '../store/sqlite-store.js'

export interface Check {
  detail: string
  fix?: string
  name: string
  status: 'fail' | 'ok' | 'skipped'
}

export default class Doctor extends CcpCommand {
  static description = `Check that everything the bot needs works, in order: the database, the Signal API, the account,
the groups and the admins. Each failure comes with its fix. Exit 0 when all pass, 3 otherwise.`

  static examples = ['<%= config.bin %> <%= command.id %> --number +15550000000', '<%= config.bin %> <%= command.id %> --json']

  static flags = {
    ...signalFlags,
    ...chatFlags,
    group: Flags.string({description: 'A group the bot should answer in (as for ccp serve).', env: 'CCP_GROUPS', multiple: true}),
  }

  async run(): Promise<{checks: Check[]; ok: boolean}> {
    const {flags} = await this.parse(Doctor)
    const overrides = chatOverrides(flags)
    const checks: Check[] = []
    const store = this.checkDatabase(flags.db, checks)
    const stored = store?.storedSettings() ?? {}
    const settings = resolveSettings(stored, overrides)
    const client = signalClientFrom(flags)
    const reachable = await this.checkApi(client, checks)
    await this.checkAccount(client, reachable, checks)
    await this.checkGroups(client, reachable, settings.groups, checks)
    const admins = settings.admins.uuids.size + settings.admins.numbers.size
    const adminProblem = ['chat.admins', 'chat.groups', 'chat.prefix'].map((key) => storedProblem(stored, key as SettingKey)).find(Boolean)
    checks.push(
      adminProblem
        ? {detail: adminProblem, fix: 'Set it again with ccp config set.', name: 'Settings', status: 'fail'}
        : admins > 0
          ? {detail: `${admins} admin${admins === 1 ? '' : 's'}, matched by Signal identity`, name: 'Admins', status: 'ok'}
          : {detail: 'no admins: nobody can change points from the chat', fix: 'Add --admin, CCP_ADMINS or ccp config set chat.admins +15551110001', name: 'Admins', status: 'fail'},
    )

    for (const check of checks) {
      const mark = {fail: this.style.red('✗'), ok: this.style.green('✓'), skipped: this.style.dim('-')}[check.status]
      this.log(`${mark} ${check.name.padEnd(12)} ${check.detail}`)
      if (check.fix) this.log(`  ${' '.repeat(12)} Fix: ${check.fix}`)
    }

    const ok = checks.every((check) => check.status === 'ok')
    if (!ok) process.exitCode = 3
    return {checks, ok}
  }

  private checkDatabase(db: string | undefined, checks: Check[]): SqliteStore | undefined {
    try {
      const store = this.openStore(db)
      store.transaction(() => store.db.prepare('CREATE TEMP TABLE IF NOT EXISTS doctor_probe (x)').run())
      checks.push({detail: `${store.db.name} (schema ${SCHEMA_VERSION}, writable)`, name: 'Database', status: 'ok'})
      return store
    } catch (error) {
      checks.push({detail: (error as Error).message, fix: 'Point --db (or CCP_DB) at a ccp database or a new file, and check its folder\'s permissions.', name: 'Database', status: 'fail'})
      return undefined
    }
  }

  private async checkApi(client: SignalClient, checks: Check[]): Promise<boolean> {
    try {
      const about = await client.about()
      const advice = about.mode.startsWith('json-rpc') ? '' : ' (json-rpc mode answers much faster)'
      checks.push({detail: `signal-cli-rest-api ${about.version} in ${about.mode} mode${advice}`, name: 'Signal API', status: 'ok'})
      return true
    } catch (error) {
      checks.push({detail: (error as Error).message, fix: 'Start signal-cli-rest-api, or point --signal-url (CCP_SIGNAL_URL) at it.', name: 'Signal API', status: 'fail'})
      return false
    }
  }

  private async checkAccount(client: SignalClient, reachable: boolean, checks: Check[]): Promise<void> {
    if (!reachable) return void checks.push({detail: 'skipped: the API is unreachable', name: 'Account', status: 'skipped'})
    try {
      const accounts = await client.accounts()
      const account = client.account
      checks.push(
        accounts.includes(account)
          ? {detail: `${account} is registered on the server`, name: 'Account', status: 'ok'}
          : {
              detail: `${account} is not among the server's accounts (${accounts.join(', ') || 'none'})`,
              fix: 'Link it with ccp link (or register it), or fix --number (CCP_SIGNAL_NUMBER).',
              name: 'Account',
              status: 'fail',
            },
      )
    } catch (error) {
      checks.push({detail: (error as Error).message, fix: 'Check the server\'s logs.', name: 'Account', status: 'fail'})
    }
  }

  private async checkGroups(client: SignalClient, reachable: boolean, configured: ReadonlySet<string>, checks: Check[]): Promise<void> {
    if (!reachable) return void checks.push({detail: 'skipped: the API is unreachable', name: 'Groups', status: 'skipped'})
    try {
      const groups = await client.groups()
      const member = new Set(groups.map((group) => group.internalId))
      const missing = [...configured].filter((id) => !member.has(id))
      if (configured.size === 0) {
        checks.push({detail: `none configured: the bot answers in all ${groups.length} groups of the account`, name: 'Groups', status: 'ok'})
      } else if (missing.length > 0) {
        checks.push({
          detail: `the account is not in ${missing.map((id) => `${id} (${toRestGroupId(id)})`).join(', ')}`,
          fix: 'Add the account to the group from a phone, or fix --group / chat.groups (ccp groups lists the account\'s groups).',
          name: 'Groups',
          status: 'fail',
        })
      } else {
        const names = groups.filter((group) => configured.has(group.internalId)).map((group) => group.name)
        checks.push({detail: `the account is in ${names.join(', ')}`, name: 'Groups', status: 'ok'})
      }
    } catch (error) {
      checks.push({detail: (error as Error).message, fix: 'Check the server\'s logs.', name: 'Groups', status: 'fail'})
    }

  }
}

/** A stored chat setting that no longer reads (edited by hand): it silently falls back to its default. */
function storedProblem(stored: Record<string, string>, key: SettingKey): null | string {
  if (stored[key] === undefined) return null
  try {
    checkSettingValue(key, stored[key])
    return null
  } catch (error) {
    return `the stored ${(error as Error).message}`
  }
}
