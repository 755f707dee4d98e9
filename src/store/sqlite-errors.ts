import {CcpError, EnvironmentError} from '../core/errors.js'

/**
 * Turns what better-sqlite3 throws into one sentence a user can act on. Errors that are already
 * ours pass through; anything that is not an SQLite error is left for the caller.
 */
export function describeSqliteError(error: unknown, path: string): unknown {
  if (error instanceof CcpError) return error
  const code = (error as {code?: unknown}).code
  const message = (error as Error).message ?? String(error)
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error
  if (code === 'SQLITE_NOTADB') return notSqliteError(path)

  if (code.startsWith('SQLITE_CORRUPT')) {
    return new EnvironmentError('DB_CORRUPT', `The database ${path} is damaged (${message}). Restore it from a backup.`)
  }

  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new EnvironmentError('DB_BUSY', `The database ${path} stayed locked by another process for too long; nothing was changed. Try again.`)
  }

  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    return new EnvironmentError('DB_READONLY', `The database ${path} cannot be written (${message}); nothing was changed. Check the file's permissions.`)
  }

  if (code === 'SQLITE_FULL') {
    return new EnvironmentError('DB_FULL', `The disk holding ${path} is full; nothing was changed. Free some space and try again.`)
  }

  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new EnvironmentError('DB_OPEN', `Cannot open the database ${path}. Check that the path exists and is readable, or choose another with --db.`)
  }

  return new EnvironmentError('DB_ERROR', `The database ${path} failed: ${message}. Nothing was changed.`)
}

export function notSqliteError(path: string): EnvironmentError {
  return new EnvironmentError('DB_NOT_CCP', `${path} is not an SQLite database; it was left untouched. Point --db at a ccp database or a new file.`)
}
