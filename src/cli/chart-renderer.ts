import type {ChartRenderer} from '../core/chart/series.js'

/**
 * The PNG renderer, loaded at the first chart it draws: the chart libraries and fonts cost time and memory that
 * the commands which draw nothing should not pay. A load that failed is tried again at the next chart.
 */
export function lazyChartRenderer(): ChartRenderer {
  let loading: Promise<ChartRenderer> | undefined
  return {
    async png(chart) {
      loading ??= loadRenderer()
      try {
        return await (await loading).png(chart)
      } catch (error) {
        loading = undefined
        throw error
      }
    },
  }
}

async function loadRenderer(): Promise<ChartRenderer> {
  const {VegaChartRenderer} = await import('../render/chart-renderer.js')
  return new VegaChartRenderer()
}
