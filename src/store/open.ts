import Database from 'better-sqlite3'
import {rmSync} from 'node:fs'
import {dirname} from 'node:path'

import {EnvironmentError, UsageError} from '../core/errors.js'
import {createPrivateFile, makePrivateFolder} from '../lib/private-files.js'
import {type DatabaseFile, inspectDatabaseFile} from './database-file.js'
import {APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION} from './migrations.js'
import {describeSqliteError, notSqliteError} from './sqlite-errors.js'

export const BUSY_TIMEOUT_MS = 5000

export interface OpenOptions {
  /** Refuse a path where there is no database, creating nothing (not even its folder): for commands that only read. */
  mustExist?: boolean
  /** Apply migrations only up to this version (tests build old databases with it). */
  upTo?: number
}

/**
 * Opens (or creates) a ccp database. Whether the file is ours, and not from a newer ccp, is decided from
 * its bytes before SQLite may write anything (a refused file, and its -wal, are left exactly as they
 * were; no side file appears); a new database is created private (0600) in a private folder. Then WAL and
 * migrations.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  // SQLite takes "" as a throw-away temporary database: a ledger that vanishes on close.
  if (path.trim() === '') throw new UsageError('DB_PATH_EMPTY', 'The database path is empty; name a file.')
  const created = path !== ':memory:' && prepareFile(path, options.mustExist ?? false)
  let db: Database.Database
  try {
    // The file exists by now: SQLite must not create one with its own (world-readable) mode.
    db = new Database(plainFileName(path), {fileMustExist: path !== ':memory:', timeout: BUSY_TIMEOUT_MS})
  } catch (error) {
    if (created) rmSync(path, {force: true})
    throw missingAddon(error) ?? describeSqliteError(error, path)
  }

  try {
    checkOwnership(db, path)
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    migrate(db, options.upTo ?? SCHEMA_VERSION)
    return db
  } catch (error) {
    db.close()
    throw describeSqliteError(error, path)
  }
}

/**
 * Refuses, by reading alone, any file that is not a ccp database or a new one; creates a missing one,
 * private, and says whether it did (or refuses it, when it must exist).
 */
function prepareFile(path: string, mustExist: boolean): boolean {
  let file = inspect(path)
  let created = false
  if (file.kind === 'missing' && mustExist) throw noDatabase(path)
  if (file.kind === 'missing') {
    makeParentFolder(path)
    try {
      created = createPrivateFile(path)
    } catch (error) {
      throw new EnvironmentError('DB_OPEN', `Cannot create the database ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Choose another place with --db.`)
    }

    // Another process may have created it first: judge what is there now.
    file = inspect(path)
  }

  if (file.kind === 'not-a-file') {
    throw new EnvironmentError('DB_OPEN', `Cannot open the database ${path}: it is a ${file.what}, not a file; nothing was created or changed. Point --db at a file.`)
  }

  if (file.kind === 'not-sqlite') throw notSqliteError(path)
  if (file.kind === 'sqlite') checkHeader(file, path)
  return created
}

/** What a command that only reads says where there is no database: it creates none. */
export function noDatabase(path: string): EnvironmentError {
  return new EnvironmentError('NO_DATABASE', `No database at ${path} (create one with \`ccp adduser\`).`)
}

/** Whether there is a file (of any kind) at the database path: a missing one is for a writing command to create. */
export function databaseExists(path: string): boolean {
  return path === ':memory:' || inspect(path).kind !== 'missing'
}

function inspect(path: string): DatabaseFile {
  try {
    return inspectDatabaseFile(path, APPLICATION_ID)
  } catch (error) {
    if (error instanceof EnvironmentError) throw error
    throw new EnvironmentError('DB_OPEN', `Cannot open the database ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check that the path exists and is readable, or choose another with --db.`)
  }
}

/**
 * The path as SQLite must be given it to open exactly that file: with SQLITE_USE_URI=1 in the environment,
 * better-sqlite3 would read "file:…" as a URI (an in-memory database, or another file than the one checked).
 */
export function plainFileName(path: string): string {
  return path.startsWith('file:') ? `./${path}` : path
}

/** better-sqlite3's native addon does not load here: no prebuilt one fits (or its system libraries are too old), and none was built from source. */
function missingAddon(error: unknown): EnvironmentError | undefined {
  const {code, message} = error as {code?: unknown; message?: string}
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_DLOPEN_FAILED') return undefined
  return new EnvironmentError(
    'SQLITE_ADDON',
    `SQLite cannot load here: better-sqlite3 has no native addon that loads on ${process.platform}-${process.arch} with Node ${process.version} (${message?.split('\n')[0]}). Build it from source with \`npm run build:sqlite\` in ccp's folder (needs python3, make and a C++ compiler).`,
  )
}

function makeParentFolder(path: string): void {
  try {
    makePrivateFolder(dirname(path))
  } catch (error) {
    throw new EnvironmentError('DB_OPEN', `Cannot create the folder for the database ${path}: ${(error as Error).message}. Choose another place with --db.`)
  }
}

/** The same rules on what SQLite reads, in case the file changed between the look at its bytes and the open. */
function checkOwnership(db: Database.Database, path: string): void {
  const userVersion = db.pragma('user_version', {simple: true}) as number
  const applicationId = db.pragma('application_id', {simple: true}) as number
  const tables = db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as {n: number}
  checkHeader({applicationId, hasSchema: tables.n > 0, kind: 'sqlite', userVersion}, path)
}

/** A database is ours if it says so (its application id), or if it is new: no id, no version, no schema. */
function checkHeader(file: Extract<DatabaseFile, {kind: 'sqlite'}>, path: string): void {
  const isNew = file.userVersion === 0 && file.applicationId === 0 && !file.hasSchema
  if (!isNew && file.applicationId !== APPLICATION_ID) {
    throw new EnvironmentError('DB_NOT_CCP', `${path} is an SQLite database of another program, not a ccp database; it was left untouched. Point --db at a ccp database or a new file.`)
  }

  if (file.userVersion > SCHEMA_VERSION) {
    throw new EnvironmentError(
      'DB_TOO_NEW',
      `${path} was written by a newer ccp (schema ${file.userVersion}; this one knows up to ${SCHEMA_VERSION}); it was left untouched. Upgrade ccp to use it.`,
    )
  }
}

function migrate(db: Database.Database, target: number): void {
  const step = db.transaction(() => {
    // Read again inside the write lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version', {simple: true}) as number
    for (let version = current; version < target; version++) db.exec(MIGRATIONS[version])
    if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`)
    if (current < target) db.pragma(`user_version = ${target}`)
  })
  if ((db.pragma('user_version', {simple: true}) as number) < target) step.immediate()
}
