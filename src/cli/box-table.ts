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
  const widths = columns.map((_, index) => {
    let widest = width(head[index].text)
    for (const row of rows) widest = Math.max(widest, width(textOf(row[index])))
    return widest
  })

  const rule = (left: string, middle: string, right: string): string => `${left}${widths.map((size) => '─'.repeat(size + 2)).join(middle)}${right}`
  const line = (row: Cell[]): string => {
    const drawn = row.map((cell, index) => {
      const gap = ' '.repeat(widths[index] - width(textOf(cell)))
      const painted = typeof cell === 'string' ? cell : cell.painted
      return columns[index].align === 'right' ? ` ${gap}${painted} ` : ` ${painted}${gap} `
    })
    return `│${drawn.join('│')}│`
  }

  const between = rule('├', '┼', '┤')
  const lines = [rule('┌', '┬', '┐'), line(head)]
  for (const row of rows) lines.push(between, line(row))
  lines.push(rule('└', '┴', '┘'))
  return lines.join('\n')
}

function textOf(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text
}

/** Columns a text takes in a terminal; printable ASCII, most of what a table holds, is one column a character. */
function width(text: string): number {
  return /^[\u0020-\u007E]*$/.test(text) ? text.length : stringWidth(text)
}
