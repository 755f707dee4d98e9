import {emojiKey, parseReactions, reactionPoints} from '../../src/core/reactions.js'

describe('the reactions setting', () => {
  it('reads emoji=points pairs; empty is off', () => {
    expect([...parseReactions('👍=1,🔥=2,👎=-1')]).toEqual([['👍', 1], ['🔥', 2], ['👎', -1]])
    expect(parseReactions('').size).toBe(0)
    expect(parseReactions(' , ').size).toBe(0)
  })

  it('matches an emoji whatever its skin tone or variation selector', () => {
    const reactions = parseReactions('👍=1,❤️=3,🇩🇪=2,1️⃣=4')
    expect(reactionPoints('👍🏽', reactions)).toBe(1)
    expect(reactionPoints('👍🏿', reactions)).toBe(1)
    expect(reactionPoints('❤', reactions)).toBe(3)
    expect(reactionPoints('🇩🇪', reactions)).toBe(2)
    expect(reactionPoints('1⃣', reactions)).toBe(4)
    expect(reactionPoints('🔥', reactions)).toBeNull()
    expect(emojiKey('👍🏻')).toBe(emojiKey('👍'))
  })

  it.each([
    ['👍', /not emoji=points/],
    ['=1', /not emoji=points/],
    ['👍=', /not emoji=points/],
    ['a=1', /not one emoji/],
    ['👍👍=1', /not one emoji/],
    ['👍\u200D=1', /not one emoji/],
    ['🇩=1', /not one emoji/],
    ['a\u20E3=1', /not one emoji/],
    ['\u200D👍=1', /not one emoji/],
    ['👍=1.5', /whole number/],
    ['👍=0', /not 0/],
    ['👍=2000000', /An award is a whole number/],
    ['❤=1,❤️=2', /named twice/],
  ])('refuses %j', (text, message) => {
    expect(() => parseReactions(text)).toThrow(message)
  })

  it('takes every kind of emoji a person reacts with: joined, flagged, keycapped, toned', () => {
    const list = '👩🏽‍💻=1,🏳️‍🌈=2,🏴󠁧󠁢󠁥󠁮󠁧󠁿=3,🇩🇪=4,#️⃣=5,1⃣=6,©=7,🤝🏻=8,❤=9'
    expect([...parseReactions(list).values()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})
