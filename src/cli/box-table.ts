import {cutToWidth, displayWidth, wrapToWidth} from './text-width.js'

export type Align = 'left' | 'right'

export interface Column {
  align: Align
  /**
   * How a column of free text gives way when the table is wider than the terminal: `wrap` onto more lines, or
   * `cut` with an ellipsis. Columns without it (names, numbers, dates, ids) are always shown whole.
   */
  fit?: 'cut' | 'wrap'
  title: string
}

/** A cell in colour: `text` is what it reads as (and is measured), `painted` the same text with its colour codes. */
export interface PaintedCell {
  painted: string
  text: string
}

export type Cell = PaintedCell | string

interface Measured {
  painted: string
  text: string
  width: number
}

/** The narrowest a column that is cut gets: its title, or 6 columns. */
const MIN_CUT = 6
/** A column that wraps gets no narrower than its longest word, up to this: narrower, words would break. */
const MAX_UNBROKEN_WORD = 20

/**
 * A boxed table drawn exactly as cli-table3 draws one (borders, one space of padding, alignment), in one
 * linear pass. cli-table3 lays a table out in time quadratic in its rows (1,000 standings took 150 ms), so
 * the tables that grow with the ledger are drawn here; test/cli/box-table.test.ts holds the two side by side.
 *
 * With `maxWidth`, a table wider than that narrows its free-text columns, the widest first: a column that is cut
 * down to its title (or 6 columns), one that wraps down to its longest word (at most 20 columns). When even that
 * does not fit, each row is shown as a block of "Title  value" lines instead, since names and numbers are never cut.
 */
export function boxTable(columns: Column[], rows: Cell[][], bold: (text: string) => string, maxWidth?: number): string {
  const head = columns.map((column): PaintedCell => ({painted: bold(column.title), text: column.title}))
  const measured = [head, ...rows].map((row) => row.map((cell): Measured => {
    const text = textOf(cell)
    return {painted: typeof cell === 'string' ? cell : cell.painted, text, width: displayWidth(text)}
  }))
  const natural = columns.map((_, index) => {
    let widest = 0
    for (const row of measured) widest = Math.max(widest, row[index].width)
    return widest
  })
  if (maxWidth === undefined || tableWidth(natural) <= maxWidth) return drawBoxes(columns, measured, natural)

  const narrowed = narrowFreeText(columns, measured.slice(1), natural, maxWidth)
  if (narrowed === undefined) return rows.length === 0 ? drawBoxes(columns, measured, natural) : drawRecords(columns, measured.slice(1), maxWidth)
  return drawBoxes(columns, measured.map((row) => row.map((cell, index) => refit(cell, columns[index].fit, narrowed[index]))), narrowed)
}

/** The width of a boxed table whose columns hold `widths`: a border and two spaces of padding each, and one more border. */
export function tableWidth(widths: number[]): number {
  return widths.reduce((sum, width) => sum + width + 3, 1)
}

/** The width of the table `boxTable` would draw without a limit. */
export function naturalTableWidth(columns: Column[], rows: Cell[][]): number {
  return tableWidth(columns.map((column, index) => rows.reduce((widest, row) => Math.max(widest, displayWidth(textOf(row[index]))), displayWidth(column.title))))
}

/** Column widths that fit `maxWidth` by narrowing the widest free-text column, one column at a time; undefined when they cannot. */
function narrowFreeText(columns: Column[], rows: Measured[][], natural: number[], maxWidth: number): number[] | undefined {
  const widths = [...natural]
  const floor = columns.map((column, index) => {
    if (column.fit === undefined) return natural[index]
    const least = column.fit === 'cut' ? MIN_CUT : Math.min(MAX_UNBROKEN_WORD, longestWord(rows, index))
    return Math.min(natural[index], Math.max(least, displayWidth(column.title)))
  })
  let excess = tableWidth(widths) - maxWidth
  while (excess > 0) {
    let widest = -1
    for (const [index, width] of widths.entries()) if (width > floor[index] && (widest === -1 || width > widths[widest])) widest = index
    if (widest === -1) return undefined
    // Down to the next widest free-text column at once (then the two take turns), or as far as needed.
    const next = Math.max(floor[widest], ...widths.map((width, index) => (index !== widest && width > floor[index] ? width : 0)))
    const step = Math.max(1, Math.min(excess, widths[widest] - next))
    widths[widest] -= step
    excess -= step
  }

  return widths
}

function longestWord(rows: Measured[][], index: number): number {
  let longest = 0
  for (const row of rows) for (const word of row[index].text.split(/[\s,]+/)) longest = Math.max(longest, displayWidth(word))
  return longest
}

/** A cell narrowed to `width`: wrapped or cut as its column says. Its colour goes when its text changes. */
function refit(cell: Measured, fit: Column['fit'], width: number): Measured {
  if (cell.width <= width || fit === undefined) return cell
  const text = fit === 'cut' ? cutToWidth(cell.text, width) : wrapToWidth(cell.text, width).join('\n')
  return {painted: text, text, width: Math.max(...text.split('\n').map((line) => displayWidth(line)))}
}

function drawBoxes(columns: Column[], rows: Measured[][], widths: number[]): string {
  const rule = (left: string, middle: string, right: string): string => `${left}${widths.map((size) => '─'.repeat(size + 2)).join(middle)}${right}`
  const line = (row: Measured[]): string => {
    if (row.every((cell) => !cell.text.includes('\n'))) return drawLine(columns, widths, row)
    // A wrapped cell makes the row as tall as its lines; the other cells stay on its first line.
    const split = row.map((cell) => {
      const texts = cell.text.split('\n')
      const painted = texts.length === 1 ? [cell.painted] : texts
      return texts.map((text, index) => ({painted: painted[index], text, width: displayWidth(text)}))
    })
    const height = Math.max(...split.map((lines) => lines.length))
    const blank: Measured = {painted: '', text: '', width: 0}
    return Array.from({length: height}, (_, index) => drawLine(columns, widths, split.map((lines) => lines[index] ?? blank))).join('\n')
  }

  const between = rule('├', '┼', '┤')
  const lines = [rule('┌', '┬', '┐'), line(rows[0])]
  for (const row of rows.slice(1)) lines.push(between, line(row))
  lines.push(rule('└', '┴', '┘'))
  return lines.join('\n')
}

function drawLine(columns: Column[], widths: number[], row: Measured[]): string {
  const drawn = row.map((cell, index) => {
    const gap = ' '.repeat(Math.max(0, widths[index] - cell.width))
    return columns[index].align === 'right' ? ` ${gap}${cell.painted} ` : ` ${cell.painted}${gap} `
  })
  return `│${drawn.join('│')}│`
}

/**
 * Each row as lines of "Title  value", rows apart by a rule: for a terminal too narrow for the columns side by
 * side. Free text wraps (or is cut) beside its title; a name or number too wide to sit beside its title goes
 * whole on the next line.
 */
function drawRecords(columns: Column[], rows: Measured[][], maxWidth: number): string {
  const label = Math.max(...columns.map((column) => displayWidth(column.title)))
  const room = Math.max(1, maxWidth - label - 2)
  const records = rows.map((row) =>
    row
      .flatMap((cell, index) => {
        const {fit, title} = columns[index]
        const padded = title + ' '.repeat(label + 2 - displayWidth(title))
        if (cell.width <= room) return [`${padded}${cell.painted}`.trimEnd()]
        if (fit === undefined) return [title, cell.painted]
        const lines = fit === 'cut' ? [cutToWidth(cell.text, room)] : wrapToWidth(cell.text, room)
        return lines.map((text, line) => `${line === 0 ? padded : ' '.repeat(label + 2)}${text}`)
      })
      .join('\n'),
  )
  return records.join(`\n${'─'.repeat(Math.min(maxWidth, label + 2 + room))}\n`)
}

function textOf(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text
}
