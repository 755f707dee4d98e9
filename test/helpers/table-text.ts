import stringWidth from 'string-width'

/** Columns a line takes in a terminal. */
export function lineWidth(line: string): number {
  return stringWidth(line)
}

/** The widest line of an output. */
export function widestLine(output: string): number {
  // A loop, not Math.max(...lines): a table of 50,000 rows has more lines than a call takes arguments.
  return output.split('\n').reduce((widest, line) => Math.max(widest, lineWidth(line)), 0)
}

const RULE = /^[┌├└─]/

/**
 * The rows of a table as ccp draws it, each cell's lines joined by a space: a boxed table (a wrapped cell takes
 * several lines of a row), or, on a terminal too narrow for one, rows as blocks of "Title  value" lines apart
 * by a rule (see src/cli/box-table.ts). `titles` are the table's column titles.
 */
export function readTable(output: string, titles: string[]): Record<string, string>[] {
  const lines = output.split('\n')
  return lines.some((line) => line.startsWith('┌')) ? readBoxes(lines) : readRecords(lines, titles)
}

function readBoxes(lines: string[]): Record<string, string>[] {
  const start = lines.findIndex((line) => line.startsWith('┌'))
  const end = lines.findIndex((line) => line.startsWith('└'))
  // One group of lines per row, the header first; each line split into its cells.
  const groups: string[][][] = [[]]
  for (const line of lines.slice(start + 1, end)) {
    if (RULE.test(line)) groups.push([])
    else groups.at(-1)!.push(line.split('│').slice(1, -1))
  }

  const [head, ...rows] = groups
  const titles = head[0].map((title) => title.trim())
  return rows.map((row) => Object.fromEntries(titles.map((title, index) => [title, row.map((cells) => cells[index].trim()).filter(Boolean).join(' ')])))
}

function readRecords(lines: string[], titles: string[]): Record<string, string>[] {
  const byLength = [...titles].sort((a, b) => b.length - a.length)
  const records: Record<string, string>[] = []
  let record: Record<string, string> | undefined
  let field: string | undefined
  for (const line of lines) {
    if (/^─+$/.test(line)) {
      record = undefined
      continue
    }

    const title = byLength.find((candidate) => line === candidate || line.startsWith(`${candidate}  `))
    if (title !== undefined && (record === undefined || !(title in record))) {
      if (record === undefined) records.push((record = {}))
      field = title
      record[title] = line.slice(title.length).trim()
    } else if (record && field) {
      record[field] = [record[field], line.trim()].filter(Boolean).join(' ')
    }
  }

  return records
}

/** A text without its white space: what is left of it however it was wrapped. */
export function solid(text: string): string {
  return text.replaceAll(/\s+/g, '')
}
