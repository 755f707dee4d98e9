import Database from 'better-sqlite3'
import {execFileSync} from 'node:child_process'
import {existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'

import {FakeSignalServer} from '../fake-signal/server.js'
import {cliOn, startEndlessWriter} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase} from '../helpers/db.js'
import {fillSampleLedger} from '../helpers/ledger.js'
import {formulaCells} from '../helpers/spreadsheet.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function seedSample(db: string): void {
  seedDatabase(db, fillSampleLedger)
}

/** The commands that write a file of the user's choosing, each with its arguments for that file. */
const FILE_WRITERS: [string, (file: string) => string[]][] = [
  ['export', (file) => ['export', '--output', file]],
  ['backup', (file) => ['backup', file, '--force']],
]

describe('ccp export and ccp import', () => {
  it.each(['json', 'csv'])('round-trip through %s into an empty database', async (format) => {
    const source = temp.path('source.db')
    seedSample(source)
    const file = temp.path(`ledger.${format}`)
    const exported = await cliOn(source).run('export', '--format', format, '--output', file)
    expect(exported).toMatchObject({code: 0, stdout: `Exported 4 members and 5 entries to ${file}.\n`})

    const target = temp.path('restored.db')
    const imported = await cliOn(target).run('import', file)
    expect(imported).toMatchObject({code: 0, stdout: `Imported 4 members and 5 entries from ${file}, plus 1 season.\n`})
    for (const command of [['list'], ['history', '--limit', '100']]) {
      expect(await cliOn(target).json(...command)).toEqual(await cliOn(source).json(...command))
    }

    expect(dumpDatabase(target)).toEqual(dumpDatabase(source))
  })

  it('writes no cell a spreadsheet would run as a formula, and imports the file back unchanged', async () => {
    const source = temp.path('source.db')
    const name = '=HYPERLINK("http://ev.il")'
    expect((await cliOn(source).run('adduser', name, '--number', '+15551110002')).code).toBe(0)
    expect((await cliOn(source).run('award', name, '-5', '--reason', '@SUM(1+1)*cmd|\' /C calc\'!A0')).code).toBe(0)
    const file = temp.path('ledger.csv')
    expect((await cliOn(source).run('export', '--format', 'csv', '--output', file)).code).toBe(0)
    expect(formulaCells(readFileSync(file, 'utf8'))).toEqual([])
    const target = temp.path('restored.db')
    expect((await cliOn(target).run('import', file)).code).toBe(0)
    expect(dumpDatabase(target)).toEqual(dumpDatabase(source))
    expect(await cliOn(target).json('history')).toMatchObject([{name, points: -5, reason: '@SUM(1+1)*cmd|\' /C calc\'!A0'}])
  })

  it('exports to stdout, and as the JSON result with --json', async () => {
    const db = temp.path('ccp.db')
    seedSample(db)
    const csv = await cliOn(db).run('export', '--format', 'csv')
    expect(csv.stdout.split('\n')[0]).toMatch(/^record,id,name,/)
    expect(csv.stdout.trim().split('\n')).toHaveLength(1 + 4 + 5 + 1)
    const json = await cliOn(db).json<{entries: unknown[]; members: unknown[]}>('export')
    expect([json.members.length, json.entries.length]).toEqual([4, 5])
  })

  it('refuses a bad file, naming its line, and imports nothing (not even a new, empty database)', async () => {
    const db = temp.path('ccp.db')
    const file = temp.path('bad.csv')
    writeFileSync(file, 'record,name,points\nmember,alice,10\nmember,bob,ten\n')
    const result = await cliOn(db).run('import', file)
    expect(result).toMatchObject({code: 1, stderr: 'Error: Line 3: points must be a whole number. Nothing was imported.\n'})
    expect(existsSync(db)).toBe(false)
    const json = await cliOn(db).run('import', file, '--json')
    expect(JSON.parse(json.stdout)).toMatchObject({error: {code: 'INVALID_IMPORT', exitCode: 1}})
  })

  it.each([
    ['an entry of 10^15', 'entry,1,,1,1000000000000000,cli,2026-01-01T00:00:00Z,operator', 'member,1,alice,,,,2026-01-01T00:00:00Z,', /^Error: Line 3: points: An award is a whole number from -1,000,000 to 1,000,000/],
    [
      'stated points whose opening balance lies past 2^53 - 1',
      'entry,1,,1,-1000000,cli,2026-01-01T00:00:00Z,operator',
      `member,1,alice,,${Number.MAX_SAFE_INTEGER},,2026-01-01T00:00:00Z,`,
      /^Error: Line 2: points: alice has 9,007,199,254,740,991 points, and their entries add up to -1,000,000;/,
    ],
  ])('refuses points beyond the bounds of an award (%s), exit 1, leaving an existing database as it was', async (_case, entry, member, message) => {
    const file = temp.path('crafted.csv')
    writeFileSync(file, ['record,id,name,memberId,points,source,createdAt,actorKind', member, entry, ''].join('\n'))
    const fresh = temp.path('fresh.db')
    expect(await cliOn(fresh).run('import', file)).toMatchObject({code: 1, stderr: expect.stringMatching(message)})
    expect(existsSync(fresh)).toBe(false)
    const seeded = temp.path('seeded.db')
    seedDatabase(seeded, () => {})
    const before = dumpDatabase(seeded)
    expect(await cliOn(seeded).run('import', file)).toMatchObject({code: 1, stderr: expect.stringMatching(message)})
    expect(dumpDatabase(seeded)).toEqual(before)
  })

  it('refuses to import into a database that has data', async () => {
    const db = temp.path('ccp.db')
    seedSample(db)
    const file = temp.path('more.csv')
    writeFileSync(file, 'record,name,points\nmember,zoe,10\n')
    const before = dumpDatabase(db)
    expect((await cliOn(db).run('import', file)).stderr).toMatch(/already holds 4 members/)
    expect(dumpDatabase(db)).toEqual(before)
  })

  it('says when the file cannot be read, exit 3', async () => {
    const result = await cliOn(temp.path('ccp.db')).run('import', temp.path('missing.json'))
    expect(result).toMatchObject({code: 3, stderr: expect.stringMatching(/Cannot read .*missing\.json: ENOENT/)})
  })
})

describe('where an export or a backup is written', () => {
  it.each([
    ['export --output', ['export', '--output', ''], '--output'],
    ['export --output (spaces)', ['export', '--output', ' '], '--output'],
    ['link --output', ['link', '--signal-url', 'http://127.0.0.1:9', '--output', ''], '--output'],
    ['backup', ['backup', ''], 'FILE'],
    ['import', ['import', ''], 'FILE'],
  ])('%s with a blank path is a usage error, exit 2, that writes nothing (not the export to stdout instead)', async (_case, args, label) => {
    const db = temp.path('ccp.db')
    seedSample(db)
    const before = dumpDatabase(db)
    const files = readdirSync(temp.path())
    expect(await cliOn(db).run(...args)).toEqual({code: 2, stderr: `Error: ${label} is empty: name a file.\n`, stdout: ''})
    expect(readdirSync(temp.path())).toEqual(files)
    expect(dumpDatabase(db)).toEqual(before)
  })

  it.each(FILE_WRITERS)('%s refuses a target that is not a file (a named pipe), exit 3, and leaves it as it was', async (_command, args) => {
    const db = temp.path('ccp.db')
    seedSample(db)
    const pipe = temp.path('pipe')
    execFileSync('mkfifo', [pipe])
    const result = await cliOn(db).run(...args(pipe))
    expect(result).toMatchObject({code: 3, stderr: `Error: Cannot write ${pipe}: it is a named pipe, not a file; nothing was written. Choose a file.\n`})
    expect(lstatSync(pipe).isFIFO()).toBe(true)
    expect(readdirSync(temp.path()).sort()).toEqual(['ccp.db', 'pipe'])
  })

  it.each(FILE_WRITERS)('%s through a symbolic link replaces the file it leads to, and keeps the link', async (_command, args) => {
    const db = temp.path('ccp.db')
    seedSample(db)
    mkdirSync(temp.path('kept'))
    writeFileSync(temp.path('kept/ledger'), 'old')
    symlinkSync(temp.path('kept/ledger'), temp.path('link'))
    expect((await cliOn(db).run(...args(temp.path('link')))).code).toBe(0)
    expect(lstatSync(temp.path('link')).isSymbolicLink()).toBe(true)
    expect(readFileSync(temp.path('kept/ledger'), 'utf8')).not.toBe('old')
  })

  it.each([
    ['export over the database', (db: string) => ['export', '--output', db]],
    ['export over its -wal', (db: string) => ['export', '--output', `${db}-wal`]],
    ['export over a link to it', () => ['export', '--output', temp.path('link.db')]],
    ['backup over the database', (db: string) => ['backup', db, '--force']],
    ['backup over its -shm', (db: string) => ['backup', `${db}-shm`, '--force']],
    ['backup over a link to it', () => ['backup', temp.path('link.db'), '--force']],
  ])('refuses to write over the database it reads (%s), exit 1, losing nothing', async (_case, args) => {
    const db = temp.path('ccp.db')
    seedSample(db)
    symlinkSync(db, temp.path('link.db'))
    const before = dumpDatabase(db)
    const result = await cliOn(db).run(...args(db))
    expect(result).toMatchObject({code: 1, stderr: expect.stringMatching(/^Error: .* is the database .*ccp\.db itself, or a file SQLite keeps beside it; write to another file\.\n$/)})
    expect(readdirSync(temp.path()).sort()).toEqual(['ccp.db', 'link.db'])
    expect(dumpDatabase(db)).toEqual(before)
  })

  it('ccp link --output refuses the database too', async () => {
    const fake = await FakeSignalServer.start({accounts: ['+15550000000']})
    try {
      const db = temp.path('ccp.db')
      seedSample(db)
      const before = readFileSync(db)
      const result = await cliOn(db).run('link', '--signal-url', fake.url, '--output', db, '--wait', '1')
      expect(result).toMatchObject({code: 1, stderr: expect.stringMatching(/is the database .* itself/)})
      expect(readFileSync(db).equals(before)).toBe(true)
    } finally {
      await fake.stop()
    }
  })
})

describe('ccp backup', () => {
  it('writes a consistent copy while another process keeps writing', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'alice'}))
    const writer = await startEndlessWriter(db, 'alice')
    const backups = []
    for (let i = 0; i < 3; i++) backups.push(await cliOn(db).run('backup', temp.path(`copy${i}.db`)))
    await writer.stop()

    for (const [i, result] of backups.entries()) {
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(new RegExp(`^Backed up 1 member and [\\d,]+ entries to .*copy${i}\\.db \\(\\d+ KiB\\)\\.\\n$`))
      const copy = new Database(temp.path(`copy${i}.db`), {readonly: true})
      expect(copy.pragma('integrity_check', {simple: true})).toBe('ok')
      const {entries, total} = copy.prepare("SELECT (SELECT count(*) FROM ledger) AS entries, points AS total FROM members WHERE name = 'alice'").get() as {
        entries: number
        total: number
      }
      expect(total).toBe(entries)
      expect(entries).toBeGreaterThan(0)
      copy.close()
    }

    expect(await cliOn(temp.path('copy2.db')).json('score', 'alice')).toMatchObject({name: 'alice'})
  })

  it('will not overwrite a file unless told to', async () => {
    const db = temp.path('ccp.db')
    seedSample(db)
    const target = temp.path('backup.db')
    writeFileSync(target, 'precious')
    const refused = await cliOn(db).run('backup', target)
    expect(refused).toMatchObject({code: 1, stderr: expect.stringMatching(/already exists; choose a new file, or pass --force/)})
    expect(readFileSync(target, 'utf8')).toBe('precious')
    const forced = await cliOn(db).json<{file: string; members: number}>('backup', target, '--force')
    expect(forced).toMatchObject({entries: 5, file: target, members: 4})
    expect(await cliOn(target).json('list')).toEqual(await cliOn(db).json('list'))
    expect(existsSync(`${db}.tmp`)).toBe(false)
  })
})
