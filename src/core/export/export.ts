import type {LedgerStore} from '../ports.js'
import type {LedgerExport} from './document.js'

/** Reads the whole ledger in one read transaction: consistent, and the bot keeps writing meanwhile. */
export function exportLedger(store: LedgerStore): LedgerExport {
  return store.readTransaction(() => readLedger(store))
}

function readLedger(store: LedgerStore): LedgerExport {
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
  const reactions = store.allReactions().map(({author, entryId, reactedAt, reactor, targetSentAt}) => ({author, entryId, reactedAt, reactor, targetSentAt}))
  return {entries, members, reactions, seasons, settings}
}

function iso(time: number): string {
  return new Date(time).toISOString()
}
