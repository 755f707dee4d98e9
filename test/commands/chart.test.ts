import {existsSync, readFileSync, statSync} from 'node:fs'

import {OPERATOR} from '../../src/core/actor.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase} from '../helpers/db.js'
import {decodePng} from '../helpers/png.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function seed(db: string): void {
  seedDatabase(db, (ledger) => {
    for (const name of ['alice', 'Борис', 'carol']) ledger.addMember({name})
    ledger.award(OPERATOR, {points: 40, target: {name: 'alice'}})
    ledger.award(OPERATOR, {points: 10, target: {name: 'Борис'}})
    ledger.award(OPERATOR, {points: -20, target: {name: 'carol'}})
    ledger.undo(OPERATOR)
    ledger.award(OPERATOR, {points: -5, target: {name: 'carol'}})
  })
}

describe('ccp chart', () => {
  it('draws the standings with blocks: names in rank order, longer bars for more points, a negative one left of the zero line', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const {code, stdout} = await cliOn(db).run('chart')
    expect(code).toBe(0)
    const [title, ...rows] = stdout.trimEnd().split('\n')
    expect(title).toBe('All-time standings')
    expect(rows.map((row) => row.split(' ')[0])).toEqual(['alice', 'Борис', 'carol'])
    const bars = rows.map((row) => /[█▏▎▍▌▋▊▉]+/.exec(row.split('│')[1] ?? '')?.[0].length ?? 0)
    expect(bars[0]).toBeGreaterThan(bars[1])
    expect(rows.map((row) => row.split(' ').at(-1))).toEqual(['40', '10', '-5'])
    expect(rows[2]).toMatch(/█+│ -5$/)
  })

  it("draws a member's total over time, and gives the series with --json", async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const {code, stdout} = await cliOn(db).run('chart', 'carol')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Points of carol over time\n[▁▂▃▄▅▆▇█]+\n.*from 0 to -5 in 3 entries \(lowest -20, highest 0\)\.$/m)
    const chart = await cliOn(db).json<{kind: string; steps: {total: number}[]}>('chart', 'carol')
    expect(chart.kind).toBe('member')
    expect(chart.steps.map((step) => step.total)).toEqual([0, -20, 0, -5])
    expect(await cliOn(db).json('chart', '--top', '2')).toMatchObject({bars: [{name: 'alice', points: 40}, {name: 'Борис', points: 10}], kind: 'standings'})
  })

  it('writes a PNG or an SVG by the extension, private, and refuses to replace a file without --force', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const cli = cliOn(db)
    const png = temp.path('standings.png')
    expect(await cli.run('chart', '--output', png)).toMatchObject({code: 0, stdout: `Wrote the chart to ${png}.\n`})
    expect(decodePng(readFileSync(png)).width).toBeGreaterThanOrEqual(800)
    expect(statSync(png).mode & 0o777).toBe(0o600)
    const svg = temp.path('carol.SVG')
    expect((await cli.run('chart', 'carol', '--output', svg)).code).toBe(0)
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]*>[\s\S]*>Points of carol over time<\/text>/)

    const before = readFileSync(png)
    const again = await cli.run('chart', 'alice', '--output', png)
    expect(again).toMatchObject({code: 1, stderr: expect.stringContaining(`${png} already exists; choose a new file, or pass --force to replace it.`)})
    expect(readFileSync(png)).toEqual(before)
    expect((await cli.run('chart', 'alice', '--output', png, '--force')).code).toBe(0)
    expect(readFileSync(png)).not.toEqual(before)
  })

  it('refuses another extension, and a member chart with a standings flag, as usage errors that write nothing', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const cli = cliOn(db)
    const jpg = await cli.run('chart', '--output', temp.path('chart.jpg'))
    expect(jpg).toMatchObject({code: 2, stderr: expect.stringContaining('a chart is written as .png or .svg')})
    expect(existsSync(temp.path('chart.jpg'))).toBe(false)
    expect(await cli.run('chart', 'alice', '--top', '3')).toMatchObject({code: 2, stderr: expect.stringContaining("--top chooses the standings; a member's chart shows their whole history.")})
    expect((await cli.run('chart', '--top', '51')).code).toBe(2)
  })

  it('says there is nobody to chart in an empty database, or no such member, with exit 1', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, () => {})
    const empty = await cliOn(db).run('chart', '--output', temp.path('none.png'))
    expect(empty).toMatchObject({code: 1, stderr: expect.stringContaining('There is nobody to chart: no members yet.')})
    expect(existsSync(temp.path('none.png'))).toBe(false)
    expect(JSON.parse((await cliOn(db).run('chart', '--json')).stdout)).toEqual({error: {code: 'NO_MEMBERS', exitCode: 1, message: 'There is nobody to chart: no members yet.'}})
    seed(db)
    expect(await cliOn(db).run('chart', 'zed')).toMatchObject({code: 1, stderr: expect.stringContaining('No member is named "zed"')})
  })

  it('charts the points gained since a time, saying so in the title', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const {stdout} = await cliOn(db).run('chart', '--since', '7d')
    expect(stdout.split('\n')[0]).toMatch(/^Points gained since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
  })
})
