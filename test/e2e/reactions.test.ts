import {Ledger} from '../../src/core/ledger.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer} from '../fake-signal/server.js'
import {BOB, CAROL, NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {reactionItem, textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const BOT = {number: '+15550000000', uuid: null}
const IDENTITY_OR_NUMBER = /\+\d{6,}|[0-9a-f]{8}-[0-9a-f]{4}-/i

let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

/** Alice (the admin) and Bob are members bound to their identities; Carol is no member. Reactions: 👍=1, 🔥=2. */
function seed(db: string): void {
  const store = SqliteStore.open(db)
  try {
    for (const [key, value] of Object.entries({...NO_RULES, reactions: '👍=1,🔥=2'})) store.saveSetting(key, value, 0)
    const ledger = new Ledger(store)
    ledger.addMember({name: 'alice', number: ALICE.number, uuid: ALICE.uuid})
    ledger.addMember({name: 'bob', number: BOB.number, uuid: BOB.uuid})
  } finally {
    store.close()
  }
}

describe.each([
  ['poll', 'normal'],
  ['websocket', 'json-rpc'],
] as const)('reactions as awards, ccp serve in %s mode', (mode, serverMode) => {
  it('adds, replaces, removes and counts a repeat once, silently, surviving a restart; changes nothing for the rest', async () => {
    fake = await FakeSignalServer.start({mode: serverMode, secondMs: 50})
    const db = temp.path('ccp.db')
    seed(db)
    bot = startServe(db, fake.url, ['--mode', mode === 'poll' ? 'poll' : 'websocket'])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)

    const bobs = (timestamp: number) => ({author: BOB, timestamp})
    const thumbs = reactionItem(ALICE, '👍', bobs(1000))
    fake.push(
      thumbs,
      structuredClone(thumbs),
      reactionItem(ALICE, '🔥', bobs(1000)),
      reactionItem(ALICE, '👍🏽', bobs(2000)),
      reactionItem(ALICE, '❤', bobs(3000)),
      reactionItem(ALICE, '🔥', bobs(1000), {remove: true}),
      reactionItem(ALICE, '👍', {author: ALICE, timestamp: 4000}),
      reactionItem(ALICE, '👍', {author: CAROL, timestamp: 5000}),
      reactionItem(ALICE, '👍', {author: BOT, timestamp: 6000}),
      reactionItem(ALICE, '👍', bobs(7000), {groupId: null}),
      reactionItem(BOB, '🔥', {author: ALICE, timestamp: 8000}),
    )
    fake.push(textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(1)
    expect(fake.sent.map((sent) => sent.message)).toEqual(['User Scores:\nbob: 1 points\nalice: 0 points'])
    expect(await cliOn(db).json('history', 'bob')).toMatchObject([
      {actor: 'alice', points: -2, source: 'undo'},
      {actor: 'alice', points: 1, reason: 'reaction 👍🏽', source: 'reaction'},
      {actor: 'alice', points: 2, reason: 'reaction 🔥', source: 'reaction'},
      {actor: 'alice', points: -1, source: 'undo'},
      {actor: 'alice', points: 1, reason: 'reaction 👍', source: 'reaction'},
    ])
    const lines = bot.logs.filter((line) => line.includes(' reaction '))
    expect(lines.map((line) => /result=(?:"([^"]*)"|(\S+))/.exec(line)?.slice(1).find(Boolean))).toEqual([
      'awarded',
      'replaced',
      'awarded',
      'unchanged',
      'removed',
      'own message',
      'not a member',
      'to the bot',
      'not a giver',
    ])
    expect(lines[0]).toMatch(/ reaction chat="?group:[^ ]+ change=1 member="?bob"? result="?awarded"? sender="?alice"?$/)
    expect(lines.join('\n')).not.toMatch(IDENTITY_OR_NUMBER)

    // The reactions are remembered across a restart: a late repeat changes nothing, a removal takes back.
    expect(await bot.stop('SIGTERM')).toBe(0)
    bot = startServe(db, fake.url, ['--mode', mode === 'poll' ? 'poll' : 'websocket'])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)
    fake.push(structuredClone(thumbs), reactionItem(ALICE, '👍🏽', bobs(2000), {remove: true}), textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(2)
    expect(fake.sent[1].message).toBe('User Scores:\nalice: 0 points\nbob: 0 points')
  })
})
