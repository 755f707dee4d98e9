import {formatPoints} from '../core/points.js'

/** Points as a chart writes them: grouped by thousands, and negative with the minus sign (U+2212) its axes use. */
export function chartPoints(points: number): string {
  return formatPoints(points).replace('-', '\u2212')
}
