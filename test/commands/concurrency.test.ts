import {cliOn, runAwardWorker} from '../helpers/cli.js'
import {seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const NAMES = ['alice', 'bob', 'carol', 'dave']

describe('several processes on one database', () => {
  it('four processes awarding 250 times each, beside CLI awards, end with exact totals and no lock errors', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => NAMES.forEach((name) => ledger.addMember({name})))
    const ccp = cliOn(db)

    // Worker k awards k points, 250 times, cycling through the four members: each member gets k, 62 or 63 times.
    const workers = [1, 2, 3, 4].map((points) => runAwardWorker(db, points, 250, NAMES))
    const cli = Array.from({length: 8}, (_, i) => ccp.run('award', NAMES[i % 4], '100'))
    const results = await Promise.all([...workers, ...cli])

    for (const result of results) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
    }

    const expected = (index: number): number => [1, 2, 3, 4].reduce((sum, k) => sum + k * (index < 250 % 4 ? 63 : 62), 0) + 200
    const standings = await ccp.json<{name: string; points: number}[]>('list')
    expect(Object.fromEntries(standings.map((row) => [row.name, row.points]))).toEqual(Object.fromEntries(NAMES.map((name, i) => [name, expected(i)])))
    expect(await ccp.json('history', '--limit', '5000')).toHaveLength(1008)
  })
})
