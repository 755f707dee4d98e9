import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

import type {MemberChart, StandingsChart} from '../../src/core/chart/series.js'
import {DEFAULT_TIERS} from '../../src/core/tiers.js'
import {VegaChartRenderer} from '../../src/render/chart-renderer.js'
import {drawnText} from '../../src/render/drawn-text.js'
import {standingsLayout} from '../../src/render/standings-spec.js'
import {decodePng, longestRun} from '../helpers/png.js'

const renderer = new VegaChartRenderer()
const DIST_RENDERER = fileURLToPath(new URL('../../dist/render/chart-renderer.js', import.meta.url))
/** One name in each script the chat may hold, and emoji with a ZWJ sequence, a skin tone and a keycap. */
const SCRIPT_NAMES = ['Alice', 'Борис', 'محمد علي', '王小明', 'Zoë 👩‍👩‍👧 👍🏽 1️⃣ 😀']

function standings(points: number[], names = points.map((_, index) => `member${index + 1}`)): StandingsChart {
  return {bars: points.map((value, index) => ({name: names[index], points: value, tier: 'Citizen'})), kind: 'standings', tiers: DEFAULT_TIERS, title: 'All-time standings'}
}

function member(entries: number): MemberChart {
  const start = Date.parse('2026-01-01T00:00:00Z')
  let total = 0
  const steps = [{at: start, total}]
  for (let i = 1; i <= entries; i++) steps.push({at: start + i * 3_600_000, total: (total += i % 7 === 0 ? -12 : 5)})
  return {kind: 'member', name: 'Alice', steps, tiers: DEFAULT_TIERS, title: 'Points of Alice over time'}
}

describe('the standings image', () => {
  it('is at least 800 pixels wide and at most 300 KB, for 1 bar and for 50', async () => {
    for (const count of [1, 50]) {
      const png = await renderer.png(standings(Array.from({length: count}, (_, i) => 5000 - i * 97)))
      const image = decodePng(png)
      expect(image.width).toBeGreaterThanOrEqual(800)
      expect(png.byteLength).toBeLessThanOrEqual(300 * 1024)
    }
  })

  it('draws bars whose lengths follow the scores, a negative one left of the zero line', async () => {
    const points = [120, 80, 45, 44, 10, -30]
    const image = decodePng(await renderer.png(standings(points)))
    const runs = standingsLayout(points.length, 2).barRows.map((y) => longestRun(image, Math.round(y)))
    const positive = runs.slice(0, 5)
    for (const [index, run] of positive.entries()) if (index > 0) expect(run.length).toBeLessThan(positive[index - 1].length)
    // The positive bars start at the zero line; the negative one ends there.
    const zero = positive[0].start
    for (const run of positive) expect(Math.abs(run.start - zero)).toBeLessThanOrEqual(2)
    expect(runs[5].start).toBeLessThan(zero)
    expect(Math.abs(runs[5].end - zero)).toBeLessThanOrEqual(3)
    expect(runs[5].length / positive[0].length).toBeCloseTo(30 / 120, 1)
  })

  it('writes every shown name as text in the SVG, long ones cut with an ellipsis', async () => {
    const long = 'Maximilian Alexander von Habsburg'
    const svg = await renderer.svg(standings([50, 40, 30, 20, 10, 5], [...SCRIPT_NAMES, long]))
    for (const name of SCRIPT_NAMES) expect(svg).toContain(`>${drawnText(name, 100)}</text>`)
    const cut = drawnText(long, 16.25)
    expect(cut).toMatch(/^Maximilian Alexander.*…$/)
    expect(svg).toContain(`>${cut}</text>`)
    expect(svg).not.toContain(long)
  })
})

describe("a member's image", () => {
  it('is at least 800 pixels wide and at most 300 KB with 1,000 entries', async () => {
    const png = await renderer.png(member(1000))
    expect(decodePng(png).width).toBeGreaterThanOrEqual(800)
    expect(png.byteLength).toBeLessThanOrEqual(300 * 1024)
  })

  it('draws a member with no entries yet', async () => {
    expect(decodePng(await renderer.png(member(0))).width).toBeGreaterThanOrEqual(800)
  })
})

describe('names in five scripts', () => {
  /**
   * Draws the SVG of a chart with the renderer's own fonts in a child process that lets resvg log, and returns
   * what it logged: resvg says "No fonts with a … character were found" for each character it drew as a box.
   */
  function resvgWarnings(names: string[]): string {
    const script = `
      const {VegaChartRenderer, resvgOptions} = await import(${JSON.stringify(DIST_RENDERER)})
      const {Resvg} = (await import('@resvg/resvg-js')).default
      const names = ${JSON.stringify(names)}
      const chart = {bars: names.map((name, i) => ({name, points: 10 - i, tier: 'Citizen'})), kind: 'standings', tiers: [{name: 'Citizen', threshold: 0}], title: 'Standings'}
      const svg = await new VegaChartRenderer().svg(chart)
      new Resvg(svg, {...resvgOptions(), logLevel: 'warn'}).render()
    `
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'})
    expect(child.status).toBe(0)
    return child.stderr
  }

  it('draws Latin, Cyrillic, Arabic, CJK and emoji names as glyphs, not boxes', () => {
    expect(resvgWarnings(SCRIPT_NAMES)).not.toMatch(/No fonts with/)
  })

  it('would notice a box: a character no shipped font has is reported', () => {
    expect(resvgWarnings(['Alice \uE000'])).toMatch(/No fonts with a .*U\+E000 character were found/)
  })

  /**
   * How many .notdef boxes resvg draws for a text, as the chart draws it: its outlines (resvg's own SVG of the
   * text as paths) searched for the outline of the box it draws for a character no font has. resvg draws some
   * boxes without a warning (a ZWJ sequence among other text), so this looks at what is drawn.
   */
  async function boxes(text: string): Promise<number> {
    const {Resvg} = (await import('@resvg/resvg-js')).default
    const {resvgOptions} = await import('../../src/render/chart-renderer.js')
    const outlines = (content: string): string[][] => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="60"><text x="10" y="40" font-family="Noto Sans" font-size="20">${content}</text></svg>`
      const paths = [...new Resvg(svg, resvgOptions()).toString().matchAll(/ d="([^"]*)"/g)].map((match) => match[1])
      return paths.flatMap((d) => d.split(/(?=M )/).map((subpath) => relative(subpath)))
    }

    const box = outlines('\uE000')
    const drawn = outlines(text)
    let found = 0
    for (let i = 0; i + box.length <= drawn.length; i++) if (box.every((subpath, j) => subpath.join() === drawn[i + j].join())) found++
    return found
  }

  it('draws every name without a box, where the raw text of a ZWJ sequence among letters would draw boxes', async () => {
    expect(await boxes('Alice \uE000 \uE000')).toBe(2)
    expect(await boxes('Zoë 👩‍👩‍👧 x')).toBeGreaterThan(0)
    for (const name of SCRIPT_NAMES) expect(await boxes(drawnText(name, 100))).toBe(0)
  })
})

/** A subpath's numbers relative to its first point, rounded: the same glyph outline anywhere gives the same list. */
function relative(subpath: string): string[] {
  const numbers = subpath.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? []
  return numbers.map((value, index) => (value - numbers[index % 2]).toFixed(1))
}
