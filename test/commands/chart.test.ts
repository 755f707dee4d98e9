import {existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'

import {OPERATOR} from '../../src/core/actor.js'
import {cliOn, runCli} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase, seedSettings} from '../helpers/db.js'
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

  it('refuses a symbolic link that leads nowhere as --output, with --force too, exit 3, and keeps the link', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const link = temp.path('link.png')
    symlinkSync(temp.path('gone.png'), link)
    for (const force of [[], ['--force']]) {
      const result = await cliOn(db).run('chart', '-o', link, ...force)
      expect(result).toMatchObject({
        code: 3,
        stderr: `Error: Cannot write ${link}: it is a symbolic link to ${temp.path('gone.png')}, which does not exist; nothing was written. Create the file it leads to, remove the link, or choose another file.\n`,
      })
      expect(lstatSync(link).isSymbolicLink()).toBe(true)
      expect(existsSync(temp.path('gone.png'))).toBe(false)
    }

    // Once the file it leads to exists, --force writes it and keeps the link.
    writeFileSync(temp.path('gone.png'), 'old')
    expect((await cliOn(db).run('chart', '-o', link, '--force')).code).toBe(0)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(decodePng(readFileSync(temp.path('gone.png'))).width).toBeGreaterThanOrEqual(800)
  })
})

describe('names a chart shows', () => {
  it('hold no phone number or UUID: adduser, season start, config set tiers and import refuse them, and store nothing', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const cli = cliOn(db)
    const before = dumpDatabase(db)
    const refusal = 'cannot hold a phone number or a UUID; drop the long number.'
    expect(await cli.run('adduser', 'x+15551234567')).toMatchObject({code: 1, stderr: `Error: A name ${refusal}\n`})
    expect(await cli.run('season', 'start', 's+15551234567')).toMatchObject({code: 1, stderr: `Error: A season name ${refusal}\n`})
    expect(await cli.run('config', 'set', 'tiers', '0:Tx15551234567,10:Top')).toMatchObject({code: 2, stderr: `Error: tiers: A tier name ${refusal}\n`})
    expect(await cli.run('adduser', 'chart')).toMatchObject({code: 1, stderr: 'Error: "chart" is a chat command and cannot be a member name; choose another.\n'})
    expect(dumpDatabase(db)).toEqual(before)

    const exported = temp.path('export.json')
    expect((await cli.run('export', '--output', exported)).code).toBe(0)
    const edited = temp.path('edited.json')
    writeFileSync(edited, readFileSync(exported, 'utf8').replaceAll('"alice"', '"x+15551234567"'))
    const fresh = temp.path('fresh.db')
    const imported = await cliOn(fresh).run('import', edited)
    expect(imported).toMatchObject({code: 1, stderr: expect.stringContaining(`name: A name ${refusal} Nothing was imported.`)})
    expect(imported.stderr).not.toMatch(/5551234567/)
    expect(existsSync(fresh)).toBe(false)
  })

  it('a member named chart by an older ccp imports, and is reached in the chat as @chart', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const exported = temp.path('export.json')
    expect((await cliOn(db).run('export', '--output', exported)).code).toBe(0)
    const older = temp.path('older.json')
    writeFileSync(older, readFileSync(exported, 'utf8').replaceAll('"alice"', '"chart"'))
    const restored = temp.path('restored.db')
    expect((await cliOn(restored).run('import', older)).code).toBe(0)
    const chat = await runCli(['chat', '--db', restored], {}, '/CCP @chart 5\n/CCP chart 5\n/CCP chart chart\n')
    expect(chat.stdout.split('\n').slice(0, 3)).toEqual([
      '5 points updated for user chart. Total points: 45.',
      'A chart is of week, month or one member; to give points to a member named chart, write @chart before the points. Usage: /CCP chart [week|month|name|@mention]',
      'Points of chart over time: 45 points now, after 2 entries.',
    ])
  })

  it('a season an older ccp named like a number imports, as a database\'s export must, and its title hides the number', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    expect((await cliOn(db).run('season', 'start', 'Spring')).code).toBe(0)
    const exported = temp.path('export.json')
    expect((await cliOn(db).run('export', '--output', exported)).code).toBe(0)
    const older = temp.path('older.json')
    writeFileSync(older, readFileSync(exported, 'utf8').replace('"Spring"', '"2025-2026"'))
    const restored = cliOn(temp.path('restored.db'))
    expect((await restored.run('import', older)).code).toBe(0)
    expect(await restored.json('chart')).toMatchObject({title: expect.stringMatching(/^Season "\[number hidden\]" standings \(since \d{4}-\d\d-\d\d\)$/) as unknown})
  })

  it('tiers an older ccp named like a number stay in force, import again, and are hidden on the chart', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    // As an older ccp stored them, behind the CLI's back: config set now refuses such a name.
    seedSettings(db, {tiers: '-100:Low,0:2025-2026,100:High'})
    const tiers = (json: unknown) => (json as {tiers: {name: string}[]}).tiers.map((tier) => tier.name)
    expect(tiers(await cliOn(db).json('chart'))).toEqual(['Low', '[number hidden]', 'High'])
    const exported = temp.path('export.json')
    expect((await cliOn(db).run('export', '--output', exported)).code).toBe(0)
    const restored = cliOn(temp.path('restored.db'))
    expect((await restored.run('import', exported)).code).toBe(0)
    expect(tiers(await restored.json('chart'))).toEqual(['Low', '[number hidden]', 'High'])
    expect((await restored.run('config', 'set', 'tiers', '0:2025-2026')).code).toBe(2)
  })
})
