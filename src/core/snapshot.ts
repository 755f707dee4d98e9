import type {Actor} from './actor.js'
import {RuleError} from './errors.js'
import {parsePhoneNumber, parseUuid} from './identity.js'
import {checkStoredName, nameKey} from './names.js'
import {checkTotal} from './points.js'
import {ENTRY_SOURCES, type EntrySource, type LedgerStore} from './ports.js'
import {validateReason} from './reason.js'
import {checkSeasonName} from './seasons.js'
import {checkSettingKey, checkSettingValue} from './settings.js'

/** A whole ledger as exported: every member ever added and every entry, in the order they happened. */
export interface Snapshot {
  entries: SnapshotEntry[]
  members: SnapshotMember[]
  seasons: SnapshotSeason[]
  settings: SnapshotSetting[]
}

export interface SnapshotSeason {
  name: string
  startedAt: string
}

export interface SnapshotSetting {
  key: string
  value: string
}

export interface SnapshotMember {
  createdAt: string
  id: number
  name: string
  number: null | string
  points: number
  removedAt: null | string
  uuid: null | string
}

export interface SnapshotEntry {
  actorKind: Actor['kind']
  actorName: null | string
  actorNumber: null | string
  actorUuid: null | string
  createdAt: string
  id: number
  idempotencyKey: null | string
  /** The member's name, for people reading the file; `memberId` is what links. */
  member: string
  memberId: number
  points: number
  reason: null | string
  source: EntrySource
  undoes: null | number
}

/** A record read from a file, with the line it starts on so that errors can point at it. */
export interface LocatedRecord {
  kind: 'entry' | 'member' | 'season' | 'setting'
  line: number
  value: Record<string, unknown>
}

/** Reads the whole ledger in one read transaction: consistent, and the bot keeps writing meanwhile. */
export function takeSnapshot(store: LedgerStore): Snapshot {
  return store.snapshot(() => readSnapshot(store))
}

function readSnapshot(store: LedgerStore): Snapshot {
  const members = store.allMembers().map((member) => ({
    createdAt: iso(member.createdAt),
    id: member.id,
    name: member.name,
    number: member.number,
    points: member.points,
    removedAt: member.removedAt === null ? null : iso(member.removedAt),
    uuid: member.uuid,
  }))
  const entries = store.allEntries().map((entry) => ({
    actorKind: entry.actor.kind,
    actorName: entry.actor.kind === 'chat' ? entry.actor.profileName : null,
    actorNumber: entry.actor.kind === 'chat' ? entry.actor.number : null,
    actorUuid: entry.actor.kind === 'chat' ? entry.actor.uuid : null,
    createdAt: iso(entry.createdAt),
    id: entry.id,
    idempotencyKey: entry.idempotencyKey,
    member: entry.memberName,
    memberId: entry.memberId,
    points: entry.points,
    reason: entry.reason,
    source: entry.source,
    undoes: entry.undoes,
  }))
  const seasons = store.seasons().map((season) => ({name: season.name, startedAt: iso(season.startedAt)}))
  const settings = Object.entries(store.storedSettings()).map(([key, value]) => ({key, value}))
  return {entries, members, seasons, settings}
}

export interface RestoreResult {
  entries: number
  members: number
  seasons: number
  settings: number
  /** Entries added because a member's stated points differed from the sum of their entries. */
  openingBalances: number
}

/**
 * Loads validated records into an empty ledger, keeping ids, times and sources, so that the standings
 * and history come back as they were. A member whose `points` exceed the sum of their entries (a
 * hand-written file, a migration) gets an `import` entry for the difference. All or nothing.
 */
export function restoreSnapshot(store: LedgerStore, records: LocatedRecord[]): RestoreResult {
  const {entries, members, seasons, settings} = validateRecords(records)
  return store.transaction(() => {
    const counts = store.counts()
    if (counts.members > 0 || counts.entries > 0 || store.seasons().length > 0) {
      throw new RuleError(
        'NOT_EMPTY',
        `This database already holds ${counts.members} members and ${counts.entries} entries; import into a new one (for example --db restored.db).`,
      )
    }

    // Removed members come back removed, so that their names and identities never clash with present ones.
    for (const member of members) {
      store.insertMember({
        createdAt: time(member.createdAt),
        id: member.id,
        key: nameKey(member.name),
        name: member.name,
        number: member.number,
        removedAt: member.removedAt === null ? null : time(member.removedAt),
        uuid: member.uuid,
      })
    }

    const totals = new Map(members.map((member) => [member.id, 0]))
    for (const entry of entries) {
      totals.set(entry.memberId, totals.get(entry.memberId)! + entry.points)
      store.appendEntry({...entry, actor: actorOf(entry), createdAt: time(entry.createdAt)})
    }

    let openingBalances = 0
    for (const member of members) {
      const difference = member.points - totals.get(member.id)!
      if (difference !== 0) {
        // Dated when the member joined: a balance carried over is no gain in this week's standings.
        store.appendEntry({
          actor: {kind: 'operator'},
          createdAt: time(member.createdAt),
          memberId: member.id,
          points: difference,
          reason: 'opening balance (import)',
          source: 'import',
        })
        openingBalances++
      }
    }

    for (const season of seasons) store.addSeason(season.name, nameKey(season.name), time(season.startedAt))
    for (const setting of settings) store.saveSetting(setting.key, setting.value, Date.now())
    return {entries: entries.length, members: members.length, openingBalances, seasons: seasons.length, settings: settings.length}
  })
}

function validateRecords(records: LocatedRecord[]): Snapshot {
  const members: SnapshotMember[] = []
  const entries: SnapshotEntry[] = []
  const memberById = new Map<number, SnapshotMember>()
  const entryById = new Map<number, SnapshotEntry>()
  const undone = new Set<number>()
  const present = new Map<string, number>()
  const totals = new Map<number, number>()
  const keys = new Set<string>()
  let nextMemberId = 1
  for (const record of records.filter((r) => r.kind === 'member')) {
    const field = new FieldReader(record)
    const member: SnapshotMember = {
      createdAt: field.time('createdAt', new Date(0).toISOString()),
      id: field.id('id', nextMemberId),
      name: field.check('name', (value) => checkStoredName(String(value ?? ''))),
      number: field.check('number', (value) => (value ? parsePhoneNumber(String(value)) : null)),
      points: field.integer('points', 0),
      removedAt: field.optionalTime('removedAt'),
      uuid: field.check('uuid', (value) => (value ? parseUuid(String(value)) : null)),
    }
    if (memberById.has(member.id)) field.fail(`member id ${member.id} appears twice`)
    field.checkTotal(member.name, member.points)
    if (member.removedAt === null) {
      const identities = [['name', nameKey(member.name)], ['uuid', member.uuid], ['number', member.number]] as const
      for (const [label, value] of identities) {
        if (value === null) continue
        const earlier = present.get(`${label}:${value}`)
        if (earlier) field.fail(`${label} ${JSON.stringify(value)} already belongs to the member on line ${earlier}`)
        present.set(`${label}:${value}`, record.line)
      }
    }

    memberById.set(member.id, member)
    totals.set(member.id, 0)
    members.push(member)
    nextMemberId = Math.max(nextMemberId, member.id + 1)
  }

  let lastEntryId = 0
  for (const record of records.filter((r) => r.kind === 'entry')) {
    const field = new FieldReader(record)
    const entry: SnapshotEntry = {
      actorKind: field.oneOf('actorKind', ['operator', 'chat'] as const),
      actorName: field.optionalText('actorName'),
      actorNumber: field.check('actorNumber', (value) => (value ? parsePhoneNumber(String(value)) : null)),
      actorUuid: field.check('actorUuid', (value) => (value ? parseUuid(String(value)) : null)),
      createdAt: field.time('createdAt'),
      id: field.id('id'),
      idempotencyKey: field.optionalText('idempotencyKey'),
      member: field.optionalText('member') ?? '',
      memberId: field.id('memberId'),
      points: field.integer('points'),
      reason: field.check('reason', (value) => validateReason(value === null || value === undefined ? null : String(value))),
      source: field.oneOf('source', ENTRY_SOURCES),
      undoes: field.optionalId('undoes'),
    }
    if (entry.id <= lastEntryId) field.fail(`entry ids must increase; ${entry.id} comes after ${lastEntryId}`)
    const member = memberById.get(entry.memberId)
    if (!member) field.fail(`memberId ${entry.memberId} matches no member in the file`)
    if (entry.points === 0) field.fail('points must not be 0')
    if (entry.idempotencyKey !== null) {
      if (keys.has(entry.idempotencyKey)) field.fail(`idempotencyKey ${JSON.stringify(entry.idempotencyKey)} appears twice`)
      keys.add(entry.idempotencyKey)
    }

    if ((entry.source === 'undo') !== (entry.undoes !== null)) field.fail('an entry has "undoes" exactly when its source is "undo"')
    if (entry.undoes !== null) {
      const target = entryById.get(entry.undoes)
      if (!target || target.memberId !== entry.memberId || target.points !== -entry.points || target.source === 'undo') {
        field.fail(`undoes ${entry.undoes}, which is no earlier award of ${-entry.points} to the same member`)
      }

      if (undone.has(entry.undoes)) field.fail(`entry ${entry.undoes} is undone twice`)
      undone.add(entry.undoes)
    }

    const total = totals.get(entry.memberId)! + entry.points
    field.checkTotal(member!.name, total)
    totals.set(entry.memberId, total)
    entryById.set(entry.id, entry)
    entries.push(entry)
    lastEntryId = entry.id
  }

  return {entries, members, ...validateExtras(records)}
}

/** Seasons and settings: the game as it was set up, so that a restore plays the same. */
function validateExtras(records: LocatedRecord[]): Pick<Snapshot, 'seasons' | 'settings'> {
  const seasons: SnapshotSeason[] = []
  const seasonLines = new Map<string, number>()
  for (const record of records.filter((r) => r.kind === 'season')) {
    const field = new FieldReader(record)
    const season = {name: field.check('name', (value) => checkSeasonName(String(value ?? ''))), startedAt: field.time('startedAt')}
    const earlier = seasonLines.get(nameKey(season.name))
    if (earlier) field.fail(`season ${JSON.stringify(season.name)} already appears on line ${earlier}`)
    seasonLines.set(nameKey(season.name), record.line)
    seasons.push(season)
  }

  const settings = records
    .filter((r) => r.kind === 'setting')
    .map((record) => {
      const field = new FieldReader(record)
      const key = field.check('key', (value) => checkSettingKey(String(value ?? '')))
      return {key, value: field.check('value', (value) => checkSettingValue(key, String(value ?? '')))}
    })
  return {seasons, settings}
}

/** Reads one field of a record; every failure names the record's line. */
class FieldReader {
  constructor(private readonly record: LocatedRecord) {}

  check<T>(name: string, read: (value: unknown) => T): T {
    try {
      return read(this.record.value[name])
    } catch (error) {
      return this.fail(`${name}: ${(error as Error).message}`)
    }
  }

  checkTotal(name: string, total: number): void {
    this.check('points', () => checkTotal(name, total))
  }

  fail(problem: string): never {
    throw new RuleError('INVALID_IMPORT', `Line ${this.record.line}: ${problem}. Nothing was imported.`)
  }

  id(name: string, fallback?: number): number {
    const value = this.record.value[name] ?? fallback
    if (!Number.isSafeInteger(value) || (value as number) < 1) this.fail(`${name} must be a whole number of 1 or more`)
    return value as number
  }

  integer(name: string, fallback?: number): number {
    const value = this.record.value[name] ?? fallback
    if (!Number.isSafeInteger(value)) this.fail(`${name} must be a whole number`)
    return value as number
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.record.value[name]
    if (!allowed.includes(value as T)) this.fail(`${name} must be one of ${allowed.join(', ')}`)
    return value as T
  }

  optionalId(name: string): null | number {
    return this.record.value[name] === null || this.record.value[name] === undefined ? null : this.id(name)
  }

  optionalText(name: string): null | string {
    const value = this.record.value[name]
    if (value === null || value === undefined || value === '') return null
    if (typeof value !== 'string') this.fail(`${name} must be text`)
    return value as string
  }

  optionalTime(name: string): null | string {
    return this.record.value[name] === null || this.record.value[name] === undefined ? null : this.time(name)
  }

  time(name: string, fallback?: string): string {
    const value = this.record.value[name] ?? fallback
    if (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(`${name} must be a time like 2026-01-31T12:00:00.000Z`)
    }

    return new Date(value as string).toISOString()
  }
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

function actorOf(entry: SnapshotEntry): Actor {
  return entry.actorKind === 'operator'
    ? {kind: 'operator'}
    : {kind: 'chat', number: entry.actorNumber, profileName: entry.actorName, uuid: entry.actorUuid}
}

function iso(time: number): string {
  return new Date(time).toISOString()
}

function time(text: string): number {
  return Date.parse(text)
}
