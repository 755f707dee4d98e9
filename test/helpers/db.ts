import Database from 'better-sqlite3'
import {Ledger} from '../../src/core/ledger.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {copyFileSync, existsSync, readFileSync, renameSync, rmSync} from 'node:fs'

/** Everything stored in a ccp database, read behind the CLI's back, to prove that a command changed nothing. */
export function dumpDatabase(path: string): unknown {
  if (!existsSync(path)) return null
  const db = new Database(path, {readonly: true})
  try {
    return {
      entries: db.prepare('SELECT * FROM ledger ORDER BY id').all(),
      members: db.prepare('SELECT * FROM members ORDER BY id').all(),
      seasons: db.prepare('SELECT * FROM seasons ORDER BY id').all(),
      settings: db.prepare('SELECT key, value FROM settings ORDER BY key').all(),
    }
  } finally {
    db.close()
  }
}

/** The text of each message the bot's inbox holds, in the order received. */
export function storedInboxTexts(path: string): string[] {
  const db = new Database(path, {readonly: true})
  try {
    return (db.prepare('SELECT message FROM inbox ORDER BY id').all() as {message: string}[]).map((row) => (JSON.parse(row.message) as {text: string}).text)
  } finally {
    db.close()
  }
}

/** The cells of each body row of a cli-table3 table. */
export function tableRows(output: string): string[][] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .slice(1)
    .map((line) => line.split('│').slice(1, -1).map((cell) => cell.trim()))
}

/** Sets up a database in-process (faster than the CLI) before the command under test runs. */
export function seedDatabase(path: string, work: (ledger: Ledger) => void): void {
  const store = SqliteStore.open(path)
  try {
    work(new Ledger(store))
  } finally {
    store.close()
  }
}

/** Stores game settings, as `ccp config set` would (at `at`, a time in ms). */
export function seedSettings(path: string, settings: Record<string, string>, at = Date.now()): void {
  const store = SqliteStore.open(path)
  try {
    for (const [key, value] of Object.entries(settings)) store.saveSetting(key, value, at)
  } finally {
    store.close()
  }
}

/**
 * An SQLite database in WAL mode as a program that was killed leaves it: `sql` committed to the -wal file
 * and not yet checkpointed into the main file (which holds only the header), and no -shm.
 */
export function databaseWithPendingWal(path: string, sql: string): void {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('wal_autocheckpoint = 0')
  db.exec(sql)
  // Copied while the connection is open; closing it would checkpoint the WAL and remove it.
  copyFileSync(path, `${path}.copy`)
  copyFileSync(`${path}-wal`, `${path}.copy-wal`)
  db.close()
  renameSync(`${path}.copy`, path)
  renameSync(`${path}.copy-wal`, `${path}-wal`)
  rmSync(`${path}-shm`, {force: true})
}

/** The bytes of a database and of each side file SQLite may make beside it (null where there is none). */
export function databaseFiles(path: string): Record<string, Buffer | null> {
  return Object.fromEntries(['', '-wal', '-shm', '-journal'].map((suffix) => [suffix, existsSync(path + suffix) ? readFileSync(path + suffix) : null]))
}
