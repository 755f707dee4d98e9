const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Unit = 'day' | 'hour' | 'minute' | 'month' | 'year'

/** The tick steps a time axis may take, finest first, with the length each is taken to have. */
const STEPS: {length: number; step: number; unit: Unit}[] = [
  ...[1, 5, 10, 15, 30].map((step) => ({length: step * MINUTE, step, unit: 'minute' as const})),
  ...[1, 2, 3, 6, 12].map((step) => ({length: step * HOUR, step, unit: 'hour' as const})),
  ...[1, 2, 7, 14].map((step) => ({length: step * DAY, step, unit: 'day' as const})),
  ...[1, 2, 3, 6].map((step) => ({length: step * 30.4 * DAY, step, unit: 'month' as const})),
  ...[1, 2, 5, 10, 25, 50, 100].map((step) => ({length: step * 365.25 * DAY, step, unit: 'year' as const})),
]

const FORMATS: Record<Unit, string> = {day: '%Y-%m-%d', hour: '%b %-d, %H:%M', minute: '%b %-d, %H:%M', month: '%Y-%m', year: '%Y'}

/**
 * The ticks of a time axis `span` milliseconds wide: at most about 8, on whole minutes, hours, days, months or
 * years, written no finer than they step, so that no two ticks read the same (hours within a day or two, dates
 * within months, months within years).
 */
export function timeTicks(span: number): {format: string; tickCount: {interval: Unit; step: number}} {
  const chosen = STEPS.find(({length}) => span / length <= 7) ?? STEPS.at(-1)!
  return {format: FORMATS[chosen.unit], tickCount: {interval: VEGA_UNITS[chosen.unit] as Unit, step: chosen.step}}
}

/** Vega's own names of the units (vega-time): its tick code knows "hours", not the "hour" Vega-Lite's types name. */
const VEGA_UNITS: Record<Unit, string> = {day: 'day', hour: 'hours', minute: 'minutes', month: 'month', year: 'year'}
