import stringWidth from 'string-width'

// Made when first needed: the first Intl object of a process costs some 10 ms, which `ccp list` would pay at start.
let segmenter: Intl.Segmenter | undefined

function graphemes(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'})
  return segmenter.segment(text)
}

/**
 * Columns a text takes in a terminal. Printable ASCII and the box and block characters of the bars, most of
 * what a table holds, take one column a character; string-width judges the rest (emoji, CJK, combining marks).
 */
export function displayWidth(text: string): number {
  return /^[\u0020-\u007E\u2500-\u259F]*$/.test(text) ? text.length : stringWidth(text)
}

/** The text whole if it fits in `width` columns, else as much as fits before an ellipsis. */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let kept = ''
  let used = 0
  for (const {segment} of graphemes(text)) {
    const size = displayWidth(segment)
    if (used + size > width - 1) break
    kept += segment
    used += size
  }

  return `${kept}…`
}

/**
 * The text in lines of at most `width` columns, broken at spaces and after commas (a list of values wraps
 * between its items, but 1,000,000 stays one number); a word wider than a line is broken between characters.
 * Nothing is left out but the spaces where a line breaks.
 */
/** Words, each with the comma after it; a comma between digits in threes (1,000) is inside its number. */
const WORDS = /(?:[^\s,]|(?<=\d),(?=\d{3}(?!\d)))+,?|,|\s+/g

export function wrapToWidth(text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    let used = 0
    let space = ''
    const flush = (): void => {
      lines.push(line)
      line = ''
      used = 0
      space = ''
    }

    for (const token of paragraph.match(WORDS) ?? []) {
      if (/^\s+$/.test(token)) {
        space = used === 0 ? '' : token
        continue
      }

      const size = displayWidth(token)
      if (used > 0 && used + displayWidth(space) + size > width) flush()
      if (size <= width - used - displayWidth(space)) {
        line += space + token
        used += displayWidth(space) + size
        space = ''
        continue
      }

      // A word wider than a whole line: as many characters as fit on each.
      line += space
      used += displayWidth(space)
      for (const {segment} of graphemes(token)) {
        const piece = displayWidth(segment)
        if (used > 0 && used + piece > width) flush()
        line += segment
        used += piece
      }

      space = ''
    }

    lines.push(line)
  }

  return lines
}

/** Every line of a text wrapped to `width` columns; the text as it is without a width. */
export function fitText(text: string, width: number | undefined): string {
  return width === undefined ? text : wrapToWidth(text, width).join('\n')
}
