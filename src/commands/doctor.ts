import * as Flags from '@oclif/core/flags'
import {accessSync, constants, existsSync} from 'node:fs'
import {dirname} from 'node:path'

import {CcpCommand} from '../base-command.js'
import type {EmptyVariable} from '../bot/variables.js'
import {ReportedFailure} from '../cli/failure.js'
import {chatFlags, chatOverrides, signalFlags} from '../cli/flags.js'
import {plusplusChecks, reactionsCheck, recapCheck} from '../cli/game-checks.js'
import type {Services} from '../cli/services.js'
import {signalClientFrom} from '../cli/signal.js'
import {CcpError} from '../core/errors.js'
import {checkSettingValue, type ResolvedSetting, resolveSettings, type SettingOverrides, settingInForce, type Settings} from '../core/settings.js'
import type {SignalClient} from '../signal/client.js'
import {toRestGroupId} from '../signal/group-id.js'

export interface Check {
  detail: string
  fix?: string
  name: string
  /** A warning is a finding that does not fail doctor. */
  status: 'fail' | 'ok' | 'skipped' | 'warn'
}

export default class Doctor extends CcpCommand {
  static description = `Check that everything the bot needs works.
In order: the database, the Signal API, the account, the groups and the admins; then how reactions award (warning of any the award rules refuse) and when the next recap is posted. Each failure or warning comes with its fix. Exit 0 when none fails (a warning does not), 3 otherwise. It creates nothing, not even the database.`

  static examples = ['<%= config.bin %> <%= command.id %> --number +15550000000', '<%= config.bin %> <%= command.id %> --json']

  static flags = {
    ...signalFlags,
    ...chatFlags,
    group: Flags.string({description: 'A group the bot should answer in (as for ccp serve).', env: 'CCP_GROUPS', multiple: true}),
  }

  // Variables set but empty are findings here, each a failed check with its fix, not a reason to stop.
  static onEmptyVariable = 'report' as const

  async run(): Promise<{checks: Check[]; ok: boolean}> {
    const {flags} = await this.parse(Doctor)
    const checks: Check[] = []
    const empty = (name: string): EmptyVariable | undefined => this.emptyVariables.find((variable) => variable.name === name)
    const services = this.checkDatabase(flags.db, checks)
    const stored = services?.settings.stored()
    // Bad settings are findings here, not reasons to stop: each becomes a failed check with its fix.
    const admins = setting(() => chatOverrides({admin: flags.admin}), stored, 'chat.admins', empty('CCP_ADMINS'))
    const groups = setting(() => chatOverrides({group: flags.group}), stored, 'chat.groups', empty('CCP_GROUPS'))
    let client: SignalClient | undefined
    let accountProblem: null | string = null
    const emptyNumber = empty('CCP_SIGNAL_NUMBER')
    const emptyUrl = empty('CCP_SIGNAL_URL')
    try {
      if (emptyNumber) accountProblem = emptyNumber.problem
      else if (!emptyUrl) client = signalClientFrom(flags)
    } catch (error) {
      accountProblem = (error as Error).message
    }

    if (emptyUrl) checks.push({detail: emptyUrl.problem, fix: emptyUrl.fix, name: 'Signal API', status: 'fail'})
    const reachable = client ? await this.checkApi(client, checks) : emptyUrl ? false : this.skip(checks, 'Signal API', 'no account to ask about')
    const registered = client && reachable ? await this.checkAccount(client, checks) : false
    if (accountProblem !== null) checks.push({detail: accountProblem, fix: emptyNumber?.fix ?? 'Give --number (CCP_SIGNAL_NUMBER) as +E164.', name: 'Account', status: 'fail'})
    else if (!reachable) this.skip(checks, 'Account', 'the API is unreachable')
    if ('problem' in groups) checks.push({detail: groups.problem, fix: groups.fix ?? 'Fix --group, CCP_GROUPS or chat.groups (ccp groups lists the ids).', name: 'Groups', status: 'fail'})
    else if ('skipped' in groups) this.skip(checks, 'Groups', groups.skipped)
    else if (client && registered) await this.checkGroups(client, resolveSettings({'chat.groups': groups.value}).groups, checks)
    else this.skip(checks, 'Groups', 'the account is not ready')
    const game = stored === undefined ? null : resolveSettings(stored)
    checks.push(adminCheck(admins, game))
    if (stored !== undefined && game !== null) checks.push(reactionsCheck(game, stored), ...plusplusChecks(game), recapCheck(game, Date.now()))
    const reported = new Set(['CCP_ADMINS', 'CCP_GROUPS', 'CCP_SIGNAL_NUMBER', 'CCP_SIGNAL_URL'])
    for (const variable of this.emptyVariables.filter(({name}) => !reported.has(name))) {
      checks.push({detail: variable.problem, fix: variable.fix, name: 'Settings', status: 'fail'})
    }

    for (const check of checks) {
      const mark = {fail: this.style.red('✗'), ok: this.style.green('✓'), skipped: this.style.dim('-'), warn: this.style.yellow('!')}[check.status]
      this.log(`${mark} ${check.name.padEnd(12)} ${check.detail}`)
      if (check.fix) this.log(`  ${' '.repeat(12)} Fix: ${check.fix}`)
    }

    const ok = checks.every((check) => check.status === 'ok' || check.status === 'warn')
    if (ok) return {checks, ok}
    // Failed checks are the report, with their fixes: printed, then thrown for the exit code alone. Under --json
    // the one document carries the error object every failure has, beside the checks.
    const failed = checks.filter((check) => check.status === 'fail').length
    const failure = new ReportedFailure('CHECKS_FAILED', `${failed} of ${checks.length} checks failed.`, 3)
    if (this.jsonEnabled()) this.logJson({checks, error: {code: failure.code, exitCode: failure.exitCode, message: failure.message}, ok})
    throw failure
  }

  private skip(checks: Check[], name: string, why: string): false {
    checks.push({detail: `skipped: ${why}`, name, status: 'skipped'})
    return false
  }

  /** The database, opened only if it exists: doctor creates nothing, so a mistyped path is not mistaken for a new, empty database. */
  private checkDatabase(db: string | undefined, checks: Check[]): Services | undefined {
    try {
      const services = this.openServices(db, 'read')
      const {database} = services
      database.checkWritable()
      checks.push({detail: `${database.path} (schema ${database.schemaVersion}, writable)`, name: 'Database', status: 'ok'})
      return services
    } catch (error) {
      if (error instanceof CcpError && error.code === 'NO_DATABASE') checks.push(missingDatabase(this.databaseInUse!))
      else checks.push({detail: (error as Error).message, fix: 'Point --db (or CCP_DB) at a ccp database, and check its folder\'s permissions.', name: 'Database', status: 'fail'})
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

/**
 * The Database check where there is no database at the path: a fresh setup (ccp serve creates it), or the wrong
 * path (the operator's own data folder rather than the service's). Either way not a pass: doctor cannot vouch for
 * a database it has not seen, and says which path it looked at.
 */
function missingDatabase(path: string): Check {
  const folder = existingFolder(dirname(path))
  let writable = true
  try {
    accessSync(folder, constants.W_OK | constants.X_OK)
  } catch {
    writable = false
  }

  const where = folder === dirname(path) ? `its folder ${folder}` : `${folder} (where its folder ${dirname(path)} would be made)`
  return {
    detail: `no database at ${path}; ${where} is ${writable ? '' : 'not '}writable for this user`,
    fix: `ccp serve creates it when it starts, or ccp adduser NAME${writable ? '' : ' (run as a user who may write there)'}; if the bot keeps its database elsewhere, point CCP_DATA_DIR, --db or CCP_ENV_FILE at the service's.`,
    name: 'Database',
    status: 'fail',
  }
}

/** The folder itself, or the nearest one above it that exists. */
function existingFolder(folder: string): string {
  let current = folder
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current)
  return current
}

type SettingState = {fix?: string; problem: string} | {skipped: string} | {value: string}

/**
 * A chat setting as in force (flag or env var, else stored), the reason it does not read (its variable set
 * empty, say), or why it was not checked (it is only stored, and there is no database to read).
 */
function setting(overrides: () => SettingOverrides, stored: Record<string, string> | undefined, key: 'chat.admins' | 'chat.groups', empty: EmptyVariable | undefined): SettingState {
  if (empty) return empty
  let inForce: ResolvedSetting
  try {
    const given = overrides()
    if (stored === undefined && given[key] === undefined) return {skipped: `no database to read ${key} from`}
    inForce = settingInForce(key, stored ?? {}, given)
  } catch (error) {
    return {problem: (error as Error).message}
  }

  try {
    return {value: checkSettingValue(key, inForce.value)}
  } catch (error) {
    return {problem: `${inForce.source === 'database' ? 'the stored ' : ''}${(error as Error).message}`}
  }
}

/** Who gives besides the admins, and how (chat.givers, chat.plusplus), as the Admins check reports it. */
function givingText({givers, plusplus, plusplusPoints}: Settings): string {
  const who = {admins: 'only admins give', everyone: 'anyone in an allowed group gives', members: 'members and admins give'}[givers]
  return `chat.givers ${givers}: ${who}; name++ ${plusplus ? `on (${plusplusPoints} point${plusplusPoints === 1 ? '' : 's'})` : 'off'}`
}

function adminCheck(admins: SettingState, stored: null | Settings): Check {
  if ('problem' in admins) return {detail: admins.problem, fix: admins.fix ?? 'Fix --admin, CCP_ADMINS or chat.admins: UUIDs or +E164 numbers.', name: 'Admins', status: 'fail'}
  if ('skipped' in admins) return {detail: `skipped: ${admins.skipped}`, name: 'Admins', status: 'skipped'}
  const {admins: set} = resolveSettings({'chat.admins': admins.value})
  const count = set.uuids.size + set.numbers.size
  // Said only when someone besides the admins gives, or name++ is on: the defaults need no words.
  const giving = stored === null || (stored.givers === 'admins' && !stored.plusplus) ? '' : `; ${givingText(stored)}`
  if (count > 0) return {detail: `${count} admin${count === 1 ? '' : 's'}, matched by Signal identity${giving}`, name: 'Admins', status: 'ok'}
  return stored !== null && stored.givers !== 'admins'
    ? {detail: `no admins: nobody can add members from the chat${giving}`, fix: 'Add --admin, CCP_ADMINS or ccp config set chat.admins +15551110001', name: 'Admins', status: 'fail'}
    : {detail: 'no admins: nobody can change points from the chat', fix: 'Add --admin, CCP_ADMINS or ccp config set chat.admins +15551110001', name: 'Admins', status: 'fail'}
}
