import {OPERATOR} from '../../src/core/actor.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase, tableRows} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/

function seedStandings(db: string): void {
  seedDatabase(db, (ledger) => {
    for (const name of ['alice', 'bob', 'carol', 'dave']) ledger.addMember({name})
    ledger.award(OPERATOR, {points: 10, reason: 'kept the wifi up', target: {name: 'alice'}})
    ledger.award(OPERATOR, {points: 5, target: {name: 'dave'}})
    ledger.award(OPERATOR, {points: 5, target: {name: 'carol'}})
    ledger.award(OPERATOR, {points: -5, reason: 'late', target: {name: 'bob'}})
  })
}

describe('ccp list', () => {
  it('shows a ranked table, highest first, ties by name, with a bar per score', async () => {
    const db = temp.path('ccp.db')
    seedStandings(db)
    const {code, stdout} = await cliOn(db).run('list')
    expect(code).toBe(0)
    const rows = tableRows(stdout)
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['1', 'alice', '10'],
      ['2', 'carol', '5'],
      ['2', 'dave', '5'],
      ['4', 'bob', '-5'],
    ])
    expect(rows.map((row) => row[3])).toEqual(['Citizen', 'Citizen', 'Citizen', 'Reeducation Candidate'])
    const bars = rows.map((row) => row[4])
    // Positive bars grow right of the axis, negative ones left of it: visible without colour.
    expect(bars[0]).toMatch(/^┃█{20}$/)
    expect(bars[1]).toMatch(/^┃█{10}$/)
    expect(bars[3]).toMatch(/^█{10}┃$/)
    expect(stdout).not.toMatch(ANSI)
  })

  it('prints JSON that scripts can rely on, and honours --limit', async () => {
    const db = temp.path('ccp.db')
    seedStandings(db)
    const ccp = cliOn(db)
    expect(await ccp.json('list')).toEqual([
      {name: 'alice', points: 10, rank: 1, tier: 'Citizen'},
      {name: 'carol', points: 5, rank: 2, tier: 'Citizen'},
      {name: 'dave', points: 5, rank: 2, tier: 'Citizen'},
      {name: 'bob', points: -5, rank: 4, tier: 'Reeducation Candidate'},
    ])
    expect(await ccp.json('list', '--limit', '2')).toHaveLength(2)
    expect(tableRows((await ccp.run('list', '--limit', '1')).stdout)).toHaveLength(1)
    expect((await ccp.run('list', '--limit', '0')).code).toBe(2)
  })

  it('says how to start on an empty database', async () => {
    seedDatabase(temp.path('new.db'), () => {})
    const {stdout} = await cliOn(temp.path('new.db')).run('list')
    expect(stdout).toBe('All-time standings\nNo members yet. Add one with: ccp adduser NAME\n')
  })

  it('colours only a colour terminal: never with NO_COLOR, a pipe or --json', async () => {
    const db = temp.path('ccp.db')
    seedStandings(db)
    expect((await cliOn(db, {FORCE_COLOR: '1'}).run('list')).stdout).toMatch(ANSI)
    expect((await cliOn(db, {FORCE_COLOR: '1', NO_COLOR: '1'}).run('list')).stdout).not.toMatch(ANSI)
    expect((await cliOn(db, {FORCE_COLOR: '1'}).run('list', '--json')).stdout).not.toMatch(ANSI)
  })
})

describe('ccp history', () => {
  it('shows entries newest first, for everyone or one member', async () => {
    const db = temp.path('ccp.db')
    seedStandings(db)
    const ccp = cliOn(db)
    const rows = tableRows((await ccp.run('history')).stdout)
    expect(rows.map((row) => [row[0], row[2], row[3], row[4], row[5]])).toEqual([
      ['4', 'bob', '-5', 'late', 'operator'],
      ['3', 'carol', '+5', '', 'operator'],
      ['2', 'dave', '+5', '', 'operator'],
      ['1', 'alice', '+10', 'kept the wifi up', 'operator'],
    ])
    expect(rows[0][1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)
    const mine = await ccp.json<object[]>('history', 'ALICE')
    expect(mine).toEqual([
      {actor: 'operator', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), id: 1, name: 'alice', points: 10, reason: 'kept the wifi up', source: 'cli', undoes: null, undoneBy: null},
    ])
    expect(await ccp.json('history', '--limit', '2')).toMatchObject([{id: 4}, {id: 3}])
    expect((await ccp.run('history', 'zed')).code).toBe(1)
  })

  it('marks undone entries and the undo that compensates them', async () => {
    const db = temp.path('ccp.db')
    seedStandings(db)
    seedDatabase(db, (ledger) => ledger.undo(OPERATOR, {entryId: 1}))
    const rows = tableRows((await cliOn(db).run('history', 'alice')).stdout)
    expect(rows.map((row) => [row[0], row[3], row[4]])).toEqual([
      ['5', '-10', 'undo of #1'],
      ['1', '+10', 'kept the wifi up (undone by #5)'],
    ])
  })
})
