import type {ChatActor} from '../../src/core/actor.js'
import {FakeSignalServer} from '../fake-signal/server.js'
import {BOB, CAROL} from '../helpers/chat.js'
import {seedDatabase} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

const PHONE = /\+\d{7,15}|%2B\d{7,15}/i
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
/** Someone in the group who is no admin and writes no command: nothing of theirs may reach the log. */
const BYSTANDER: ChatActor = {kind: 'chat', number: '+15557770123', profileName: 'Zelda Quietperson', uuid: '77777777-7777-4777-8777-777777777777'}

function commandLines(bot: ServeProcess): Record<string, unknown>[] {
  return bot.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === 'command')
}

describe('what ccp serve logs', () => {
  it('never a raw receive body: a bystander in a broken body stays out of the log', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    // The body comes back with a stack trace spliced in after its first item: the bystander's message.
    fake.fail('receive', {kind: 'spliced-trace'})
    fake.push(textItem(BYSTANDER, 'meet me at the old mill at midnight'), textItem(ALICE, '/CCP listall'))
    expect((await fake.waitForSent(1))[0].message).toBe('No users found.')
    await bot.waitForLog(/receive failing/)
    const logs = bot.logs.join('\n')
    expect(logs).toMatch(/receive failing .*not a JSON list/)
    expect(logs).not.toMatch(/old mill|Zelda|Quietperson|7770123|77777777/)
  })

  it('names the sender of each command by member name or a short tag, never by number or UUID, in every line', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'alice', uuid: ALICE.uuid}))
    // A direct reply that the server refuses, naming the recipient in its error, must not leak through the failure lines either.
    fake.fail('send', {status: 400, body: `{"error":"Failed to send message to ${CAROL.uuid} (${BOB.number})"}`})
    bot = startServe(db, fake.url, ['--mode', 'poll', '--log-format', 'json', '--admin', BOB.number!])
    await bot.waitForLog(/receiving/)
    fake.push(textItem(ALICE, '/CCP listall'), textItem(BOB, '/CCP listall', {groupId: null}))
    await fake.waitForSent(2)
    fake.push(textItem(CAROL, '/CCP score'), textItem(CAROL, '/CCP top'), textItem(BOB, '/CCP top'))
    await fake.waitForSent(3)
    await bot.waitForLog(/send recovered/)
    const senders = commandLines(bot).map((line) => line.sender)
    expect(senders).toHaveLength(5)
    expect(senders[0]).toBe('alice')
    const [bob, carol] = [senders[1], senders[2]] as string[]
    expect(bob).toMatch(/^#[0-9a-f]{8}$/)
    expect(carol).toMatch(/^#[0-9a-f]{8}$/)
    expect(bob).not.toBe(carol)
    // The same person, the same tag, each time.
    expect(senders.slice(3)).toEqual([carol, bob])
    // Nothing in any line (the start, the sends, the failures) shows a number or a UUID.
    for (const line of bot.logs) {
      expect(line).not.toMatch(PHONE)
      expect(line).not.toMatch(UUID)
    }
  })

  it('gives a sender the same tag after a restart', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    bot = startServe(db, fake.url, ['--mode', 'poll', '--log-format', 'json'])
    fake.push(textItem(CAROL, '/CCP top'))
    await fake.waitForSent(1)
    const before = commandLines(bot)[0].sender
    expect(await bot.stop('SIGTERM')).toBe(0)
    bot = startServe(db, fake.url, ['--mode', 'poll', '--log-format', 'json'])
    fake.push(textItem(CAROL, '/CCP top'))
    await fake.waitForSent(2)
    expect(commandLines(bot)[0].sender).toBe(before)
  })

  it('masks a password in the API address', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const url = fake.url.replace('http://', 'http://ccp:hunter2@')
    bot = startServe(temp.path('ccp.db'), url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    expect(bot.logs.join('\n')).not.toMatch(/hunter2/)
    expect(bot.logs.join('\n')).toMatch(/signalUrl=http:\/\/\*\*\*@127\.0\.0\.1/)
  })
})
