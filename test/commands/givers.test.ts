import {cliOn, runCli} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('ccp config: chat.givers, chat.plusplus and chat.plusplus.points', () => {
  it('stores them, shows them in config list with their defaults, and puts them to work in the chat', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => {
      ledger.addMember({name: 'alice'})
      ledger.addMember({name: 'bob', number: '+15551110002'})
    })
    const ccp = cliOn(db)
    const list = await ccp.json<{key: string; source: string; value: string}[]>('config', 'list')
    const ours = list.filter((setting) => ['chat.givers', 'chat.plusplus', 'chat.plusplus.points'].includes(setting.key))
    expect(ours.map(({key, source, value}) => ({key, source, value}))).toEqual([
      {key: 'chat.givers', source: 'default', value: 'admins'},
      {key: 'chat.plusplus', source: 'default', value: 'off'},
      {key: 'chat.plusplus.points', source: 'default', value: '1'},
    ])
    expect((await ccp.run('config', 'set', 'chat.givers', 'members')).stdout).toBe('chat.givers = members\n')
    expect((await ccp.run('config', 'set', 'chat.plusplus', 'on')).stdout).toBe('chat.plusplus = on\n')
    expect((await ccp.run('config', 'set', 'chat.plusplus.points', '2')).stdout).toBe('chat.plusplus.points = 2\n')
    expect((await ccp.run('config', 'list')).stdout).toMatch(/chat\.givers\s*│\s*members\s*│\s*database/)
    const asBob = await runCli(['chat', '--db', db, '--as', '+15551110002'], {}, 'alice++ for the cake\nc++ is hard\n/CCP alice 1\n')
    expect(asBob.stdout).toBe('2 points updated for user alice. Total points: 2.\nFailed to update points for user alice. You can award alice again in 30s (award.cooldown is 30s).\n')
    const asStranger = await runCli(['chat', '--db', db, '--as', '+15551110009'], {}, 'alice++\n')
    expect(asStranger.stdout).toBe('Only members and admins can change points.\n')
  })

  it.each([
    ['chat.givers', 'nobody', 'chat.givers: "nobody" is not one of admins, members, everyone.'],
    ['chat.plusplus', 'maybe', 'chat.plusplus: "maybe" is not on or off (also accepted: true, false, yes, no, 1, 0).'],
    ['chat.plusplus.points', '0', 'chat.plusplus.points: "0" is not a whole number from 1 to 1,000,000.'],
  ])('refuses %s %j with exit 2, stores nothing, and says so in JSON too', async (key, value, message) => {
    const db = temp.path('ccp.db')
    await cliOn(db).run('config', 'set', 'award.max', '42')
    const before = dumpDatabase(db)
    const result = await cliOn(db).run('config', 'set', key, value)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    const json = await cliOn(db).run('config', 'set', key, value, '--json')
    expect(JSON.parse(json.stdout)).toEqual({error: {code: 'INVALID_SETTING', exitCode: 2, message}})
    expect(dumpDatabase(db)).toEqual(before)
  })

  it('are shown by doctor with the admins, and no admins no longer reads as nobody giving', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    await ccp.run('adduser', 'alice')
    const signal = ['doctor', '--signal-url', 'http://127.0.0.1:9', '--number', '+15550000000', '--db', db]
    expect((await runCli([...signal, '--admin', '+15551110001'])).stdout).toMatch(/✓ Admins +1 admin, matched by Signal identity\n/)
    await ccp.run('config', 'set', 'chat.plusplus', 'on')
    expect((await runCli([...signal, '--admin', '+15551110001'])).stdout).toMatch(/✓ Admins +1 admin, matched by Signal identity; chat\.givers admins: only admins give; name\+\+ on \(1 point\)\n/)
    expect((await runCli(signal)).stdout).toMatch(/✗ Admins +no admins: nobody can change points from the chat\n/)
    await ccp.run('config', 'set', 'chat.givers', 'everyone')
    expect((await runCli(signal)).stdout).toMatch(/✗ Admins +no admins: nobody can add members from the chat; chat\.givers everyone: anyone in an allowed group gives; name\+\+ on \(1 point\)\n/)
  })
})
