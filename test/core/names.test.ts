import {RuleError} from '../../src/core/errors.js'
import {nameKey, validateName} from '../../src/core/names.js'

describe('member names', () => {
  it('are one key whatever their case or Unicode form', () => {
    expect(nameKey('Bob')).toBe(nameKey('BOB'))
    expect(nameKey('Ｂｏｂ')).toBe(nameKey('bob'))
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'))
    expect(nameKey('Ｂｏｂ')).not.toBe(nameKey('Bobby'))
  })

  it('are kept as written, without surrounding space', () => {
    expect(validateName('  Alice ')).toBe('Alice')
    expect(validateName('Zoë')).toBe('Zoë')
    expect(validateName('👩‍🚀')).toBe('👩‍🚀')
    expect(validateName('x'.repeat(32))).toBe('x'.repeat(32))
  })

  it.each([
    ['', /cannot be empty/],
    ['two words', /one word/],
    ['tab\there', /one word/],
    ['zero\u200Bwidth', /invisible/],
    ['\u3164', /invisible/],
    ['obj\uFFFC', /invisible/],
    ['x'.repeat(33), /at most 32 characters/],
    ['42', /cannot be a number/],
    ['-7', /cannot be a number/],
    ['@bob', /cannot start with "@"/],
    ['help', /chat command/],
    ['ListAll', /chat command/],
  ])('refuses %j', (input, message) => {
    expect(() => validateName(input)).toThrow(RuleError)
    expect(() => validateName(input)).toThrow(message)
  })
})
