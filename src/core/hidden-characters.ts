/**
 * Code points a reader cannot see where they stand: controls and format characters (bidi controls
 * among them), separators, default-ignorable code points (zero-width joiners and spaces, the
 * combining grapheme joiner, variation selectors, Hangul fillers), the mention placeholder, the
 * blank Braille pattern, and combining marks with no letter to sit on. Two names that differ only
 * by these look the same, and a bidi control can flip the line it is shown in.
 */
const INVISIBLE = /[\p{C}\p{Z}\p{Default_Ignorable_Code_Point}\uFFFC\u2800]/u
const MARK = /\p{M}/u
const EMOJI = /\p{Emoji}/u
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]/u
const TEXT_STYLE_PICTOGRAPH = /(?!\p{Emoji_Presentation})\p{Extended_Pictographic}/u
const ZWJ = '\u200D'
const EMOJI_STYLE = '\uFE0F'
const KEYCAP = '\u20E3'
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu
const ESCAPE = /<U\+([0-9A-F]{4,6})>/giu
const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/

export interface HiddenCodePoint {
  /** Where it stands, in UTF-16 units. */
  index: number
  codePoint: number
}

/**
 * The hidden code points of `text`. Emoji keep what they are made of: a zero-width joiner between two
 * pictographs (👩‍🚀), and the emoji-style selector where it changes the look: after a pictograph shown
 * as text by default (❤ → ❤️) and in a keycap (1️⃣). Anywhere else it shows nothing.
 */
export function hiddenCodePoints(text: string): HiddenCodePoint[] {
  const chars = [...text]
  const hidden: HiddenCodePoint[] = []
  let index = 0
  let previousHidden = true
  for (const [i, char] of chars.entries()) {
    const previous = chars[i - 1] ?? ''
    const isHidden: boolean = !partOfEmoji(char, previous, chars[i + 1] ?? '') && (INVISIBLE.test(char) || (MARK.test(char) && previousHidden))
    if (isHidden) hidden.push({codePoint: char.codePointAt(0)!, index})
    previousHidden = isHidden
    index += char.length
  }

  return hidden
}

function partOfEmoji(char: string, previous: string, next: string): boolean {
  if (char === ZWJ) return (PICTOGRAPH.test(previous) || previous === EMOJI_STYLE) && PICTOGRAPH.test(next)
  return char === EMOJI_STYLE && (TEXT_STYLE_PICTOGRAPH.test(previous) || (EMOJI.test(previous) && next === KEYCAP))
}

/** `text` with each hidden code point but the plain space written as <U+XXXX>, so that it shows. */
export function showHidden(text: string): string {
  // Printable ASCII hides nothing but the plain space: most names are that, and a table shows thousands.
  if (PRINTABLE_ASCII.test(text)) return text
  const hidden = hiddenCodePoints(text).filter(({codePoint}) => codePoint !== 0x20)
  if (hidden.length === 0) return text
  let shown = ''
  let from = 0
  for (const {codePoint, index} of hidden) {
    shown += text.slice(from, index) + escape(codePoint)
    from = index + String.fromCodePoint(codePoint).length
  }

  return shown + text.slice(from)
}

/** Reads <U+XXXX>, as `showHidden` writes it, back as the code point (only for code points that can be hidden). */
export function readEscapes(text: string): string {
  return text.replaceAll(ESCAPE, (written, hex: string) => {
    const codePoint = Number.parseInt(hex, 16)
    if (codePoint > 0x10_FFFF) return written
    const char = String.fromCodePoint(codePoint)
    return INVISIBLE.test(char) || MARK.test(char) ? char : written
  })
}

/** `text` without bidi controls, which would reorder the line it is shown in. */
export function withoutBidiControls(text: string): string {
  return text.replaceAll(BIDI_CONTROLS, '')
}

function escape(codePoint: number): string {
  return `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>`
}
