import stringWidth from 'string-width'

const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'})

const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3]/u
// Inside an emoji: the joiner of a ZWJ sequence, skin tones, tag characters (subdivision flags), the keycap mark and the emoji-style selector.
// Alternatives, not a character class: a class of joiners and modifiers alone reads as one misleading emoji.
const EMOJI_JOINERY = /\u200D|\u20E3|\uFE0F|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}]/gu

/**
 * A text as a chart can draw it, in at most `ems` font sizes of width (estimated: a wide character, CJK or emoji,
 * takes one em, any other a little over half), cut by grapheme with an ellipsis.
 *
 * The emoji font is monochrome, so skin tones draw nothing; and the rasteriser's font fallback (resvg 0.3x, its
 * issue #861) drops a ZWJ sequence or keycap mixed with other text, drawing boxes instead. So an emoji of several
 * parts is drawn as its parts: 👩‍👩‍👧 as 👩👩👧, 👍🏽 as 👍, 1️⃣ as 1. Every other character is kept.
 */
export function drawnText(text: string, ems: number): string {
  const parts = [...graphemes.segment(text)].map(({segment}) => (EMOJI.test(segment) ? segment.replaceAll(EMOJI_JOINERY, '') : segment))
  if (widthInEms(parts.join('')) <= ems) return parts.join('')
  let kept = ''
  let used = 0
  for (const part of parts) {
    used += widthInEms(part)
    if (used > ems - 1) break
    kept += part
  }

  return `${kept.trimEnd()}…`
}

function widthInEms(text: string): number {
  return stringWidth(text) * 0.55
}
