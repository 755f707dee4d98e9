import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Input, ParserOutput} from '@oclif/core/interfaces'
import type {ChalkInstance} from 'chalk'

import {emptyVariableError, type EmptyVariable} from './bot/variables.js'
import {databasePath} from './cli/database-path.js'
import {refuseDatabaseFiles, replaceableTarget} from './cli/files.js'
import {reportFailure, wantsJson} from './cli/failure.js'
import {emptyVariables, givenAs} from './cli/flags.js'
import {checkPaths} from './cli/paths.js'
import {makeStyle} from './cli/style.js'
import {usageErrorFromParse} from './cli/usage-errors.js'
import {databaseExists, openServices, type Services} from './cli/services.js'
import type {Ledger} from './core/ledger.js'
import {SETTINGS} from './core/settings.js'

/**
 * What a command does with the database: reads it or changes what is in it (either way it must exist: a
 * mistyped path is an error, not a new empty database), or may be the first to write (it is created).
 */
export type DatabaseUse = 'change' | 'create' | 'read'

type OclifError = Error & {code?: string}

/**
 * What every ccp command shares: the --db flag, the database's services and lifetime, and the catch that hands
 * errors to the one mapping to exit codes (src/cli/failure.ts: 0 done, 1 refused by the rules, 2 usage, 3
 * environment, 4 a bug).
 */
export abstract class CcpCommand extends Command {
  static baseFlags = {
    db: Flags.string({
      description: 'SQLite database file. Default: ccp.db in the data folder ($CCP_DATA_DIR, else $XDG_DATA_HOME/ccp, else ~/.local/share/ccp).',
      env: 'CCP_DB',
      helpGroup: 'GLOBAL',
    }),
  }

  static enableJsonFlag = true

  /**
   * What parse does with a variable this command reads that is set but empty: refuse it (exit 2), or only
   * note it in `emptyVariables`, for a command that reports it itself (doctor).
   */
  static onEmptyVariable: 'refuse' | 'report' = 'refuse'

  /** Whether the command resolves the settings, and so reads their variables (CCP_GROUPS...) besides its flags'. */
  static readsSettings = false

  /** The variables this command reads that are set but empty (known once the flags are parsed). */
  protected emptyVariables: EmptyVariable[] = []

  private dbPath?: string
  private closeDatabase?: () => void

  /** The ledger on the database named by --db (or CCP_DB, or the default): see `openServices`. */
  protected openLedger(db: string | undefined, use: DatabaseUse = 'create'): Ledger {
    return this.openServices(db, use).ledger
  }

  /**
   * Opens the database named by --db (or CCP_DB, or the default) and returns the services on it. A command
   * that reads or changes existing data refuses a path where there is none, and creates nothing; one that
   * may be the first to write (`'create'`) creates it (and its folder).
   */
  protected openServices(db: string | undefined, use: DatabaseUse = 'create'): Services {
    this.dbPath = databasePath(db, process.env, this.config.dataDir)
    const {close, services} = openServices(this.dbPath, {mustExist: use !== 'create'})
    this.closeDatabase = close
    return services
  }

  /** The services, if there is a database at the path; for a command that can do without it (its stored settings). */
  protected openServicesIfExists(db: string | undefined): Services | undefined {
    this.dbPath = databasePath(db, process.env, this.config.dataDir)
    return databaseExists(this.dbPath) ? this.openServices(db, 'read') : undefined
  }

  /**
   * Every command parses its flags here: a variable it reads that is set but empty (CCP_DB, or any other blank
   * file path, too) is refused before the command does anything, even by commands that open no database.
   */
  protected override async parse<F extends Record<string, unknown>, B extends Record<string, unknown>, A extends Record<string, unknown>>(
    options?: Input<F, B, A>,
    argv: string[] = this.argv,
  ): Promise<ParserOutput<F, B, A>> {
    const ctor = this.ctor as typeof CcpCommand
    const flags: Record<string, {env?: string}> = options?.flags ?? this.ctor.flags ?? {}
    const settingVariables = ctor.readsSettings ? Object.values(SETTINGS).flatMap(({env}: {env?: string}) => env ?? []) : []
    // Before oclif's parse: it takes an empty variable for an unset one, and a required flag would be missed first.
    this.emptyVariables = emptyVariables(flags, settingVariables)
    if (ctor.onEmptyVariable === 'refuse' && this.emptyVariables.length > 0) throw emptyVariableError(this.emptyVariables[0])
    let parsed: ParserOutput<F, B, A>
    try {
      parsed = await super.parse(options, argv)
    } catch (error) {
      throw usageErrorFromParse(error, {args: options?.args, givenAs: (flag) => givenAs(flag, flags[flag]?.env, argv), id: this.id, usage: this.ctor.usage})
    }

    this.dbPath = databasePath(parsed.flags.db as string | undefined, process.env, this.config.dataDir)
    checkPaths(options?.flags, parsed.flags, (name) => `--${name}`)
    checkPaths(options?.args, parsed.args, (name) => name.toUpperCase())
    return parsed
  }

  /** The database this command uses (or would use: --db, CCP_DB, or the default), once the flags are parsed. */
  protected get databaseInUse(): string | undefined {
    return this.dbPath
  }

  /**
   * Where a file the command writes goes (a regular file, or the file a link leads to), never over the
   * database it uses or the files SQLite keeps beside it.
   */
  protected outputFile(file: string): string {
    const target = replaceableTarget(file)
    refuseDatabaseFiles(target, this.dbPath)
    return target
  }

  /** JSON as JSON.stringify writes it, which is what oclif prints too, without its colouring pass over every token (10 ms for 1,000 members). */
  override logJson(json: unknown): void {
    console.log(JSON.stringify(json, null, 2))
  }

  /** Prints what `render` draws, unless --json is on: then it is never drawn (a table of 50,000 groups took minutes). */
  protected show(render: () => string): void {
    if (!this.jsonEnabled()) this.log(render())
  }

  protected get style(): ChalkInstance {
    return makeStyle(this.jsonEnabled())
  }

  protected override async catch(error: OclifError): Promise<unknown> {
    // this.exit() (below): the failure has been reported already.
    if (error.code === 'EEXIT') throw error
    // --json asked for, even of a command that has no such flag (its refusal of the flag is then the failure).
    const exitCode = reportFailure(error, this.jsonEnabled() || wantsJson(this.argv))
    // Both: oclif's catch would otherwise end every --json failure with 1.
    process.exitCode = exitCode
    return this.exit(exitCode)
  }

  protected override async finally(error: Error | undefined): Promise<unknown> {
    this.closeDatabase?.()
    return super.finally(error)
  }
}
