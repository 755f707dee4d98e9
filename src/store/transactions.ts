import type Database from 'better-sqlite3'

import {describeSqliteError} from './sqlite-errors.js'

/**
 * One write transaction. IMMEDIATE takes the write lock up front, so concurrent writers wait (the
 * busy timeout) instead of failing half-way; SQLite's failures come out as EnvironmentErrors.
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  return translated(db, () => db.transaction(work).immediate())
}

/** One read transaction: a consistent view that, in WAL mode, never blocks writers. */
export function readTransaction<T>(db: Database.Database, work: () => T): T {
  return translated(db, () => db.transaction(work).deferred())
}

/** Runs statements (in a transaction or not) with SQLite's failures translated into the core's errors. */
export function translated<T>(db: Database.Database, work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw describeSqliteError(error, db.name)
  }
}
