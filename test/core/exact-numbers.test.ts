import {writeFileSync} from 'node:fs'

import {CcpError} from '../../src/core/errors.js'
import {validateExport} from '../../src/core/export/validate.js'
import {readExportFile} from '../../src/core/export/files.js'
import {chatFixture} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {ALICE} from '../helpers/ledger.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function importError(text: string): CcpError {
  try {
    validateExport(readExportFile(text))
  } catch (error) {
    return error as CcpError
  }

  throw new Error('the import was accepted')
}

const AWARD_RANGE = 'An award is a whole number from -1,000,000 to 1,000,000, and not 0'

describe('numbers in range errors are the ones given', () => {
  it('ccp award echoes a too-large number as typed, not grouped or rounded', async () => {
    const ccp = cliOn(temp.path('ccp.db'))
    await ccp.run('adduser', 'alice')
    for (const typed of ['100000000000000000000', '9007199254740993', '-9007199254740993']) {
      expect(await ccp.run('award', 'alice', typed)).toMatchObject({code: 1, stderr: `Error: ${AWARD_RANGE}; got ${typed}.\n`})
    }

    expect(await ccp.run('award', 'alice', '2000000')).toMatchObject({code: 1, stderr: `Error: ${AWARD_RANGE}; got 2,000,000.\n`})
  })

  it.each([['list'], ['history']])('ccp %s --limit past 2^53 is refused as typed', async (command) => {
    const result = await cliOn(':memory:').run(command, '--limit', '9007199254740993')
    expect(result).toMatchObject({code: 2, stderr: 'Error: --limit must be at most 9007199254740991, not 9007199254740993.\n'})
  })

  it('the chat does not echo a rounded number either', () => {
    const chat = chatFixture()
    expect(chat.say(ALICE, '/CCP adduser bob')?.reply).toBe('User bob has been added.')
    // A chat reply never echoes a long run of digits (it could be a phone number): it names the bound instead.
    const reply = chat.say(ALICE, '/CCP bob 9007199254740993')?.reply
    expect(reply).toBe(`Failed to update points for user bob. ${AWARD_RANGE}.`)
  })

  it.each(['+15551112222', '15551112222', '4915111222333', '-15551112222'])('the chat never echoes points %s, which may be a phone number', (typed) => {
    const chat = chatFixture()
    chat.say(ALICE, '/CCP adduser bob')
    for (const text of [`/CCP bob ${typed}`, `/CCP lisst ${typed}`]) {
      const reply = chat.say(ALICE, text)?.reply ?? ''
      expect(reply.replaceAll(/\D/g, '')).not.toContain(typed.replaceAll(/\D/g, '').slice(-7))
    }
  })

  it.each([
    ['CSV', 'record,id,name,memberId,points,source,createdAt,actorKind\nmember,1,alice,,,,2026-01-01T00:00:00Z,\nentry,1,,1,9007199254740992,cli,2026-01-01T00:00:00Z,operator\n'],
    [
      'JSON',
      JSON.stringify({entries: [{actorKind: 'operator', createdAt: '2026-01-01T00:00:00Z', id: 1, memberId: 1, points: 1, source: 'cli'}], format: 'ccp-export', members: [{id: 1, name: 'alice', points: 1}], version: 1}).replace(
        '"points":1,"source"',
        '"points":9007199254740992,"source"',
      ),
    ],
  ])('importing an entry of 9007199254740992 (%s) says it is out of the award range, not that it is no whole number', (_, text) => {
    const error = importError(text)
    expect(error.message).toMatch(new RegExp(`^Line \\d+: points: ${AWARD_RANGE}; got a number beyond ±9,007,199,254,740,991\\. Nothing was imported\\.$`))
  })

  it("importing a member's points of 9007199254740993 names the bound, without echoing the rounded number", () => {
    const error = importError('record,name,points\nmember,alice,9007199254740993\n')
    expect(error.message).toBe('Line 2: points is out of range: whole numbers go from -9,007,199,254,740,991 to 9,007,199,254,740,991. Nothing was imported.')
  })

  it('an id past 2^53 is out of range', () => {
    const error = importError('record,id,name\nmember,9007199254740992,alice\n')
    expect(error.message).toBe('Line 2: id is out of range: ids go from 1 to 9,007,199,254,740,991. Nothing was imported.')
  })

  it('ccp import says so, exit 1', async () => {
    const file = temp.path('big.csv')
    writeFileSync(file, 'record,id,name,memberId,points,source,createdAt,actorKind\nmember,1,alice,,,,2026-01-01T00:00:00Z,\nentry,1,,1,9007199254740992,cli,2026-01-01T00:00:00Z,operator\n')
    const result = await cliOn(temp.path('ccp.db')).run('import', file)
    expect(result).toMatchObject({code: 1, stderr: `Error: Line 3: points: ${AWARD_RANGE}; got a number beyond ±9,007,199,254,740,991. Nothing was imported.\n`})
  })
})
