import {OPERATOR} from '../../src/core/actor.js'
import type {ReactionInput} from '../../src/core/ledger.js'
import {BOB, CAROL} from '../helpers/chat.js'
import {ALICE, memoryLedger} from '../helpers/ledger.js'

const MINUTE = 60_000
const MESSAGE = 1_764_100_000_000

/** Alice and Bob are members bound to their identities; Carol writes in the group but is no member. */
function game(settings: Record<string, string> = {}) {
  const fixture = memoryLedger()
  for (const [key, value] of Object.entries(settings)) fixture.store.saveSetting(key, value, 0)
  fixture.ledger.addMember({name: 'alice', number: ALICE.number, uuid: ALICE.uuid})
  fixture.ledger.addMember({name: 'bob', number: BOB.number, uuid: BOB.uuid})
  let reactedAt = MESSAGE
  const react = (from = BOB, changes: Partial<ReactionInput> = {}) =>
    fixture.ledger.react(from, {emoji: '👍', points: 1, reactedAt: ++reactedAt, targetAuthor: {number: ALICE.number, uuid: ALICE.uuid}, targetTimestamp: MESSAGE, ...changes})
  const points = (name: string) => fixture.ledger.score({name}).points
  return {...fixture, points, react}
}

describe('reactions as awards in the ledger', () => {
  it('awards, replaces (net: the new points only), and takes back, each as a ledger entry from the reactor', () => {
    const {ledger, points, react} = game()
    expect(react()).toEqual({change: 1, kind: 'awarded', member: 'alice'})
    expect(points('alice')).toBe(1)
    expect(react(BOB, {emoji: '🔥', points: 2})).toEqual({change: 1, kind: 'replaced', member: 'alice'})
    expect(points('alice')).toBe(2)
    expect(react(BOB, {emoji: '🔥', points: null})).toEqual({change: -2, kind: 'removed', member: 'alice'})
    expect(points('alice')).toBe(0)
    expect(ledger.history().map((entry) => [entry.points, entry.source, entry.reason, entry.actor])).toEqual([
      [-2, 'undo', null, 'bob'],
      [2, 'reaction', 'reaction 🔥', 'bob'],
      [-1, 'undo', null, 'bob'],
      [1, 'reaction', 'reaction 👍', 'bob'],
    ])
  })

  it('counts a reaction delivered twice once, and ignores an older one arriving late', () => {
    const {ledger, points} = game()
    const reaction = {emoji: '👍', points: 1, reactedAt: MESSAGE + 5, targetAuthor: {number: ALICE.number, uuid: null}, targetTimestamp: MESSAGE}
    expect(ledger.react(BOB, reaction)).toMatchObject({kind: 'awarded'})
    expect(ledger.react(BOB, reaction)).toEqual({kind: 'repeat'})
    expect(ledger.react(BOB, {...reaction, points: null, reactedAt: MESSAGE + 4})).toEqual({kind: 'repeat'})
    expect(points('alice')).toBe(1)
    expect(ledger.history()).toHaveLength(1)
  })

  it('treats another skin tone of the same points as no change, and an emoji that gives nothing as taking the award back', () => {
    const {points, react} = game()
    react()
    expect(react(BOB, {emoji: '👍🏽', points: 1})).toEqual({kind: 'unchanged'})
    expect(points('alice')).toBe(1)
    expect(react(BOB, {emoji: '😀', points: null})).toMatchObject({change: -1, kind: 'removed'})
    expect(react(BOB, {emoji: '😀', points: null})).toEqual({kind: 'unchanged'})
    expect(points('alice')).toBe(0)
  })

  it('does nothing for a reaction to your own message or to a non-member', () => {
    const {ledger, react} = game()
    expect(react(ALICE)).toEqual({kind: 'own message'})
    // Bound by number only on the target side: still Alice's own message.
    expect(react({...ALICE, number: null}, {targetAuthor: {number: null, uuid: ALICE.uuid}})).toEqual({kind: 'own message'})
    expect(react(BOB, {targetAuthor: {number: CAROL.number, uuid: CAROL.uuid}})).toEqual({kind: 'not a member'})
    expect(ledger.history()).toEqual([])
  })

  it('is bound by award.hourly, award.negative and award.max, but not by the cooldown', () => {
    const {clock, ledger, points, react} = game({'award.cooldown': '1h', 'award.hourly': '3', 'award.max': '2', 'award.negative': 'false'})
    expect(react(BOB, {points: 2})).toMatchObject({kind: 'awarded'})
    expect(react(BOB, {points: 2, targetTimestamp: MESSAGE + 1})).toMatchObject({kind: 'refused', rule: 'HOURLY'})
    expect(react(BOB, {points: 1, targetTimestamp: MESSAGE + 2})).toMatchObject({kind: 'awarded'})
    expect(react(BOB, {points: -1, targetTimestamp: MESSAGE + 3})).toMatchObject({kind: 'refused', rule: 'NEGATIVE_OFF'})
    clock.advance(61 * MINUTE)
    expect(react(BOB, {points: 5, targetTimestamp: MESSAGE + 4})).toMatchObject({kind: 'refused', rule: 'AWARD_MAX'})
    // A replacement frees what the old award used of the hour.
    expect(react(BOB, {points: 2, targetTimestamp: MESSAGE + 5})).toMatchObject({kind: 'awarded'})
    expect(react(BOB, {emoji: '🔥', points: 1, targetTimestamp: MESSAGE + 5})).toMatchObject({change: -1, kind: 'replaced'})
    expect(points('alice')).toBe(4)
    // A typed award right after is still under the cooldown of typed awards only: reactions set none.
    expect(ledger.award(BOB, {points: 1, target: {name: 'alice'}})).toMatchObject({total: 5})
    expect(() => ledger.award(BOB, {points: 1, target: {name: 'alice'}})).toThrow(/again in/)
  })

  it('takes the old award back when its replacement is refused by a rule: the old emoji is gone from the chat (net 0)', () => {
    const {ledger, points, react} = game({'award.hourly': '2', 'award.max': '2'})
    expect(react(BOB, {points: 1})).toMatchObject({change: 1, kind: 'awarded'})
    expect(react(BOB, {points: 1, targetTimestamp: MESSAGE + 1})).toMatchObject({change: 1, kind: 'awarded'})
    expect(points('alice')).toBe(2)
    // 👍 to 🔥: without the 👍 Bob has moved 1 point this hour, and 🔥's 2 would make 3, over award.hourly.
    expect(react(BOB, {emoji: '🔥', points: 2})).toEqual({change: -1, kind: 'refused', member: 'alice', rule: 'HOURLY'})
    expect(points('alice')).toBe(1)
    // And over award.max: the other message's 👍 changed to a 3-point emoji.
    expect(react(BOB, {emoji: '💯', points: 3, targetTimestamp: MESSAGE + 1})).toEqual({change: -1, kind: 'refused', member: 'alice', rule: 'AWARD_MAX'})
    expect(points('alice')).toBe(0)
    // The refused reactions hold nothing: removing them takes nothing back, and the hour's points are free again.
    expect(react(BOB, {emoji: '🔥', points: null})).toEqual({kind: 'unchanged'})
    expect(react(BOB, {emoji: '💯', points: null, targetTimestamp: MESSAGE + 1})).toEqual({kind: 'unchanged'})
    expect(react(BOB, {emoji: '🔥', points: 2})).toMatchObject({change: 2, kind: 'awarded'})
    expect(points('alice')).toBe(2)
    expect(ledger.history().map((entry) => [entry.points, entry.source])).toEqual([
      [2, 'reaction'],
      [-1, 'undo'],
      [-1, 'undo'],
      [1, 'reaction'],
      [1, 'reaction'],
    ])
  })

  it('leaves an award the operator undid undone when the reaction is removed', () => {
    const {ledger, points, react} = game()
    react()
    ledger.undo(OPERATOR, {entryId: 1})
    expect(react(BOB, {points: null})).toEqual({kind: 'unchanged'})
    expect(points('alice')).toBe(0)
    expect(ledger.history()).toHaveLength(2)
  })
})
