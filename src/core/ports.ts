import type {Actor} from './actor.js'
import type {SignalIdentity} from './identity.js'

/** Where a ledger entry came from. */
export type EntrySource = 'chat' | 'cli' | 'import' | 'reaction' | 'undo'

export const ENTRY_SOURCES: readonly EntrySource[] = ['chat', 'cli', 'import', 'reaction', 'undo']

export interface MemberRecord extends SignalIdentity {
  createdAt: number
  id: number
  /** The name as first written; `key` is what makes it unique. */
  key: string
  name: string
  points: number
  removedAt: number | null
}

export interface EntryRecord {
  actor: Actor
  createdAt: number
  id: number
  idempotencyKey: string | null
  memberId: number
  memberName: string
  points: number
  reason: string | null
  source: EntrySource
  /** The entry this one compensates, for undo entries. */
  undoes: number | null
  /** The undo entry that compensated this one, if any. */
  undoneBy: number | null
}

export interface NewMember extends SignalIdentity {
  createdAt: number
  id?: number
  key: string
  name: string
  /** Set only when restoring a member who had already been removed. */
  removedAt?: null | number
}

export interface NewEntry {
  actor: Actor
  createdAt: number
  id?: number
  idempotencyKey?: string | null
  memberId: number
  points: number
  reason: string | null
  source: EntrySource
  undoes?: number | null
}

export interface EntryQuery {
  limit?: number
  memberId?: number
}

/**
 * What the core needs from storage. Implementations keep each member's total in step with the
 * ledger inside `appendEntry`, and never change or delete an entry.
 */
export interface LedgerStore {
  /** Runs `work` as one write transaction: all of it is stored, or none of it. */
  transaction<T>(work: () => T): T
  /** Runs `work` as one read transaction: a consistent view that does not hold writers back. */
  readTransaction<T>(work: () => T): T

  activeMemberByKey(key: string): MemberRecord | undefined
  activeMemberByNumber(number: string): MemberRecord | undefined
  activeMemberByUuid(uuid: string): MemberRecord | undefined
  memberById(id: number): MemberRecord | undefined
  insertMember(member: NewMember): MemberRecord
  renameMember(id: number, name: string, key: string): void
  bindMember(id: number, uuid: string | null, number: string | null): void
  removeMember(id: number, removedAt: number): void

  appendEntry(entry: NewEntry): EntryRecord
  entryById(id: number): EntryRecord | undefined
  entryByIdempotencyKey(key: string): EntryRecord | undefined
  /**
   * The newest entry that is no undo, is not undone, and belongs to a member still present; with
   * `by`, only entries that actor made (a chat sender matched by UUID or number, never by name).
   */
  latestUndoableEntry(by?: Actor): EntryRecord | undefined
  /** Newest first. */
  entries(query: EntryQuery): EntryRecord[]

  /** Present members, highest total first, ties by name key (points and total are both the total). */
  allTimeStandings(limit?: number): StandingRow[]
  countMembersAbove(points: number): number
  counts(): {entries: number; members: number}
  /** Every member ever added, removed ones too, by id. */
  allMembers(): MemberRecord[]
  /** Every entry, oldest first. */
  allEntries(): EntryRecord[]

  /** Chat awards (typed or by reaction) still in effect (not undone) made by a sender, matched by UUID or number, since a time. */
  chatAwardsBy(giver: SignalIdentity, since: number): GivenAward[]
  /**
   * What a person's reaction to a message last did: the newest record whose reactor is any of `reactors` and whose
   * author is any of `authors` (the keys each person goes by: a UUID, a number), on the message sent at `targetSentAt`.
   */
  reactionAward(reactors: readonly string[], authors: readonly string[], targetSentAt: number): ReactionRecord | undefined
  saveReactionAward(record: ReactionRecord): void
  /** Forgets one record (a person's reaction now kept under another of their keys). */
  deleteReactionAward(record: Pick<ReactionRecord, 'author' | 'reactor' | 'targetSentAt'>): void
  /** Every person's reaction to a message that the ledger remembers, by (reactor, target author, target timestamp). */
  allReactions(): ReactionRecord[]
  /** Present members ranked by points gained in [from, to), highest first, ties by name key; members with none at 0. */
  windowStandings(from: number, to: number, limit?: number): StandingRow[]
  /** Awards (no undos, no imports) made in [from, to) and still in effect, and how many different givers made them. */
  awardActivity(from: number, to: number): {awards: number; givers: number}

  storedSettings(): Readonly<Record<string, string>>
  /** Stores a value (null: removes it); its time of change moves only when the value does (a removal included). */
  saveSetting(key: string, value: null | string, at: number): void
  /** When the latest of these settings last changed, set or removed; undefined when none ever was. */
  settingsChangedAt(keys: readonly string[]): number | undefined

  /** Seasons, oldest first. */
  seasons(): Season[]
  addSeason(name: string, key: string, startedAt: number): Season
}

/** A chat award as the rules see it: who got how much, when, typed or by reaction. */
export interface GivenAward {
  createdAt: number
  memberId: number
  points: number
  source: EntrySource
}

/**
 * A person's reaction to a message (Signal keeps one per person per message) and the award it holds:
 * null when it holds none (taken back, refused, or an emoji that gives nothing).
 */
export interface ReactionRecord {
  /** The reacted-to message's author: their UUID, else their number. */
  author: string
  entryId: null | number
  /** The reaction's own timestamp: one no newer than this is a repeat or late, and changes nothing. */
  reactedAt: number
  /** The reactor: their UUID, else their number. */
  reactor: string
  targetSentAt: number
}

/** A member's points in the standings: all time, or within a time window (undos count at the time of the entry they undo). */
export interface StandingRow {
  key: string
  name: string
  points: number
  /** The member's all-time total. */
  total: number
}

export interface Season {
  id: number
  name: string
  startedAt: number
}

/**
 * The database as a file, for the commands that deal with it as one: `ccp backup` copies it, `ccp doctor`
 * checks that it can be written.
 */
export interface LedgerDatabase {
  /** Where it is, as it was opened. */
  readonly path: string
  /** The version of its schema. */
  readonly schemaVersion: number
  /** Copies it to a new `file` (which must not exist), consistently even while others write. */
  backup(file: string): Promise<void>
  /** Takes the write lock and lets it go, changing nothing: proves the database can be written. */
  checkWritable(): void
  counts(): {entries: number; members: number}
}

export interface Clock {
  now(): number
}

export const systemClock: Clock = {now: () => Date.now()}
