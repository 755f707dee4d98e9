import {hideIdentities} from '../identity.js'
import type {ChartSeries} from './series.js'

/**
 * The chart with every name on it (members, tiers) as a reply would show it: what could be a phone number or a
 * UUID hidden. Names are refused such text when they are given; this keeps an older database's from an image.
 * The title is built from names already hidden (it holds dates, which look like long numbers).
 */
export function withoutIdentities<T extends ChartSeries>(chart: T): T {
  const tiers = chart.tiers.map((tier) => ({...tier, name: hideIdentities(tier.name)}))
  if (chart.kind === 'member') return {...chart, name: hideIdentities(chart.name), tiers}
  return {...chart, bars: chart.bars.map((bar) => ({...bar, name: hideIdentities(bar.name), tier: hideIdentities(bar.tier)})), tiers}
}
