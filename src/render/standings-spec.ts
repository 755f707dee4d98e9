import type {TopLevelSpec} from 'vega-lite'

import type {StandingsChart} from '../core/chart/series.js'
import {chartPoints} from './chart-number.js'
import {drawnText} from './drawn-text.js'
import {CHART_FONT_FAMILY} from './fonts.js'
import {tierColours} from './tier-colours.js'

const WIDTH = 1000
const NAME_COLUMN = 290
const RIGHT = 40
const TOP = 64
const BAND = 34
const AXIS = 56
const LEGEND_ROW = 26
const LEGEND_COLUMNS = 3
const TEXT = 16
/** Names are cut to what fits the name column at TEXT pixels. */
const NAME_EMS = (NAME_COLUMN - 30) / TEXT

/**
 * Where the standings chart puts things, in pixels of the image: the data rectangle (bars start at the zero
 * line inside it) and the middle of each bar's row, top first.
 */
export function standingsLayout(bars: number, tiers: number): {barRows: number[]; height: number; plot: {left: number; right: number}; width: number} {
  const legendRows = Math.ceil(tiers / LEGEND_COLUMNS)
  return {
    barRows: Array.from({length: bars}, (_, index) => TOP + index * BAND + BAND / 2),
    height: TOP + bars * BAND + AXIS + legendRows * LEGEND_ROW + 16,
    plot: {left: NAME_COLUMN, right: WIDTH - RIGHT},
    width: WIDTH,
  }
}

/**
 * The standings as horizontal bars, top member first, coloured by tier: the name left of the data rectangle, the
 * points beside the end of each bar (left of a negative one), a visible zero line, and a legend of the tiers shown.
 */
export function standingsSpec(chart: StandingsChart): TopLevelSpec {
  const colours = tierColours(chart.tiers)
  const shownTiers = chart.tiers.filter((tier) => chart.bars.some((bar) => bar.tier === tier.name))
  const layout = standingsLayout(chart.bars.length, shownTiers.length)
  const values = chart.bars.map((bar, index) => ({
    label: chartPoints(bar.points),
    name: drawnText(bar.name, NAME_EMS),
    points: bar.points,
    slot: index,
    tier: drawnText(bar.tier, 18),
  }))
  const low = Math.min(0, ...chart.bars.map((bar) => bar.points))
  const high = Math.max(0, ...chart.bars.map((bar) => bar.points))
  // Room beyond the longest bars for their numbers; a chart of zeros still has a scale.
  const room = Math.max(1, (high - low) * 0.14)
  const domain = [low < 0 ? low - room : 0, high > 0 || low === 0 ? high + room : 0]
  const y = {axis: null, field: 'slot', scale: {paddingInner: 0.22, paddingOuter: 0.11}, sort: null, type: 'ordinal'} as const
  const x = {field: 'points', scale: {domain, nice: false, zero: true}, type: 'quantitative'} as const
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    autosize: {type: 'none'},
    background: 'white',
    config: {
      axis: {labelColor: '#333', labelFontSize: 14, tickColor: '#999', titleFontSize: 14},
      font: CHART_FONT_FAMILY,
      legend: {labelFontSize: 14, labelLimit: 260, symbolSize: 180, symbolType: 'square'},
      title: {anchor: 'start', fontSize: 22, fontWeight: 'normal', offset: 18},
      view: {stroke: null},
    },
    data: {values},
    height: chart.bars.length * BAND,
    layer: [
      {
        encoding: {
          color: {
            field: 'tier',
            legend: {columns: LEGEND_COLUMNS, direction: 'horizontal', offset: 40, orient: 'bottom', title: null, values: shownTiers.map((tier) => drawnText(tier.name, 18))},
            scale: {domain: chart.tiers.map((tier) => drawnText(tier.name, 18)), range: colours},
            type: 'nominal',
          },
          x: {...x, axis: {format: ',d', grid: true, gridColor: '#e6e6e6', tickCount: 8, tickMinStep: 1, title: null}},
          y,
        },
        mark: {type: 'bar'},
      },
      {
        encoding: {text: {field: 'name'}, y},
        mark: {align: 'right', baseline: 'middle', color: '#111', fontSize: TEXT, limit: 0, type: 'text', x: -14},
      },
      {
        encoding: {text: {field: 'label'}, x, y},
        mark: {
          align: {expr: "datum.points < 0 ? 'right' : 'left'"},
          baseline: 'middle',
          color: '#111',
          dx: {expr: 'datum.points < 0 ? -6 : 6'},
          fontSize: TEXT,
          type: 'text',
        },
      },
      {
        data: {values: [{zero: 0}]},
        encoding: {x: {field: 'zero', scale: {domain, nice: false}, type: 'quantitative'}},
        mark: {color: '#222', size: 2, type: 'rule'},
      },
    ],
    padding: {bottom: layout.height - TOP - chart.bars.length * BAND, left: NAME_COLUMN, right: RIGHT, top: TOP},
    title: {dx: 20 - NAME_COLUMN, frame: 'group', text: drawnText(chart.title, 52)},
    width: WIDTH - NAME_COLUMN - RIGHT,
  }
}
