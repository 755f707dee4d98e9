import fc from 'fast-check'

import {RuleError, UsageError} from '../../src/core/errors.js'
import {addToTotal, checkAwardPoints, formatPoints, parsePoints, parseTypedPoints, pointsBetween, signedPoints} from '../../src/core/points.js'

describe('points as written', () => {
  it.each([
    ['5', 5],
    ['-3', -3],
    ['+10', 10],
    ['007', 7],
    ['1000000', 1_000_000],
  ])('reads %j as %d', (text, points) => {
    expect(parsePoints(text)).toBe(points)
  })

  it.each(['1.5', '1e3', '0x10', 'five', '', '1_000', '１２', '--5', '5-', 'Infinity', 'NaN'])('refuses %j as a usage error', (text) => {
    expect(() => parsePoints(text)).toThrow(UsageError)
  })

  it('allows awards within ±1,000,000 except 0', () => {
    expect(() => checkAwardPoints(1_000_000)).not.toThrow()
    expect(() => checkAwardPoints(-1_000_000)).not.toThrow()
    for (const points of [0, 1_000_001, -1_000_001, 2 ** 60]) {
      expect(() => checkAwardPoints(points)).toThrow(RuleError)
    }

    // Past 2^53 a number is rounded: it is refused without echoing the rounded value, or as typed on the command line.
    expect(() => checkAwardPoints(parsePoints('99999999999999999999'))).toThrow('got a number beyond ±9,007,199,254,740,991.')
    expect(() => parseTypedPoints('99999999999999999999')).toThrow('got 99999999999999999999.')
  })
})

describe('totals', () => {
  const MAX = Number.MAX_SAFE_INTEGER

  it('add up exactly up to ±(2^53 - 1), and refuse any sum beyond', () => {
    expect(addToTotal('alice', MAX - 5, 5)).toBe(MAX)
    expect(addToTotal('alice', -MAX + 1_000_000, -1_000_000)).toBe(-MAX)
    for (const [total, points] of [[MAX, 1], [-MAX, -1], [MAX - 5, 1_000_000], [MAX + 1, 0], [0, 0.5]]) {
      expect(() => addToTotal('alice', total, points)).toThrow(/That would take alice's total beyond ±9,007,199,254,740,991 points/)
    }
  })

  it('tell the entry between two totals exactly, and only within the bounds of an award', () => {
    expect(pointsBetween(-MAX, -MAX + 1_000_000)).toBe(1_000_000)
    expect(pointsBetween(5, 5)).toBe(0)
    // MAX - (-1,000,000) is 9,007,199,255,740,991, which floating point rounds to ...992.
    expect(() => pointsBetween(-1_000_000, MAX)).toThrow('An entry is a whole number from -1,000,000 to 1,000,000; this one would be 9,007,199,255,740,991.')
    expect(() => pointsBetween(MAX, -MAX)).toThrow(/this one would be -18,014,398,509,481,982\.$/)
  })
})

describe('points as shown', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [-1234567, '-1,234,567'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
  ])('writes %d as %s', (points, shown) => {
    expect(formatPoints(points)).toBe(shown)
  })

  it('groups digits as en-US does, for every whole number ccp can store', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (points) => {
        expect(formatPoints(points)).toBe(points.toLocaleString('en-US'))
      }),
      {numRuns: 10_000},
    )
  })

  it('signs gains and leaves losses their minus', () => {
    expect(signedPoints(1500)).toBe('+1,500')
    expect(signedPoints(-3)).toBe('-3')
  })
})
