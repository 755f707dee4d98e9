import {mayGive} from '../../src/core/chat/policy.js'
import {BOB, CAROL} from '../helpers/chat.js'
import {DAVE, storedSettingsFixture} from '../helpers/givers.js'
import {ALICE} from '../helpers/ledger.js'

/** Bob and Carol are bound members; Dave is in the group but bound to nobody; Alice is the admin. */
function group(settings: Record<string, string> = {}) {
  const chat = storedSettingsFixture(settings)
  chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
  chat.ledger.addMember({name: 'carol', uuid: CAROL.uuid})
  return chat
}

describe('chat.givers: who may give', () => {
  it('is the admins by default, as before, and help and the refusal say so', () => {
    const chat = group()
    expect(chat.say(BOB, '/CCP carol 2')).toEqual({command: 'award', reply: 'Only admins can change points.', result: 'denied'})
    expect(chat.say(ALICE, '/CCP carol 2')?.reply).toBe('2 points updated for user carol. Total points: 2.')
    expect(chat.say(BOB, '/CCP help')?.reply).toMatch(/\nOnly admins can change points\.$/)
    expect(chat.ledger.score({name: 'carol'}).points).toBe(2)
  })

  it('with members, lets anyone bound to a member give, and tells the others who may', () => {
    const chat = group({'chat.givers': 'members'})
    expect(chat.say(BOB, '/CCP carol 2 for the cake')?.reply).toBe('2 points updated for user carol. Total points: 2.')
    expect(chat.say(DAVE, '/CCP carol 2')).toEqual({command: 'award', reply: 'Only members and admins can change points.', result: 'denied'})
    expect(chat.say(DAVE, '/CCP help')?.reply).toMatch(/\nOnly members and admins can change points\.$/)
    expect(chat.ledger.history().map((entry) => [entry.name, entry.points, entry.actor])).toEqual([['carol', 2, 'bob']])
  })

  it('with everyone, lets anyone in the group give, and help says so', () => {
    const chat = group({'chat.givers': 'everyone'})
    expect(chat.say(DAVE, '/CCP bob 3')?.reply).toBe('3 points updated for user bob. Total points: 3.')
    expect(chat.say(DAVE, '/CCP help')?.reply).toMatch(/\nAnyone here can change points\.$/)
  })

  it('keeps adding members with the admins, whoever may give, and says so', () => {
    const chat = group({'chat.givers': 'everyone'})
    expect(chat.say(DAVE, '/CCP adduser dave')).toEqual({command: 'adduser', reply: 'Only admins can add members.', result: 'denied'})
    expect(chat.ledger.standings().map((row) => row.name).sort()).toEqual(['bob', 'carol'])
  })

  it('is read for every message: a changed setting applies to the next one', () => {
    const chat = group()
    expect(chat.say(BOB, '/CCP carol 1')?.result).toBe('denied')
    chat.set('chat.givers', 'members')
    expect(chat.say(BOB, '/CCP carol 1')?.result).toBe('done')
    chat.set('chat.givers', null)
    expect(chat.say(BOB, '/CCP carol 1')?.result).toBe('denied')
  })

  it('binds every giver by every rule of the game', () => {
    const chat = group({'award.cooldown': '1m', 'award.hourly': '5', 'award.max': '3', 'award.negative': 'off', 'chat.givers': 'everyone'})
    expect(chat.say(BOB, '/CCP bob 1')?.reply).toBe('Failed to update points for user bob. Nobody awards themselves, and "bob" is you (a rule of the game).')
    expect(chat.say(DAVE, '/CCP bob 4')?.reply).toBe('Failed to update points for user bob. A chat award is at most 3 points either way (award.max).')
    expect(chat.say(DAVE, '/CCP bob -1')?.reply).toBe('Failed to update points for user bob. Chat awards cannot take points away here (award.negative is off).')
    expect(chat.say(DAVE, '/CCP bob 3')?.result).toBe('done')
    expect(chat.say(DAVE, '/CCP bob 1')?.reply).toMatch(/^Failed to update points for user bob\. You can award bob again in 1m \(award\.cooldown is 1m\)\.$/)
    expect(chat.say(DAVE, '/CCP carol 3')?.reply).toMatch(/^Failed to update points for user carol\. You have moved 3 of the 5 points allowed per hour; try again in 1h/)
    expect(chat.ledger.history().map((entry) => entry.points)).toEqual([3])
  })

  it('leaves undo with the giver of the entry: their own newest, and only while they may give', () => {
    const chat = group({'chat.givers': 'members'})
    chat.say(ALICE, '/CCP bob 5')
    chat.say(BOB, '/CCP carol 2')
    expect(chat.say(DAVE, '/CCP undo')).toEqual({command: 'undo', reply: 'Only members and admins can change points.', result: 'denied'})
    expect(chat.say(CAROL, '/CCP undo')?.reply).toBe('There is nothing to undo: you made no award that is still in effect.')
    expect(chat.say(BOB, '/CCP undo')?.reply).toBe('Undid entry #2: -2 points for user carol. Total points: 0.')
    expect(chat.ledger.score({name: 'bob'}).points).toBe(5)
    chat.say(BOB, '/CCP carol 1')
    chat.set('chat.givers', 'admins')
    expect(chat.say(BOB, '/CCP undo')?.result).toBe('denied')
    expect(chat.ledger.score({name: 'carol'}).points).toBe(1)
  })
})

describe('mayGive', () => {
  const admins = {numbers: new Set<string>(), uuids: new Set([ALICE.uuid!])}
  const never = () => {
    throw new Error('asked whether the sender is a member')
  }

  it('lets the admins and the operator give whatever the setting, without a look-up', () => {
    for (const givers of ['admins', 'members', 'everyone'] as const) {
      expect(mayGive(ALICE, {admins, givers}, never)).toBe(true)
      expect(mayGive({kind: 'operator'}, {admins, givers}, never)).toBe(true)
    }
  })

  it('asks whether a sender is a member only under members', () => {
    expect(mayGive(BOB, {admins, givers: 'admins'}, () => true)).toBe(false)
    expect(mayGive(BOB, {admins, givers: 'members'}, () => true)).toBe(true)
    expect(mayGive(DAVE, {admins, givers: 'members'}, () => false)).toBe(false)
    expect(mayGive(DAVE, {admins, givers: 'everyone'}, never)).toBe(true)
  })
})
