import type Database from 'better-sqlite3'
import {rmSync} from 'node:fs'

import type {Actor} from '../core/actor.js'
import {EnvironmentError} from '../core/errors.js'
import type {SignalIdentity} from '../core/identity.js'
import type {EntryQuery, EntryRecord, EntrySource, GivenAward, LedgerDatabase, LedgerStore, MemberRecord, NewEntry, NewMember, ReactionRecord, Season, StandingRow} from '../core/ports.js'
import {createPrivateFile} from '../lib/private-files.js'
import {SCHEMA_VERSION} from './migrations.js'
import {openDatabase, type OpenOptions, plainFileName} from './open.js'
import {Statements} from './statements.js'
import {readTransaction, translated, writeTransaction} from './transactions.js'

interface MemberRow {
  created_at: number
  id: number
  name: string
  name_key: string
  number: null | string
  points: number
  removed_at: null | number
  uuid: null | string
}

interface EntryRow {
  actor_kind: 'chat' | 'operator'
  actor_name: null | string
  actor_number: null | string
  actor_uuid: null | string
  created_at: number
  id: number
  idempotency_key: null | string
  member_id: number
  member_name: string
  points: number
  reason: null | string
  source: EntrySource
  undoes: null | number
  undone_by: null | number
}

// The member's name by a subquery, not a JOIN: SQLite 3.54 (better-sqlite3 13) runs a JOIN with a bound
// parameter several times slower, and these reads happen for every award the bot handles (npm run bench).
const ENTRY_COLUMNS = `
  l.id, l.member_id, (SELECT m.name FROM members m WHERE m.id = l.member_id) AS member_name, l.points, l.reason, l.actor_kind, l.actor_uuid, l.actor_number,
  l.actor_name, l.source, l.created_at, l.undoes, l.idempotency_key,
  (SELECT u.id FROM ledger u WHERE u.undoes = l.id) AS undone_by`
const ENTRY_FROM = 'FROM ledger l'
const PRESENT = 'removed_at IS NULL'

/** The ledger on an SQLite file (or `:memory:`), through better-sqlite3. Its methods throw the core's errors, never SQLite's. */
export class SqliteStore implements LedgerDatabase, LedgerStore {
  readonly schemaVersion = SCHEMA_VERSION

  private readonly statements: Statements
  private settingsRead?: {settings: Readonly<Record<string, string>>; version: number}
  /** A setting saved in a transaction still open: it may yet roll back, so nothing read meanwhile is kept. */
  private settingSavedInTransaction = false

  constructor(readonly db: Database.Database) {
    this.statements = new Statements(db)
  }

  static open(path: string, options?: OpenOptions): SqliteStore {
    return new SqliteStore(openDatabase(path, options))
  }

  get path(): string {
    return this.db.name
  }

  checkWritable(): void {
    this.transaction(() => undefined)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  transaction<T>(work: () => T): T {
    return writeTransaction(this.db, work)
  }

  readTransaction<T>(work: () => T): T {
    return readTransaction(this.db, work)
  }

  activeMemberByKey(key: string): MemberRecord | undefined {
    return this.sqlite(() => this.member(`SELECT * FROM members WHERE name_key = ? AND ${PRESENT}`, key))
  }

  activeMemberByNumber(number: string): MemberRecord | undefined {
    return this.sqlite(() => this.member(`SELECT * FROM members WHERE number = ? AND ${PRESENT}`, number))
  }

  activeMemberByUuid(uuid: string): MemberRecord | undefined {
    return this.sqlite(() => this.member(`SELECT * FROM members WHERE uuid = ? AND ${PRESENT}`, uuid))
  }

  memberById(id: number): MemberRecord | undefined {
    return this.sqlite(() => this.member('SELECT * FROM members WHERE id = ?', id))
  }

  insertMember(member: NewMember): MemberRecord {
    return this.sqlite(() => {
      const result = this.statements.get(
        'INSERT INTO members (id, name, name_key, uuid, number, created_at, removed_at) VALUES (@id, @name, @key, @uuid, @number, @createdAt, @removedAt)',
      ).run({...member, id: member.id ?? null, removedAt: member.removedAt ?? null})
      return this.memberById(Number(result.lastInsertRowid))!
    })
  }

  renameMember(id: number, name: string, key: string): void {
    this.sqlite(() => this.statements.get('UPDATE members SET name = ?, name_key = ? WHERE id = ?').run(name, key, id))
  }

  bindMember(id: number, uuid: null | string, number: null | string): void {
    this.sqlite(() => this.statements.get('UPDATE members SET uuid = ?, number = ? WHERE id = ?').run(uuid, number, id))
  }

  removeMember(id: number, removedAt: number): void {
    this.sqlite(() => this.statements.get('UPDATE members SET removed_at = ? WHERE id = ?').run(removedAt, id))
  }

  appendEntry(entry: NewEntry): EntryRecord {
    return this.sqlite(() => {
      const actor = actorColumns(entry.actor)
      const result = this.statements.get(
        `INSERT INTO ledger (id, member_id, points, reason, actor_kind, actor_uuid, actor_number, actor_name, source, created_at, undoes, idempotency_key)
         VALUES (@id, @memberId, @points, @reason, @kind, @uuid, @number, @name, @source, @createdAt, @undoes, @idempotencyKey)`,
      ).run({...entry, ...actor, id: entry.id ?? null, idempotencyKey: entry.idempotencyKey ?? null, undoes: entry.undoes ?? null})
      this.statements.get('UPDATE members SET points = points + ? WHERE id = ?').run(entry.points, entry.memberId)
      return this.entryById(Number(result.lastInsertRowid))!
    })
  }

  entryById(id: number): EntryRecord | undefined {
    return this.sqlite(() => this.entry(`SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM} WHERE l.id = ?`, id))
  }

  entryByIdempotencyKey(key: string): EntryRecord | undefined {
    return this.sqlite(() => this.entry(`SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM} WHERE l.idempotency_key = ?`, key))
  }

  latestUndoableEntry(by?: Actor): EntryRecord | undefined {
    return this.sqlite(() => {
      const byActor = by === undefined ? '' : by.kind === 'operator' ? "AND l.actor_kind = 'operator'" : 'AND (l.actor_uuid = @uuid OR l.actor_number = @number)'
      return this.entry(
        `SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM}
         WHERE l.undoes IS NULL AND (SELECT m.removed_at FROM members m WHERE m.id = l.member_id) IS NULL AND NOT EXISTS (SELECT 1 FROM ledger u WHERE u.undoes = l.id) ${byActor}
         ORDER BY l.id DESC LIMIT 1`,
        ...(by?.kind === 'chat' ? [{number: by.number, uuid: by.uuid}] : []),
      )
    })
  }

  entries(query: EntryQuery): EntryRecord[] {
    return this.sqlite(() => {
      const where = query.memberId === undefined ? '' : 'WHERE l.member_id = @memberId'
      const rows = this.statements.get(`SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM} ${where} ORDER BY l.id DESC LIMIT @limit`).all({
        limit: query.limit ?? -1,
        memberId: query.memberId,
      }) as EntryRow[]
      return rows.map((row) => toEntry(row))
    })
  }

  allTimeStandings(limit?: number): StandingRow[] {
    return this.sqlite(() => this.statements.get(`SELECT name, name_key AS key, points, points AS total FROM members WHERE ${PRESENT} ORDER BY points DESC, name_key LIMIT ?`).all(limit ?? -1) as StandingRow[])
  }

  countMembersAbove(points: number): number {
    return this.sqlite(() => (this.statements.get(`SELECT count(*) AS n FROM members WHERE ${PRESENT} AND points > ?`).get(points) as {n: number}).n)
  }

  counts(): {entries: number; members: number} {
    return this.sqlite(() => {
      return this.statements.get('SELECT (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM ledger) AS entries').get() as {
        entries: number
        members: number
      }
    })
  }

  allMembers(): MemberRecord[] {
    return this.sqlite(() => (this.statements.get('SELECT * FROM members ORDER BY id').all() as MemberRow[]).map((row) => toMember(row)))
  }

  allEntries(): EntryRecord[] {
    return this.sqlite(() => (this.statements.get(`SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM} ORDER BY l.id`).all() as EntryRow[]).map((row) => toEntry(row)))
  }

  chatAwardsBy(giver: SignalIdentity, since: number): GivenAward[] {
    return this.sqlite(() => {
      return this.statements.get(
        `SELECT member_id AS memberId, points, created_at AS createdAt, source FROM ledger l
         WHERE source IN ('chat', 'reaction') AND created_at >= @since AND (actor_uuid = @uuid OR actor_number = @number)
           AND NOT EXISTS (SELECT 1 FROM ledger u WHERE u.undoes = l.id)`,
      ).all({number: giver.number, since, uuid: giver.uuid}) as GivenAward[]
    })
  }

  reactionAward(reactors: readonly string[], authors: readonly string[], targetSentAt: number): ReactionRecord | undefined {
    if (reactors.length === 0 || authors.length === 0) return undefined
    return this.sqlite(() => {
      // Each person has at most two keys: the statement text stays among a handful of cached ones.
      const marks = (keys: readonly string[]) => keys.map(() => '?').join(', ')
      return this.statements
        .get(
          `SELECT reactor, author, target_sent_at AS targetSentAt, reacted_at AS reactedAt, entry_id AS entryId FROM reactions
           WHERE reactor IN (${marks(reactors)}) AND author IN (${marks(authors)}) AND target_sent_at = ?
           ORDER BY reacted_at DESC LIMIT 1`,
        )
        .get(...reactors, ...authors, targetSentAt) as ReactionRecord | undefined
    })
  }

  deleteReactionAward(record: Pick<ReactionRecord, 'author' | 'reactor' | 'targetSentAt'>): void {
    this.sqlite(() => {
      this.statements.get('DELETE FROM reactions WHERE reactor = ? AND author = ? AND target_sent_at = ?').run(record.reactor, record.author, record.targetSentAt)
    })
  }

  allReactions(): ReactionRecord[] {
    return this.sqlite(() => {
      return this.statements
        .get(
          `SELECT reactor, author, target_sent_at AS targetSentAt, reacted_at AS reactedAt, entry_id AS entryId FROM reactions
           ORDER BY reactor, author, target_sent_at`,
        )
        .all() as ReactionRecord[]
    })
  }

  saveReactionAward(record: ReactionRecord): void {
    this.sqlite(() => {
      this.statements
        .get(
          `INSERT INTO reactions (reactor, author, target_sent_at, reacted_at, entry_id) VALUES (@reactor, @author, @targetSentAt, @reactedAt, @entryId)
           ON CONFLICT (reactor, author, target_sent_at) DO UPDATE SET reacted_at = excluded.reacted_at, entry_id = excluded.entry_id`,
        )
        .run(record)
    })
  }

  awardActivity(from: number, to: number): {awards: number; givers: number} {
    return this.sqlite(() => {
      // The operator is one giver; a chat giver is their UUID, else their number.
      return this.statements.get(
        `SELECT count(*) AS awards,
           count(DISTINCT CASE actor_kind WHEN 'operator' THEN 'operator' ELSE coalesce(actor_uuid, actor_number) END) AS givers
         FROM ledger l
         WHERE source NOT IN ('undo', 'import') AND created_at >= @from AND created_at < @to
           AND NOT EXISTS (SELECT 1 FROM ledger u WHERE u.undoes = l.id)`,
      ).get({from, to}) as {awards: number; givers: number}
    })
  }

  windowStandings(from: number, to: number, limit?: number): StandingRow[] {
    return this.sqlite(() => {
      return this.statements.get(
        `SELECT m.name, m.name_key AS key, m.points AS total, coalesce(w.points, 0) AS points
         FROM members m LEFT JOIN (
           SELECT l.member_id, sum(l.points) AS points FROM ledger l LEFT JOIN ledger o ON o.id = l.undoes
           WHERE coalesce(o.created_at, l.created_at) >= @from AND coalesce(o.created_at, l.created_at) < @to
           GROUP BY l.member_id
         ) w ON w.member_id = m.id
         WHERE m.removed_at IS NULL
         ORDER BY points DESC, m.name_key LIMIT @limit`,
      ).all({from, limit: limit ?? -1, to}) as StandingRow[]
    })
  }

  /**
   * The same object until the settings may have changed: the bot reads them for every message. SQLite's
   * data_version moves when another connection (ccp config set) commits; this connection's own changes go
   * through saveSetting.
   */
  storedSettings(): Readonly<Record<string, string>> {
    return this.sqlite(() => {
      const version = this.statements.get('PRAGMA data_version').pluck().get() as number
      if (this.settingSavedInTransaction && !this.db.inTransaction) this.settingSavedInTransaction = false
      if (this.settingsRead?.version === version) return this.settingsRead.settings
      const rows = this.statements.get('SELECT key, value FROM settings').all() as {key: string; value: string}[]
      const settings = Object.freeze(Object.fromEntries(rows.map((row) => [row.key, row.value])))
      if (!this.settingSavedInTransaction) this.settingsRead = {settings, version}
      return settings
    })
  }

  saveSetting(key: string, value: null | string, at: number): void {
    return this.sqlite(() => {
      this.settingsRead = undefined
      this.settingSavedInTransaction = this.db.inTransaction
      const saved =
        value === null
          ? this.statements.get('DELETE FROM settings WHERE key = ?').run(key)
          : this.statements
              .get('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at WHERE value IS NOT excluded.value')
              .run(key, value, at)
      // Only a change counts: the same value again, or an unset of a setting not stored, keeps the time it had.
      if (saved.changes > 0) {
        this.statements.get('INSERT INTO setting_changes (key, changed_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET changed_at = excluded.changed_at').run(key, at)
      }
    })
  }

  settingsChangedAt(keys: readonly string[]): number | undefined {
    return this.sqlite(() => {
      const at = this.statements.get('SELECT max(changed_at) FROM setting_changes WHERE key IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(keys)) as null | number
      return at ?? undefined
    })
  }

  seasons(): Season[] {
    return this.sqlite(() => this.statements.get('SELECT id, name, started_at AS startedAt FROM seasons ORDER BY started_at, id').all() as Season[])
  }

  addSeason(name: string, key: string, startedAt: number): Season {
    return this.sqlite(() => {
      const result = this.statements.get('INSERT INTO seasons (name, name_key, started_at) VALUES (?, ?, ?)').run(name, key, startedAt)
      return {id: Number(result.lastInsertRowid), name, startedAt}
    })
  }

  /**
   * Copies the database to a new `file` with SQLite's online backup: consistent even while others write.
   * The file is made here, private, for SQLite to fill (it would create it world-readable).
   */
  async backup(file: string): Promise<void> {
    let created: boolean
    try {
      created = createPrivateFile(file)
    } catch (error) {
      throw new EnvironmentError('BACKUP_FAILED', (error as NodeJS.ErrnoException).code ?? (error as Error).message)
    }

    // Someone else's file is not ours to write over, nor to remove.
    if (!created) throw new EnvironmentError('BACKUP_FAILED', `${file} appeared while the backup started`)
    try {
      await this.db.backup(plainFileName(file))
    } catch (error) {
      for (const leftover of [file, `${file}-journal`]) rmSync(leftover, {force: true})
      throw new EnvironmentError('BACKUP_FAILED', (error as Error).message)
    }
  }

  /** Runs statements outside `transaction` and `readTransaction`, with SQLite's failures translated as there. */
  private sqlite<T>(work: () => T): T {
    return translated(this.db, work)
  }

  private member(sql: string, ...params: unknown[]): MemberRecord | undefined {
    const row = this.statements.get(sql).get(...params) as MemberRow | undefined
    return row && toMember(row)
  }

  private entry(sql: string, ...params: unknown[]): EntryRecord | undefined {
    const row = this.statements.get(sql).get(...params) as EntryRow | undefined
    return row && toEntry(row)
  }
}

/** An empty name, number or UUID is stored as none: an export (CSV above all) could not tell the two apart. */
function actorColumns(actor: Actor): {kind: string; name: null | string; number: null | string; uuid: null | string} {
  return actor.kind === 'operator'
    ? {kind: 'operator', name: null, number: null, uuid: null}
    : {kind: 'chat', name: actor.profileName || null, number: actor.number || null, uuid: actor.uuid || null}
}

function toMember(row: MemberRow): MemberRecord {
  return {
    createdAt: row.created_at,
    id: row.id,
    key: row.name_key,
    name: row.name,
    number: row.number,
    points: row.points,
    removedAt: row.removed_at,
    uuid: row.uuid,
  }
}

function toEntry(row: EntryRow): EntryRecord {
  const actor: Actor =
    row.actor_kind === 'operator'
      ? {kind: 'operator'}
      : {kind: 'chat', number: row.actor_number, profileName: row.actor_name, uuid: row.actor_uuid}
  return {
    actor,
    createdAt: row.created_at,
    id: row.id,
    idempotencyKey: row.idempotency_key,
    memberId: row.member_id,
    memberName: row.member_name,
    points: row.points,
    reason: row.reason,
    source: row.source,
    undoes: row.undoes,
    undoneBy: row.undone_by,
  }
}
