import {parseChatCommand} from '../../src/core/chat/grammar.js'
import {BOB, CAROL, chatFixture, signalText} from '../helpers/chat.js'
import {ALICE} from '../helpers/ledger.js'

function reply(fixture: ReturnType<typeof chatFixture>, text: string, people = [ALICE, BOB, CAROL], actor = ALICE): string | undefined {
  return fixture.say(actor, text, people)?.reply
}

describe('chat commands: the original bot, with its bugs fixed', () => {
  it('keeps the seed replies', () => {
    const chat = chatFixture()
    expect(reply(chat, '/CCP listall')).toBe('No users found.')
    expect(reply(chat, '/CCP adduser bob')).toBe('User bob has been added.')
    expect(reply(chat, '/CCP adduser bob')).toBe('Failed to add user bob. It may already exist.')
    expect(reply(chat, '/CCP bob 5')).toBe('5 points updated for user bob. Total points: 5.')
    expect(reply(chat, '/CCP bob -7')).toBe('-7 points updated for user bob. Total points: -2.')
    expect(reply(chat, '/CCP bob five')).toBe('Invalid points value. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
    expect(reply(chat, '/CCP zed 5')).toBe('Failed to update points for user zed. No member is named "zed"; add them first with adduser.')
    expect(reply(chat, '/CCP gloriousleader')).toBe(
      'ATTENTION CITIZEN This is the Central Intelligentsia of the Chinese Communist Party Glory to the CCP',
    )
    expect(reply(chat, '/CCP help')).toMatch(/^Commands:\n\/CCP adduser <name> \[@mention\]\n\/CCP <name\|@mention> \[@mention...\] <points> \[reason\]\n\/CCP listall\n/)
  })

  it('sorts listall by points', () => {
    const chat = chatFixture()
    for (const name of ['amy', 'ben', 'cy']) reply(chat, `/CCP adduser ${name}`)
    reply(chat, '/CCP ben 3')
    reply(chat, '/CCP amy -1')
    expect(reply(chat, '/CCP listall')).toBe('User Scores:\nben: 3 points\ncy: 0 points\namy: -1 points')
  })

  it('matches subcommands as whole words: a member named helpful gets points', () => {
    const chat = chatFixture()
    expect(reply(chat, '/CCP adduser helpful')).toBe('User helpful has been added.')
    expect(reply(chat, '/CCP helpful 5')).toBe('5 points updated for user helpful. Total points: 5.')
    expect(reply(chat, '/CCP listall please')).toBe('This command takes nothing after it. Usage: /CCP listall')
    expect(reply(chat, '/CCPx helpful 1')).toBeUndefined()
    expect(chat.ledger.score({name: 'helpful'}).points).toBe(5)
  })

  it('reads the prefix and subcommands in any case, with any whitespace', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    for (const text of ['/ccp listall', '/CCP LISTALL', '/CCP  listall', '  /Ccp\tListAll ', '/CCP\u00A0listall', '/CCP\nlistall']) {
      expect(reply(chat, text)).toBe('User Scores:\nbob: 0 points')
    }

    expect(reply(chat, '/CCP   BOB    2   for   the   cake')).toBe('2 points updated for user bob. Total points: 2.')
    expect(chat.ledger.history()[0].reason).toBe('for the cake')
  })

  it('answers a malformed command with one line of usage instead of silence', () => {
    const chat = chatFixture()
    expect(reply(chat, '/CCP adduser')).toBe('Give one name, a mention, or a name and then a mention. Usage: /CCP adduser <name> [@mention]')
    expect(reply(chat, '/CCP bob')).toBe('Give the points after the name. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
    expect(reply(chat, '/CCP')).toBe('Say what to do. Usage: /CCP help')
    expect(reply(chat, '/CCP top many')).toBe('Give N (1 to 50) and/or week or month. Usage: /CCP top [N] [week|month]')
    for (const text of ['/CCP adduser bob', '/CCP bob 1.5', '/CCP bob 1e3', '/CCP bob 0x10', '/CCP bob １２']) reply(chat, text)
    expect(chat.ledger.history()).toEqual([])
  })

  it('never answers text that does not start with the prefix', () => {
    const chat = chatFixture()
    for (const text of ['hello', 'so /CCP listall', 'CCP listall', '/CC listall', '', '/CCP2 listall']) expect(chat.say(ALICE, text)).toBeNull()
  })

  it('takes a reason after the points', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    expect(reply(chat, '/CCP bob -5 for being late')).toBe('-5 points updated for user bob. Total points: -5.')
    expect(reply(chat, '/CCP bob 5 6')).toBe('5 points updated for user bob. Total points: 0.')
    expect(chat.ledger.history().map((entry) => entry.reason)).toEqual(['6', 'for being late'])
  })
})

describe('chat commands: mentions', () => {
  it('adds a mentioned person under their profile name, or a chosen one, bound to their UUID', () => {
    const chat = chatFixture()
    expect(reply(chat, '/CCP adduser @Bob')).toBe('User Bob has been added.')
    expect(reply(chat, '/CCP adduser cee @Carol')).toBe('User cee has been added.')
    expect(chat.ledger.score({uuid: BOB.uuid!})).toMatchObject({name: 'Bob', number: BOB.number})
    expect(chat.ledger.score({uuid: CAROL.uuid!})).toMatchObject({name: 'cee', number: null})
    expect(reply(chat, '/CCP adduser bobby @Bob')).toMatch(/^Failed to add user bobby\. That Signal identity already belongs to "Bob"\./)
  })

  it('asks for a name when the mentioned person has no known profile name, and uses its first word', () => {
    const chat = chatFixture()
    const unknown = {length: 1, name: null, number: null, start: 13, uuid: CAROL.uuid}
    expect(chat.commands.respond({actor: ALICE, mentions: [unknown], text: '/CCP adduser \uFFFC'})).toEqual({
      command: 'adduser',
      reply: 'I do not know their profile name yet; give a name: /CCP adduser <name> @mention',
      result: 'refused',
    })
    const twoWords = {...unknown, name: '@Carol Smith'}
    expect(chat.commands.respond({actor: ALICE, mentions: [twoWords], text: '/CCP adduser \uFFFC'})?.reply).toBe('User Carol has been added.')
  })

  it('awards a mentioned member by their UUID, whatever their name', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser cee @Carol')
    expect(reply(chat, '/CCP @Carol 5 for the cake @Bob baked')).toBe('5 points updated for user cee. Total points: 5.')
    expect(chat.ledger.history()[0].reason).toBe('for the cake @Bob baked')
    expect(reply(chat, '/CCP @Bob 5')).toBe('Failed to update points for user Bob. That person is not a member yet; add them first with adduser.')
  })

  it('finds a member bound only by number through a mention', () => {
    const chat = chatFixture()
    chat.ledger.addMember({name: 'robert', number: BOB.number})
    expect(reply(chat, '/CCP @Bob 2')).toBe('2 points updated for user robert. Total points: 2.')
  })

  it('refuses a U+FFFC that has no mention record, never guessing', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    const refused = chat.commands.respond({actor: ALICE, mentions: [], text: '/CCP \uFFFC 5'})
    expect(refused).toMatchObject({command: 'award', result: 'usage'})
    expect(refused?.reply).toMatch(/^I could not tell who was mentioned .* write their name instead\. Usage: \/CCP <name\|@mention>/)
    expect(chat.commands.respond({actor: ALICE, mentions: [], text: '/CCP adduser \uFFFC'})?.result).toBe('usage')
    expect(chat.ledger.history()).toEqual([])
    expect(chat.ledger.standings()).toHaveLength(1)
  })

  it('reads "@name" typed as plain text as the name', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    expect(reply(chat, '/CCP @bob 1', [])).toBe('1 points updated for user bob. Total points: 1.')
  })
})

describe('chat commands: reading', () => {
  function standings() {
    const chat = chatFixture({uuids: new Set([ALICE.uuid!, CAROL.uuid!])})
    reply(chat, '/CCP adduser alice @Alice')
    reply(chat, '/CCP adduser bob')
    reply(chat, '/CCP adduser carol')
    reply(chat, '/CCP bob 3 first')
    reply(chat, '/CCP alice 7 second', [], CAROL)
    return chat
  }

  it('shows the sender their own score, or anyone else', () => {
    const chat = standings()
    expect(reply(chat, '/CCP score')).toBe('alice: 7 points all-time, rank 1, Citizen.')
    expect(reply(chat, '/CCP score BOB')).toBe('bob: 3 points all-time, rank 2, Citizen.')
    expect(reply(chat, '/CCP score', [], CAROL)).toBe('You are not a member yet; an admin can add you with adduser.')
    expect(reply(chat, '/CCP score @Alice', [ALICE], CAROL)).toBe('alice: 7 points all-time, rank 1, Citizen.')
  })

  it('shows the top N and the latest history', () => {
    const chat = standings()
    expect(reply(chat, '/CCP top 2')).toBe('Top 2:\n1. alice: 7 points (Citizen)\n2. bob: 3 points (Citizen)')
    expect(reply(chat, '/CCP top')).toBe('Top 3:\n1. alice: 7 points (Citizen)\n2. bob: 3 points (Citizen)\n3. carol: 0 points (Citizen)')
    expect(reply(chat, '/CCP history bob')).toMatch(/^Latest entries for bob:\n#1 bob \+3 \(first\) by alice, \d{4}-\d\d-\d\d$/)
    expect(reply(chat, '/CCP history')?.split('\n')).toHaveLength(3)
    expect(reply(chat, '/CCP history carol')).toBe('No entries yet.')
  })
})

describe('chat commands: who may change points', () => {
  it('lets only admins add, award and undo; anyone may read', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    expect(chat.say(BOB, '/CCP adduser eve')).toMatchObject({reply: 'Only admins can add members.', result: 'denied'})
    for (const text of ['/CCP bob 100', '/CCP undo']) {
      expect(chat.say(BOB, text)).toMatchObject({reply: 'Only admins can change points.', result: 'denied'})
    }

    expect(reply(chat, '/CCP listall', [], BOB)).toBe('User Scores:\nbob: 0 points')
    expect(chat.ledger.history()).toEqual([])
  })

  it('matches admins by UUID or number, never by display name', () => {
    const byNumber = chatFixture({numbers: new Set([BOB.number!]), uuids: new Set()})
    expect(byNumber.say(BOB, '/CCP adduser zed')?.result).toBe('done')
    const impostor = {...CAROL, profileName: 'Alice'}
    expect(chatFixture().say(impostor, '/CCP adduser zed')?.result).toBe('denied')
    const noNumber = chatFixture({uuids: new Set([CAROL.uuid!])})
    expect(noNumber.say(CAROL, '/CCP adduser zed')?.result).toBe('done')
  })

  it("undoes the sender's own latest award, not another admin's", () => {
    const chat = chatFixture({uuids: new Set([ALICE.uuid!, CAROL.uuid!])})
    reply(chat, '/CCP adduser bob')
    reply(chat, '/CCP bob 5', [], ALICE)
    reply(chat, '/CCP bob 2', [], CAROL)
    expect(reply(chat, '/CCP undo', [], ALICE)).toBe('Undid entry #1: -5 points for user bob. Total points: 2.')
    expect(reply(chat, '/CCP undo', [], ALICE)).toBe('There is nothing to undo: you made no award that is still in effect.')
    expect(chat.ledger.score({name: 'bob'}).points).toBe(2)
  })

  it('applies a message that arrives twice once', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    chat.say(ALICE, '/CCP bob 5', [], 'key-1')
    expect(chat.say(ALICE, '/CCP bob 5', [], 'key-1')?.result).toBe('refused')
    expect(chat.ledger.score({name: 'bob'}).points).toBe(5)
  })
})

describe('the chat grammar', () => {
  it.each([
    ['/CCP bob 5', {kind: 'award', points: 5, reason: null, targets: [{kind: 'name', name: 'bob'}]}],
    ['/CCP UNDO', {kind: 'undo'}],
    ['/CCP top 10', {count: 10, kind: 'top', window: null}],
    ['/CCP top month 3', {count: 3, kind: 'top', window: 'month'}],
    ['/CCP score', {kind: 'score', target: null}],
  ])('reads %j', (text, command) => {
    expect(parseChatCommand(text, [], '/CCP')).toEqual(command)
  })

  it('works with another prefix', () => {
    expect(parseChatCommand('!pts listall', [], '!pts')).toEqual({kind: 'listall'})
    expect(parseChatCommand('/CCP listall', [], '!pts')).toBeNull()
  })
})

describe("chat commands: the game's rules", () => {
  function ruled() {
    const chat = chatFixture({uuids: new Set([ALICE.uuid!, BOB.uuid!])}, {})
    for (const text of ['/CCP adduser alice @Alice', '/CCP adduser bob @Bob', '/CCP adduser carol @Carol']) reply(chat, text)
    return chat
  }

  it('refuse by rule, naming it, and say when to try again', () => {
    const chat = ruled()
    expect(reply(chat, '/CCP alice 5')).toBe('Failed to update points for user alice. Nobody awards themselves, and "alice" is you (a rule of the game).')
    expect(reply(chat, '/CCP bob 500')).toBe('Failed to update points for user bob. A chat award is at most 100 points either way (award.max).')
    expect(reply(chat, '/CCP bob 5')).toBe('5 points updated for user bob. Total points: 5.')
    expect(reply(chat, '/CCP @Bob 5', [BOB])).toBe('Failed to update points for user Bob. You can award bob again in 30s (award.cooldown is 30s).')
    chat.clock.advance(30_000)
    expect(reply(chat, '/CCP @Bob 5', [BOB])).toBe('5 points updated for user bob. Total points: 10.')
  })

  it('say when an award moves someone to another tier', () => {
    const chat = ruled()
    expect(reply(chat, '/CCP carol 100 for everything')).toBe('100 points updated for user carol. Total points: 100. carol rises to Model Citizen.')
    expect(reply(chat, '/CCP bob -1', [], BOB)).toBe('Failed to update points for user bob. Nobody awards themselves, and "bob" is you (a rule of the game).')
    expect(reply(chat, '/CCP bob -1')).toBe('-1 points updated for user bob. Total points: -1. bob falls to Reeducation Candidate.')
  })

  it('award several people at once, all or nothing', () => {
    const chat = ruled()
    expect(reply(chat, '/CCP @Bob @Carol 5 for the cake', [BOB, CAROL])).toBe(
      '5 points updated for user bob. Total points: 5.\n5 points updated for user carol. Total points: 5.',
    )
    chat.clock.advance(60_000)
    expect(reply(chat, '/CCP @Carol @Alice 5', [CAROL, ALICE])).toMatch(/^Failed to update points for user Carol, Alice\. Nobody awards themselves/)
    expect(chat.ledger.score({name: 'carol'}).points).toBe(5)
    expect(chat.ledger.history()[0].reason).toBe('for the cake')
  })

  it('rank this week and this month, naming people in plain text, never with a mention', () => {
    const chat = ruled()
    reply(chat, '/CCP carol 50')
    chat.clock.advance(10 * 86_400_000)
    reply(chat, '/CCP bob 3')
    expect(reply(chat, '/CCP top week 2')).toBe('Top 2 this week:\n1. bob: 3 points (Citizen)\n2. alice: 0 points (Citizen)')
    expect(reply(chat, '/CCP top month')).toBe('Top 3 this month:\n1. carol: 50 points (Citizen)\n2. bob: 3 points (Citizen)\n3. alice: 0 points (Citizen)')
    for (const text of ['/CCP top', '/CCP listall', '/CCP top week']) expect(reply(chat, text)).not.toMatch(/[@\uFFFC]/)
  })

  it('cap the points a giver moves per hour, and tell members apart by identity, not by name', () => {
    const chat = ruled()
    reply(chat, '/CCP adduser Алиса')
    expect(reply(chat, '/CCP Алиса 100')).toBe('100 points updated for user Алиса. Total points: 100. Алиса rises to Model Citizen.')
    expect(reply(chat, '/CCP bob -100')).toBe('-100 points updated for user bob. Total points: -100. bob falls to Reeducation Candidate.')
    expect(reply(chat, '/CCP carol 1')).toBe(
      'Failed to update points for user carol. You have moved 200 of the 200 points allowed per hour; try again in 1h (award.hourly).',
    )
  })

  it('follow a setting changed while running', () => {
    const chat = ruled()
    chat.store.saveSetting('award.max', '3', 0)
    expect(reply(chat, '/CCP bob 4')).toMatch(/at most 3 points/)
    chat.store.saveSetting('award.negative', 'false', 0)
    expect(reply(chat, '/CCP bob -1')).toMatch(/award\.negative is off/)
  })
})

describe('chat replies that help', () => {
  it("keeps the seed's words for invalid points and adds the usage line", () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    for (const text of ['/CCP bob ten', '/CCP bob 1.5', '/CCP @bob five']) {
      expect(reply(chat, text)).toBe('Invalid points value. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
    }
  })

  it.each([
    ['/CCP lisall', 'No command or member is named "lisall". Did you mean listall? Usage: /CCP listall'],
    ['/CCP LSITALL', 'No command or member is named "LSITALL". Did you mean listall? Usage: /CCP listall'],
    ['/CCP scroe bob', 'No command or member is named "scroe". Did you mean score? Usage: /CCP score [name|@mention]'],
    ['/CCP hisotry', 'No command or member is named "hisotry". Did you mean history? Usage: /CCP history [name|@mention]'],
    ['/CCP adduesr carol', 'No command or member is named "adduesr". Did you mean adduser? Usage: /CCP adduser <name> [@mention]'],
    ['/CCP hepl', 'No command or member is named "hepl". Did you mean help? Usage: /CCP help'],
    ['/CCP undoo', 'No command or member is named "undoo". Did you mean undo? Usage: /CCP undo'],
    ['/CCP gloriusleadr', 'No command or member is named "gloriusleadr". Did you mean gloriousleader? Usage: /CCP gloriousleader'],
  ])('asks "did you mean" for a slip of a subcommand: %s', (text, expected) => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    expect(reply(chat, text)).toBe(expected)
    // Anyone may ask, admin or not; nothing changes.
    expect(reply(chat, text, [], BOB)).toBe(expected)
    expect(chat.ledger.history()).toEqual([])
  })

  it('guesses only when the word is close: names and far-off words are answered as before', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    expect(reply(chat, '/CCP tom 5')).toBe('Failed to update points for user tom. No member is named "tom"; add them first with adduser.')
    // top has three letters: every three-letter name is one slip from it, so it is never guessed.
    expect(reply(chat, '/CCP tpo')).toBe('Give the points after the name. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
    expect(reply(chat, '/CCP lstl')).toBe('Give the points after the name. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
    expect(reply(chat, '/CCP @lisall')).toBe('Give the points after the name. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
  })

  it('gives a member named like a slip their points, as before', () => {
    const chat = chatFixture()
    expect(reply(chat, '/CCP adduser Lisall')).toBe('User Lisall has been added.')
    expect(reply(chat, '/CCP lisall 5')).toBe('5 points updated for user Lisall. Total points: 5.')
    expect(reply(chat, '/CCP lisall')).toBe('Give the points after the name. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
    expect(reply(chat, '/CCP lisall ten')).toBe('Invalid points value. Usage: /CCP <name|@mention> [@mention...] <points> [reason]')
  })

  it('shows a slip with hidden characters as the excerpt rules show names, never raw', () => {
    const chat = chatFixture()
    const answer = reply(chat, '/CCP list\u200Ball')!
    expect(answer).toMatch(/Did you mean listall\?/)
    expect(answer).not.toContain('\u200B')
  })
})

describe('chat replies never show a phone number or UUID', () => {
  const IDENTITY = /\+?\d{7,}|[0-9a-f]{8}-[0-9a-f]{4}/i

  it('names a sender without a profile name by the member bound to them, else as "someone"', () => {
    const chat = chatFixture({uuids: new Set([ALICE.uuid!, CAROL.uuid!])})
    reply(chat, '/CCP adduser alice @Alice')
    reply(chat, '/CCP adduser bob')
    chat.say({...ALICE, profileName: null}, '/CCP bob 1 first')
    chat.say({...CAROL, profileName: ''}, '/CCP bob 2 second')
    const history = reply(chat, '/CCP history', [], BOB)!
    expect(history.split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^#2 bob \+2 \(second\) by someone, /),
      expect.stringMatching(/^#1 bob \+1 \(first\) by alice, /),
    ])
    expect(history).not.toMatch(IDENTITY)
  })

  it.each([
    ['a name that is a number', '/CCP adduser +15551110009', []],
    ['a name that holds a number', '/CCP adduser bob+15551110009', []],
    ['a score asked by number', '/CCP score +15551110009', []],
    ['a score asked by UUID', '/CCP score 33333333-3333-4333-8333-333333333333', []],
    ['an award by number', '/CCP +15551110009 5', []],
    ['a mention whose profile name is a number', '/CCP adduser @Mallory', [{...BOB, number: '+15551110009', profileName: '+15551110009', uuid: '99999999-9999-4999-8999-999999999999'}]],
    ['a mention in a reason whose name is a UUID', '/CCP bob 1 thanks @Eve', [{...BOB, profileName: '99999999-9999-4999-8999-999999999999'}]],
    ['a mention with a malformed identity', '/CCP @Eve 5', [{...BOB, number: 'call me', profileName: 'Eve', uuid: 'not-a-uuid'}]],
  ])('keeps identities out of the reply to %s', (_case, text, people) => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    const mentioned = people.map((person) => (person.profileName === '+15551110009' ? {...person, profileName: 'Mallory'} : {...person, profileName: 'Eve'}))
    const {mentions, text: message} = signalText(text, mentioned)
    const named = mentions.map((mention, i) => ({...mention, name: people[i].profileName}))
    chat.commands.respond({actor: ALICE, mentions: named, text: message})
    const answer = chat.commands.respond({actor: ALICE, mentions: named, text: message})?.reply
    expect(answer).toEqual(expect.any(String))
    expect(answer).not.toMatch(IDENTITY)
    expect(reply(chat, '/CCP history')).not.toMatch(IDENTITY)
  })
})

describe('chat replies hide a phone number however it is spelled', () => {
  it.each(['+1\u200b555\u200b111\u200b0001', '555/111/0001', '+1_555_111_0001', '+1·555·111·0001', '(555) 111-0001'])('in a reason: %j', (spelled) => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    reply(chat, `/CCP bob 1 call ${spelled}`)
    const history = reply(chat, '/CCP history')
    expect(history).toContain('[number hidden]')
    expect(history).not.toMatch(/555/)
  })

  it('refuses a name that is a number spelled with underscores', () => {
    const chat = chatFixture()
    expect(reply(chat, '/CCP adduser 555_111_0001')).not.toMatch(/555/)
    expect(reply(chat, '/CCP listall')).toBe('No users found.')
  })
})

describe('chat commands: every mention record is used once, or the command is refused', () => {
  function members() {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob @Bob')
    reply(chat, '/CCP adduser carol @Carol')
    return chat
  }

  const bob = {length: 1, name: 'Bob', number: BOB.number, uuid: BOB.uuid}
  const carol = {length: 1, name: 'Carol', number: null, uuid: CAROL.uuid}

  it('awards both people of two mentions written together', () => {
    const chat = members()
    const outcome = chat.commands.respond({actor: ALICE, mentions: [{...bob, start: 5}, {...carol, start: 6}], text: '/CCP \uFFFC\uFFFC 5'})
    expect(outcome?.reply).toBe('5 points updated for user bob. Total points: 5.\n5 points updated for user carol. Total points: 5.')
  })

  it.each([
    ['two records at one mention', '/CCP \uFFFC 5', [{...bob, start: 5}, {...carol, start: 5}], /two people for one mention/],
    ['a record that points at no mention', '/CCP bob 5', [{...carol, start: 9}], /points at no @/],
    ['a record past the end of the text', '/CCP \uFFFC 5', [{...bob, start: 5}, {...carol, start: 40}], /points at no @/],
    ['a mention the command leaves out', '/CCP score \uFFFC\uFFFC', [{...bob, start: 11}, {...carol, start: 12}], /Name one member at most/],
    ['a stray record after a word that is no command', '/CCP constructor \uFFFC', [{...bob, start: 17}, {...carol, start: 2}], /points at no @.* Usage: \/CCP <name/],
  ])('refuses %s, saying why, and changes nothing', (_case, text, mentions, why) => {
    const chat = members()
    const outcome = chat.commands.respond({actor: ALICE, mentions, text})
    expect(outcome).toMatchObject({result: 'usage'})
    expect(outcome?.reply).toMatch(why)
    expect(chat.ledger.history()).toEqual([])
  })
})

describe('chat replies repeat at most a short excerpt of what someone wrote', () => {
  const huge = 'b'.repeat(64 * 1024)

  it.each([
    ['a non-admin asking the score of a 64 KiB name', `/CCP score ${huge}`, BOB],
    ['a non-admin asking the history of a 64 KiB name', `/CCP history ${huge}`, BOB],
    ['a non-admin asking the top 64 KiB', `/CCP top ${huge}`, BOB],
    ['an award to a 64 KiB name', `/CCP ${huge} 5`, ALICE],
    ['an award of 64 KiB points', `/CCP bob ${huge}`, ALICE],
    ['adding a 64 KiB name', `/CCP adduser ${huge}`, ALICE],
    ['adding a name of 30,000 invisible characters', `/CCP adduser ${'\u200B'.repeat(30_000)}x`, ALICE],
    ['an award to 10,000 people', `/CCP bob ${'@zed '.repeat(10_000)}5`, ALICE],
  ])('answers %s with a short reply', (_case, text, actor) => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    const answer = chat.commands.respond({actor, mentions: [], text})?.reply
    expect(answer).toEqual(expect.any(String))
    expect(answer!.length).toBeLessThan(400)
  })
})

describe('chat commands: look-alike names and reasons', () => {
  it('refuses a name that differs from another only by invisible characters', () => {
    const chat = chatFixture()
    expect(reply(chat, '/CCP adduser bob')).toBe('User bob has been added.')
    for (const lookalike of ['bo\u200Db', 'bob\u034F', 'b\u2060ob', 'bob\uFE0F', '\u0301bob', 'bоb']) {
      expect(reply(chat, `/CCP adduser ${lookalike}`)).toMatch(/^Failed to add user .*(invisible character|one alphabet)/)
    }

    expect(reply(chat, '/CCP listall')).toBe('User Scores:\nbob: 0 points')
  })

  it('drops bidi controls from a reason, so that a history line reads as written', () => {
    const chat = chatFixture()
    reply(chat, '/CCP adduser bob')
    reply(chat, '/CCP bob 5 \u202Eevil\u202C reason \u2067x')
    expect(chat.ledger.history()[0].reason).toBe('evil reason x')
    expect(reply(chat, '/CCP history')).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
  })
})
