import {memberBlocks, standingsBlocks} from '../../src/cli/chart-blocks.js'
import {DEFAULT_TIERS} from '../../src/core/tiers.js'

const bars = (points: number[]) => ({
  bars: points.map((value, i) => ({name: `m${i}`, points: value, tier: 'Citizen'})),
  kind: 'standings' as const,
  tiers: DEFAULT_TIERS,
  title: 'All-time standings',
})

describe('the standings in blocks', () => {
  it('keeps the zero line in one column, also when a negative bar is tiny beside the others', () => {
    for (const points of [[1000, 3, -1], [10, -5], [5, 0, 3], [-2, -40]]) {
      const rows = standingsBlocks(bars(points), 60).split('\n').slice(1)
      const columns = new Set(rows.map((row) => row.indexOf('│')))
      expect(columns.size).toBe(1)
    }
  })
})

describe("a member's line in blocks", () => {
  it('runs on to when the chart was asked for, as the image does', () => {
    const day = 86_400_000
    const chart = {kind: 'member' as const, name: 'ann', steps: [{at: 0, total: 0}, {at: day, total: 10}], tiers: DEFAULT_TIERS, title: 'Points of ann over time'}
    const [, endless] = memberBlocks(chart, 42).split('\n')
    const [, untilLater] = memberBlocks({...chart, until: 9 * day}, 42).split('\n')
    // Reached at a ninth of the way, the total holds for the rest of the line.
    expect(endless.at(-2)).not.toBe('█')
    expect(untilLater.indexOf('█')).toBeLessThan(untilLater.length / 4)
    expect(untilLater.slice(untilLater.indexOf('█'))).toMatch(/^█+$/)
  })
})
