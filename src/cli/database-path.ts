import {join} from 'node:path'

import {UsageError} from '../core/errors.js'

/**
 * The database a command uses: --db, else CCP_DB, else ccp.db in the data folder. An empty (or blank) value
 * is refused: SQLite takes "" as a temporary database that is gone when the command ends, and oclif passes
 * over an empty CCP_DB as if it were unset, which would quietly use the default database instead.
 */
export function databasePath(flag: string | undefined, env: NodeJS.ProcessEnv, dataDir: string): string {
  if (flag === undefined && env.CCP_DB !== undefined && env.CCP_DB.trim() === '') {
    throw new UsageError('DB_PATH_EMPTY', 'CCP_DB is set but empty: set it to a database file, or unset it to use ccp.db in the data folder.')
  }

  if (flag !== undefined && flag.trim() === '') {
    throw new UsageError('DB_PATH_EMPTY', 'The database path (--db or CCP_DB) is empty: name a database file, or leave it out to use ccp.db in the data folder.')
  }

  return flag ?? join(dataDir, 'ccp.db')
}
