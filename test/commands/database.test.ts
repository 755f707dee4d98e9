import Database from 'better-sqlite3'
import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {once} from 'node:events'
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'

import {COMMANDS} from '../../src/commands.js'
import {SCHEMA_VERSION} from '../../src/store/migrations.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {type CliResult, RUN_JS, runCli, userEnvironment} from '../helpers/cli.js'
import {databaseFiles, databaseWithPendingWal} from '../helpers/db.js'
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

describe('an empty database path', () => {
  // Nothing listens on port 9: a command that got past the check could reach no server either.
  const signal = ['--signal-url', 'http://127.0.0.1:9', '--number', '+15550000000']
  /** A well-formed call of every command, so that only the empty path can be what is refused. */
  const calls: Record<keyof typeof COMMANDS, string[]> = {
    adduser: ['adduser', 'zed'],
    announce: ['announce', '--dry-run'],
    award: ['award', 'zed', '5'],
    backup: ['backup', '/nonexistent/copy.db'],
    bind: ['bind', 'zed', '--number', '+15551110009'],
    chart: ['chart'],
    chat: ['chat'],
    'config:get': ['config', 'get', 'award.max'],
    'config:list': ['config', 'list'],
    'config:set': ['config', 'set', 'award.max', '5'],
    'config:unset': ['config', 'unset', 'award.max'],
    demo: ['demo'],
    doctor: ['doctor', ...signal],
    export: ['export'],
    groups: ['groups', ...signal],
    history: ['history'],
    import: ['import', '/nonexistent/ledger.json'],
    link: ['link', '--signal-url', 'http://127.0.0.1:9', '--wait', '1'],
    list: ['list'],
    recap: ['recap', '--dry-run'],
    remove: ['remove', 'zed'],
    rename: ['rename', 'zed', 'zoe'],
    score: ['score', 'zed'],
    'season:list': ['season', 'list'],
    'season:start': ['season', 'start'],
    serve: ['serve', ...signal],
    stats: ['stats'],
    undo: ['undo'],
  }

  /** The CLI, stopped if it runs past 20 s: a command that took the empty path for a database may serve on it for ever. */
  async function runBriefly(args: string[], env: Record<string, string>): Promise<CliResult> {
    const child = spawn(process.execPath, [RUN_JS, ...args], {env: userEnvironment(env), stdio: ['ignore', 'pipe', 'pipe']})
    const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const [code] = (await once(child, 'close')) as [null | number]
    clearTimeout(deadline)
    return {code, stderr, stdout}
  }

  it.each(Object.entries(calls))('%s: --db "" and an empty CCP_DB are usage errors (exit 2) that touch no database', async (_id, call) => {
    const dataDir = temp.path('data')
    const empty = await runBriefly([...call, '--db', ''], {CCP_DATA_DIR: dataDir})
    expect(empty).toMatchObject({code: 2, stderr: 'Error: The database path (--db or CCP_DB) is empty: name a database file, or leave it out to use ccp.db in the data folder.\n'})
    const blank = await runBriefly([...call, '--db', '  '], {CCP_DATA_DIR: dataDir})
    expect(blank).toMatchObject({code: 2, stderr: expect.stringMatching(/^Error: The database path \(--db or CCP_DB\) is empty/)})
    const unset = await runBriefly(call, {CCP_DATA_DIR: dataDir, CCP_DB: ''})
    expect(unset).toMatchObject({code: 2, stderr: 'Error: CCP_DB is set but empty: set it to a database file, or unset it to use ccp.db in the data folder.\n'})
    expect(existsSync(dataDir)).toBe(false)
    expect(readdirSync(temp.path())).toEqual([])
  })

  it('says so in JSON with --json', async () => {
    const result = await runCli(['adduser', 'zed', '--json'], {CCP_DB: ''})
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'DB_PATH_EMPTY', exitCode: 2, message: expect.stringMatching(/^CCP_DB is set but empty/)}})
  })

  it('takes --db over an empty CCP_DB', async () => {
    const db = temp.path('flag.db')
    expect(await runCli(['adduser', 'zed', '--db', db], {CCP_DB: ''})).toMatchObject({code: 0, stdout: 'Added zed.\n'})
    expect(JSON.parse((await runCli(['list', '--json', '--db', db])).stdout)).toMatchObject([{name: 'zed'}])
  })
})

describe('a database that cannot be used', () => {
  async function expectRefused(db: string, code: string, message: RegExp): Promise<void> {
    for (const json of [false, true]) {
      // adduser may create a database: the refusal is about the path, not a missing database.
      const result = await runCli(['adduser', 'alice', '--db', db, ...(json ? ['--json'] : [])])
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

  it("refuses another program's WAL database with a pending WAL, exit 3, leaving it and its -wal byte for byte", async () => {
    const db = temp.path('points.db')
    databaseWithPendingWal(db, "CREATE TABLE user_points (username TEXT PRIMARY KEY, points INTEGER); INSERT INTO user_points VALUES ('alice', 10)")
    const before = databaseFiles(db)
    expect(before['-wal']?.length).toBeGreaterThan(0)
    await expectRefused(db, 'DB_NOT_CCP', /is an SQLite database of another program, not a ccp database; it was left untouched/)
    expect(databaseFiles(db)).toEqual(before)
  })

  describe.each([
    ['character device', () => '/dev/null'],
    ['named pipe', () => {
      execFileSync('mkfifo', [temp.path('pipe')])
      return temp.path('pipe')
    }],
    ['socket', () => {
      // A socket file stays when the process that bound it ends without closing it.
      execFileSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(temp.path('socket'))}, () => process.exit(0))`])
      return temp.path('socket')
    }],
  ])('a %s', (what, make) => {
    afterEach(() => {
      // Before the fix, SQLite made /dev/null-journal (as root, who may).
      rmSync('/dev/null-journal', {force: true})
    })

    it('is refused, exit 3, with no side file made beside it', async () => {
      const db = make()
      await expectRefused(db, 'DB_OPEN', new RegExp(`^Error: Cannot open the database ${db}: it is a ${what}, not a file; nothing was created or changed\\. Point --db at a file\\.\n$`))
      for (const suffix of ['-journal', '-wal', '-shm']) expect(existsSync(db + suffix)).toBe(false)
    })
  })

  it('refuses a folder the kernel will not make, where mkdir says ENOENT of a parent that exists (/proc), and does not spin', async () => {
    await expectRefused('/proc/ccp-no-such-folder/ccp.db', 'DB_OPEN', /Cannot create the folder for the database \/proc\/ccp-no-such-folder\/ccp\.db: ENOENT/)
    const backup = await runCli(['backup', '/proc/ccp-no-such-folder/copy.db', '--db', ':memory:'])
    expect(backup).toMatchObject({code: 3, stderr: expect.stringContaining('Cannot create the folder /proc/ccp-no-such-folder for the backup')})
  })

  it('refuses a path it cannot create or open, exit 3', async () => {
    writeFileSync(temp.path('file'), 'x')
    await expectRefused(temp.path('file/ccp.db'), 'DB_OPEN', /Cannot create the folder for the database/)
    mkdirSync(temp.path('folder'))
    await expectRefused(temp.path('folder'), 'DB_OPEN', /Cannot open the database .*folder: it is a folder, not a file/)
  })
})

describe('a named pipe where the -wal of a database would be', () => {
  const temp = useTempDir()

  it('is refused at once, exit 3, instead of hanging the command on reading it', () => {
    const db = temp.path('empty.db')
    writeFileSync(db, '')
    execFileSync('mkfifo', [`${db}-wal`])
    const result = spawnSync(process.execPath, [RUN_JS, 'list', '--db', db], {encoding: 'utf8', env: userEnvironment(), timeout: 20_000})
    expect(result.signal).toBeNull()
    expect(result.status).toBe(3)
    expect(result.stderr).toContain('empty.db-wal is a named pipe, not a file')
  })
})
