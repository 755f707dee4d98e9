import stringWidth from 'string-width'

export type Align = 'left' | 'right'

export interface Column {
  align: Align
  title: string
}

/** A cell in colour: `text` is what it reads as (and is measured), `painted` the same text with its colour codes. */
export interface PaintedCell {
  painted: string
  text: string
}

export type Cell = PaintedCell | string

/**
 * A boxed table drawn exactly as cli-table3 draws one (borders, one space of padding, alignment), in one
 * linear pass. cli-table3 lays a table out in time quadratic in its rows (1,000 standings took 150 ms), so
 * the tables that grow with the ledger are drawn here; test/cli/box-table.test.ts holds the two side by side.
 */
export function boxTable(columns: Column[], rows: Cell[][], bold: (text: string) => string): string {
  const head = columns.map((column): PaintedCell => ({painted: bold(column.title), text: column.title}))
  const measured = [head, ...rows].map((row) => row.map((cell) => ({painted: typeof cell === 'string' ? cell : cell.painted, width: width(textOf(cell))})))
  const widths = columns.map((_, index) => {
    let widest = 0
    for (const row of measured) widest = Math.max(widest, row[index].width)
    return widest
  })

  const rule = (left: string, middle: string, right: string): string => `${left}${widths.map((size) => '─'.repeat(size + 2)).join(middle)}${right}`
  const line = (row: {painted: string; width: number}[]): string => {
    const drawn = row.map((cell, index) => {
      const gap = ' '.repeat(widths[index] - cell.width)
      return columns[index].align === 'right' ? ` ${gap}${cell.painted} ` : ` ${cell.painted}${gap} `
    })
    return `│${drawn.join('│')}│`
  }

  const between = rule('├', '┼', '┤')
  const lines = [rule('┌', '┬', '┐'), line(measured[0])]
  for (const row of measured.slice(1)) lines.push(between, line(row))
  lines.push(rule('└', '┴', '┘'))
  return lines.join('\n')
}

function textOf(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text
}

/**
 * Columns a text takes in a terminal. Printable ASCII and the box and block characters of the bars, most of
 * what a table holds, take one column a character; string-width judges the rest.
 */
function width(text: string): number {
  return /^[\u0020-\u007E\u2500-\u259F]*$/.test(text) ? text.length : stringWidth(text)
}
