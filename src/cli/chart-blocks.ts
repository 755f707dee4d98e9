import type {MemberChart, StandingsChart} from '../core/chart/series.js'
import {formatPoints} from '../core/points.js'
import {cutToWidth, displayWidth} from './text-width.js'

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']
const LEVELS = '▁▂▃▄▅▆▇█'
const NAME_COLUMNS = 24
/** The width drawn to when the output has none (a pipe without COLUMNS). */
const DEFAULT_WIDTH = 80

/**
 * The standings as rows of blocks: each name, then its bar from a zero line (│), positive to the right in
 * eighths of a column, negative to the left in whole ones, then the points.
 */
export function standingsBlocks(chart: StandingsChart, width = DEFAULT_WIDTH): string {
  const names = chart.bars.map((bar) => cutToWidth(bar.name, NAME_COLUMNS))
  const nameWidth = Math.max(...names.map((name) => displayWidth(name)))
  const labels = chart.bars.map((bar) => formatPoints(bar.points))
  const labelWidth = Math.max(...labels.map((label) => label.length))
  const low = Math.min(0, ...chart.bars.map((bar) => bar.points))
  const high = Math.max(0, ...chart.bars.map((bar) => bar.points))
  const span = Math.max(1, high - low)
  const room = Math.max(10, width - nameWidth - labelWidth - 4)
  // As wide as the longest negative bar, which is drawn at least one column wide however small.
  const left = low < 0 ? Math.max(1, Math.round((room * -low) / span)) : 0
  const rows = chart.bars.map((bar, index) => {
    const name = names[index] + ' '.repeat(nameWidth - displayWidth(names[index]))
    const negative = bar.points < 0 ? '█'.repeat(Math.max(1, Math.round((room * -bar.points) / span))) : ''
    const positive = bar.points > 0 ? eighths((room * bar.points) / span) : ''
    return `${name} ${' '.repeat(Math.max(0, left - negative.length))}${negative}│${positive} ${labels[index]}`.trimEnd()
  })
  return [chart.title, ...rows].join('\n')
}

/**
 * A member's total as one line of blocks, each column the total at the end of its slice of time (up to when the
 * chart was asked for, as the image draws it), with the dates and range under it.
 */
export function memberBlocks(chart: MemberChart, width = DEFAULT_WIDTH): string {
  const columns = Math.max(10, Math.min(width, 120) - 2)
  const first = chart.steps[0].at
  const last = Math.max(chart.until ?? 0, chart.steps.at(-1)!.at)
  const totals: number[] = []
  let next = 0
  let total = 0
  for (let column = 0; column < columns; column++) {
    const end = first + ((last - first) * (column + 1)) / columns
    while (next < chart.steps.length && chart.steps[next].at <= end) total = chart.steps[next++].total
    totals.push(total)
  }

  const low = Math.min(...chart.steps.map((step) => step.total))
  const high = Math.max(...chart.steps.map((step) => step.total))
  const line = totals.map((value) => LEVELS[high === low ? 0 : Math.round(((value - low) / (high - low)) * (LEVELS.length - 1))]).join('')
  const entries = chart.steps.length - 1
  return [
    chart.title,
    line,
    `${day(first)} … ${day(last)}: from 0 to ${formatPoints(chart.steps.at(-1)!.total)} in ${entries} ${entries === 1 ? 'entry' : 'entries'} (lowest ${formatPoints(low)}, highest ${formatPoints(high)}).`,
  ].join('\n')
}

function eighths(columns: number): string {
  const whole = Math.floor(columns)
  const part = EIGHTHS[Math.round((columns - whole) * 8)] ?? ''
  const bar = '█'.repeat(whole) + (Math.round((columns - whole) * 8) === 8 ? '█' : part)
  return bar === '' ? '▏' : bar
}

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}
