import {OPERATOR} from '../../src/core/actor.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase, seedSettings} from '../helpers/db.js'
import {readTable, solid, widestLine} from '../helpers/table-text.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

// 200 characters, the longest reason there may be.
const LONG_REASON = 'kept the wifi up through the storm and then fixed the printer for everyone on the third floor while the rest of us argued about lunch, and still found the time to water all the plants in the office'
const WIDE_REASON = '名前のテスト 😀 party for the 名前 team'
const LONG_NAME = 'bartholomew_the_very_long_named'
const TIERS = '100:Model Citizen,0:Citizen,-10:Reeducation Candidate,-1000:Enemy of the People'

interface Standing {
  name: string
  points: number
  rank: number
  tier: string
}

function seed(db: string): void {
  seedDatabase(db, (ledger) => {
    for (const name of ['alice', 'bob', LONG_NAME]) ledger.addMember({name})
    ledger.award(OPERATOR, {points: 1_000_000, reason: LONG_REASON, target: {name: 'alice'}})
    ledger.award(OPERATOR, {points: -25, reason: WIDE_REASON, target: {name: 'bob'}})
    ledger.award(OPERATOR, {points: 3, target: {name: LONG_NAME}})
  })
  seedSettings(db, {tiers: TIERS})
}

describe('output that fits the terminal (COLUMNS, as a pipe sees it)', () => {
  for (const columns of [40, 80]) {
    describe(`at ${columns} columns`, () => {
      const env = {COLUMNS: String(columns)}

      it('list: no line is wider, and every name, rank and number is whole', async () => {
        const db = temp.path('ccp.db')
        seed(db)
        const ccp = cliOn(db, env)
        const {code, stdout} = await ccp.run('list')
        expect(code).toBe(0)
        expect(widestLine(stdout)).toBeLessThanOrEqual(columns)
        const standings = await ccp.json<Standing[]>('list')
        const rows = readTable(stdout, ['Rank', 'Name', 'Points', 'Tier'])
        expect(rows.map((row) => [row.Rank, row.Name, row.Points])).toEqual(standings.map((row) => [String(row.rank), row.name, row.points.toLocaleString('en-US')]))
        // A tier name is whole, or its start before an ellipsis.
        for (const [index, row] of rows.entries()) {
          const shown = row.Tier.endsWith('…') ? row.Tier.slice(0, -1) : row.Tier
          expect(standings[index].tier.startsWith(shown)).toBe(true)
        }
      })

      it('history: no line is wider, and long reasons wrap whole', async () => {
        const db = temp.path('ccp.db')
        seed(db)
        const {code, stdout} = await cliOn(db, env).run('history')
        expect(code).toBe(0)
        expect(widestLine(stdout)).toBeLessThanOrEqual(columns)
        const rows = readTable(stdout, ['#', 'When', 'Name', 'Points', 'Reason', 'By'])
        expect(rows.map((row) => [row['#'], row.Name, row.Points, solid(row.Reason)])).toEqual([
          ['3', LONG_NAME, '+3', ''],
          ['2', 'bob', '-25', solid(WIDE_REASON)],
          ['1', 'alice', '+1,000,000', solid(LONG_REASON)],
        ])
        for (const row of rows) expect(solid(row.When)).toMatch(/^\d{4}-\d\d-\d\d\d\d:\d\d$/)
      })

      it('config list: no line is wider, and every value is shown whole', async () => {
        const db = temp.path('ccp.db')
        seed(db)
        const ccp = cliOn(db, env)
        const {code, stdout} = await ccp.run('config', 'list')
        expect(code).toBe(0)
        expect(widestLine(stdout)).toBeLessThanOrEqual(columns)
        const settings = await ccp.json<{description: string; key: string; source: string; value: string}[]>('config', 'list')
        const rows = readTable(stdout, ['Key', 'Value', 'From', 'What it does'])
        expect(rows.map((row) => [row.Key, solid(row.Value), row.From, solid(row['What it does'])])).toEqual(
          settings.map((setting) => [setting.key, solid(setting.value || '(empty)'), setting.source, solid(setting.description)]),
        )
        expect(rows.find((row) => row.Key === 'tiers')?.Value).not.toContain('…')
      })

      it('stats, score and season list: no line is wider, names whole', async () => {
        const db = temp.path('ccp.db')
        seed(db)
        const ccp = cliOn(db, env)
        expect((await ccp.run('season', 'start', 'Spring season of the year 2026')).code).toBe(0)
        for (const args of [['stats'], ['score', LONG_NAME], ['season', 'list'], ['list', '--since', '7d'], ['list']]) {
          const {code, stdout} = await ccp.run(...args)
          expect(code).toBe(0)
          expect(widestLine(stdout)).toBeLessThanOrEqual(columns)
        }

        const stats = await ccp.run('stats')
        expect(readTable(stats.stdout, ['Name', 'Given', 'Received']).map((row) => row.Name).sort()).toEqual(['alice', 'bartholomew_the_very_long_named', 'bob'])
        expect(stats.stdout).toMatch(/^ {2}\d{4}-\d\d-\d\d {2}█+ *3$/m)
      })
    })
  }

  it('shows a table whole when stdout is a pipe and COLUMNS is not set', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const ccp = cliOn(db)
    const history = await ccp.run('history')
    expect(history.stdout.split('\n').some((line) => line.includes(`│ ${LONG_REASON} │`))).toBe(true)
    const settings = await ccp.run('config', 'list')
    expect(settings.stdout.split('\n').some((line) => line.includes(`│ ${TIERS} │`))).toBe(true)
    const list = await ccp.run('list')
    expect(list.stdout).toMatch(/│ Enemy of the People │ +█┃ +│/)
  })

  it('drops the bars before it cuts a tier name, and keeps the bars while they fit', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const wide = await cliOn(db, {COLUMNS: '100'}).run('list')
    expect(wide.stdout).toContain('┃')
    expect(wide.stdout).toContain('Enemy of the People')
    expect(widestLine(wide.stdout)).toBeLessThanOrEqual(100)
    // Without the bars the table is 76 wide: at 77 the tier names are whole, at 75 the longest loses a letter.
    const barless = await cliOn(db, {COLUMNS: '77'}).run('list')
    expect(barless.stdout).not.toContain('┃')
    expect(barless.stdout).toContain('│ Enemy of the People │')
    const cut = await cliOn(db, {COLUMNS: '75'}).run('list')
    expect(cut.stdout).toContain('│ Enemy of the Peop… │')
    expect(widestLine(cut.stdout)).toBeLessThanOrEqual(75)
  })

  it('keeps names and numbers whole on a terminal too narrow for them', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const {code, stdout} = await cliOn(db, {COLUMNS: '20'}).run('list')
    expect(code).toBe(0)
    const rows = readTable(stdout, ['Rank', 'Name', 'Points', 'Tier'])
    expect(rows.map((row) => [row.Name, row.Points])).toEqual([
      ['alice', '1,000,000'],
      [LONG_NAME, '3'],
      ['bob', '-25'],
    ])
  })
})
