import {fontCoverage} from './font-coverage.js'
import {CHART_FONT_FAMILY, CHART_FONTS, chartFontFiles} from './fonts.js'

/** A stretch of text that one font draws whole. */
export interface FontRun {
  family: string
  text: string
}

interface CoveringFont {
  covers: ReadonlySet<number>
  family: string
}

const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'})
/** Characters that shape their neighbours but need no glyph of their own: joiners, variation selectors, tags. */
const INVISIBLE = /\u200C|\u200D|[\uFE00-\uFE0F]|[\u{E0020}-\u{E007F}]/u
const EMOJI_STYLE = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\uFE0F/u
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]+$/u
const EMOJI_FAMILY = CHART_FONTS.at(-1)!.family

let shipped: CoveringFont[] | undefined

/**
 * A text cut into runs, each in the first shipped font that has every character of it (an emoji-style character
 * asks the emoji font first; a space, digit or punctuation stays in the run it is in, when that font has it). resvg's own
 * fallback works on a run at a time and draws boxes where a run mixes scripts that no single font covers
 * (`ش王`, `Борисش`), so the chart names the font of each run itself.
 */
export function fontRuns(text: string, fonts: readonly CoveringFont[] = shippedFonts()): FontRun[] {
  const runs: FontRun[] = []
  for (const {segment} of graphemes.segment(text)) {
    const current = runs.at(-1)
    const family = fontFor(segment, current?.family, fonts)
    if (current?.family === family) current.text += segment
    else runs.push({family, text: segment})
  }

  return runs
}

function fontFor(grapheme: string, current: string | undefined, fonts: readonly CoveringFont[]): string {
  const needed = [...grapheme].filter((character) => !INVISIBLE.test(character)).map((character) => character.codePointAt(0)!)
  const byFamily = (family: string | undefined) => fonts.find((font) => font.family === family)
  const candidates = [...(EMOJI_STYLE.test(grapheme) ? [byFamily(EMOJI_FAMILY)] : []), ...(NEUTRAL.test(grapheme) ? [byFamily(current)] : []), ...fonts].filter((font) => font !== undefined)
  const whole = candidates.find((font) => needed.every((character) => font.covers.has(character)))
  const base = candidates.find((font) => needed.length > 0 && font.covers.has(needed[0]))
  return (whole ?? base)?.family ?? current ?? CHART_FONT_FAMILY
}

function shippedFonts(): CoveringFont[] {
  shipped ??= chartFontFiles().map((file, index) => ({covers: fontCoverage(file), family: CHART_FONTS[index].family}))
  return shipped
}

const TEXT_ELEMENT = /(<text\b[^>]*>)([^<]*)(<\/text>)/g

/** How wide a run is drawn at a font size, in pixels, from where it starts to where the next may start. */
export type MeasureRun = (run: FontRun, fontSize: number) => number

/** Fonts whose runs resvg loses beside another font's run in one text (Arabic: resvg draws such a text blank). */
const APART = new Set(['Noto Sans Arabic'])

/**
 * An SVG whose every text names the font of each of its runs: a run outside the chart's own font becomes a
 * `<tspan font-family="…">`. A text where Arabic meets another font is drawn as one text per run instead, laid
 * side by side by `measure` (resvg draws a text mixing them blank or in boxes). Applied just before rasterising;
 * the SVG a user is given keeps plain text.
 */
export function withFontRuns(svg: string, measure: MeasureRun): string {
  return svg.replaceAll(TEXT_ELEMENT, (element, open: string, content: string, close: string) => {
    const runs = fontRuns(unescapeXml(content))
    if (runs.every((run) => run.family === CHART_FONT_FAMILY)) return element
    if (runs.length > 1 && runs.some((run) => APART.has(run.family))) return textsSideBySide(open, runs, measure)
    const spans = runs.map((run) => (run.family === CHART_FONT_FAMILY ? escapeXml(run.text) : `<tspan font-family="${run.family}">${escapeXml(run.text)}</tspan>`))
    return `${open}${spans.join('')}${close}`
  })
}

/** One text per run, in its own font, placed one after another where the whole text was anchored. */
function textsSideBySide(open: string, runs: readonly FontRun[], measure: MeasureRun): string {
  const size = Number(/\bfont-size="([\d.]+)(?:px)?"/.exec(open)?.[1] ?? 16)
  const anchor = /\btext-anchor="(start|middle|end)"/.exec(open)?.[1] ?? 'start'
  const x = Number(/\sx="(-?[\d.]+)"/.exec(open)?.[1] ?? 0)
  const widths = runs.map((run) => measure(run, size))
  const total = widths.reduce((sum, width) => sum + width, 0)
  let at = x - (anchor === 'end' ? total : anchor === 'middle' ? total / 2 : 0)
  const plain = open.replace(/\s(?:x|text-anchor|font-family)="[^"]*"/g, '').replace(/>$/, '')
  return runs
    .map((run, i) => {
      const text = `${plain} x="${at.toFixed(2)}" text-anchor="start" font-family="${run.family}">${escapeXml(run.text)}</text>`
      at += widths[i]
      return text
    })
    .join('')
}

function unescapeXml(text: string): string {
  return text.replaceAll(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const hex = entity.toLowerCase().startsWith('#x')
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10))
    return {amp: '&', apos: "'", gt: '>', lt: '<', quot: '"'}[entity.toLowerCase()]!
  })
}

/** Text as SVG character data. */
export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
