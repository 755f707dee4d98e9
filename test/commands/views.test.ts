import {OPERATOR} from '../../src/core/actor.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

interface Score {
  name: string
  points: number
  rank: number
  season: null | {name: string; points: number; rank: number}
}

function seed(db: string): void {
  seedDatabase(db, (ledger) => {
    for (const name of ['alice', 'bob', 'carol']) ledger.addMember({name})
    ledger.award(OPERATOR, {points: 10, target: {name: 'alice'}})
  })
}

const DAY = /\d{4}-\d\d-\d\d/.source

describe('list and score say which points they count', () => {
  it('titles the standings all-time before any season, and says score is all-time', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const ccp = cliOn(db)
    expect((await ccp.run('list')).stdout.split('\n')[0]).toBe('All-time standings')
    expect((await ccp.run('score', 'alice')).stdout).toBe('alice: 10 points all-time, rank 1 (Citizen).\n')
    expect(await ccp.json<Score>('score', 'alice')).toMatchObject({points: 10, rank: 1, season: null})
  })

  it('titles a season, a past season, a window and --all-time; score adds the season beside the total', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const ccp = cliOn(db)
    await ccp.run('season', 'start', 'spring')
    await ccp.run('award', 'bob', '4')
    await ccp.run('award', 'alice', '-3')

    const season = await ccp.run('list')
    expect(season.stdout.split('\n')[0]).toMatch(new RegExp(`^Season "spring" standings \\(since ${DAY}\\)$`))
    expect((await ccp.run('list', '--all-time')).stdout.split('\n')[0]).toBe('All-time standings')
    expect((await ccp.run('list', '--since', '7d')).stdout.split('\n')[0]).toMatch(new RegExp(`^Points gained since ${DAY} \\d\\d:\\d\\d UTC$`))

    // alice leads all time (7) but is last in the season (-3): score says both, each named.
    expect((await ccp.run('score', 'alice')).stdout).toBe('alice: 7 points all-time, rank 1 (Citizen). In season "spring": -3 points, rank 3.\n')
    expect(await ccp.json<Score>('score', 'alice')).toMatchObject({name: 'alice', points: 7, rank: 1, season: {name: 'spring', points: -3, rank: 3}})

    await ccp.run('season', 'start', 'summer')
    expect((await ccp.run('list', '--season', 'spring')).stdout.split('\n')[0]).toMatch(new RegExp(`^Season "spring" standings \\(${DAY} until ${DAY}\\)$`))
    expect((await ccp.run('score', 'bob')).stdout).toBe('bob: 4 points all-time, rank 2 (Citizen). In season "summer": 0 points, rank 1.\n')
  })

  it('keeps list --json an array of {rank, name, points, tier}, with no title', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const {code, stdout} = await cliOn(db).run('list', '--json', '--limit', '1')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual([{name: 'alice', points: 10, rank: 1, tier: 'Citizen'}])
  })
})
