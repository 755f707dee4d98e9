import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {type BotVariable, emptyVariable} from '../bot/variables.js'
import {ReportedFailure} from '../cli/failure.js'
import {chatFlags, chatOverrides, signalFlags} from '../cli/flags.js'
import type {Services} from '../cli/services.js'
import {signalClientFrom} from '../cli/signal.js'
import {checkSettingValue, type ResolvedSetting, resolveSettings, type SettingOverrides, settingInForce} from '../core/settings.js'
import type {SignalClient} from '../signal/client.js'
import {toRestGroupId} from '../signal/group-id.js'

export interface Check {
  detail: string
  fix?: string
  name: string
  status: 'fail' | 'ok' | 'skipped'
}

export default class Doctor extends CcpCommand {
  static description = `Check that everything the bot needs works.
In order: the database, the Signal API, the account, the groups and the admins. Each failure comes with its fix. Exit 0 when all pass, 3 otherwise.`

  static examples = ['<%= config.bin %> <%= command.id %> --number +15550000000', '<%= config.bin %> <%= command.id %> --json']

  static flags = {
    ...signalFlags,
    ...chatFlags,
    group: Flags.string({description: 'A group the bot should answer in (as for ccp serve).', env: 'CCP_GROUPS', multiple: true}),
  }

  async run(): Promise<{checks: Check[]; ok: boolean}> {
    const {flags} = await this.parse(Doctor)
    const checks: Check[] = []
    const services = this.checkDatabase(flags.db, checks)
    const stored = services?.settings.stored() ?? {}
    // Bad settings are findings here, not reasons to stop: each becomes a failed check with its fix.
    const admins = setting(() => chatOverrides({admin: flags.admin}), stored, 'chat.admins', 'CCP_ADMINS')
    const groups = setting(() => chatOverrides({group: flags.group}), stored, 'chat.groups', 'CCP_GROUPS')
    let client: SignalClient | undefined
    let accountProblem: null | string = null
    const emptyNumber = emptyVariable('CCP_SIGNAL_NUMBER', process.env)
    try {
      if (emptyNumber) accountProblem = emptyNumber.problem
      else client = signalClientFrom(flags)
    } catch (error) {
      accountProblem = (error as Error).message
    }

    const reachable = client ? await this.checkApi(client, checks) : this.skip(checks, 'Signal API', 'no account to ask about')
    const registered = client && reachable ? await this.checkAccount(client, checks) : false
    if (!client) checks.push({detail: accountProblem!, fix: emptyNumber?.fix ?? 'Give --number (CCP_SIGNAL_NUMBER) as +E164.', name: 'Account', status: 'fail'})
    else if (!reachable) this.skip(checks, 'Account', 'the API is unreachable')
    if ('problem' in groups) checks.push({detail: groups.problem, fix: groups.fix ?? 'Fix --group, CCP_GROUPS or chat.groups (ccp groups lists the ids).', name: 'Groups', status: 'fail'})
    else if (client && registered) await this.checkGroups(client, resolveSettings({'chat.groups': groups.value}).groups, checks)
    else this.skip(checks, 'Groups', 'the account is not ready')
    checks.push(adminCheck(admins))

    for (const check of checks) {
      const mark = {fail: this.style.red('✗'), ok: this.style.green('✓'), skipped: this.style.dim('-')}[check.status]
      this.log(`${mark} ${check.name.padEnd(12)} ${check.detail}`)
      if (check.fix) this.log(`  ${' '.repeat(12)} Fix: ${check.fix}`)
    }

    const ok = checks.every((check) => check.status === 'ok')
    if (ok) return {checks, ok}
    // Failed checks are the report, with their fixes: printed, then thrown for the exit code alone.
    if (this.jsonEnabled()) this.logJson({checks, ok})
    const failed = checks.filter((check) => check.status === 'fail').length
    throw new ReportedFailure('CHECKS_FAILED', `${failed} of ${checks.length} checks failed.`, 3)
  }

  private skip(checks: Check[], name: string, why: string): false {
    checks.push({detail: `skipped: ${why}`, name, status: 'skipped'})
    return false
  }

  private checkDatabase(db: string | undefined, checks: Check[]): Services | undefined {
    try {
      const services = this.openServices(db)
      const {database} = services
      database.checkWritable()
      checks.push({detail: `${database.path} (schema ${database.schemaVersion}, writable)`, name: 'Database', status: 'ok'})
      return services
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

  private async checkAccount(client: SignalClient, checks: Check[]): Promise<boolean> {
    try {
      const accounts = await client.accounts()
      const {account} = client
      if (accounts.includes(account)) {
        checks.push({detail: `${account} is registered on the server`, name: 'Account', status: 'ok'})
        return true
      }

      checks.push({
        detail: `${account} is not among the server's accounts (${accounts.join(', ') || 'none'})`,
        fix: 'Link it with ccp link (or register it), or fix --number (CCP_SIGNAL_NUMBER).',
        name: 'Account',
        status: 'fail',
      })
    } catch (error) {
      checks.push({detail: (error as Error).message, fix: 'Check the server\'s logs.', name: 'Account', status: 'fail'})
    }

    return false
  }

  private async checkGroups(client: SignalClient, configured: ReadonlySet<string>, checks: Check[]): Promise<void> {
    try {
      // Release 0.100 lists groups the account left or is only invited to: check its membership too.
      const groups = (await client.groups()).filter((group) => group.members.length === 0 || group.members.includes(client.account))
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

type SettingState = {fix?: string; problem: string} | {value: string}

/** A chat setting as in force (flag or env var, else stored), or the reason it does not read (its variable set empty, say). */
function setting(overrides: () => SettingOverrides, stored: Record<string, string>, key: 'chat.admins' | 'chat.groups', variable: BotVariable): SettingState {
  const empty = emptyVariable(variable, process.env)
  if (empty) return empty
  let inForce: ResolvedSetting
  try {
    inForce = settingInForce(key, stored, overrides())
  } catch (error) {
    return {problem: (error as Error).message}
  }

  try {
    return {value: checkSettingValue(key, inForce.value)}
  } catch (error) {
    return {problem: `${inForce.source === 'database' ? 'the stored ' : ''}${(error as Error).message}`}
  }
}

function adminCheck(admins: SettingState): Check {
  if ('problem' in admins) return {detail: admins.problem, fix: admins.fix ?? 'Fix --admin, CCP_ADMINS or chat.admins: UUIDs or +E164 numbers.', name: 'Admins', status: 'fail'}
  const {admins: set} = resolveSettings({'chat.admins': admins.value})
  const count = set.uuids.size + set.numbers.size
  return count > 0
    ? {detail: `${count} admin${count === 1 ? '' : 's'}, matched by Signal identity`, name: 'Admins', status: 'ok'}
    : {detail: 'no admins: nobody can change points from the chat', fix: 'Add --admin, CCP_ADMINS or ccp config set chat.admins +15551110001', name: 'Admins', status: 'fail'}
}
