import type {ChatActor} from '../../src/core/actor.js'
import {FakeSignalServer, GROUP_REST_ID} from '../fake-signal/server.js'
import {cliOn} from '../helpers/cli.js'
import {syncItem, textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const DAVE: ChatActor = {kind: 'chat', number: '+15551110004', profileName: 'Dave', uuid: '44444444-4444-4444-8444-444444444444'}
const IDENTITY = /\+1555|[0-9a-f]{8}-[0-9a-f]{4}-/i

let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

describe('ccp serve facing a hostile chat', () => {
  it('names an admin without a profile name as "someone", repeats no long text, and obeys no one else\'s sync message as the owner', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc', secondMs: 50})
    const db = temp.path('ccp.db')
    bot = startServe(db, fake.url, ['--admin', '+15550000000'])
    await bot.waitForLog(/websocket connected/)
    const say = async (item: unknown): Promise<string> => {
      const count = fake.sent.length + 1
      fake.push(item)
      return (await fake.waitForSent(count))[count - 1].message
    }

    expect(await say(textItem({...ALICE, profileName: null}, '/CCP adduser bob'))).toBe('User bob has been added.')
    expect(await say(textItem({...ALICE, profileName: ''}, '/CCP bob 5 for the cake'))).toBe('5 points updated for user bob. Total points: 5.')
    const history = await say(textItem(DAVE, '/CCP history'))
    expect(history).toMatch(/^Latest entries:\n#1 bob \+5 \(for the cake\) by someone, \d{4}-\d\d-\d\d$/)
    expect(history).not.toMatch(IDENTITY)

    const score = await say(textItem(DAVE, `/CCP score ${'b'.repeat(64 * 1024)}`))
    expect(score).toMatch(/^No member is named "b+…"; add them first with adduser\.$/)
    expect(score.length).toBeLessThan(200)

    // Dave's own sync message, claiming to be the owner (an admin here) typing on their phone.
    const forged = syncItem('/CCP adduser zed') as unknown as {envelope: Record<string, unknown>}
    Object.assign(forged.envelope, {source: DAVE.number, sourceName: 'Owner', sourceNumber: DAVE.number, sourceUuid: DAVE.uuid})
    fake.push(forged)
    // Handled in order: once the next command is answered, the forged one was read (and not answered).
    expect(await say(textItem(DAVE, '/CCP listall'))).toBe('User Scores:\nbob: 5 points')
    expect(fake.sent.every((sent) => sent.recipient === GROUP_REST_ID && !IDENTITY.test(sent.message))).toBe(true)
    expect(fake.sent).toHaveLength(5)
    expect(await cliOn(db).json('list')).toEqual([{name: 'bob', points: 5, rank: 1, tier: 'Citizen'}])
  })
})
