import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

import type {MemberChart, StandingsChart} from '../../src/core/chart/series.js'
import {DEFAULT_TIERS} from '../../src/core/tiers.js'
import {VegaChartRenderer} from '../../src/render/chart-renderer.js'
import {drawnText} from '../../src/render/drawn-text.js'
import {escapeXml, fontRuns, withFontRuns} from '../../src/render/font-runs.js'
import {CHART_FONTS} from '../../src/render/fonts.js'
import {memberLayout} from '../../src/render/member-spec.js'
import {standingsLayout} from '../../src/render/standings-spec.js'
import {decodePng, longestRun} from '../helpers/png.js'

const renderer = new VegaChartRenderer()
const DIST_RENDERER = fileURLToPath(new URL('../../dist/render/chart-renderer.js', import.meta.url))
/** One name in each script the chat may hold, and emoji with a ZWJ sequence, a skin tone and a keycap. */
const SCRIPT_NAMES = ['Alice', 'Борис', 'محمد علي', '王小明', 'Zoë 👩‍👩‍👧 👍🏽 1️⃣ 😀']
/** A short name in each script a name may be written in. */
const SCRIPTS: Record<string, string> = {Arabic: 'شادي', CJK: '王', Cyrillic: 'Борис', emoji: '😀', Hangul: '민준', Hebrew: 'שרה', Latin: 'Ana', Thai: 'สมชาย'}
const MINUS = '\u2212'

function standings(points: number[], names = points.map((_, index) => `member${index + 1}`)): StandingsChart {
  return {bars: points.map((value, index) => ({name: names[index], points: value, tier: 'Citizen'})), kind: 'standings', tiers: DEFAULT_TIERS, title: 'All-time standings'}
}

function member(entries: number, every = 3_600_000, until?: number): MemberChart {
  const start = Date.parse('2026-01-01T00:00:00Z')
  let total = 0
  const steps = [{at: start, total}]
  for (let i = 1; i <= entries; i++) steps.push({at: start + i * every, total: (total += i % 7 === 0 ? -12 : 5)})
  return {kind: 'member', name: 'Alice', steps, tiers: DEFAULT_TIERS, title: 'Points of Alice over time', until}
}

/** The labels of each axis of a chart's SVG, in the order drawn. */
function axisLabels(svg: string): string[][] {
  return [...svg.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/g)].map((axis) => [...axis[1].matchAll(/>([^<]*)<\/text>/g)].map((label) => label[1]))
}

/** The pixels of the member's line (its dark blue) in row `y`, as the leftmost and rightmost column. */
function lineExtent(image: ReturnType<typeof decodePng>, y: number): {left: number; right: number} | undefined {
  const xs = Array.from({length: image.width}, (_, x) => x).filter((x) => {
    const [r, , b] = image.pixel(x, y)
    return b > r + 25 && b < 120 && r < 60
  })
  return xs.length === 0 ? undefined : {left: xs[0], right: xs.at(-1)!}
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

  /** The longest stretch of the line along one row of the data rectangle, and the rightmost pixel of the line. */
  async function lineShape(chart: MemberChart): Promise<{level: number; right: number}> {
    const image = decodePng(await renderer.png(chart))
    const {plot} = memberLayout()
    let level = 0
    let right = 0
    for (let y = plot.top; y < plot.bottom; y++) {
      const extent = lineExtent(image, y)
      if (!extent) continue
      level = Math.max(level, extent.right - extent.left)
      right = Math.max(right, extent.right)
    }

    return {level, right}
  }

  it('draws a member with no entries yet as a flat line at 0 across the chart', async () => {
    const {level, right} = await lineShape(member(0))
    const {plot} = memberLayout()
    expect(level).toBeGreaterThan((plot.right - plot.left) * 0.8)
    expect(right).toBeGreaterThan(plot.right - 10)
  })

  it('draws a member with one award as a step and a level to now, not a lone vertical stroke', async () => {
    const {plot} = memberLayout()
    for (const until of [undefined, Date.parse('2026-01-01T01:00:00Z'), Date.parse('2026-01-20T00:00:00Z')]) {
      const {level, right} = await lineShape(member(1, 60_000, until))
      expect(level).toBeGreaterThan((plot.right - plot.left) * 0.3)
      expect(right).toBeGreaterThan(plot.right - 10)
    }
  })

  it('continues the last total as a level to now', async () => {
    const {plot} = memberLayout()
    const {right} = await lineShape(member(20, 3_600_000, Date.parse('2026-03-01T00:00:00Z')))
    expect(right).toBeGreaterThan(plot.right - 10)
  })

  it('never labels a time after the chart was asked for, however short the story', async () => {
    // Three entries a minute apart at noon, asked for ten minutes after the last: the axis reaches back, not ahead.
    const noon = Date.parse('2026-06-15T12:00:00Z')
    const asked = noon + 13 * 60_000
    const steps = [0, 1, 2, 3].map((i) => ({at: noon + i * 60_000, total: i * 5}))
    const [time] = axisLabels(await renderer.svg({...member(0), steps, until: asked}))
    expect(time.length).toBeGreaterThanOrEqual(2)
    for (const label of time) expect(Date.parse(`${label.replace(/^(\w{3}) (\d+), /, '$1 $2 2026 ')} UTC`)).toBeLessThanOrEqual(asked)
  })

  it('labels the time axis by the span, hours within a day, and never the same label twice', async () => {
    for (const [every, shape] of [
      [60_000, /^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}$/],
      [3_600_000, /^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}$/],
      [86_400_000, /^\d{4}-\d{2}-\d{2}$/],
      [20 * 86_400_000, /^\d{4}-\d{2}$|^\d{4}$/],
    ] as const) {
      const [time] = axisLabels(await renderer.svg(member(30, every)))
      expect(time.length).toBeGreaterThanOrEqual(3)
      expect(new Set(time).size).toBe(time.length)
      for (const label of time) expect(label).toMatch(shape)
    }
  })
})

describe('numbers on the charts', () => {
  it('puts only whole numbers, each once, on the points axis, also when every total is 0', async () => {
    for (const points of [[0, 0, 0], [3, 2, 1], [1], [-2, -1]]) {
      const [axis] = axisLabels(await renderer.svg(standings(points)))
      expect(axis.length).toBeGreaterThanOrEqual(2)
      expect(new Set(axis).size).toBe(axis.length)
      for (const label of axis) expect(label).toMatch(new RegExp(`^${MINUS}?\\d+$`))
    }

    const [, totals] = axisLabels(await renderer.svg(member(3, 60_000)))
    for (const label of totals) expect(label).toMatch(new RegExp(`^${MINUS}?[\\d,]+$`))
  })

  it('writes a negative number with the same minus sign on the bars, the axis and the subtitle', async () => {
    const svg = await renderer.svg(standings([40, -5, -1234]))
    expect(svg).toContain(`>${MINUS}5</text>`)
    expect(svg).toContain(`>${MINUS}1,234</text>`)
    expect(svg).not.toMatch(/>-\d/)
    const line = await renderer.svg({...member(0), steps: [{at: 0, total: 0}, {at: 1, total: -5}]})
    expect(line).toContain(`Now ${MINUS}5 points`)
    expect(line).not.toMatch(/>-\d|Now -/)
  })
})

describe('names in every script', () => {
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

  it('draws Korean, Hebrew and Thai names as glyphs, not boxes', () => {
    expect(resvgWarnings([SCRIPTS.Hangul, SCRIPTS.Hebrew, SCRIPTS.Thai, '김민준', 'דוד כהן', 'สมชาย ใจดี'])).not.toMatch(/No fonts with/)
  })

  it('draws every name without a box, where the raw text of a ZWJ sequence among letters would draw boxes', async () => {
    expect(await boxes(svgOfText('Alice \uE000 \uE000'))).toBe(2)
    // resvg's own fallback, without the font runs, draws boxes for a ZWJ sequence among letters and for mixed scripts.
    expect(await boxes(svgOfText('Zoë 👩‍👩‍👧 x'), false)).toBeGreaterThan(0)
    expect(await boxes(svgOfText('ش王'), false)).toBe(2)
    for (const name of [...SCRIPT_NAMES, ...Object.values(SCRIPTS)]) expect(await boxes(svgOfText(drawnText(name, 100)))).toBe(0)
  })

  it('draws a name mixing any two scripts without a box', async () => {
    const drawnWithBoxes: string[] = []
    for (const first of Object.values(SCRIPTS))
      for (const second of Object.values(SCRIPTS)) {
        if (first === second) continue
        for (const name of [`${first}${second}`, `${first} ${second}`]) if ((await boxes(svgOfText(name))) > 0) drawnWithBoxes.push(name)
      }

    expect(drawnWithBoxes).toEqual([])
  })

  it('draws every part of a name mixing Arabic with another script: as much as its parts draw alone, not a blank', async () => {
    const missing: string[] = []
    for (const name of ['ش王', '王ش', 'Борисش', 'ש ش', 'علي 😀', 'Points of ش王 over time', 'محمد王', 'Aliش']) {
      const alone = await Promise.all(fontRuns(name).map(async (run) => (await outlines(svgOfText(escapeXml(run.text), run.family))).length))
      const together = (await outlines(await inFontRuns(svgOfText(escapeXml(name))))).length
      if (together < alone.reduce((sum, count) => sum + count, 0)) missing.push(name)
    }

    expect(missing).toEqual([])
    // As runs of one text (tspans), resvg draws the same name blank: this test would notice.
    const spans = svgOfText('<tspan font-family="Noto Sans Arabic">ش</tspan><tspan font-family="Noto Sans SC">王</tspan>')
    expect(await outlines(spans)).toHaveLength(0)
  })

  it('draws a chart of 50 long names mixing scripts without a box, in at most 300 KB', async () => {
    const scripts = Object.values(SCRIPTS)
    const names = Array.from({length: 50}, (_, i) => `${scripts[i % 8]}${scripts[(i + 3) % 8]} ${scripts[(i + 5) % 8]}${scripts[(i + 1) % 8]} ${scripts[(i + 6) % 8]}${i}`)
    const chart = standings(Array.from({length: 50}, (_, i) => 5000 - i * 97), names)
    expect(await boxes(await renderer.svg(chart))).toBe(0)
    expect((await renderer.png(chart)).byteLength).toBeLessThanOrEqual(300 * 1024)
  })
})

/** An SVG as the renderer hands it to resvg: each run of its texts in a font that has it. */
async function inFontRuns(svg: string): Promise<string> {
  const resvg = (await import('@resvg/resvg-js')).default
  const {runMeasure} = await import('../../src/render/chart-renderer.js')
  return withFontRuns(svg, runMeasure(resvg))
}

/** An SVG with one line of text at 20 pixels in the chart's font. */
function svgOfText(content: string, family = 'Noto Sans'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="60"><text x="10" y="40" font-family="${family}" font-size="20px">${content}</text></svg>`
}

/** The subpaths resvg draws for an SVG's texts (its own SVG of them as outlines), each relative to its first point. */
async function outlines(svg: string): Promise<number[][]> {
  const {Resvg} = (await import('@resvg/resvg-js')).default
  const {resvgOptions} = await import('../../src/render/chart-renderer.js')
  const paths = [...new Resvg(svg, resvgOptions()).toString().matchAll(/ d="([^"]*)"/g)].map((match) => match[1])
  return paths.flatMap((d) => d.split(/(?=M )/).map((subpath) => relative(subpath)))
}

const boxShapes: number[][][] = []

/**
 * How many .notdef boxes resvg draws for an SVG as the renderer rasterises it (its texts cut into font runs): its
 * outlines searched for the box any shipped font draws for a character no font has, at the sizes charts use.
 * resvg draws some boxes without a warning (a ZWJ sequence among other text, a run mixing scripts), so this looks at
 * what is drawn.
 */
async function boxes(svg: string, inRuns = true): Promise<number> {
  if (boxShapes.length === 0)
    for (const {family} of CHART_FONTS)
      for (const size of [14, 16, 20, 22]) {
        const box = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="60"><text x="10" y="40" font-family="${family}" font-size="${size}px">\uE000</text></svg>`
        boxShapes.push(await outlines(box))
      }

  const shapes = boxShapes
  const drawn = await outlines(inRuns ? await inFontRuns(svg) : svg)
  let found = 0
  for (let i = 0; i < drawn.length; i++) if (shapes.some((box) => box.every((subpath, j) => same(subpath, drawn[i + j])))) found++
  return found
}

function same(a: number[], b: number[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((value, index) => Math.abs(value - b[index]) < 0.15)
}

/** A subpath's numbers relative to its first point, rounded: the same glyph outline anywhere gives the same list. */
function relative(subpath: string): number[] {
  const numbers = subpath.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? []
  return numbers.map((value, index) => value - numbers[index % 2])
}
