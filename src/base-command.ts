import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Input, ParserOutput} from '@oclif/core/interfaces'
import type {ChalkInstance} from 'chalk'

import {databasePath} from './cli/database-path.js'
import {refuseDatabaseFiles, replaceableTarget} from './cli/files.js'
import {checkPaths} from './cli/paths.js'
import {makeStyle} from './cli/style.js'
import {CcpError} from './core/errors.js'
import {Ledger} from './core/ledger.js'
import {SignalError} from './signal/errors.js'
import {SqliteStore} from './store/sqlite-store.js'
import {describeSqliteError} from './store/sqlite-errors.js'

type OclifError = Error & {exitCode?: number; oclif?: {exit?: number}}

/**
 * What every ccp command shares: the --db flag, the store's lifetime, and the one place where
 * errors become exit codes (0 done, 1 refused by the rules, 2 usage, 3 environment).
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

  private dbPath?: string
  private store?: SqliteStore

  /** Opens the database named by --db (or CCP_DB, or the default) and returns the ledger on it. */
  protected openLedger(db: string | undefined): Ledger {
    return new Ledger(this.openStore(db))
  }

  protected openStore(db: string | undefined): SqliteStore {
    this.dbPath = databasePath(db, process.env, this.config.dataDir)
    this.store = SqliteStore.open(this.dbPath)
    return this.store
  }

  /**
   * Every command parses its flags here: an empty --db or CCP_DB, or any other blank file path, is refused
   * before the command does anything, even by commands that open no database.
   */
  protected override async parse<F extends {[name: string]: any}, B extends {[name: string]: any}, A extends {[name: string]: any}>(
    options?: Input<F, B, A>,
    argv?: string[],
  ): Promise<ParserOutput<F, B, A>> {
    const parsed = await super.parse(options, argv)
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
    const known = describeSqliteError(error, this.dbPath ?? 'the database')
    if (known instanceof CcpError) return this.fail(known.code, known.message, known.exitCode)
    if (error instanceof SignalError) {
      return this.fail('SIGNAL_API', `${error.message}. Check that signal-cli-rest-api runs at --signal-url (CCP_SIGNAL_URL).`, 3)
    }

    // Whatever fails before the arguments are parsed is a usage error; oclif says 1 for a bad integer arg.
    const exitCode = error.oclif?.exit ?? (this.parsed ? 1 : 2)
    // oclif's own errors (bad flags, missing args) would dump their whole parser state as JSON.
    if (this.jsonEnabled()) return this.fail(exitCode === 2 ? 'USAGE' : 'UNEXPECTED', error.message, exitCode)
    error.exitCode = exitCode
    error.oclif = {...error.oclif, exit: exitCode}
    return super.catch(error)
  }

  /** Reports a failure as one sentence on stderr (and as JSON on stdout with --json), then exits. */
  private fail(code: string, message: string, exitCode: number): never {
    if (this.jsonEnabled()) this.logJson({error: {code, exitCode, message}})
    process.stderr.write(`Error: ${message}\n`)
    process.exitCode = exitCode
    return this.exit(exitCode)
  }

  protected override async finally(error: Error | undefined): Promise<unknown> {
    this.store?.close()
    return super.finally(error)
  }
}
