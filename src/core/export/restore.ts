import type {Actor} from '../actor.js'
import {RuleError} from '../errors.js'
import {nameKey} from '../names.js'
import {type Clock, type LedgerStore, systemClock} from '../ports.js'
import type {CheckedExport, ExportEntry} from './document.js'

export interface RestoreResult {
  entries: number
  members: number
  seasons: number
  settings: number
  /** Entries added because a member's stated points differed from the sum of their entries. */
  openingBalances: number
  reactions: number
}

/**
 * Loads checked records into an empty ledger, keeping ids, times and sources, so that the standings
 * and history come back as they were. A member whose `points` differ from the sum of their entries (a
 * hand-written file, a migration) gets an `import` entry for the difference. All or nothing.
 */
export function restoreExport(store: LedgerStore, document: CheckedExport, clock: Clock = systemClock): RestoreResult {
  const {entries, members, openingBalances, reactions, seasons, settings} = document
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
    for (const setting of settings) store.saveSetting(setting.key, setting.value, clock.now())
    // What each reaction holds: one taken back after the restore takes its award back, a repeat still counts once.
    for (const reaction of reactions) store.saveReactionAward(reaction)
    return {
      entries: entries.length,
      members: members.length,
      openingBalances: openingBalances.length,
      reactions: reactions.length,
      seasons: seasons.length,
      settings: settings.length,
    }
  })
}

function actorOf(entry: ExportEntry): Actor {
  return entry.actorKind === 'operator'
    ? {kind: 'operator'}
    : {kind: 'chat', number: entry.actorNumber, profileName: entry.actorName, uuid: entry.actorUuid}
}

function time(text: string): number {
  return Date.parse(text)
}
