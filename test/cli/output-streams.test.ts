import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {closeSync, openSync} from 'node:fs'

import {FakeSignalServer} from '../fake-signal/server.js'
import {RUN_JS, userEnvironment} from '../helpers/cli.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer | undefined
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

/** Runs bin/run.js with stdout going to a file of the test's choosing, as `ccp ... > FILE` does. */
async function runInto(target: string, args: string[]): Promise<{code: null | number; stderr: string}> {
  const output = openSync(target, 'w')
  try {
    const child = spawn(process.execPath, [RUN_JS, ...args], {env: userEnvironment(), stdio: ['ignore', output, 'pipe']})
    let stderr = ''
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const [code] = (await once(child, 'close')) as [null | number]
    return {code, stderr}
  } finally {
    closeSync(output)
  }
}

describe("when ccp's own output cannot be written", () => {
  it.each([[['list']], [['export']], [['list', '--json']]])('ccp %s > /dev/full says the disk is full in one sentence, exit 3', async (args) => {
    const result = await runInto('/dev/full', [...args, '--db', ':memory:'])
    expect(result).toEqual({code: 3, stderr: 'Error: Cannot write the output: ENOSPC (the disk is full). Nothing more was written.\n'})
  })

  it('ccp serve keeps answering when its stderr is closed (ccp serve 2>&1 | head -1), and stops cleanly', async () => {
    fake = await FakeSignalServer.start()
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll'])
    await bot.waitForLog(/receiving/)
    bot.child.stderr!.destroy()
    fake.push(textItem(ALICE, '/CCP adduser bob'), textItem(ALICE, '/CCP listall'))
    const sent = await fake.waitForSent(1)
    expect(sent.map((message) => message.message).join('\n')).toContain('User bob has been added.')
    expect(await bot.stop()).toBe(0)
  })
})
