import {stripVTControlCharacters} from 'node:util'

import {Chalk} from 'chalk'
import Table from 'cli-table3'
import fc from 'fast-check'

import {type Align, boxTable, type Cell} from '../../src/cli/box-table.js'
import {standingsTable} from '../../src/cli/tables.js'

const colour = new Chalk({level: 1})

/** What cli-table3 draws for the same table, configured as ccp configures it. */
function cliTable3(titles: string[], align: Align[], rows: Cell[][]): string {
  const table = new Table({colAligns: align, head: titles.map((title) => colour.bold(title)), style: {border: [], head: []}})
  for (const row of rows) table.push(row.map((cell) => (typeof cell === 'string' ? cell : cell.painted)))
  return table.toString()
}

const text = fc.oneof(
  fc.string({maxLength: 12}),
  fc.constantFrom('', 'Ｂｏｂ', '😀 party', '名前', 'e\u0301', '█████', '  ┃██'),
  fc.string({maxLength: 6, unit: 'grapheme'}),
  fc.string({maxLength: 6, unit: fc.integer({max: 0x25ff, min: 0x2500}).map((code) => String.fromCodePoint(code))}),
)
const cell: fc.Arbitrary<Cell> = fc.oneof(text, text.map((plain) => ({painted: colour.red(plain), text: plain})))

describe('boxTable', () => {
  it('draws exactly what cli-table3 draws: borders, padding, alignment, wide characters and colour', () => {
    fc.assert(
      fc.property(
        fc.integer({max: 5, min: 1}).chain((columns) =>
          fc.tuple(
            fc.array(text, {maxLength: columns, minLength: columns}),
            fc.array(fc.constantFrom<Align>('left', 'right'), {maxLength: columns, minLength: columns}),
            fc.array(fc.array(cell, {maxLength: columns, minLength: columns}), {maxLength: 6}),
          ),
        ),
        ([titles, align, rows]) => {
          const columns = titles.map((title, index) => ({align: align[index], title}))
          expect(boxTable(columns, rows, colour.bold)).toBe(cliTable3(titles, align, rows))
        },
      ),
      {numRuns: 2000},
    )
  })

  it('draws a header-only table when there are no rows', () => {
    expect(boxTable([{align: 'left', title: 'Name'}], [], (title) => title)).toBe(['┌──────┐', '│ Name │', '└──────┘'].join('\n'))
  })
})

describe('the standings table', () => {
  it('draws 200,000 members, each bar against the largest score', () => {
    const rows = Array.from({length: 200_000}, (_, index) => ({name: `m${index}`, points: 200_000 - index, rank: index + 1, tier: 'Citizen'}))
    const lines = standingsTable(rows, colour).split('\n')
    expect(lines).toHaveLength(2 * rows.length + 3)
    expect(stripVTControlCharacters(lines[3])).toBe(`│      1 │ m0      │ 200,000 │ Citizen │ ${'█'.repeat(20)} │`)
  })
})
