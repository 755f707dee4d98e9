import Database from 'better-sqlite3'

import {Ledger} from '../../src/core/ledger.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer} from '../fake-signal/server.js'
import {BOB, CAROL, NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {reactionItem, syncItem, syncReactionItem, textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {RECEIVE_MODES, type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const BOT = {number: '+15550000000', uuid: null}
const IDENTITY_OR_NUMBER = /\+\d{6,}|[0-9a-f]{8}-[0-9a-f]{4}-/i

let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

/**
 * Alice (the admin) and Bob are members bound to their identities; Carol is no member; Olga is the operator, bound
 * to the bot's own account (her phone, which the bot is a linked device of). Reactions: 👍=1, 🔥=2.
 */
function seed(db: string, settings: Record<string, string> = NO_RULES): void {
  const store = SqliteStore.open(db)
  try {
    for (const [key, value] of Object.entries({...settings, reactions: '👍=1,🔥=2'})) store.saveSetting(key, value, 0)
    const ledger = new Ledger(store)
    ledger.addMember({name: 'alice', number: ALICE.number, uuid: ALICE.uuid})
    ledger.addMember({name: 'bob', number: BOB.number, uuid: BOB.uuid})
    ledger.addMember({name: 'olga', number: BOT.number})
  } finally {
    store.close()
  }
}

/** The result each reaction's log line gives, in order (with its rule when refused). */
function reactionResults(logs: string[]): string[] {
  const field = (line: string, name: string) => new RegExp(`${name}=(?:"([^"]*)"|(\\S+))`).exec(line)?.slice(1).find(Boolean)
  return logs.filter((line) => line.includes(' reaction ')).map((line) => [field(line, 'result'), field(line, 'rule')].filter(Boolean).join(' '))
}

describe.each(RECEIVE_MODES)('reactions as awards, ccp serve in %s mode', (mode, serverMode) => {
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
      // From a group the bot does not answer: passed over without a line.
      reactionItem(ALICE, '👍', bobs(7500), {groupId: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='}),
      reactionItem(BOB, '🔥', {author: ALICE, timestamp: 8000}),
    )
    fake.push(textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(1)
    expect(fake.sent.map((sent) => sent.message)).toEqual(['User Scores:\nbob: 1 points\nalice: 0 points\nolga: 0 points'])
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
    expect(fake.sent[1].message).toBe('User Scores:\nalice: 0 points\nbob: 0 points\nolga: 0 points')
  })

  it('counts reactions against award.hourly with typed awards, sets no cooldown, and takes the old award back when a replacement is refused', async () => {
    fake = await FakeSignalServer.start({mode: serverMode, secondMs: 50})
    const db = temp.path('ccp.db')
    seed(db, {'award.cooldown': '1h', 'award.hourly': '3', 'award.max': '2', tiers: '0:Citizen'})
    bot = startServe(db, fake.url, ['--mode', mode === 'poll' ? 'poll' : 'websocket'])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)

    const bobs = (timestamp: number) => ({author: BOB, timestamp})
    fake.push(textItem(ALICE, '/CCP bob 1 typed'))
    await fake.waitForSent(1)
    fake.push(
      // Right after a typed award to Bob: the cooldown binds typed awards only.
      reactionItem(ALICE, '👍', bobs(1000)),
      // 1 typed + 1 by reaction this hour: 2 more would be 4, over award.hourly (3).
      reactionItem(ALICE, '🔥', bobs(2000)),
      reactionItem(ALICE, '👍', bobs(3000)),
      // 👍 to 🔥 on the first message: without the 👍, 2 moved; with the 🔥, 4. Refused, and the 👍 is gone all the same.
      reactionItem(ALICE, '🔥', bobs(1000)),
      textItem(ALICE, '/CCP listall'),
    )
    await fake.waitForSent(2)
    expect(fake.sent[1].message).toBe('User Scores:\nbob: 2 points\nalice: 0 points\nolga: 0 points')
    expect(reactionResults(bot.logs)).toEqual(['awarded', 'refused HOURLY', 'awarded', 'refused HOURLY'])
    expect(bot.logs.find((line) => line.includes(' reaction ') && line.includes('change=-1'))).toMatch(/result="?refused"? rule="?HOURLY"?/)
    expect(fake.sent).toHaveLength(2)
  })

  it("counts the operator's own reactions from their phone (sync messages) like anyone's, under chat.givers", async () => {
    fake = await FakeSignalServer.start({mode: serverMode, secondMs: 50})
    const db = temp.path('ccp.db')
    seed(db)
    bot = startServe(db, fake.url, ['--mode', mode === 'poll' ? 'poll' : 'websocket'])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)

    // chat.givers is admins, and the account is no admin: Olga's reaction gives nothing.
    fake.push(syncReactionItem('👍', {author: BOB, timestamp: 1000}))
    await bot.waitForLog(/ reaction .*result="?not a giver"?/)
    expect((await cliOn(db).run('config', 'set', 'chat.givers', 'members')).code).toBe(0)
    fake.push(
      syncReactionItem('🔥', {author: BOB, timestamp: 1000}),
      syncReactionItem('👍', {author: ALICE, timestamp: 2000}),
      syncReactionItem('👍', {author: ALICE, timestamp: 2000}, {remove: true}),
      syncReactionItem('👍', {author: BOT, timestamp: 3000}),
      textItem(ALICE, '/CCP listall'),
    )
    await fake.waitForSent(1)
    expect(fake.sent.map((sent) => sent.message)).toEqual(['User Scores:\nbob: 2 points\nalice: 0 points\nolga: 0 points'])
    expect(reactionResults(bot.logs)).toEqual(['not a giver', 'awarded', 'awarded', 'removed', 'to the bot'])
    expect(bot.logs.filter((line) => line.includes(' reaction ')).at(1)).toMatch(/ change=2 member="?bob"? result="?awarded"? sender="?olga"?$/)
    expect(await cliOn(db).json('history', 'bob')).toMatchObject([{actor: 'olga', points: 2, reason: 'reaction 🔥', source: 'reaction'}])
  })
})

describe('reactions after ccp export and ccp import', () => {
  it('a reaction taken back in the restored database takes its award back; a repeat still counts once', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    seed(db)
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving mode=poll/)
    const thumbs = reactionItem(ALICE, '👍', {author: BOB, timestamp: 1000})
    fake.push(thumbs, reactionItem(ALICE, '🔥', {author: BOB, timestamp: 2000}))
    await bot.waitForLog(/ reaction .*change=2 /)
    expect(await bot.stop('SIGTERM')).toBe(0)

    for (const format of ['json', 'csv']) {
      const file = temp.path(`ledger.${format}`)
      const restored = temp.path(`restored-${format}.db`)
      expect((await cliOn(db).run('export', '--format', format, '--output', file)).code).toBe(0)
      const imported = await cliOn(restored).run('import', file)
      expect(imported.stdout).toMatch(/^Imported 3 members and 2 entries from .*, plus 4 settings, 2 reactions\.$/m)

      const sentBefore = fake.sent.length
      bot = startServe(restored, fake.url, ['--mode', 'poll'])
      await bot.waitForLog(/receiving mode=poll/)
      fake.push(
        structuredClone(thumbs),
        reactionItem(ALICE, '👍', {author: BOB, timestamp: 1000}, {remove: true}),
        textItem(ALICE, '/CCP listall'),
      )
      await fake.waitForSent(sentBefore + 1)
      expect(fake.sent.at(-1)!.message).toBe('User Scores:\nbob: 2 points\nalice: 0 points\nolga: 0 points')
      // The restored inbox is empty: the ledger's own memory of the reaction knows the repeat.
      expect(reactionResults(bot.logs)).toEqual(['repeat', 'removed'])
      expect(await bot.stop('SIGTERM')).toBe(0)
    }
  })
})

describe('reactions that take an award back, ccp serve', () => {
  const OWNER_UUID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
  /** Each reaction's result, with the change it made when it made one. */
  const results = (logs: string[]) =>
    logs.filter((line) => line.includes(' reaction ')).map((line) => [/result=(?:"([^"]*)"|(\S+))/, / change=(-?\d+)/].map((re) => re.exec(line)?.slice(1).find(Boolean)).filter(Boolean).join(' '))

  it('takes an award back when the reaction is removed after chat.givers no longer lets the reactor give, or reactions are off; keeps no identities of handled reactions', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    seed(db, {...NO_RULES, 'chat.givers': 'members'})
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving mode=poll/)
    const alices = (timestamp: number) => ({author: ALICE, timestamp})
    fake.push(reactionItem(BOB, '🔥', alices(1000)), reactionItem(BOB, '👍', alices(2000)), reactionItem(BOB, '👍', alices(3000)))
    await waitFor(() => results(bot!.logs).length === 3)
    expect((await cliOn(db).run('config', 'set', 'chat.givers', 'admins')).code).toBe(0)
    // Removed: taken back. Replaced: the old award taken back, the new emoji gives nothing.
    fake.push(reactionItem(BOB, '🔥', alices(1000), {remove: true}), reactionItem(BOB, '🔥', alices(2000)))
    await waitFor(() => results(bot!.logs).length === 5)
    expect((await cliOn(db).run('config', 'set', 'reactions', '')).code).toBe(0)
    fake.push(reactionItem(BOB, '👍', alices(3000), {remove: true}), reactionItem(BOB, '👍', alices(4000)), textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(1)
    expect(fake.sent[0].message).toBe('User Scores:\nalice: 0 points\nbob: 0 points\nolga: 0 points')
    expect(results(bot.logs)).toEqual(['awarded 2', 'awarded 1', 'awarded 1', 'removed -2', 'not a giver -1', 'removed -1'])
    expect(await bot.stop('SIGTERM')).toBe(0)
    bot = undefined

    const database = new Database(db, {readonly: true})
    try {
      const kept = database.prepare("SELECT message FROM inbox WHERE json_extract(message, '$.reaction') IS NOT NULL").all() as {message: string}[]
      expect(kept).toHaveLength(6)
      for (const {message} of kept) expect(message).not.toMatch(IDENTITY_OR_NUMBER)
    } finally {
      database.close()
    }
  })

  it("counts no reaction to the account's messages named by its UUID alone: by the member bound to the account, or the UUID its synced messages show", async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    seed(db, {...NO_RULES, 'chat.givers': 'everyone'})
    expect((await cliOn(db).run('bind', 'olga', '--uuid', OWNER_UUID)).code).toBe(0)
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving mode=poll/)
    const toAccount = (timestamp: number) => ({author: {number: null, uuid: OWNER_UUID}, timestamp})
    fake.push(reactionItem(BOB, '👍', toAccount(1000)))
    await waitFor(() => results(bot!.logs).length === 1)

    // A member bound to the account's UUID alone: the bot knows that UUID once the owner's phone has synced a message.
    expect((await cliOn(db).run('remove', 'olga')).code).toBe(0)
    expect((await cliOn(db).run('adduser', 'owner')).code).toBe(0)
    expect((await cliOn(db).run('bind', 'owner', '--uuid', OWNER_UUID)).code).toBe(0)
    fake.push(syncItem('good morning'))
    fake.push(reactionItem(BOB, '👍', toAccount(2000)), textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(1)
    expect(results(bot.logs)).toEqual(['to the bot', 'to the bot'])
    expect(fake.sent[0].message).toBe('User Scores:\nalice: 0 points\nbob: 0 points\nowner: 0 points')
  })
})
