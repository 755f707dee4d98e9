import Database from 'better-sqlite3'
import {readFileSync, writeFileSync} from 'node:fs'

import {OPERATOR} from '../../src/core/actor.js'
import {CcpError} from '../../src/core/errors.js'
import {Ledger} from '../../src/core/ledger.js'
import {SCHEMA_VERSION} from '../../src/store/migrations.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {databaseFiles, databaseWithPendingWal} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function openError(path: string): CcpError {
  try {
    SqliteStore.open(path).close()
  } catch (error) {
    if (error instanceof CcpError) return error
    throw error
  }

  throw new Error(`${path} opened`)
}

describe('opening a database', () => {
  it('creates the file and missing folders, in WAL mode, at the current schema', () => {
    const path = temp.path('deep/er/ccp.db')
    const store = SqliteStore.open(path)
    expect(store.db.pragma('journal_mode', {simple: true})).toBe('wal')
    expect(store.db.pragma('foreign_keys', {simple: true})).toBe(1)
    expect(store.db.pragma('busy_timeout', {simple: true})).toBeGreaterThanOrEqual(5000)
    expect(store.db.pragma('user_version', {simple: true})).toBe(SCHEMA_VERSION)
    store.close()
  })

  it('upgrades a database made by the first schema version and keeps its data', () => {
    const path = temp.path('v1.db')
    // Rows as the first version wrote them, through its schema alone.
    const old = SqliteStore.open(path, {upTo: 1})
    old.db.exec(`
      INSERT INTO members (id, name, name_key, points, created_at) VALUES (1, 'alice', 'alice', 7, 1700000000000);
      INSERT INTO ledger (member_id, points, reason, actor_kind, source, created_at) VALUES (1, 7, 'from v1', 'operator', 'cli', 1700000000000);
    `)
    old.close()

    const store = SqliteStore.open(path)
    expect(store.db.pragma('user_version', {simple: true})).toBe(SCHEMA_VERSION)
    const ledger = new Ledger(store)
    expect(ledger.standings()).toEqual([{name: 'alice', points: 7, rank: 1, tier: 'Citizen'}])
    expect(ledger.history()).toMatchObject([{points: 7, reason: 'from v1'}])
    // Version 2 made the ledger append-only.
    expect(() => store.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/)
    store.close()
  })

  it('upgrades a version 5 ledger (undos and all) to take reaction awards, still append-only', () => {
    const path = temp.path('v5.db')
    const old = SqliteStore.open(path, {upTo: 5})
    old.db.exec(`
      INSERT INTO members (id, name, name_key, points, created_at) VALUES (1, 'alice', 'alice', 2, 1700000000000);
      INSERT INTO ledger (id, member_id, points, reason, actor_kind, source, created_at, idempotency_key) VALUES (1, 1, 5, 'cake', 'operator', 'cli', 1700000000000, 'k1');
      INSERT INTO ledger (id, member_id, points, actor_kind, source, created_at, undoes) VALUES (2, 1, -5, 'operator', 'undo', 1700000001000, 1);
      INSERT INTO ledger (id, member_id, points, actor_kind, actor_uuid, source, created_at) VALUES (3, 1, 2, 'chat', '22222222-2222-4222-8222-222222222222', 'chat', 1700000002000);
    `)
    expect(() => old.db.prepare("INSERT INTO ledger (member_id, points, actor_kind, source, created_at) VALUES (1, 1, 'chat', 'reaction', 1)").run()).toThrow(/CHECK/)
    old.close()

    const store = SqliteStore.open(path)
    const ledger = new Ledger(store)
    expect(ledger.history().map((entry) => [entry.id, entry.points, entry.source])).toEqual([[3, 2, 'chat'], [2, -5, 'undo'], [1, 5, 'cli']])
    expect(store.entryById(1)).toMatchObject({idempotencyKey: 'k1', undoneBy: 2})
    store.db.prepare("INSERT INTO ledger (member_id, points, actor_kind, source, created_at) VALUES (1, 1, 'chat', 'reaction', 1)").run()
    expect(() => store.db.prepare('UPDATE ledger SET points = 9').run()).toThrow(/append-only/)
    expect(() => store.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/)
    expect(() => store.db.prepare('INSERT INTO ledger (member_id, points, actor_kind, source, created_at, undoes) VALUES (1, 1, ?, ?, 1, 99)').run('operator', 'undo')).toThrow(/FOREIGN KEY/)
    expect(store.db.pragma('foreign_key_check')).toEqual([])
    const indexes = store.db.pragma('index_list(ledger)') as {name: string}[]
    expect(indexes.map((index) => index.name).filter((name) => !name.startsWith('sqlite_')).sort()).toEqual([
      'ledger_by_giver_number',
      'ledger_by_giver_uuid',
      'ledger_by_member',
      'ledger_by_time',
    ])
    store.close()
  })

  it('refuses a file that is not SQLite, and leaves it untouched', () => {
    const path = temp.path('notes.db')
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200))
    const before = readFileSync(path)
    expect(openError(path)).toMatchObject({code: 'DB_NOT_CCP', exitCode: 3})
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses another program's SQLite database, such as the old bot's points.db", () => {
    const path = temp.path('points.db')
    const seed = new Database(path)
    seed.exec('CREATE TABLE users (username TEXT PRIMARY KEY); CREATE TABLE user_points (username TEXT PRIMARY KEY, points INTEGER)')
    seed.close()
    const before = readFileSync(path)
    expect(openError(path)).toMatchObject({code: 'DB_NOT_CCP', exitCode: 3})
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses another program's WAL database whose tables are still in its -wal, leaving both byte for byte and making no -shm", () => {
    const path = temp.path('other.db')
    databaseWithPendingWal(path, 'CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)')
    const before = databaseFiles(path)
    expect(openError(path)).toMatchObject({code: 'DB_NOT_CCP', exitCode: 3})
    expect(databaseFiles(path)).toEqual(before)
  })

  it('knows a new ccp database while its schema is still in the WAL of the process that made it', () => {
    const path = temp.path('ccp.db')
    const maker = SqliteStore.open(path)
    new Ledger(maker).addMember({name: 'alice'})
    // The main file holds no schema yet: that is in maker's WAL, until a checkpoint.
    expect(readFileSync(path).readInt32BE(68)).toBe(0)
    const other = SqliteStore.open(path)
    expect(new Ledger(other).standings()).toMatchObject([{name: 'alice'}])
    other.close()
    maker.close()
  })

  it('refuses a database from a newer ccp, and leaves it untouched', () => {
    const path = temp.path('future.db')
    SqliteStore.open(path).close()
    const future = new Database(path)
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    future.close()
    const before = readFileSync(path)
    const error = openError(path)
    expect(error).toMatchObject({code: 'DB_TOO_NEW', exitCode: 3})
    expect(error.message).toMatch(/newer ccp/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })
})

describe('the stored ledger', () => {
  it('is append-only: entries cannot be changed or deleted, even by hand', () => {
    const store = SqliteStore.open(temp.path('ccp.db'))
    const ledger = new Ledger(store)
    ledger.addMember({name: 'alice'})
    ledger.award(OPERATOR, {points: 3, target: {name: 'alice'}})
    expect(() => store.db.prepare('UPDATE ledger SET points = 300').run()).toThrow(/append-only/)
    expect(() => store.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/)
    ledger.undo(OPERATOR)
    const rows = store.db.prepare('SELECT points, source, undoes FROM ledger ORDER BY id').all()
    expect(rows).toEqual([
      {points: 3, source: 'cli', undoes: null},
      {points: -3, source: 'undo', undoes: 1},
    ])
    store.close()
  })

  it('keeps each total equal to the sum of its entries', () => {
    const store = SqliteStore.open(':memory:')
    const ledger = new Ledger(store)
    for (const name of ['a1', 'b2', 'c3']) ledger.addMember({name})
    for (let i = 1; i <= 60; i++) ledger.award(OPERATOR, {points: (i % 7) - 3 || 1, target: {name: ['a1', 'b2', 'c3'][i % 3]}})
    ledger.undo(OPERATOR)
    ledger.undo(OPERATOR, {entryId: 5})
    const mismatched = store.db
      .prepare('SELECT m.name FROM members m WHERE m.points != (SELECT coalesce(sum(points), 0) FROM ledger WHERE member_id = m.id)')
      .all()
    expect(mismatched).toEqual([])
  })

  it('rolls back everything when a transaction fails half-way', () => {
    const store = SqliteStore.open(':memory:')
    const ledger = new Ledger(store)
    ledger.addMember({name: 'alice'})
    expect(() =>
      store.transaction(() => {
        ledger.award(OPERATOR, {points: 5, target: {name: 'alice'}})
        throw new Error('power cut')
      }),
    ).toThrow('power cut')
    expect(ledger.score({name: 'alice'}).points).toBe(0)
    expect(ledger.history()).toEqual([])
  })

  it('gives the settings anew as soon as they change, from this connection or another', () => {
    const path = temp.path('settings.db')
    const bot = SqliteStore.open(path)
    const cli = SqliteStore.open(path)
    const first = bot.storedSettings()
    expect(first).toEqual({})
    expect(bot.storedSettings()).toBe(first)
    cli.saveSetting('award.max', '50', 1)
    expect(bot.storedSettings()).toEqual({'award.max': '50'})
    bot.saveSetting('award.max', '20', 2)
    expect(bot.storedSettings()).toEqual({'award.max': '20'})
    expect(cli.storedSettings()).toEqual({'award.max': '20'})
    expect(() =>
      bot.transaction(() => {
        bot.saveSetting('award.max', '5', 3)
        expect(bot.storedSettings()).toEqual({'award.max': '5'})
        throw new Error('power cut')
      }),
    ).toThrow('power cut')
    expect(bot.storedSettings()).toEqual({'award.max': '20'})
    bot.transaction(() => {
      bot.saveSetting('award.max', '7', 4)
      expect(bot.storedSettings()).toEqual({'award.max': '7'})
    })
    expect(bot.storedSettings()).toEqual({'award.max': '7'})
    bot.saveSetting('award.max', '20', 5)
    expect(new Ledger(bot).settings().awardMax).toBe(20)
    cli.saveSetting('award.max', null, 6)
    expect(new Ledger(bot).settings().awardMax).toBe(100)
    bot.close()
    cli.close()
  })
})
