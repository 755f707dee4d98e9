import {RuleError} from '../errors.js'
import {parsePhoneNumber, parseUuid} from '../identity.js'
import {checkStoredName, nameKey} from '../names.js'
import {personKey} from '../reactions.js'
import {addToTotal, checkAwardPoints, checkTotal, formatPoints, pointsBetween} from '../points.js'
import {ENTRY_SOURCES} from '../ports.js'
import {validateReason} from '../reason.js'
import {checkStoredSeasonName} from '../seasons.js'
import {checkSettingKey, checkSettingValue} from '../settings.js'
import type {CheckedExport, LocatedRecord, OpeningBalance, LedgerExport, ExportEntry, ExportMember, ExportReaction, ExportSeason} from './document.js'

/**
 * Checks every record, and every record against the others, before any database is opened. Points obey
 * the bounds of an award: each entry, opening balances included, within ±MAX_AWARD, and every total, as
 * it grows entry by entry, within ±MAX_TOTAL, all added as integers (src/core/points.ts).
 */
export function validateExport(records: LocatedRecord[]): CheckedExport {
  const members: ExportMember[] = []
  const memberLines = new Map<number, FieldReader>()
  const entries: ExportEntry[] = []
  const memberById = new Map<number, ExportMember>()
  const entryById = new Map<number, ExportEntry>()
  const undone = new Set<number>()
  const present = new Map<string, number>()
  const totals = new Map<number, number>()
  const keys = new Set<string>()
  let nextMemberId = 1
  for (const record of records.filter((r) => r.kind === 'member')) {
    const field = new FieldReader(record)
    const member: ExportMember = {
      createdAt: field.time('createdAt', new Date(0).toISOString()),
      id: field.id('id', nextMemberId),
      name: field.check('name', (value) => checkStoredName(String(value ?? ''))),
      number: field.check('number', (value) => (value ? parsePhoneNumber(String(value)) : null)),
      points: field.integer('points', 0),
      removedAt: field.optionalTime('removedAt'),
      uuid: field.check('uuid', (value) => (value ? parseUuid(String(value)) : null)),
    }
    if (memberById.has(member.id)) field.fail(`member id ${member.id} appears twice`)
    field.check('points', () => checkTotal(member.name, member.points))
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
    memberLines.set(member.id, field)
    totals.set(member.id, 0)
    members.push(member)
    nextMemberId = Math.max(nextMemberId, member.id + 1)
  }

  let lastEntryId = 0
  for (const record of records.filter((r) => r.kind === 'entry')) {
    const field = new FieldReader(record)
    const entry: ExportEntry = {
      actorKind: field.oneOf('actorKind', ['operator', 'chat'] as const),
      actorName: field.optionalText('actorName'),
      // Who acted, as the Signal server described them (an admin's envelope may carry any number): a record
      // of the past, kept as written, so that every database's own export imports.
      actorNumber: field.optionalText('actorNumber'),
      actorUuid: field.optionalText('actorUuid'),
      createdAt: field.time('createdAt'),
      id: field.id('id'),
      idempotencyKey: field.optionalText('idempotencyKey'),
      member: field.optionalText('member') ?? '',
      memberId: field.id('memberId'),
      points: field.integer('points', undefined, checkAwardPoints),
      reason: field.check('reason', (value) => validateReason(value === null || value === undefined ? null : String(value))),
      source: field.oneOf('source', ENTRY_SOURCES),
      undoes: field.optionalId('undoes'),
    }
    if (entry.id <= lastEntryId) field.fail(`entry ids must increase; ${entry.id} comes after ${lastEntryId}`)
    const member = memberById.get(entry.memberId)
    if (!member) field.fail(`memberId ${entry.memberId} matches no member in the file`)
    field.check('points', () => checkAwardPoints(entry.points))
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

    totals.set(entry.memberId, field.check('points', () => addToTotal(member!.name, totals.get(entry.memberId)!, entry.points)))
    entryById.set(entry.id, entry)
    entries.push(entry)
    lastEntryId = entry.id
  }

  const openingBalances: OpeningBalance[] = []
  for (const member of members) {
    const points = memberLines.get(member.id)!.check('points', () => openingBalance(member, totals.get(member.id)!))
    if (points !== 0) openingBalances.push({member, points})
  }

  // The opening balances are entries too, numbered after the last one: their ids must stay whole numbers as well.
  if (lastEntryId + openingBalances.length > Number.MAX_SAFE_INTEGER) {
    throw new RuleError(
      'OUT_OF_RANGE',
      `The last entry's id, ${lastEntryId}, leaves no room for the ${openingBalances.length} opening balance entries after it (ids stop at ${Number.MAX_SAFE_INTEGER}). Nothing was imported.`,
    )
  }

  return {entries, members, openingBalances, reactions: validateReactions(records, entryById), ...validateExtras(records)}
}

/**
 * What each person's reaction to a message holds: once per (reactor, target author, target timestamp), the people
 * named as the bot names them (a UUID, else a number), and the entry held, if any, an award by reaction that the
 * reactor made, held by no other reaction.
 */
function validateReactions(records: LocatedRecord[], entryById: ReadonlyMap<number, ExportEntry>): ExportReaction[] {
  const lines = new Map<string, number>()
  const holders = new Map<number, number>()
  return records
    .filter((r) => r.kind === 'reaction')
    .map((record) => {
      const field = new FieldReader(record)
      const reaction: ExportReaction = {
        author: field.check('author', (value) => person(value)),
        entryId: field.optionalId('entryId'),
        reactedAt: field.integer('reactedAt'),
        reactor: field.check('reactor', (value) => person(value)),
        targetSentAt: field.integer('targetSentAt'),
      }
      const key = JSON.stringify([reaction.reactor, reaction.author, reaction.targetSentAt])
      const earlier = lines.get(key)
      if (earlier) field.fail(`the same person's reaction to the same message already appears on line ${earlier}`)
      lines.set(key, record.line)
      if (reaction.entryId !== null) {
        const entry = entryById.get(reaction.entryId)
        if (!entry) field.fail(`entryId ${reaction.entryId} matches no entry in the file`)
        else if (entry.source !== 'reaction') field.fail(`entryId ${reaction.entryId} is no award by reaction`)
        else if (personKey({number: entry.actorNumber, uuid: entry.actorUuid}) !== reaction.reactor) field.fail(`entry ${reaction.entryId} was given by someone other than the reactor`)
        const holder = holders.get(reaction.entryId)
        if (holder) field.fail(`entry ${reaction.entryId} is already held by the reaction on line ${holder}`)
        holders.set(reaction.entryId, record.line)
      }

      return reaction
    })
}

/** A person as a reaction names them (see personKey): a Signal UUID, else a phone number. */
function person(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : ''
  const key = personKey({number: text, uuid: text})
  if (key === null) throw new RuleError('INVALID_IMPORT', 'must be a Signal UUID or a phone number in E.164 form (+15551110001)')
  return key
}

/** The entry that makes a member's stated points out of the sum of their entries: an entry like any other. */
function openingBalance(member: ExportMember, sum: number): number {
  try {
    return pointsBetween(sum, member.points)
  } catch (error) {
    throw new RuleError(
      'OUT_OF_RANGE',
      `${member.name} has ${formatPoints(member.points)} points, and their entries add up to ${formatPoints(sum)}; the opening balance that makes up the difference is an entry, and ${(error as Error).message.replace(/^An entry is/, 'an entry is')}`,
    )
  }
}

/** Seasons and settings: the game as it was set up, so that a restore plays the same. */
function validateExtras(records: LocatedRecord[]): Pick<LedgerExport, 'seasons' | 'settings'> {
  const seasons: ExportSeason[] = []
  const seasonLines = new Map<string, number>()
  for (const record of records.filter((r) => r.kind === 'season')) {
    const field = new FieldReader(record)
    const season = {name: field.check('name', (value) => checkStoredSeasonName(String(value ?? ''))), startedAt: field.time('startedAt')}
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
      return {key, value: field.check('value', (value) => checkSettingValue(key, String(value ?? ''), key, {imported: true}))}
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

  fail(problem: string): never {
    throw new RuleError('INVALID_IMPORT', `Line ${this.record.line}: ${problem.replace(/\.$/, '')}. Nothing was imported.`)
  }

  id(name: string, fallback?: number): number {
    const value = this.record.value[name] ?? fallback
    if (typeof value === 'number' && Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER) {
      this.fail(`${name} is out of range: ids go from 1 to ${formatPoints(Number.MAX_SAFE_INTEGER)}`)
    }

    if (!Number.isSafeInteger(value) || (value as number) < 1) this.fail(`${name} must be a whole number of 1 or more`)
    return value as number
  }

  /**
   * A whole number. One past ±2^53 is a whole number too, out of range: `outOfRange` says which range (JSON.parse
   * and the CSV reader have rounded it already, so it is not echoed).
   */
  integer(name: string, fallback?: number, outOfRange?: (value: number) => void): number {
    const value = this.record.value[name] ?? fallback
    if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      this.check(name, () => outOfRange?.(value))
      this.fail(`${name} is out of range: whole numbers go from ${formatPoints(-Number.MAX_SAFE_INTEGER)} to ${formatPoints(Number.MAX_SAFE_INTEGER)}`)
    }

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
    return value
  }

  optionalTime(name: string): null | string {
    return this.record.value[name] === null || this.record.value[name] === undefined ? null : this.time(name)
  }

  time(name: string, fallback?: string): string {
    const value = this.record.value[name] ?? fallback
    const time = typeof value === 'string' && ISO_TIME.test(value) ? Date.parse(value) : Number.NaN
    // In UTC, 0000-01-01T00:00+01:00 is in the year -1: a time the export could write but not read back.
    const utc = Number.isNaN(time) ? '' : new Date(time).toISOString()
    if (!ISO_TIME.test(utc)) this.fail(`${name} must be a time like 2026-01-31T12:00:00.000Z, from the years 0000 to 9999`)
    return utc
  }
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
