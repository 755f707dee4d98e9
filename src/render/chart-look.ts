import {CHART_FONT_FAMILY} from './fonts.js'

/** What every chart shares: a Vega-Lite v6 spec of a fixed size on white, in the shipped fonts, with 14 px axis text. */
export const CHART_LOOK = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  autosize: {type: 'none'},
  background: 'white',
} as const

/** The config of every chart (axis text, font, a left-anchored title), with each chart's own additions. */
export function chartConfig<T extends object>(own: T & {title: object}) {
  return {
    axis: {labelColor: '#333', labelFontSize: 14, tickColor: '#999', titleFontSize: 14},
    font: CHART_FONT_FAMILY,
    ...own,
    title: {anchor: 'start', fontSize: 22, fontWeight: 'normal', ...own.title},
  } as const
}
