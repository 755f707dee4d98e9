import {csvLine, parseCsv} from '../csv.js'
import {RuleError} from '../errors.js'
import type {LocatedRecord, LedgerExport, ExportEntry, ExportMember, ExportReaction} from './document.js'

export type ExportFormat = 'csv' | 'json'

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv']
const FORMAT_TAG = 'ccp-export'

const MEMBER_FIELDS = ['id', 'name', 'uuid', 'number', 'points', 'createdAt', 'removedAt'] as const satisfies readonly (keyof ExportMember)[]
const ENTRY_FIELDS = [
  'id',
  'memberId',
  'member',
  'points',
  'reason',
  'source',
  'createdAt',
  'undoes',
  'actorKind',
  'actorName',
  'actorUuid',
  'actorNumber',
  'idempotencyKey',
] as const satisfies readonly (keyof ExportEntry)[]
const REACTION_FIELDS = ['reactor', 'author', 'targetSentAt', 'reactedAt', 'entryId'] as const satisfies readonly (keyof ExportReaction)[]
const CSV_COLUMNS = ['record', ...new Set<string>([...MEMBER_FIELDS, ...ENTRY_FIELDS, 'startedAt', 'key', 'value', ...REACTION_FIELDS])]
const RECORD_KINDS: readonly LocatedRecord['kind'][] = ['member', 'entry', 'season', 'setting', 'reaction']
/** The JSON list each kind of record sits in. */
const LIST_OF = {entry: 'entries', member: 'members', reaction: 'reactions', season: 'seasons', setting: 'settings'} as const
const CSV_NUMBER_COLUMNS = new Set(['id', 'memberId', 'points', 'undoes', 'targetSentAt', 'reactedAt', 'entryId'])

/** JSON with one record per line, so that a person (and an import error) can point at a line. */
export function formatExportJson(document: LedgerExport, exportedAt: Date): string {
  const list = (records: object[]): string => (records.length === 0 ? '[]' : `[\n${records.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`)
  const lists = (['members', 'entries', 'seasons', 'settings', 'reactions'] as const).map((key) => `  "${key}": ${list(document[key])}`).join(',\n')
  return `{\n  "format": "${FORMAT_TAG}",\n  "version": 1,\n  "exportedAt": ${JSON.stringify(exportedAt.toISOString())},\n${lists}\n}\n`
}

/** One table: a `record` column says what a row is (a member, a ledger entry, a season, a setting or a reaction). */
export function formatExportCsv(document: LedgerExport): string {
  const row = (kind: string, record: Record<string, unknown>): string =>
    csvLine([kind, ...CSV_COLUMNS.slice(1).map((column) => (record[column] ?? null) as null | number | string)])
  const lines = [
    csvLine(CSV_COLUMNS),
    ...document.members.map((member) => row('member', {...member})),
    ...document.entries.map((entry) => row('entry', {...entry})),
    ...document.seasons.map((season) => row('season', {...season})),
    ...document.settings.map((setting) => row('setting', {...setting})),
    ...document.reactions.map((reaction) => row('reaction', {...reaction})),
  ]
  return `${lines.join('\n')}\n`
}

/** Reads an export file (JSON or CSV, told apart by its first character) into records with line numbers. */
export function readExportFile(text: string): LocatedRecord[] {
  return text.trimStart().startsWith('{') ? readJson(text) : readCsv(text)
}

function readJson(text: string): LocatedRecord[] {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw invalid(lineAtPosition(text, (error as Error).message), `the file is not valid JSON (${(error as Error).message})`)
  }

  // Seasons, settings and reactions came later: a file from before them has none.
  const {entries, format, members, reactions = [], seasons = [], settings = []} = (document ?? {}) as Record<string, unknown>
  if (format !== FORMAT_TAG || !Array.isArray(members) || !Array.isArray(entries) || !Array.isArray(seasons) || !Array.isArray(settings) || !Array.isArray(reactions)) {
    throw invalid(1, `this is not a ccp export: expected an object with "format": "${FORMAT_TAG}" and "members" and "entries" lists`)
  }

  const lines = elementLines(text)
  const located = (kind: LocatedRecord['kind'], list: unknown[]): LocatedRecord[] =>
    list.map((value, index) => {
      const line = lines.get(LIST_OF[kind])?.[index] ?? 1
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(line, `each ${kind} must be an object`)
      return {kind, line, value: value as Record<string, unknown>}
    })
  return [...located('member', members), ...located('entry', entries), ...located('season', seasons), ...located('setting', settings), ...located('reaction', reactions)]
}

function readCsv(text: string): LocatedRecord[] {
  let rows
  try {
    rows = parseCsv(text)
  } catch (error) {
    throw new RuleError('INVALID_IMPORT', `The file is not valid CSV: ${(error as Error).message}. Nothing was imported.`)
  }

  const [header, ...records] = rows
  const columns = header?.fields.map((name) => name.trim()) ?? []
  if (columns[0] !== 'record') {
    throw invalid(1, 'the first line must name the columns, starting with "record" (see ccp export --format csv)')
  }

  const unknown = columns.find((column) => !CSV_COLUMNS.includes(column))
  if (unknown !== undefined) throw invalid(1, `unknown column ${JSON.stringify(unknown)}`)
  return records.map(({fields, line}) => {
    if (fields.length !== columns.length) throw invalid(line, `expected ${columns.length} fields, found ${fields.length}`)
    const kind = fields[0] as LocatedRecord['kind']
    if (!RECORD_KINDS.includes(kind)) throw invalid(line, `the record column must say member, entry, season, setting or reaction, not ${JSON.stringify(kind)}`)
    const value: Record<string, unknown> = {}
    for (const [index, column] of columns.entries()) value[column] = csvValue(column, fields[index])
    return {kind, line, value}
  })
}

function csvValue(column: string, text: string): unknown {
  if (text === '') return null
  if (CSV_NUMBER_COLUMNS.has(column) && /^-?\d+$/.test(text)) return Number(text)
  return text
}

/**
 * The line on which each element of the top-level "members" and "entries" lists starts. A small
 * scan that knows strings and nesting; it runs only on text JSON.parse has accepted.
 */
function elementLines(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>()
  let depth = 0
  let line = 1
  let lastKey = ''
  let list: number[] | undefined
  let awaitingElement = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '\n') line++
    if (/\s/.test(char)) continue
    if (depth === 2 && awaitingElement && char !== ']') {
      list?.push(line)
      awaitingElement = false
    }

    if (char === '"') {
      const start = i
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++
      if (depth === 1) lastKey = JSON.parse(text.slice(start, i + 1)) as string
    } else if (char === '[' || char === '{') {
      if (depth === 1 && char === '[') {
        list = []
        lines.set(lastKey, list)
        awaitingElement = true
      }

      depth++
    } else if (char === ']' || char === '}') {
      depth--
    } else if (char === ',' && depth === 2) {
      awaitingElement = true
    }
  }

  return lines
}

function lineAtPosition(text: string, message: string): number {
  const position = /position (\d+)/.exec(message)
  if (!position) return text.split('\n').length
  return text.slice(0, Number(position[1])).split('\n').length
}

function invalid(line: number, problem: string): RuleError {
  return new RuleError('INVALID_IMPORT', `Line ${line}: ${problem}. Nothing was imported.`)
}
