import type {TopLevelSpec} from 'vega-lite'

import type {MemberChart} from '../core/chart/series.js'
import {tierOf} from '../core/tiers.js'
import {chartConfig, CHART_LOOK} from './chart-look.js'
import {chartPoints} from './chart-number.js'
import {drawnText} from './drawn-text.js'
import {tierColours} from './tier-colours.js'
import {timeTicks} from './time-axis.js'

const WIDTH = 1000
const LEFT = 80
const RIGHT = 40
const TOP = 84
const PLOT_HEIGHT = 440
const BOTTOM = 60
/** The narrowest time a chart spans: a member added a minute ago still gets a readable step and level. */
const LEAST_SPAN = 2 * 3_600_000

/** Where the member chart puts its data rectangle, in pixels of the image. */
export function memberLayout(): {height: number; plot: {bottom: number; left: number; right: number; top: number}; width: number} {
  return {height: TOP + PLOT_HEIGHT + BOTTOM, plot: {bottom: TOP + PLOT_HEIGHT, left: LEFT, right: WIDTH - RIGHT, top: TOP}, width: WIDTH}
}

/**
 * A member's total over time as steps (each award or undo moves it when it was made), the last total going on as a
 * level to the right edge (`until`, the time the chart was asked for, when known), over bands of the tiers it passes
 * through, each band named at its right end. Dates are UTC, so every machine draws the same picture.
 */
export function memberSpec(chart: MemberChart): TopLevelSpec {
  const totals = chart.steps.map((step) => step.total)
  const low = Math.min(0, ...totals)
  const high = Math.max(0, ...totals)
  const room = Math.max(10, (high - low) * 0.12)
  const y = [low - (low < 0 ? room : 0), high + room]
  const first = chart.steps[0].at
  const end = Math.max(chart.until ?? 0, chart.steps.at(-1)!.at)
  // A short story is widened into the past when the chart knows when it was asked for (it never shows times to
  // come), else mostly to the right, where its last total goes on as a level.
  const widen = Math.max(0, LEAST_SPAN - (end - first))
  const x = chart.until === undefined ? [first - widen / 10, end + (widen * 9) / 10 + (end - first) * 0.02] : [first - widen - (end - first) * 0.02, end]
  const time = timeTicks(x[1] - x[0])
  const colours = tierColours(chart.tiers)
  const bands = chart.tiers
    .map((tier, index) => ({
      colour: colours[index],
      from: index === 0 ? y[0] : Math.max(y[0], tier.threshold),
      name: drawnText(tier.name, 24),
      to: Math.min(y[1], chart.tiers[index + 1]?.threshold ?? y[1]),
    }))
    .filter((band) => band.from < band.to)
    .map((band) => ({...band, middle: (band.from + band.to) / 2}))
  const final = chart.steps.at(-1)!.total
  const line = [...chart.steps, {at: x[1], total: final}]
  return {
    ...CHART_LOOK,
    config: chartConfig({title: {offset: 14, subtitleColor: '#444', subtitleFontSize: 16}, view: {stroke: '#ccc'}}),
    height: PLOT_HEIGHT,
    layer: [
      {
        data: {values: bands},
        encoding: {
          color: {field: 'colour', legend: null, scale: null, type: 'nominal'},
          y: {field: 'from', scale: {domain: y, nice: false, zero: false}, type: 'quantitative'},
          y2: {field: 'to'},
        },
        mark: {opacity: 0.16, type: 'rect', x: 0, x2: {expr: 'width'}},
      },
      {
        data: {values: bands},
        encoding: {text: {field: 'name'}, y: {field: 'middle', scale: {domain: y}, type: 'quantitative'}},
        mark: {align: 'right', baseline: 'middle', color: '#555', fontSize: 14, type: 'text', x: {expr: 'width - 8'}},
      },
      {
        data: {values: [{zero: 0}]},
        encoding: {y: {field: 'zero', scale: {domain: y}, type: 'quantitative'}},
        mark: {color: '#222', size: 1.5, type: 'rule'},
      },
      {
        data: {values: line},
        encoding: {
          x: {axis: {...time, grid: false, labelOverlap: true, title: null}, field: 'at', scale: {domain: x, type: 'utc'}, type: 'temporal'},
          y: {axis: {format: ',d', grid: true, gridColor: '#e0e0e0', tickMinStep: 1, title: null}, field: 'total', scale: {domain: y}, type: 'quantitative'},
        },
        mark: {color: '#1b2a49', interpolate: 'step-after', strokeWidth: 2.5, type: 'line'},
      },
    ],
    padding: {bottom: BOTTOM, left: LEFT, right: RIGHT, top: TOP},
    title: {
      subtitle: `Now ${chartPoints(final)} points (${drawnText(tierOf(final, chart.tiers), 24)}) after ${chart.steps.length - 1} ${chart.steps.length === 2 ? 'entry' : 'entries'}`,
      text: drawnText(chart.title, 52),
    },
    width: WIDTH - LEFT - RIGHT,
  }
}
