import {FakeSignalServer, GROUP_REST_ID} from '../fake-signal/server.js'
import {BOB, NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase, seedSettings, storedInboxTexts} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {RECEIVE_MODES, type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

describe.each(RECEIVE_MODES)('name++ through ccp serve in %s mode', (mode, serverMode) => {
  it('gives a member 1 point with the usual reply, and passes over c++ is hard in silence', async () => {
    fake = await FakeSignalServer.start({mode: serverMode, secondMs: 50})
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => {
      ledger.addMember({name: 'alice', uuid: ALICE.uuid})
      ledger.addMember({name: 'bob', uuid: BOB.uuid})
    })
    seedSettings(db, {...NO_RULES, 'chat.givers': 'members', 'chat.plusplus': 'on'})
    bot = startServe(db, fake.url, ['--mode', mode])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)
    const hard = textItem(BOB, 'c++ is hard')
    const cake = textItem(BOB, 'alice++ for the cake')
    fake.push(hard, cake)
    await fake.waitForSent(1)
    expect(fake.sent.map(({message, quoteTimestamp, recipient}) => ({message, quoteTimestamp, recipient}))).toEqual([
      {message: '1 points updated for user alice. Total points: 1.', quoteTimestamp: cake.envelope.timestamp, recipient: GROUP_REST_ID},
    ])
    expect(await cliOn(db).json('history', 'alice')).toMatchObject([{actor: 'bob', points: 1, reason: 'for the cake', source: 'chat'}])
    // Shaped like name++, c++ is hard is queued and then found to name nobody: logged as no command, without its text.
    expect(bot.logs.filter((line) => line.includes(' command ')).map((line) => line.replace(/^\S+ /, ''))).toEqual([
      expect.stringMatching(/result="not a command" sender=bob$/),
      expect.stringMatching(/command=plusplus result=done sender=bob$/),
    ])
    expect(bot.logs.join('\n')).not.toMatch(/cake|hard/)
    expect(await bot.stop('SIGTERM')).toBe(0)
    // Nor is its text kept: the handled message that named nobody is stored blank.
    expect(storedInboxTexts(db)).toEqual(['', 'alice++ for the cake'])
  })
})
