import fc from 'fast-check'

import {type ChatActor, OPERATOR} from '../../src/core/actor.js'
import {SettingsService} from '../../src/core/settings-service.js'
import {CcpError} from '../../src/core/errors.js'
import {MAX_AWARD} from '../../src/core/points.js'
import {systemClock} from '../../src/core/ports.js'
import {validateExport} from '../../src/core/export/validate.js'
import {formatExportCsv, formatExportJson, readExportFile} from '../../src/core/export/files.js'
import {exportLedger} from '../../src/core/export/export.js'
import {restoreExport} from '../../src/core/export/restore.js'
import type {SqliteStore} from '../../src/store/sqlite-store.js'
import {ALICE, fillSampleLedger, memoryLedger} from '../helpers/ledger.js'
import {formulaCells} from '../helpers/spreadsheet.js'

const RUNS = {numRuns: 1000}

/** Everything a ledger holds, to tell whether anything changed. */
function contents(store: SqliteStore): string {
  return JSON.stringify([store.allMembers(), store.allEntries(), store.seasons(), store.storedSettings(), store.allReactions()])
}

const FORMATS = [(store: SqliteStore) => formatExportJson(exportLedger(store), new Date()), (store: SqliteStore) => formatExportCsv(exportLedger(store))]

/** Imports `text` into a new ledger; returns the ledger, or the error (always one of ccp's own: anything else is a bug). */
function importInto(text: string): CcpError | SqliteStore {
  const {store} = memoryLedger()
  const empty = contents(store)
  try {
    restoreExport(store, validateExport(readExportFile(text)))
    return store
  } catch (error) {
    if (!(error instanceof CcpError)) throw error
    expect(contents(store)).toBe(empty)
    store.close()
    return error
  }
}

/** What every ledger obeys: each entry within the bounds of an award, each total the exact sum of its entries. */
function expectWithinTheRules(store: SqliteStore): void {
  const sums = new Map<number, number>()
  for (const entry of store.allEntries()) {
    expect(Number.isSafeInteger(entry.points) && entry.points !== 0 && Math.abs(entry.points) <= MAX_AWARD).toBe(true)
    sums.set(entry.memberId, (sums.get(entry.memberId) ?? 0) + entry.points)
  }

  for (const member of store.allMembers()) {
    expect(Number.isSafeInteger(member.points)).toBe(true)
    expect(member.points).toBe(sums.get(member.id) ?? 0)
  }
}

/** A database's own export imports, into the same ledger, in both formats. */
function expectExportsImport(store: SqliteStore): void {
  for (const format of FORMATS) {
    const again = importInto(format(store))
    if (again instanceof CcpError) throw new Error(`The export of a database was refused: ${again.message}\n${format(store)}`)
    expect(contents(again)).toBe(contents(store))
    again.close()
  }
}

describe('hostile files to ccp import', () => {
  const source = memoryLedger()
  fillSampleLedger(source.ledger)
  source.store.saveSetting('tiers', '-10:Outcast,0:Citizen', 0)
  const exported = JSON.parse(formatExportJson(exportLedger(source.store), new Date())) as Record<string, unknown>

  const edgeNumber = fc.constantFrom(0, -0, 1, -1, 2, 7, 10, -5, 13, MAX_AWARD - 1, MAX_AWARD, MAX_AWARD + 1, -MAX_AWARD, -MAX_AWARD - 1, 1e15, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 0.5, 1e308)
  const edgeText = fc.constantFrom('', ' ', '=1+1', '+15551110001', 'alice', 'ALICE', 'undo', 'import', 'cli', 'chat', 'operator', '2026-01-01T00:00:00Z')
  // Times that are valid where they are written, and outside the years 0000 to 9999 in UTC.
  const edgeTime = fc.constantFrom('0000-01-01T00:00:00+01:00', '9999-12-31T23:59:59-01:00', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z')
  const value = fc.oneof({arbitrary: edgeNumber, weight: 3}, {arbitrary: edgeText, weight: 2}, {arbitrary: edgeTime, weight: 1}, {arbitrary: fc.jsonValue({maxDepth: 2}), weight: 1})

  /** A field that the rules look at, set in one of the export's records. */
  const field = fc.constantFrom('points', 'points', 'points', 'id', 'memberId', 'undoes', 'createdAt', 'createdAt', 'removedAt', 'startedAt', 'source', 'actorKind', 'actorNumber', 'name', 'key', 'value')

  /** The export with some of its values, at any depth, replaced, removed or repeated; or a field of a record set. */
  const mutated = fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'remove', 'repeat', 'field', 'field'), field, value), {maxLength: 4}).map((changes) => {
    const copy = structuredClone(exported)
    for (const [pick, change, name, replacement] of changes) {
      const places: [Record<string, unknown> | unknown[], number | string][] = []
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return
        for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
          places.push([node as Record<string, unknown>, key])
          walk((node as Record<string, unknown>)[key])
        }
      }

      walk(copy)
      const records = places.filter(([parent, key]) => Array.isArray(parent) && typeof parent[key as number] === 'object')
      const [parent, key] = places[pick % places.length]
      if (change === 'field' && records.length > 0) {
        const [list, index] = records[pick % records.length] as [unknown[], number]
        const record = list[index]
        if (record !== null && typeof record === 'object' && !Array.isArray(record)) (record as Record<string, unknown>)[name] = replacement
      } else if (change === 'replace') (parent as Record<string, unknown>)[key] = replacement
      else if (change === 'remove') {
        if (Array.isArray(parent)) parent.splice(key as number, 1)
        else delete parent[key as string]
      } else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]))
    }

    return copy
  })

  const file = fc.oneof(
    {arbitrary: mutated.map((document) => JSON.stringify(document, null, 2)), weight: 6},
    {arbitrary: mutated.map((document) => JSON.stringify(document)), weight: 2},
    {arbitrary: fc.jsonValue().map((document) => JSON.stringify(document)), weight: 1},
    {arbitrary: fc.string({maxLength: 200}), weight: 1},
  )

  it('refuses with a sentence and changes nothing, or imports a ledger within the rules whose own export imports again', () => {
    const outcomes = {imported: 0, refused: 0}
    const seeded = contents(source.store)
    fc.assert(
      fc.property(file, (text) => {
        const result = importInto(text)
        if (result instanceof CcpError) {
          outcomes.refused++
          expect(result.message).toMatch(/\S/)
        } else {
          outcomes.imported++
          expectWithinTheRules(result)
          expectExportsImport(result)
          result.close()
        }

        // A database that has data refuses every import, and keeps what it has.
        expect(() => restoreExport(source.store, validateExport(readExportFile(text)))).toThrow(CcpError)
        expect(contents(source.store)).toBe(seeded)
      }),
      RUNS,
    )
    // The generator reaches both sides: a property that only ever refuses proves little.
    expect(outcomes.imported).toBeGreaterThan(RUNS.numRuns / 20)
    expect(outcomes.refused).toBeGreaterThan(RUNS.numRuns / 20)
  })
})

describe("a database's own export", () => {
  /** Text that a spreadsheet would take for a formula, and text that only looks close to it. */
  const text = fc.oneof(
    fc.tuple(fc.constantFrom('', "'", "''", '=', '+', '-', '@', '\t', '\r', '\n', ' ', '"', ',', "'="), fc.string({maxLength: 12, unit: 'grapheme'})).map(([start, rest]) => start + rest),
    fc.string({maxLength: 12}),
  )
  const actor: fc.Arbitrary<ChatActor> = fc.record({
    kind: fc.constant('chat' as const),
    number: fc.option(fc.oneof(fc.constant(ALICE.number!), text)),
    profileName: fc.option(text),
    uuid: fc.option(fc.constant(ALICE.uuid!)),
  })
  // Mostly a few names, so that awards and removals find the members they name.
  const name = fc.oneof({arbitrary: fc.constantFrom('alice', '=HYPERLINK("http://ev.il")', '+cmd', '-x', "'=q", "''@r"), weight: 4}, {arbitrary: text, weight: 1})
  const points = fc.oneof(fc.integer({max: 100, min: -100}), fc.integer({max: MAX_AWARD, min: -MAX_AWARD}))
  const operation = fc.oneof(
    fc.record({name, op: fc.constant('add' as const)}),
    fc.record({by: fc.option(actor), name, op: fc.constant('award' as const), points, reason: fc.option(text)}),
    fc.record({op: fc.constant('undo' as const)}),
    fc.record({name, op: fc.constant('remove' as const)}),
    fc.record({name, op: fc.constant('rename' as const), to: name}),
    fc.record({name, number: fc.constantFrom('+15551110002', '+15551110003'), op: fc.constant('bind' as const)}),
    fc.record({name: text, op: fc.constant('season' as const)}),
    fc.record({op: fc.constant('setting' as const), value: text}),
    // A reaction to a message of whoever holds +15551110002 (see bind), replacing or taking back an earlier one.
    fc.record({by: actor, message: fc.integer({max: 3, min: 1}), op: fc.constant('react' as const), points: fc.option(fc.integer({max: 3, min: -3}).filter((n) => n !== 0))}),
  )

  it('imports again, the same, through JSON and through CSV, with no cell a spreadsheet would run', () => {
    fc.assert(
      fc.property(fc.array(operation, {maxLength: 25}), (operations) => {
        const {ledger, store} = memoryLedger()
        store.saveSetting('award.cooldown', '0s', 0)
        store.saveSetting('award.hourly', '0', 0)
        let reactedAt = 0
        const toBob = (message: number) => ({targetAuthor: {number: '+15551110002', uuid: null}, targetTimestamp: message})
        for (const operation of operations) {
          try {
            if (operation.op === 'add') ledger.addMember({name: operation.name})
            else if (operation.op === 'award') ledger.award(operation.by ?? OPERATOR, {points: operation.points, reason: operation.reason, target: {name: operation.name}})
            else if (operation.op === 'undo') ledger.undo(OPERATOR)
            else if (operation.op === 'remove') ledger.remove({name: operation.name})
            else if (operation.op === 'rename') ledger.rename({name: operation.name}, operation.to)
            else if (operation.op === 'bind') ledger.bind({name: operation.name}, {number: operation.number})
            else if (operation.op === 'season') ledger.startSeason(operation.name)
            else if (operation.op === 'react') ledger.react(operation.by, {emoji: '👍', points: operation.points, reactedAt: ++reactedAt, ...toBob(operation.message)})
            else new SettingsService(store, systemClock).set('tiers', `-10:${operation.value},0:Citizen`, {})
          } catch (error) {
            if (!(error instanceof CcpError)) throw error
          }
        }

        expect(formulaCells(formatExportCsv(exportLedger(store)))).toEqual([])
        expectExportsImport(store)
        store.close()
      }),
      RUNS,
    )
  })
})
