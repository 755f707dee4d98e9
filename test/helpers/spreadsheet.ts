/**
 * The cells of a CSV file as a spreadsheet reads them: RFC 4180 quotes undone, nothing else. An
 * independent reader, so that tests see what ccp wrote rather than what ccp's own reader makes of it.
 */
export function spreadsheetCells(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\n') {
      rows.push([...row, cell])
      row = []
      cell = ''
    } else cell += char
  }

  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

/** Cells a spreadsheet would run as a formula: text that starts with =, +, -, @, a tab or a carriage return (OWASP). Plain numbers are numbers. */
export function formulaCells(text: string): string[] {
  return spreadsheetCells(text)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+$/.test(cell))
}
