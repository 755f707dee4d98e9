import {OPERATOR} from '../../src/core/actor.js'
import {cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('ccp award and ccp undo', () => {
  it('awards and docks points, and says where the member now stands', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ['alice', 'bob'].forEach((name) => ledger.addMember({name})))
    const ccp = cliOn(db)
    const awarded = await ccp.run('award', 'alice', '10', '--reason', 'kept the wifi up')
    expect(awarded).toMatchObject({code: 0, stderr: '', stdout: '+10 for alice (kept the wifi up): 10 points, rank 1. Entry #1.\n'})
    expect((await ccp.run('award', 'bob', '-5')).stdout).toBe('-5 for bob: -5 points, rank 2. Entry #2. bob falls to Reeducation Candidate.\n')
    const json = await ccp.json('award', 'Bob', '+2', '-r', 'apologised')
    expect(json).toMatchObject({id: 3, name: 'bob', points: 2, rank: 2, reason: 'apologised', total: -3, source: 'cli', actor: 'operator'})
  })

  it.each([
    [['alice', '1.5'], 2, 'INVALID_POINTS'],
    [['alice', '1e3'], 2, 'INVALID_POINTS'],
    [['alice', '0x10'], 2, 'INVALID_POINTS'],
    [['alice', 'five'], 2, 'INVALID_POINTS'],
    [['alice'], 2, 'USAGE'],
    [['alice', '5', '--bogus'], 2, 'UNKNOWN_FLAG'],
    [['alice', '0'], 1, 'OUT_OF_RANGE'],
    [['alice', '1000001'], 1, 'OUT_OF_RANGE'],
    [['alice', '-1000001'], 1, 'OUT_OF_RANGE'],
    [['alice', '5', '--reason', 'x'.repeat(201)], 1, 'INVALID_REASON'],
    [['zed', '5'], 1, 'UNKNOWN_MEMBER'],
    [['rich', '1'], 1, 'OUT_OF_RANGE'],
  ])('ccp award %j exits %d (%s) and changes nothing', async (args, exitCode, code) => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => {
      ledger.addMember({name: 'alice'})
      ledger.addMember({name: 'rich'})
      // A total at the very edge of what ccp stores exactly.
      for (let i = 0; i < 4; i++) ledger.award(OPERATOR, {points: 1_000_000, target: {name: 'rich'}})
    })
    const before = dumpDatabase(db)
    const ccp = cliOn(db)
    if (args[0] === 'rich') {
      const {SqliteStore} = await import('../../src/store/sqlite-store.js')
      const store = SqliteStore.open(db)
      store.db.prepare("UPDATE members SET points = ? WHERE name = 'rich'").run(Number.MAX_SAFE_INTEGER)
      store.close()
    }

    const plain = await ccp.run('award', ...args)
    expect([plain.code, plain.stdout]).toEqual([exitCode, ''])
    expect(plain.stderr).toMatch(/^Error: |Error: /)
    const json = await ccp.run('award', ...args, '--json')
    expect(json.code).toBe(exitCode)
    expect(JSON.parse(json.stdout)).toMatchObject({error: {code, exitCode}})
    if (args[0] !== 'rich') expect(dumpDatabase(db)).toEqual(before)
  })

  it('undoes the latest award, or a chosen one, by appending its opposite', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => {
      ledger.addMember({name: 'alice'})
      ledger.award(OPERATOR, {points: 10, target: {name: 'alice'}})
      ledger.award(OPERATOR, {points: 4, target: {name: 'alice'}})
    })
    const ccp = cliOn(db)
    expect((await ccp.run('undo')).stdout).toBe('Undid entry #2 with -4 for alice: 10 points, rank 1. Entry #3.\n')
    expect(await ccp.json('undo', '1')).toMatchObject({id: 4, name: 'alice', points: -10, source: 'undo', total: 0, undoes: 1})
    const again = await ccp.run('undo', '1')
    expect(again).toMatchObject({code: 1, stderr: 'Error: Entry #1 was already undone by entry #4.\n'})
    expect((await ccp.run('undo')).code).toBe(1)
    expect((await ccp.run('undo', 'latest')).code).toBe(2)
    expect(await ccp.json('history')).toHaveLength(4)
  })
})
