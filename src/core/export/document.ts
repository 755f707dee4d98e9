import type {Actor} from '../actor.js'
import type {EntrySource} from '../ports.js'

/** A whole ledger as exported: every member ever added and every entry, in the order they happened. */
export interface LedgerExport {
  entries: ExportEntry[]
  members: ExportMember[]
  /** What each reaction holds, so that one taken back after a restore takes its award back (absent from older files). */
  reactions: ExportReaction[]
  seasons: ExportSeason[]
  settings: ExportSetting[]
}

/**
 * A person's reaction to a message and the entry (an award by reaction) it holds, or null. The times are the
 * Signal timestamps that name the message and the reaction, kept as numbers: they are identities, not dates.
 */
export interface ExportReaction {
  /** The reacted-to message's author: their UUID, else their number. */
  author: string
  entryId: null | number
  reactedAt: number
  /** Who reacted: their UUID, else their number. */
  reactor: string
  targetSentAt: number
}

export interface ExportSeason {
  name: string
  startedAt: string
}

export interface ExportSetting {
  key: string
  value: string
}

export interface ExportMember {
  createdAt: string
  id: number
  name: string
  number: null | string
  points: number
  removedAt: null | string
  uuid: null | string
}

export interface ExportEntry {
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

/** Records that passed every check of `validateExport`, with the opening balances they need. */
export interface CheckedExport extends LedgerExport {
  openingBalances: OpeningBalance[]
}

/** What a restore adds for a member whose stated points differ from the sum of their entries. */
export interface OpeningBalance {
  member: ExportMember
  points: number
}

/** A record read from a file, with the line it starts on so that errors can point at it. */
export interface LocatedRecord {
  kind: 'entry' | 'member' | 'reaction' | 'season' | 'setting'
  line: number
  value: Record<string, unknown>
}
