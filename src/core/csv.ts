/**
 * Text a spreadsheet would run as a formula (OWASP's CSV injection list: =, +, -, @, tab, carriage return),
 * after any apostrophes: one more apostrophe in front makes it text, and parseCsv takes exactly that one
 * away again, so every text reads back as it was written.
 */
const FORMULA = /^'*[=+\-@\t\r]/
const DEFUSED_FORMULA = /^'+[=+\-@\t\r]/

/**
 * RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; quotes are doubled. Text that would
 * start a formula starts with an apostrophe instead. Numbers are written as numbers (digits and a sign),
 * which a spreadsheet reads as numbers, never as formulas.
 */
export function csvLine(fields: readonly (null | number | string)[]): string {
  return fields.map((field) => csvField(field)).join(',')
}

function csvField(field: null | number | string): string {
  if (field === null) return ''
  if (typeof field === 'number') return String(field)
  const text = FORMULA.test(field) ? `'${field}` : field
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

/** A field as it was before csvField defused it. */
function readField(field: string): string {
  return DEFUSED_FORMULA.test(field) ? field.slice(1) : field
}

export interface CsvRecord {
  fields: string[]
  /** The line the record starts on, counting from 1. */
  line: number
}

/**
 * Splits CSV text into records, each with the line it starts on, undoing what csvLine does to formulas.
 * Throws with the line of a broken quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quoted = false
  let atFieldStart = true
  const endRecord = (): void => {
    fields.push(readField(field))
    if (fields.length > 1 || fields[0] !== '') records.push({fields, line: recordLine})
    fields = []
    field = ''
    atFieldStart = true
  }

  for (let i = text.charCodeAt(0) === 0xfe_ff ? 1 : 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') {
        quoted = false
      } else {
        if (char === '\n') line++
        field += char
      }
    } else if (char === '"' && atFieldStart) {
      quoted = true
      atFieldStart = false
    } else if (char === ',') {
      fields.push(readField(field))
      field = ''
      atFieldStart = true
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else if (char === '"') {
      throw new SyntaxError(`line ${line}: a quote inside an unquoted field; quote the whole field and double the quote`)
    } else {
      field += char
      atFieldStart = false
    }
  }

  if (quoted) throw new SyntaxError(`line ${recordLine}: a quoted field is never closed`)
  endRecord()
  return records
}
