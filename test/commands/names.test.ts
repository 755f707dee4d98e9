import {nameKey} from '../../src/core/names.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('names that look alike', () => {
  it('ccp adduser refuses a name that looks like another one, and ccp list shows one bob', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    await ccp.run('adduser', 'bob')
    const before = dumpDatabase(db)
    for (const lookalike of ['bo\u200Db', 'bob\u034F', '\u0301bob', 'bob\uFE0F', 'bоb', 'bo<U+200D>b']) {
      const result = await ccp.run('adduser', lookalike)
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/invisible character|one alphabet/)
    }

    expect(dumpDatabase(db)).toEqual(before)
    expect(await ccp.json('list')).toEqual([{name: 'bob', points: 0, rank: 1, tier: 'Citizen'}])
  })

  it('keeps a member of an older ccp whose name is refused now: shown with <U+...>, addressed either way, exported and imported as stored', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    seedDatabase(db, (ledger) => ledger.addMember({name: 'bob'}))
    const store = SqliteStore.open(db)
    store.insertMember({createdAt: 0, key: nameKey('bo\u200Db'), name: 'bo\u200Db', number: null, uuid: null})
    store.close()

    const list = await ccp.run('list')
    expect(list.stdout).toContain('bo<U+200D>b')
    expect(list.stdout).not.toContain('bo\u200Db')
    expect(await ccp.run('award', 'bo<U+200D>b', '5')).toMatchObject({code: 0, stdout: expect.stringMatching(/^\+5 for bo<U\+200D>b: 5 points/)})
    expect((await ccp.run('award', 'bo\u200Db', '1')).code).toBe(0)
    expect(await ccp.json('score', 'bob')).toMatchObject({points: 0})

    const file = temp.path('ledger.json')
    expect((await ccp.run('export', '--output', file)).code).toBe(0)
    const restored = temp.path('restored.db')
    expect((await cliOn(restored).run('import', file)).code).toBe(0)
    const members = (dumpDatabase(restored) as {members: {name: string; points: number}[]}).members
    expect(members.map(({name, points}) => ({name, points}))).toEqual([
      {name: 'bob', points: 0},
      {name: 'bo\u200Db', points: 6},
    ])
  })
})

describe('what the CLI repeats of its arguments', () => {
  it('repeats at most an excerpt of a 64 KiB argument in an error', async () => {
    const ccp = cliOn(temp.path('ccp.db'))
    await ccp.run('adduser', 'bob')
    const huge = 'b'.repeat(64 * 1024)
    for (const [args, code] of [[['score', huge], 1], [['adduser', huge], 1], [['award', 'bob', huge], 2], [['rename', huge, 'zed'], 1]] as const) {
      const result = await ccp.run(...args)
      expect(result.code).toBe(code)
      expect(result.stderr.length).toBeLessThan(400)
    }
  })

  it('drops bidi controls from a reason, so that history reads as written', async () => {
    const ccp = cliOn(temp.path('ccp.db'))
    await ccp.run('adduser', 'bob')
    await ccp.run('award', 'bob', '1', '--reason', '\u202Eevil\u202C plan')
    expect(await ccp.json('history')).toMatchObject([{reason: 'evil plan'}])
    expect((await ccp.run('history')).stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
  })
})
