import type {Tier} from '../tiers.js'

/**
 * What a chart shows, read from the ledger in one transaction. Drawing it (PNG, SVG or terminal blocks) is a
 * renderer's job; the same series always draws the same picture, so a reply can be drawn again from it.
 */
export type ChartSeries = MemberChart | StandingsChart

/** The standings as horizontal bars: 1 to 50 members in rank order. */
export interface StandingsChart {
  bars: {name: string; points: number; tier: string}[]
  kind: 'standings'
  tiers: Tier[]
  /** Which view, in words: "All-time standings", `Season "spring" standings`, "Points gained this week". */
  title: string
}

/** One member's total over time: a step for every entry (awards and undos), oldest first. */
export interface MemberChart {
  kind: 'member'
  name: string
  /** The total after each entry, starting from 0 when the member was added. `at` is epoch milliseconds. */
  steps: {at: number; total: number}[]
  tiers: Tier[]
  title: string
  /** When the chart was asked for (epoch milliseconds): the last total is drawn as a level up to it. */
  until?: number
}

/** Draws a chart as a PNG (the bot's port: the renderer lives outside the core). */
export interface ChartRenderer {
  png(chart: ChartSeries): Promise<Uint8Array>
}
