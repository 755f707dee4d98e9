import type {Actor} from './actor.js'
import {RuleError} from './errors.js'
import {nameKey} from './names.js'
import type {EntrySource, LedgerStore} from './ports.js'

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

/** Records that passed every check of `checkSnapshot`, with the opening balances they need. */
export interface CheckedSnapshot extends Snapshot {
  openingBalances: OpeningBalance[]
}

/** What a restore adds for a member whose stated points differ from the sum of their entries. */
export interface OpeningBalance {
  member: SnapshotMember
  points: number
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
 * Loads checked records into an empty ledger, keeping ids, times and sources, so that the standings
 * and history come back as they were. A member whose `points` differ from the sum of their entries (a
 * hand-written file, a migration) gets an `import` entry for the difference. All or nothing.
 */
export function restoreSnapshot(store: LedgerStore, snapshot: CheckedSnapshot): RestoreResult {
  const {entries, members, openingBalances, seasons, settings} = snapshot
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

    for (const entry of entries) store.appendEntry({...entry, actor: actorOf(entry), createdAt: time(entry.createdAt)})
    for (const {member, points} of openingBalances) {
      // Dated when the member joined: a balance carried over is no gain in this week's standings.
      store.appendEntry({
        actor: {kind: 'operator'},
        createdAt: time(member.createdAt),
        memberId: member.id,
        points,
        reason: 'opening balance (import)',
        source: 'import',
      })
    }

    for (const season of seasons) store.addSeason(season.name, nameKey(season.name), time(season.startedAt))
    for (const setting of settings) store.saveSetting(setting.key, setting.value, Date.now())
    return {entries: entries.length, members: members.length, openingBalances: openingBalances.length, seasons: seasons.length, settings: settings.length}
  })
}

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
