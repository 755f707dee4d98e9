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

describe('names that look alike', () => {
  it.each([
    ['bo\u200Db', 'a zero-width joiner between letters'],
    ['bob\u034F', 'a combining grapheme joiner'],
    ['b\u2060ob', 'a word joiner'],
    ['bob\uFE0F', 'a variation selector after a letter'],
    ['\u{1F600}\uFE0F', 'a variation selector after an emoji already shown as one'],
    ['bob1\uFE0F', 'a variation selector after a digit that is no keycap'],
    ['\u2764\uFE0E', 'the text-style variation selector'],
    ['\u0301bob', 'a combining mark with no letter under it'],
    ['bob\u{E0041}', 'a tag character'],
    ['bob\u202E', 'a bidi control'],
    ['bob\u2066', 'a bidi isolate'],
    ['\u115Fbob', 'a Hangul filler'],
    ['bo<U+200D>b', 'an invisible character written as it is shown'],
  ])('refuses %j (%s)', (name) => {
    expect(() => validateName(name)).toThrow(/invisible character/)
  })

  it.each(['bоb', 'Аlice', 'pαypal'])('refuses %j, which mixes alphabets whose letters look alike', (name) => {
    expect(() => validateName(name)).toThrow(/keeps to one alphabet/)
  })

  it.each(['👩‍🚀', '❤️', '❤️‍🔥', '👩🏽‍🚀', '👍🏽', 'bob1️⃣', 'e\u0301mile', 'Zoë', 'Алиса', 'Ελένη', '山田', 'x<U+0041>'])('accepts %j', (name) => {
    expect(validateName(name)).toBe(name)
  })

  it('never repeats a name that could be a phone number in its refusal', () => {
    for (const name of ['+15551110001', 'bob+15551110001', 'bob555-111-0001']) {
      expect(() => validateName(name)).toThrow(RuleError)
      expect(() => validateName(name)).not.toThrow(/555/)
    }
  })
})
