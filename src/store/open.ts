import Database from 'better-sqlite3'
import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'

import {EnvironmentError} from '../core/errors.js'
import {APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION} from './migrations.js'
import {describeSqliteError} from './sqlite-errors.js'

export const BUSY_TIMEOUT_MS = 5000

export interface OpenOptions {
  /** Apply migrations only up to this version (tests build old databases with it). */
  upTo?: number
}

/**
 * Opens (or creates) a ccp database: checks that the file is ours and not from a newer ccp before
 * anything is written to it, then sets WAL and migrates. A refused file is left as it was.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  if (path !== ':memory:') makeParentFolder(path)
  let db: Database.Database
  try {
    db = new Database(path, {timeout: BUSY_TIMEOUT_MS})
  } catch (error) {
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

/** better-sqlite3 found no native addon that loads here: no prebuilt one fits, and none was built from source. */
function missingAddon(error: unknown): EnvironmentError | undefined {
  const {code, message} = error as {code?: unknown; message?: string}
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_DLOPEN_FAILED') return undefined
  return new EnvironmentError(
    'SQLITE_ADDON',
    `SQLite cannot load here: better-sqlite3 has no native addon for ${process.platform}-${process.arch} on Node ${process.version} (${message?.split('\n')[0]}). Build it from source with \`npm run build:sqlite\` in ccp's folder (needs python3, make and a C++ compiler).`,
  )
}

function makeParentFolder(path: string): void {
  try {
    mkdirSync(dirname(path), {recursive: true})
  } catch (error) {
    throw new EnvironmentError('DB_OPEN', `Cannot create the folder for the database ${path}: ${(error as Error).message}. Choose another place with --db.`)
  }
}

function checkOwnership(db: Database.Database, path: string): void {
  // Reading the header is the first touch of the file: a non-SQLite file fails here, unchanged.
  const version = db.pragma('user_version', {simple: true}) as number
  const applicationId = db.pragma('application_id', {simple: true}) as number
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {n: number}
  const isNew = version === 0 && applicationId === 0 && tables.n === 0
  if (!isNew && applicationId !== APPLICATION_ID) {
    throw new EnvironmentError('DB_NOT_CCP', `${path} is an SQLite database of another program, not a ccp database; it was left untouched. Point --db at a ccp database or a new file.`)
  }

  if (version > SCHEMA_VERSION) {
    throw new EnvironmentError(
      'DB_TOO_NEW',
      `${path} was written by a newer ccp (schema ${version}; this one knows up to ${SCHEMA_VERSION}); it was left untouched. Upgrade ccp to use it.`,
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
