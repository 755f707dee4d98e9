import Database from 'better-sqlite3'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'

import {SCHEMA_VERSION} from '../../src/store/migrations.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('where the data lives', () => {
  it('defaults to ccp.db in $CCP_DATA_DIR, creating missing folders', async () => {
    const dataDir = temp.path('data/for/ccp')
    expect((await runCli(['adduser', 'alice'], {CCP_DATA_DIR: dataDir})).code).toBe(0)
    expect(existsSync(`${dataDir}/ccp.db`)).toBe(true)
    expect(JSON.parse((await runCli(['list', '--json'], {CCP_DATA_DIR: dataDir})).stdout)).toEqual([{name: 'alice', points: 0, rank: 1, tier: 'Citizen'}])
  })

  it('falls back to $XDG_DATA_HOME/ccp, then ~/.local/share/ccp', async () => {
    await runCli(['adduser', 'alice'], {XDG_DATA_HOME: temp.path('xdg')})
    expect(existsSync(temp.path('xdg/ccp/ccp.db'))).toBe(true)
    await runCli(['adduser', 'alice'], {HOME: temp.path('home'), XDG_DATA_HOME: ''})
    expect(existsSync(temp.path('home/.local/share/ccp/ccp.db'))).toBe(true)
  })

  it('takes CCP_DB over the data folder, and --db over CCP_DB', async () => {
    const env = {CCP_DATA_DIR: temp.path('data'), CCP_DB: temp.path('env.db')}
    await runCli(['adduser', 'viaenv'], env)
    await runCli(['adduser', 'viaflag', '--db', temp.path('flag.db')], env)
    expect(existsSync(temp.path('data/ccp.db'))).toBe(false)
    expect(JSON.parse((await runCli(['list', '--json'], env)).stdout)).toMatchObject([{name: 'viaenv'}])
    expect(JSON.parse((await runCli(['list', '--json', '--db', temp.path('flag.db')], env)).stdout)).toMatchObject([{name: 'viaflag'}])
  })
})

describe('a database that cannot be used', () => {
  async function expectRefused(db: string, code: string, message: RegExp): Promise<void> {
    for (const json of [false, true]) {
      const result = await runCli(['award', 'alice', '5', '--db', db, ...(json ? ['--json'] : [])])
      expect(result.code).toBe(3)
      expect(result.stderr).toMatch(message)
      if (json) expect(JSON.parse(result.stdout)).toEqual({error: {code, exitCode: 3, message: expect.any(String)}})
    }
  }

  it('refuses a file that is not a database, exit 3, and leaves it untouched', async () => {
    const db = temp.path('notes.txt')
    writeFileSync(db, 'shopping list: milk, eggs\n'.repeat(100))
    await expectRefused(db, 'DB_NOT_CCP', /is not an SQLite database; it was left untouched/)
    expect(readFileSync(db, 'utf8')).toBe('shopping list: milk, eggs\n'.repeat(100))
    expect(existsSync(`${db}-wal`)).toBe(false)
  })

  it('refuses a database from a newer ccp, exit 3, and leaves it untouched', async () => {
    const db = temp.path('future.db')
    SqliteStore.open(db).close()
    const raw = new Database(db)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    const before = readFileSync(db)
    await expectRefused(db, 'DB_TOO_NEW', /written by a newer ccp/)
    expect(readFileSync(db).equals(before)).toBe(true)
  })

  it('refuses a path it cannot create or open, exit 3', async () => {
    writeFileSync(temp.path('file'), 'x')
    await expectRefused(temp.path('file/ccp.db'), 'DB_OPEN', /Cannot create the folder for the database/)
    mkdirSync(temp.path('folder'))
    await expectRefused(temp.path('folder'), 'DB_OPEN', /Cannot open the database/)
  })
})
