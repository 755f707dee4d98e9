import {setImmediate as nextTurn} from 'node:timers/promises'

import type {ChartRenderer, ChartSeries} from '../core/chart/series.js'
import {escapeXml, type MeasureRun, withFontRuns} from './font-runs.js'
import {chartFontFiles, CHART_FONT_FAMILY, CHART_FONTS} from './fonts.js'
import {memberSpec} from './member-spec.js'
import {standingsSpec} from './standings-spec.js'

type Vega = typeof import('vega')
type VegaLite = typeof import('vega-lite')
type Resvg = typeof import('@resvg/resvg-js')

/**
 * Draws charts with Vega-Lite (the picture, as SVG) and resvg (SVG to PNG, with the fonts ccp ships). All three are
 * loaded on the first chart, so no other command pays for them. Each step gives the event loop a turn, and the
 * rasterising runs off it, so a bot that draws goes on answering.
 */
export class VegaChartRenderer implements ChartRenderer {
  private libraries?: Promise<{resvg: Resvg; vega: Vega; vegaLite: VegaLite}>

  /** The chart as an SVG document (its text as text, in the Noto fonts by name). */
  async svg(chart: ChartSeries): Promise<string> {
    const {vega, vegaLite} = await this.load()
    const spec = chart.kind === 'standings' ? standingsSpec(chart) : memberSpec(chart)
    const compiled = vegaLite.compile(spec).spec
    await nextTurn()
    const view = new vega.View(vega.parse(compiled), {renderer: 'none'})
    try {
      return await view.toSVG()
    } finally {
      view.finalize()
    }
  }

  /** The chart as a PNG image, as wide as the SVG (1000 pixels), each run of its texts in a font that has it. */
  async png(chart: ChartSeries): Promise<Uint8Array> {
    const svg = await this.svg(chart)
    const {resvg} = await this.load()
    const image = await resvg.renderAsync(withFontRuns(svg, runMeasure(resvg)), resvgOptions())
    return new Uint8Array(image.asPng())
  }

  private load(): Promise<{resvg: Resvg; vega: Vega; vegaLite: VegaLite}> {
    this.libraries ??= loadLibraries()
    return this.libraries
  }
}

/** One after another: they share modules, which jest's module linker cannot load twice at once. */
async function loadLibraries(): Promise<{resvg: Resvg; vega: Vega; vegaLite: VegaLite}> {
  const vega = await import('vega')
  const vegaLite = await import('vega-lite')
  const resvg = await import('@resvg/resvg-js')
  return {resvg: (resvg as {default?: Resvg}).default ?? resvg, vega, vegaLite}
}

/** How resvg draws a chart: only the shipped fonts (never the machine's), Noto Sans first, at the SVG's own size. */
export function resvgOptions(): import('@resvg/resvg-js').ResvgRenderOptions {
  return {
    fitTo: {mode: 'original'},
    font: {defaultFontFamily: CHART_FONT_FAMILY, fontFiles: chartFontFiles(), loadSystemFonts: false, sansSerifFamily: CHART_FONT_FAMILY},
    logLevel: 'off',
  }
}

/**
 * How wide resvg draws a run: its ink (measured by drawing it alone, in its own font file) with a side bearing
 * after it, and the spaces at its end, which leave no ink.
 */
export function runMeasure(resvg: Resvg): MeasureRun {
  const all = chartFontFiles()
  const files = new Map(CHART_FONTS.map((font, i) => [font.family, all[i]]))
  return (run, size) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><text x="0" y="0" font-family="${run.family}" font-size="${size}px">${escapeXml(run.text)}</text></svg>`
    const box = new resvg.Resvg(svg, {font: {fontFiles: [files.get(run.family) ?? all[0]], loadSystemFonts: false}}).getBBox()
    const trailingSpaces = /\s*$/u.exec(run.text)?.[0].length ?? 0
    return (box ? box.x + box.width + size * SIDE_BEARING : 0) + trailingSpaces * size * SPACE
  }
}

/** A space and a glyph's side bearing in Noto Sans, as a share of the font size. */
const SPACE = 0.26
const SIDE_BEARING = 0.06
