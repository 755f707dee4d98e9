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

  it("never charges a re-added member for a removed member's reaction award, whether the reaction is then removed, replaced or repeated", () => {
    const {ledger, points, react} = game()
    const dave = {number: '+15551110004', uuid: '44444444-4444-4444-8444-444444444444'}
    const toDave = {targetAuthor: dave, targetTimestamp: 60}
    ledger.addMember({name: 'dave', ...dave})
    expect(react(BOB, {...toDave, emoji: '🔥', points: 2})).toMatchObject({change: 2, kind: 'awarded'})
    ledger.remove({name: 'dave'})
    expect(react(BOB, {...toDave, points: null})).toEqual({kind: 'not a member'})
    ledger.addMember({name: 'dave'})
    ledger.bind({name: 'dave'}, dave)
    expect(react(BOB, toDave)).toEqual({change: 1, kind: 'awarded', member: 'dave'})
    expect(points('dave')).toBe(1)
    expect(ledger.history({target: {name: 'dave'}}).map((entry) => [entry.points, entry.source])).toEqual([[1, 'reaction']])

    // Straight from the old member's award to a new emoji (no removal in between): the old award stays where it was.
    const second = {targetAuthor: dave, targetTimestamp: 70}
    expect(react(BOB, {...second, emoji: '🔥', points: 2})).toMatchObject({change: 2, kind: 'awarded'})
    ledger.remove({name: 'dave'})
    ledger.addMember({name: 'dave', ...dave})
    expect(react(BOB, second)).toEqual({change: 1, kind: 'awarded', member: 'dave'})
    expect(react(BOB, {...second, points: null})).toEqual({change: -1, kind: 'removed', member: 'dave'})
    expect(react(BOB, {...second, points: null})).toEqual({kind: 'unchanged'})
    expect(points('dave')).toBe(0)
    expect(ledger.history().filter((entry) => entry.source === 'undo')).toHaveLength(1)
  })

  it('takes an award back from the member it was given to, even after the author\'s identity moved to another member', () => {
    const {ledger, points, react} = game()
    react()
    ledger.bind({name: 'alice'}, {number: '+15551110009', uuid: '99999999-9999-4999-8999-999999999999'})
    ledger.addMember({name: 'carol', number: ALICE.number, uuid: ALICE.uuid})
    expect(react(BOB, {emoji: '🔥', points: 2})).toEqual({change: 2, kind: 'replaced', member: 'carol'})
    expect([points('alice'), points('carol')]).toEqual([0, 2])
    expect(react(BOB, {points: null})).toEqual({change: -2, kind: 'removed', member: 'carol'})
    expect([points('alice'), points('carol')]).toEqual([0, 0])
  })

  it('does not take back an award undone by undo, on a replacement either: the new emoji awards afresh', () => {
    const {ledger, points, react} = game()
    react()
    ledger.undo(OPERATOR, {entryId: 1})
    expect(react(BOB, {emoji: '🔥', points: 2})).toEqual({change: 2, kind: 'awarded', member: 'alice'})
    expect(react(BOB, {points: null})).toEqual({change: -2, kind: 'removed', member: 'alice'})
    expect(points('alice')).toBe(0)
    expect(ledger.history().filter((entry) => entry.undoes === 1)).toHaveLength(1)
  })

  it('matches a reaction whichever identity the reactor and the author come by (UUID, number, or both)', () => {
    const {ledger, points, react, store} = game()
    expect(react(BOB, {targetAuthor: {number: null, uuid: ALICE.uuid}})).toMatchObject({change: 1, kind: 'awarded'})
    expect(react({...BOB, uuid: null}, {emoji: '🔥', points: 2, targetAuthor: {number: ALICE.number, uuid: null}})).toMatchObject({change: 1, kind: 'replaced'})
    expect(points('alice')).toBe(2)
    expect(react({...BOB, number: null}, {points: null, targetAuthor: {number: ALICE.number, uuid: ALICE.uuid}})).toEqual({change: -2, kind: 'removed', member: 'alice'})
    expect(points('alice')).toBe(0)
    // One record of Bob's reaction to the message, kept under the keys of its latest giver: no stale second one.
    expect(store.allReactions()).toHaveLength(1)
    const repeat = {emoji: '👍', points: 1, reactedAt: MESSAGE + 10, targetAuthor: {number: ALICE.number, uuid: null}, targetTimestamp: MESSAGE}
    expect(ledger.react({...BOB, uuid: null}, repeat)).toMatchObject({kind: 'awarded'})
    expect(ledger.react({...BOB, number: null}, {...repeat, targetAuthor: {number: null, uuid: ALICE.uuid}})).toEqual({kind: 'repeat'})
    expect(points('alice')).toBe(1)
  })

  it('does not let a reaction stamped in the far future block later changes: it counts as made when it arrived', () => {
    const {clock, points, react} = game()
    expect(react(BOB, {reactedAt: Number.MAX_SAFE_INTEGER})).toMatchObject({change: 1, kind: 'awarded'})
    clock.advance(MINUTE)
    expect(react(BOB, {emoji: '🔥', points: 2, reactedAt: clock.now()})).toMatchObject({change: 1, kind: 'replaced'})
    clock.advance(MINUTE)
    expect(react(BOB, {points: null, reactedAt: clock.now()})).toMatchObject({change: -2, kind: 'removed'})
    expect(points('alice')).toBe(0)
    // An older one arriving late still changes nothing.
    expect(react(BOB, {reactedAt: clock.now() - MINUTE})).toEqual({kind: 'repeat'})
  })

  it('only takes back for a reactor who may not give: no award, and no record where the reaction holds nothing', () => {
    const {points, react, store} = game()
    react()
    expect(react(BOB, {emoji: '🔥', points: 2, takeBackOnly: true})).toEqual({change: -1, kind: 'removed', member: 'alice'})
    expect(points('alice')).toBe(0)
    expect(react(BOB, {emoji: '🔥', points: 2, takeBackOnly: true, targetTimestamp: MESSAGE + 1})).toEqual({kind: 'unchanged'})
    expect(store.allReactions()).toHaveLength(1)
  })
})
