import {fileURLToPath, pathToFileURL} from 'node:url'

import {FakeSignalServer} from '../fake-signal/server.js'
import {BOB} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const GARBAGE_PRESSURE = pathToFileURL(fileURLToPath(new URL('../helpers/garbage-pressure.js', import.meta.url))).href

/** Rounds of garbage before the last check; CCP_GC_ROUNDS=100000 makes an hour of a bot's collections and more. */
const ROUNDS = Number(process.env.CCP_GC_ROUNDS ?? 600)
const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

describe('ccp serve under garbage-collection pressure (better-sqlite3 12 aborted on Node 24.19+)', () => {
  it.each([['poll', 'normal'], ['websocket', 'json-rpc']] as const)('keeps handling commands and stops cleanly (%s mode)', async (mode, serverMode) => {
    fake = await FakeSignalServer.start({mode: serverMode, secondMs: 50})
    const db = temp.path('ccp.db')
    await cliOn(db).run('adduser', 'bob')
    await cliOn(db).run('config', 'set', 'award.cooldown', '0')
    bot = startServe(db, fake.url, ['--mode', mode], undefined, ['--expose-gc', '--import', GARBAGE_PRESSURE])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)

    fake.push(...Array.from({length: 20}, (_, i) => textItem(ALICE, `/CCP bob 1 round ${i}`)))
    await fake.waitForSent(1)
    await bot.waitForLog(/test: 300 rounds of garbage/, 30_000)
    fake.push(textItem(ALICE, '/CCP listall'), textItem(BOB, '/CCP bob 5'))
    await bot.waitForLog(new RegExp(`test: ${ROUNDS} rounds of garbage`), 30_000 + ROUNDS * 20)
    await waitFor(() => fake.sent.some(({message}) => message.includes('bob: 20 points')), 15_000, () => JSON.stringify(fake.sent.map(({message}) => message)) + bot!.logs.join('\n'))

    expect(await cliOn(db).json('score', 'bob')).toMatchObject({points: 20})
    expect(await bot.stop('SIGTERM')).toBe(0)
    expect(bot.logs.join('\n')).not.toMatch(/Assertion failed|SIGABRT/)
  })
})
