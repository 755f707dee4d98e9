import {Chalk} from 'chalk'
import fc from 'fast-check'

import {boxTable, type Column} from '../../src/cli/box-table.js'
import {outputWidth} from '../../src/cli/output-width.js'
import {cutToWidth, displayWidth, wrapToWidth} from '../../src/cli/text-width.js'

const words = fc.array(fc.oneof(fc.string({maxLength: 14}), fc.constantFrom('名前', 'Ｂｏｂ', '😀', 'e\u0301', ',', ' ', 'comma,separated')), {maxLength: 30}).map((parts) => parts.join(' '))

describe('wrapToWidth', () => {
  it('keeps every line within the width and leaves out nothing but spaces', () => {
    fc.assert(
      fc.property(words, fc.integer({max: 60, min: 2}), (text, width) => {
        const lines = wrapToWidth(text, width)
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width)
        expect(lines.join('').replaceAll(/\s/g, '')).toBe(text.replaceAll(/\s/g, ''))
      }),
      {numRuns: 1000},
    )
  })

  it('breaks at spaces and after commas, not inside words that fit', () => {
    expect(wrapToWidth('100:Model Citizen,0:Citizen,-10:Reeducation Candidate', 20)).toEqual(['100:Model Citizen,', '0:Citizen,', '-10:Reeducation', 'Candidate'])
    expect(wrapToWidth('名前のテスト', 5)).toEqual(['名前', 'のテ', 'スト'])
  })

  it('never breaks a number at its thousands separators', () => {
    expect(wrapToWidth('Most punished: nnnn (-1,000,000 taken)', 16)).toEqual(['Most punished:', 'nnnn (-1,000,000', 'taken)'])
    expect(wrapToWidth('moved 12,345 points,1,2,3', 12)).toEqual(['moved 12,345', 'points,1,2,3'])
  })
})

describe('cutToWidth', () => {
  it('keeps a text that fits, and cuts one that does not to the width, ellipsis included', () => {
    fc.assert(
      fc.property(words, fc.integer({max: 40, min: 1}), (text, width) => {
        const cut = cutToWidth(text, width)
        if (displayWidth(text) <= width) expect(cut).toBe(text)
        else {
          expect(cut.endsWith('…')).toBe(true)
          expect(displayWidth(cut)).toBeLessThanOrEqual(width)
          expect(text.startsWith(cut.slice(0, -1))).toBe(true)
        }
      }),
      {numRuns: 1000},
    )
  })
})

describe('boxTable with a width', () => {
  const plain = new Chalk({level: 0})
  const name = fc.stringMatching(/^[a-z]{1,12}$/)

  it('fits any width of 30 or more, and shows every name whole', () => {
    const columns: Column[] = [
      {align: 'left', title: 'Name'},
      {align: 'right', title: 'Points'},
      {align: 'left', fit: 'wrap', title: 'Reason'},
      {align: 'left', fit: 'cut', title: 'Tier'},
    ]
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.integer(), words, words), {maxLength: 5, minLength: 1}), fc.integer({max: 120, min: 30}), (rows, width) => {
        const drawn = boxTable(columns, rows.map(([who, points, reason, tier]) => [who, String(points), reason, tier]), plain.bold, width)
        for (const line of drawn.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width)
        for (const [who, points] of rows) {
          expect(drawn).toMatch(new RegExp(`(^|[│ ])${who}( |$)`, 'm'))
          expect(drawn).toMatch(new RegExp(`(^|[│ ])${points}( |$)`, 'm'))
        }
      }),
      {numRuns: 500},
    )
  })
})

describe('outputWidth', () => {
  it("is a terminal's own width, else COLUMNS, else no limit", () => {
    expect(outputWidth({columns: 100, isTTY: true}, {COLUMNS: '40'})).toBe(100)
    expect(outputWidth({isTTY: false}, {COLUMNS: '40'})).toBe(40)
    expect(outputWidth({isTTY: false}, {})).toBeUndefined()
    expect(outputWidth({isTTY: false}, {COLUMNS: 'wide'})).toBeUndefined()
    expect(outputWidth({isTTY: false}, {COLUMNS: '0'})).toBeUndefined()
  })
})
