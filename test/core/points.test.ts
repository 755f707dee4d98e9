import fc from 'fast-check'

import {RuleError, UsageError} from '../../src/core/errors.js'
import {checkAwardPoints, formatPoints, parsePoints, signedPoints} from '../../src/core/points.js'

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
    for (const points of [0, 1_000_001, -1_000_001, parsePoints('99999999999999999999')]) {
      expect(() => checkAwardPoints(points)).toThrow(RuleError)
    }
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
