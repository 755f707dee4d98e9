import {CcpError} from '../../src/core/errors.js'
import {formatSnapshotCsv, formatSnapshotJson, readSnapshotFile} from '../../src/core/snapshot-files.js'
import {restoreSnapshot, takeSnapshot} from '../../src/core/snapshot.js'
import {ALICE, fillSampleLedger, memoryLedger} from '../helpers/ledger.js'

function sampleLedger() {
  const source = memoryLedger()
  fillSampleLedger(source.ledger)
  source.store.saveSetting('tiers', '0:Pleb,5:Hero', 0)
  source.store.saveSetting('chat.admins', '+15551110001', 0)
  return source
}

function importError(text: string): CcpError {
  const {store} = memoryLedger()
  try {
    restoreSnapshot(store, readSnapshotFile(text))
  } catch (error) {
    expect(store.counts()).toEqual({entries: 0, members: 0})
    if (error instanceof CcpError) return error
    throw error
  }

  throw new Error('imported')
}

describe('export and import', () => {
  it.each([
    ['json', (text: ReturnType<typeof takeSnapshot>) => formatSnapshotJson(text, new Date())],
    ['csv', formatSnapshotCsv],
  ])('round-trips through %s into an empty ledger with the same standings and history', (_format, format) => {
    const source = sampleLedger()
    const file = format(takeSnapshot(source.store))
    const target = memoryLedger()
    expect(restoreSnapshot(target.store, readSnapshotFile(file))).toEqual({entries: 5, members: 4, openingBalances: 0, seasons: 1, settings: 2})
    expect(target.ledger.standings()).toEqual(source.ledger.standings())
    expect(target.ledger.standingsIn({allTime: true}).rows).toEqual(source.ledger.standingsIn({allTime: true}).rows)
    expect(target.ledger.seasons()).toEqual(source.ledger.seasons())
    expect(target.store.storedSettings()).toEqual(source.store.storedSettings())
    expect(target.ledger.history()).toEqual(source.ledger.history())
    expect(target.store.allMembers()).toEqual(source.store.allMembers())
    expect(target.store.entryByIdempotencyKey('chat-1')?.actor).toEqual(ALICE)
  })

  it('refuses to import into a database that has data', () => {
    const source = sampleLedger()
    const file = formatSnapshotCsv(takeSnapshot(source.store))
    expect(() => restoreSnapshot(source.store, readSnapshotFile(file))).toThrow(/already holds 4 members/)
  })

  it('turns members with points but no entries into opening balances', () => {
    const {ledger, store} = memoryLedger()
    const result = restoreSnapshot(store, readSnapshotFile('record,name,points\nmember,alice,10\nmember,bob,-2\nmember,carol,\n'))
    expect(result).toEqual({entries: 0, members: 3, openingBalances: 2, seasons: 0, settings: 0})
    expect(ledger.standings()).toEqual([
      {name: 'alice', points: 10, rank: 1, tier: 'Citizen'},
      {name: 'carol', points: 0, rank: 2, tier: 'Citizen'},
      {name: 'bob', points: -2, rank: 3, tier: 'Reeducation Candidate'},
    ])
    expect(ledger.history({target: {name: 'alice'}})).toMatchObject([{points: 10, reason: 'opening balance (import)', source: 'import'}])
  })

  it('names the line of a bad record in JSON, and imports nothing', () => {
    const source = sampleLedger()
    const lines = formatSnapshotJson(takeSnapshot(source.store), new Date()).split('\n')
    const index = lines.findIndex((line) => line.includes('"late"'))
    lines[index] = lines[index].replace('"points":-5', '"points":"-5"')
    expect(importError(lines.join('\n')).message).toBe(`Line ${index + 1}: points must be a whole number. Nothing was imported.`)
  })

  it('names the line of a bad record in CSV, and imports nothing', () => {
    const text = 'record,name,points\nmember,alice,10\nmember,two words,3\n'
    expect(importError(text)).toMatchObject({code: 'INVALID_IMPORT', exitCode: 1})
    expect(importError(text).message).toMatch(/^Line 3: name: A name is one word/)
    expect(importError('record,name,points\nmember,alice,1\nmember,ALICE,2\n').message).toMatch(/^Line 3: name "alice" already belongs to the member on line 2/)
    expect(importError('record,name,points\nmember,alice,1.5\n').message).toMatch(/^Line 2: points must be a whole number/)
    expect(importError('record,name,points\nmember,alice\n').message).toMatch(/^Line 2: expected 3 fields, found 2/)
    expect(importError('record,name\nperson,alice\n').message).toMatch(/^Line 2: the record column/)
    expect(importError('name,points\nalice,1\n').message).toMatch(/^Line 1: the first line must name the columns/)
    expect(importError('record,name,reason\nmember,"alice\n').message).toMatch(/line 2: a quoted field is never closed/)
  })

  it('checks that entries make sense together', () => {
    const head = 'record,id,name,memberId,points,source,createdAt,actorKind,undoes\nmember,1,alice,,,,2026-01-01T00:00:00Z,,\n'
    const entry = (id: number, memberId: number, points: number, source = 'cli', undoes = '') =>
      `entry,${id},,${memberId},${points},${source},2026-01-01T00:00:00Z,operator,${undoes}\n`
    expect(importError(head + entry(1, 2, 5)).message).toMatch(/^Line 3: memberId 2 matches no member/)
    expect(importError(head + entry(2, 1, 5) + entry(1, 1, 5)).message).toMatch(/^Line 4: entry ids must increase/)
    expect(importError(head + entry(1, 1, 5) + entry(2, 1, -4, 'undo', '1')).message).toMatch(/^Line 4: undoes 1, which is no earlier award of 4/)
    expect(importError(head + entry(1, 1, 5) + entry(2, 1, -5, 'undo', '1') + entry(3, 1, -5, 'undo', '1')).message).toMatch(
      /^Line 5: entry 1 is undone twice/,
    )
    expect(importError(head + entry(1, 1, 5, 'gift')).message).toMatch(/^Line 3: source must be one of/)
    expect(importError(head + entry(1, 1, 9_007_199_254_740_000) + entry(2, 1, 9_000)).message).toMatch(/^Line 4: points: That would take alice's total beyond/)
  })

  it('checks seasons and settings, naming their lines', () => {
    expect(importError('record,name,key,value\nsetting,,award.max,lots\n').message).toMatch(/^Line 2: value: award\.max: "lots" is not a whole number/)
    expect(importError('record,name,key,value\nsetting,,award.maximum,5\n').message).toMatch(/^Line 2: key: There is no setting "award.maximum"/)
    expect(importError('record,name,startedAt\nseason,Spring,2026-01-01T00:00:00Z\nseason,SPRING,2026-02-01T00:00:00Z\n').message).toMatch(
      /^Line 3: season "SPRING" already appears on line 2/,
    )
  })

  it('names the line where JSON breaks', () => {
    const error = importError('{\n  "format": "ccp-export",\n  "members": [\n    {"name": "alice",}\n  ]\n}\n')
    expect(error.message).toMatch(/^Line 4: the file is not valid JSON/)
    expect(importError('{"format": "something-else", "members": [], "entries": []}').message).toMatch(/not a ccp export/)
  })
})
