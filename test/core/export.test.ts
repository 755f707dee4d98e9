import {CcpError} from '../../src/core/errors.js'
import {formatExportCsv, formatExportJson, readExportFile} from '../../src/core/export/files.js'
import {validateExport} from '../../src/core/export/validate.js'
import {exportLedger} from '../../src/core/export/export.js'
import {restoreExport} from '../../src/core/export/restore.js'
import {BOB} from '../helpers/chat.js'
import {ALICE, fillSampleLedger, memoryLedger} from '../helpers/ledger.js'
import {formulaCells} from '../helpers/spreadsheet.js'

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
    restoreExport(store, validateExport(readExportFile(text)))
  } catch (error) {
    expect(store.counts()).toEqual({entries: 0, members: 0})
    expect(store.allReactions()).toEqual([])
    if (error instanceof CcpError) return error
    throw error
  }

  throw new Error('imported')
}

describe('export and import', () => {
  it.each([
    ['json', (text: ReturnType<typeof exportLedger>) => formatExportJson(text, new Date())],
    ['csv', formatExportCsv],
  ])('round-trips through %s into an empty ledger with the same standings and history', (_format, format) => {
    const source = sampleLedger()
    const file = format(exportLedger(source.store))
    const target = memoryLedger()
    expect(restoreExport(target.store, validateExport(readExportFile(file)))).toEqual({entries: 5, members: 4, openingBalances: 0, reactions: 0, seasons: 1, settings: 2})
    expect(target.ledger.standings()).toEqual(source.ledger.standings())
    expect(target.ledger.standingsIn({allTime: true}).rows).toEqual(source.ledger.standingsIn({allTime: true}).rows)
    expect(target.ledger.seasons()).toEqual(source.ledger.seasons())
    expect(target.store.storedSettings()).toEqual(source.store.storedSettings())
    expect(target.ledger.history()).toEqual(source.ledger.history())
    expect(target.store.allMembers()).toEqual(source.store.allMembers())
    expect(target.store.entryByIdempotencyKey('chat-1')?.actor).toEqual(ALICE)
  })

  it('writes text that would start a spreadsheet formula so that none runs, and reads it back unchanged', () => {
    const source = memoryLedger()
    const {ledger, store} = source
    const hyperlink = '=HYPERLINK("http://ev.il")'
    store.saveSetting('award.cooldown', '0s', 0)
    ledger.addMember({name: hyperlink})
    ledger.addMember({name: '+cmd', number: '+15551110002'})
    ledger.addMember({name: "'-quoted"})
    const profiles = ["@SUM(1+1)*cmd|' /C calc'!A0", '\t=tab', '\r=cr', "''=two apostrophes", '-', "'"]
    for (const [i, profileName] of profiles.entries()) {
      ledger.award({...ALICE, profileName}, {points: -1 - i, reason: ['-2+3', '+1', '@x', "'=x", "''@y", 'fine'][i], target: {name: hyperlink}})
    }

    ledger.startSeason('=1+1')
    store.saveSetting('tiers', '-10:=Outcast,0:@Citizen', 0)
    const csv = formatExportCsv(exportLedger(store))
    expect(formulaCells(csv)).toEqual([])
    expect(csv).toContain(`'=HYPERLINK(""http://ev.il"")`)
    expect(csv).toContain("'@SUM(1+1)*cmd|' /C calc'!A0")
    expect(csv).toContain(",'\t=tab,")
    expect(csv).toContain(",''-quoted,")
    const target = memoryLedger()
    restoreExport(target.store, validateExport(readExportFile(csv)))
    expect(target.store.allMembers()).toEqual(store.allMembers())
    expect(target.store.allEntries()).toEqual(store.allEntries())
    expect(target.ledger.seasons()).toEqual(ledger.seasons())
    expect(target.store.storedSettings()).toEqual(store.storedSettings())
  })

  it('refuses to import into a database that has data', () => {
    const source = sampleLedger()
    const file = formatExportCsv(exportLedger(source.store))
    expect(() => restoreExport(source.store, validateExport(readExportFile(file)))).toThrow(/already holds 4 members/)
  })

  it('turns members with points but no entries into opening balances', () => {
    const {ledger, store} = memoryLedger()
    const result = restoreExport(store, validateExport(readExportFile('record,name,points\nmember,alice,10\nmember,bob,-2\nmember,carol,\n')))
    expect(result).toEqual({entries: 0, members: 3, openingBalances: 2, reactions: 0, seasons: 0, settings: 0})
    expect(ledger.standings()).toEqual([
      {name: 'alice', points: 10, rank: 1, tier: 'Citizen'},
      {name: 'carol', points: 0, rank: 2, tier: 'Citizen'},
      {name: 'bob', points: -2, rank: 3, tier: 'Reeducation Candidate'},
    ])
    expect(ledger.history({target: {name: 'alice'}})).toMatchObject([{points: 10, reason: 'opening balance (import)', source: 'import'}])
  })

  it('names the line of a bad record in JSON, and imports nothing', () => {
    const source = sampleLedger()
    const lines = formatExportJson(exportLedger(source.store), new Date()).split('\n')
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
  })

  it('holds entries to the bounds of an award: a whole number within ±1,000,000, not 0', () => {
    const head = 'record,id,name,memberId,points,source,createdAt,actorKind\nmember,1,alice,,,,2026-01-01T00:00:00Z,\n'
    const entry = (points: number | string) => `entry,1,,1,${points},cli,2026-01-01T00:00:00Z,operator\n`
    expect(importError(head + entry(10 ** 15)).message).toBe(
      'Line 3: points: An award is a whole number from -1,000,000 to 1,000,000, and not 0; got 1,000,000,000,000,000. Nothing was imported.',
    )
    for (const points of [1_000_001, -1_000_001, 0]) expect(importError(head + entry(points)).message).toMatch(/^Line 3: points: An award is a whole number/)
    expect(importError(head + entry('1e6')).message).toMatch(/^Line 3: points must be a whole number/)
    for (const points of [1_000_000, -1_000_000]) {
      const {ledger, store} = memoryLedger()
      const file = head.replace('alice,,', `alice,,${points}`) + entry(points)
      expect(restoreExport(store, validateExport(readExportFile(file)))).toMatchObject({entries: 1, openingBalances: 0})
      expect(ledger.score({name: 'alice'}).points).toBe(points)
    }
  })

  it('holds an opening balance to the same bounds, worked out in integers', () => {
    // Stated points and entries that disagree by more than 2^53: in floating point the balance came out
    // rounded, and the stored total beyond ±(2^53 - 1), which that database's own export could not import.
    const crafted = [
      'record,id,name,memberId,points,source,createdAt,actorKind',
      `member,1,alice,,${Number.MAX_SAFE_INTEGER},,2026-01-01T00:00:00Z,`,
      'entry,1,,1,-1000000,cli,2026-01-01T00:00:00Z,operator',
    ].join('\n')
    expect(importError(crafted).message).toBe(
      'Line 2: points: alice has 9,007,199,254,740,991 points, and their entries add up to -1,000,000; the opening balance that makes up the difference is an entry, and an entry is a whole number from -1,000,000 to 1,000,000; this one would be 9,007,199,255,740,991. Nothing was imported.',
    )
    expect(importError('record,name,points\nmember,alice,1000001\n').message).toMatch(/^Line 2: points: alice has 1,000,001 points, and their entries add up to 0;/)
    expect(importError(`record,name,points\nmember,alice,${Number.MAX_SAFE_INTEGER + 2}\n`).message).toMatch(/^Line 2: points is out of range: whole numbers go from -9,007,199,254,740,991 to 9,007,199,254,740,991/)
    const {ledger, store} = memoryLedger()
    expect(restoreExport(store, validateExport(readExportFile('record,name,points\nmember,alice,-1000000\n')))).toMatchObject({openingBalances: 1})
    expect(ledger.score({name: 'alice'}).points).toBe(-1_000_000)
  })

  it('refuses entry ids that leave no room for the opening balances after them, so that its own export always imports', () => {
    // Found by the import property test: the balance took id 2^53, which the export of that database could not carry.
    const crafted = [
      'record,id,name,memberId,points,source,createdAt,actorKind',
      'member,1,alice,,5,,2026-01-01T00:00:00Z,',
      `entry,${Number.MAX_SAFE_INTEGER},,1,2,cli,2026-01-01T00:00:00Z,operator`,
    ].join('\n')
    expect(importError(crafted).message).toBe(
      `The last entry's id, ${Number.MAX_SAFE_INTEGER}, leaves no room for the 1 opening balance entries after it (ids stop at ${Number.MAX_SAFE_INTEGER}). Nothing was imported.`,
    )
    const fits = crafted.replace(`entry,${Number.MAX_SAFE_INTEGER},`, `entry,${Number.MAX_SAFE_INTEGER - 1},`)
    const {ledger, store} = memoryLedger()
    expect(restoreExport(store, validateExport(readExportFile(fits)))).toMatchObject({openingBalances: 1})
    expect(ledger.score({name: 'alice'}).points).toBe(5)
  })

  it("imports a chat actor's number and UUID as the server gave them, so that the export of any database imports", () => {
    const source = memoryLedger()
    source.store.saveSetting('award.cooldown', '0s', 0)
    source.ledger.addMember({name: 'bob'})
    // An admin matched by UUID whose envelope carried a number that is no E.164 number, then no name at all.
    source.ledger.award({...ALICE, number: '+0 555 weird'}, {points: 5, target: {name: 'bob'}})
    source.ledger.award({...ALICE, profileName: ''}, {points: 5, target: {name: 'bob'}})
    for (const text of [formatExportJson(exportLedger(source.store), new Date()), formatExportCsv(exportLedger(source.store))]) {
      const target = memoryLedger()
      restoreExport(target.store, validateExport(readExportFile(text)))
      expect(target.store.allEntries()).toEqual(source.store.allEntries())
    }
  })

  it('refuses a time that lies outside the years 0000 to 9999 once in UTC, which an export could not write back', () => {
    for (const createdAt of ['0000-01-01T00:00:00+01:00', '9999-12-31T23:30:00-01:00']) {
      expect(importError(`record,name,createdAt\nmember,alice,${createdAt}\n`).message).toMatch(/^Line 2: createdAt must be a time like 2026-01-31T12:00:00\.000Z, from the years 0000 to 9999/)
    }
  })

  it('checks seasons and settings, naming their lines', () => {
    expect(importError('record,name,key,value\nsetting,,award.max,lots\n').message).toMatch(/^Line 2: value: award\.max: "lots" is not a whole number/)
    expect(importError('record,name,key,value\nsetting,,award.maximum,5\n').message).toMatch(/^Line 2: key: There is no setting "award.maximum"/)
    expect(importError('record,name,startedAt\nseason,Spring,2026-01-01T00:00:00Z\nseason,SPRING,2026-02-01T00:00:00Z\n').message).toMatch(
      /^Line 3: season "SPRING" already appears on line 2/,
    )
  })

  describe('reactions', () => {
    const MESSAGE = 1_764_100_000_000
    const toAlice = {number: ALICE.number, uuid: ALICE.uuid}

    /** Alice and Bob, bound; Bob reacted 👍 to one of Alice's messages, 🔥 (replacing a 👍) to another, and 😀 (no points) to a third. */
    function reacted() {
      const source = memoryLedger()
      source.store.saveSetting('reactions', '👍=1,🔥=2', 0)
      source.ledger.addMember({name: 'alice', number: ALICE.number, uuid: ALICE.uuid})
      source.ledger.addMember({name: 'bob', number: BOB.number, uuid: BOB.uuid})
      source.ledger.react(BOB, {emoji: '👍', points: 1, reactedAt: MESSAGE + 10, targetAuthor: toAlice, targetTimestamp: MESSAGE})
      source.ledger.react(BOB, {emoji: '👍', points: 1, reactedAt: MESSAGE + 11, targetAuthor: toAlice, targetTimestamp: MESSAGE + 1})
      source.ledger.react(BOB, {emoji: '🔥', points: 2, reactedAt: MESSAGE + 12, targetAuthor: toAlice, targetTimestamp: MESSAGE + 1})
      source.ledger.react(BOB, {emoji: '😀', points: null, reactedAt: MESSAGE + 13, targetAuthor: toAlice, targetTimestamp: MESSAGE + 2})
      return source
    }

    it.each([
      ['json', (document: ReturnType<typeof exportLedger>) => formatExportJson(document, new Date())],
      ['csv', formatExportCsv],
    ])('come back through %s: a reaction removed after the restore takes its award back, a repeat still counts once', (_format, format) => {
      const source = reacted()
      const target = memoryLedger()
      expect(restoreExport(target.store, validateExport(readExportFile(format(exportLedger(source.store)))))).toMatchObject({entries: 4, members: 2, reactions: 3})
      expect(target.store.allReactions()).toEqual(source.store.allReactions())
      expect(target.ledger.score({name: 'alice'}).points).toBe(3)
      expect(target.ledger.react(BOB, {emoji: '👍', points: 1, reactedAt: MESSAGE + 10, targetAuthor: toAlice, targetTimestamp: MESSAGE})).toEqual({kind: 'repeat'})
      expect(target.ledger.react(BOB, {emoji: '👍', points: null, reactedAt: MESSAGE + 20, targetAuthor: toAlice, targetTimestamp: MESSAGE})).toEqual({change: -1, kind: 'removed', member: 'alice'})
      expect(target.ledger.react(BOB, {emoji: '🔥', points: null, reactedAt: MESSAGE + 21, targetAuthor: toAlice, targetTimestamp: MESSAGE + 1})).toEqual({change: -2, kind: 'removed', member: 'alice'})
      expect(target.ledger.score({name: 'alice'}).points).toBe(0)
    })

    it('are absent from an older file, which still imports', () => {
      const source = reacted()
      const document = JSON.parse(formatExportJson(exportLedger(source.store), new Date())) as Record<string, unknown>
      delete document.reactions
      const target = memoryLedger()
      expect(restoreExport(target.store, validateExport(readExportFile(JSON.stringify(document))))).toMatchObject({entries: 4, reactions: 0})
      expect(target.ledger.score({name: 'alice'}).points).toBe(3)
    })

    it('are checked like every record, naming the line; a bad one imports nothing', () => {
      const source = reacted()
      const lines = formatExportJson(exportLedger(source.store), new Date()).split('\n')
      const first = lines.findIndex((line) => line.includes('"reactor"'))
      const withReaction = (changes: Record<string, unknown>, at = first) => {
        const copy = [...lines]
        const reaction = JSON.parse(copy[at].replace(/,$/, '')) as Record<string, unknown>
        copy[at] = `    ${JSON.stringify({...reaction, ...changes})}${copy[at].endsWith(',') ? ',' : ''}`
        return copy.join('\n')
      }

      const line = first + 1
      expect(importError(withReaction({reactor: 'Bob'})).message).toBe(`Line ${line}: reactor: must be a Signal UUID or a phone number in E.164 form (+15551110001). Nothing was imported.`)
      expect(importError(withReaction({author: null})).message).toMatch(new RegExp(`^Line ${line}: author: must be a Signal UUID`))
      expect(importError(withReaction({targetSentAt: '1764100000000'})).message).toBe(`Line ${line}: targetSentAt must be a whole number. Nothing was imported.`)
      expect(importError(withReaction({reactedAt: 1.5})).message).toBe(`Line ${line}: reactedAt must be a whole number. Nothing was imported.`)
      expect(importError(withReaction({entryId: 99})).message).toBe(`Line ${line}: entryId 99 matches no entry in the file. Nothing was imported.`)
      // Entry 2 is the 👍 that the 🔥 replaced; entry 3 is the undo of it.
      expect(importError(withReaction({entryId: 3})).message).toBe(`Line ${line}: entryId 3 is no award by reaction. Nothing was imported.`)
      // In the file, by target: the 👍 (entry 1), the 🔥 (entry 4), the 😀 (none).
      expect(source.store.allReactions().map((reaction) => reaction.entryId)).toEqual([1, 4, null])
      expect(importError(withReaction({entryId: 1}, first + 1)).message).toBe(`Line ${line + 1}: entry 1 is already held by the reaction on line ${line}. Nothing was imported.`)
      expect(importError(withReaction({reactor: ALICE.uuid})).message).toBe(`Line ${line}: entry 1 was given by someone other than the reactor. Nothing was imported.`)
      expect(importError(withReaction({targetSentAt: MESSAGE + 1}, first + 2)).message).toBe(
        `Line ${line + 2}: the same person's reaction to the same message already appears on line ${line + 1}. Nothing was imported.`,
      )
      const notAList = JSON.parse(lines.join('\n')) as Record<string, unknown>
      expect(importError(JSON.stringify({...notAList, reactions: {}})).message).toMatch(/not a ccp export/)
    })

    it('read from CSV rows too, with their line', () => {
      const head = 'record,id,name,uuid,reactor,author,targetSentAt,reactedAt,entryId\nmember,1,alice,11111111-1111-4111-8111-111111111111,,,,,\n'
      const target = memoryLedger()
      const row = `reaction,,,,${BOB.uuid},${ALICE.uuid},${MESSAGE},${MESSAGE + 5},\n`
      expect(restoreExport(target.store, validateExport(readExportFile(head + row)))).toMatchObject({reactions: 1})
      expect(target.store.allReactions()).toEqual([{author: ALICE.uuid, entryId: null, reactedAt: MESSAGE + 5, reactor: BOB.uuid, targetSentAt: MESSAGE}])
      expect(importError(head + row + row).message).toBe("Line 4: the same person's reaction to the same message already appears on line 3. Nothing was imported.")
      expect(importError(head + `reaction,,,,${BOB.uuid},${ALICE.uuid},${MESSAGE},${MESSAGE + 5},1\n`).message).toBe('Line 3: entryId 1 matches no entry in the file. Nothing was imported.')
    })
  })

  it('names the line where JSON breaks', () => {
    const error = importError('{\n  "format": "ccp-export",\n  "members": [\n    {"name": "alice",}\n  ]\n}\n')
    expect(error.message).toMatch(/^Line 4: the file is not valid JSON/)
    expect(importError('{"format": "something-else", "members": [], "entries": []}').message).toMatch(/not a ccp export/)
  })
})
