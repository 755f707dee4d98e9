import {parsePlusPlus} from '../../src/core/chat/plusplus.js'
import {BOB, CAROL, signalText} from '../helpers/chat.js'
import {DAVE, storedSettingsFixture} from '../helpers/givers.js'
import {ALICE} from '../helpers/ledger.js'

/** Bob and Carol are bound members, zed an unbound one; Alice is the admin; chat.plusplus is on. */
function group(settings: Record<string, string> = {}) {
  const chat = storedSettingsFixture({'chat.plusplus': 'on', ...settings})
  chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
  chat.ledger.addMember({name: 'carol', uuid: CAROL.uuid})
  chat.ledger.addMember({name: 'zed'})
  return chat
}

const points = (chat: ReturnType<typeof group>) => Object.fromEntries(chat.ledger.standings().map((row) => [row.name, row.points]))

describe('name++ (chat.plusplus)', () => {
  it('is off by default: name++ is no command', () => {
    const chat = group({'chat.plusplus': 'off'})
    expect(chat.say(ALICE, 'bob++')).toBeNull()
    chat.set('chat.plusplus', null)
    expect(chat.say(ALICE, 'bob++ for the cake')).toBeNull()
    expect(chat.ledger.history()).toEqual([])
  })

  it('awards +1 or -1 with the usual reply, and keeps the reason', () => {
    const chat = group()
    expect(chat.say(ALICE, 'bob++ for the cake')).toEqual({command: 'plusplus', reply: '1 points updated for user bob. Total points: 1.', result: 'done'})
    expect(chat.say(ALICE, '  Carol -- late again')?.reply).toBe('-1 points updated for user carol. Total points: -1.')
    expect(chat.say(ALICE, '@zed++')?.reply).toBe('1 points updated for user zed. Total points: 1.')
    expect(chat.ledger.history().map((entry) => [entry.name, entry.points, entry.reason])).toEqual([
      ['zed', 1, null],
      ['carol', -1, 'late again'],
      ['bob', 1, 'for the cake'],
    ])
  })

  it('awards several targets at once, by name and by bound mention', () => {
    const chat = group()
    expect(chat.say(ALICE, 'bob @Carol ++ teamwork', [CAROL])?.reply).toBe(
      '1 points updated for user bob. Total points: 1.\n1 points updated for user carol. Total points: 1.',
    )
    expect(points(chat)).toEqual({bob: 1, carol: 1, zed: 0})
  })

  it('gives chat.plusplus.points for each ++ and takes as many for each --', () => {
    const chat = group({'chat.plusplus.points': '3'})
    expect(chat.say(ALICE, 'bob++')?.reply).toBe('3 points updated for user bob. Total points: 3.')
    expect(chat.say(ALICE, 'bob--')?.reply).toBe('-3 points updated for user bob. Total points: 0.')
    expect(chat.say(ALICE, '/CCP help')?.reply).toMatch(/\n<name\|@mention>\.\.\. \+\+ or -- \[reason\] \(gives or takes 3 points\)\n/)
  })

  it('is silently no command unless every target is a member or a bound mention', () => {
    const chat = group({'chat.givers': 'everyone'})
    for (const [text, people] of [
      ['c++ is hard', []],
      ['I think bob++', []],
      ['bob nobody++', []],
      ['@Dave ++ thanks', [DAVE]],
      ['++ bob', []],
      ['bob+++', []],
      ['bob + + nice', []],
      ['/CCPbob++', []],
    ] as const) {
      expect([text, chat.say(DAVE, text, [...people])]).toEqual([text, null])
    }

    expect(chat.say(DAVE, '\uFFFC++', [])).toBeNull()
    expect(chat.ledger.history()).toEqual([])
  })

  it('obeys who may give and every rule of the game', () => {
    const chat = group({'award.cooldown': '1m', 'award.negative': 'off'})
    expect(chat.say(BOB, 'carol++')).toEqual({command: 'plusplus', reply: 'Only admins can change points.', result: 'denied'})
    chat.set('chat.givers', 'members')
    expect(chat.say(DAVE, 'carol++')?.reply).toBe('Only members and admins can change points.')
    expect(chat.say(BOB, 'bob++')?.reply).toBe('Failed to update points for user bob. Nobody awards themselves, and "bob" is you (a rule of the game).')
    expect(chat.say(BOB, 'carol--')?.reply).toBe('Failed to update points for user carol. Chat awards cannot take points away here (award.negative is off).')
    expect(chat.say(BOB, 'carol++')?.result).toBe('done')
    expect(chat.say(BOB, 'carol++')?.reply).toMatch(/^Failed to update points for user carol\. You can award carol again in/)
    chat.set('award.max', '2')
    chat.set('chat.plusplus.points', '5')
    expect(chat.say(BOB, 'zed++')?.reply).toBe('Failed to update points for user zed. A chat award is at most 2 points either way (award.max).')
    expect(points(chat)).toEqual({bob: 0, carol: 1, zed: 0})
  })

  it('leaves commands with the prefix as they were', () => {
    const chat = group()
    expect(chat.say(ALICE, '/CCP bob++')?.result).toBe('usage')
    expect(chat.say(ALICE, '/CCP bob 2')?.reply).toBe('2 points updated for user bob. Total points: 2.')
  })
})

describe('parsePlusPlus', () => {
  it('reads targets, the sign and the reason, mentions written as names in the reason', () => {
    // Every word before the ++ is a target (the handler then finds that "and" is nobody); a mention named by a number is @someone.
    const {mentions, text} = signalText('@Bob and @Carol-- for @Bob', [BOB, CAROL])
    expect(parsePlusPlus(text, mentions)).toMatchObject({reason: 'for @someone', targets: [{kind: 'mention'}, {kind: 'name', name: 'and'}, {kind: 'mention'}]})
    const said = signalText('@Bob @Carol-- ignoring @Bob', [BOB, CAROL], true)
    expect(parsePlusPlus(said.text, said.mentions)).toMatchObject({
      reason: 'ignoring @Bob',
      sign: -1,
      targets: [{kind: 'mention', mention: {uuid: BOB.uuid}}, {kind: 'mention', mention: {uuid: CAROL.uuid}}],
    })
    expect(parsePlusPlus('alice++', [])).toEqual({reason: null, sign: 1, targets: [{kind: 'name', name: 'alice'}]})
    expect(parsePlusPlus('hello', [])).toBeNull()
  })
})
