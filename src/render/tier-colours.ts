import type {Tier} from '../core/tiers.js'

/**
 * A colour for each tier, lowest first: reds for the tiers below the one that holds 0 (darker the lower), a
 * blue-grey for that one, then blues through greens to gold for the ones above. The same tiers always get the
 * same colours, and neighbours stay apart however many tiers there are (at most 20).
 */
export function tierColours(tiers: readonly Tier[]): string[] {
  const zero = Math.max(0, tiers.findLastIndex((tier) => tier.threshold <= 0))
  const above = tiers.length - zero - 1
  return tiers.map((_, index) => {
    if (index < zero) return hsl(2, 70, 38 + (30 * index) / Math.max(1, zero))
    if (index === zero) return hsl(215, 15, 55)
    const step = above === 1 ? 1 : (index - zero - 1) / (above - 1)
    return hsl(205 - 160 * step, 65, 42)
  })
}

function hsl(hue: number, saturation: number, lightness: number): string {
  return `hsl(${Math.round(hue)}, ${saturation}%, ${Math.round(lightness)}%)`
}
