import {GROUP_ID} from '../fake-signal/server.js'
import {runCli} from '../helpers/cli.js'
import {seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('ccp chat, the local console', () => {
  it('answers piped commands line by line with the bot replies, as the operator', async () => {
    const db = temp.path('ccp.db')
    const input = '/CCP adduser bob\n/CCP bob 5 for the cake\nhello there\n/ccp LISTALL\n/CCP bob\n'
    const {code, stdout} = await runCli(['chat', '--db', db], {}, input)
    expect(code).toBe(0)
    expect(stdout).toBe(
      [
        'User bob has been added.',
        '5 points updated for user bob. Total points: 5.',
        'User Scores:\nbob: 5 points',
        'Give the points after the name. Usage: /CCP <name|@mention> [@mention...] <points> [reason]',
        '',
      ].join('\n'),
    )
  })

  it.each([
    ['exit', 'exit'],
    ['quit in any case, with spaces around it', '  QuIt \t'],
  ])('leaves at %s (exit 0), which is no chat line: nothing after it is read', async (_case, leave) => {
    const db = temp.path('ccp.db')
    const result = await runCli(['chat', '--db', db], {}, `/CCP adduser bob\n${leave}\n/CCP bob 5\n`)
    expect(result).toMatchObject({code: 0, stderr: '', stdout: 'User bob has been added.\n'})
    expect((await runCli(['score', 'bob', '--db', db, '--json'])).stdout).toMatch(/"points": 0/)
  })

  it('leaves at the end of input (Ctrl-D), exit 0, and takes "exit" inside a command for a name', async () => {
    const db = temp.path('ccp.db')
    const result = await runCli(['chat', '--db', db], {}, '/CCP adduser exit\n/CCP exit 5\nexit now')
    expect(result).toMatchObject({code: 0, stdout: 'User exit has been added.\n5 points updated for user exit. Total points: 5.\n'})
  })

  it('applies the admin rules to --as', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'bob'}))
    const asGuest = await runCli(['chat', '--db', db, '--as', '+15551110001'], {}, '/CCP listall\n/CCP bob 5\n')
    expect(asGuest.stdout).toBe('User Scores:\nbob: 0 points\nOnly admins can change points.\n')
    const asAdmin = await runCli(['chat', '--db', db, '--as', '+15551110001'], {CCP_ADMINS: '22222222-2222-4222-8222-222222222222,+15551110001'}, '/CCP bob 5\n/CCP score bob\n')
    expect(asAdmin.stdout).toBe('5 points updated for user bob. Total points: 5.\nbob: 5 points all-time, rank 1, Citizen.\n')
  })

  it('lets --as give under chat.givers, as its help says, while adding members stays with the admins', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'bob'}))
    expect((await runCli(['config', 'set', 'chat.givers', 'everyone', '--db', db])).code).toBe(0)
    const asGuest = await runCli(['chat', '--db', db, '--as', '+15551110001'], {}, '/CCP bob 5\n/CCP adduser eve\n')
    expect(asGuest.stdout).toBe('5 points updated for user bob. Total points: 5.\nOnly admins can add members.\n')
    const help = (await runCli(['chat', '--help'])).stdout.replaceAll(/\s+/g, ' ')
    expect(help).toContain('with --as you are that Signal user, bound by the rules of a group: the admins (--admin, CCP_ADMINS or chat.admins) may add members and give, and chat.givers says who else may give (admins, members or everyone).')
  })

  it("obeys the game's rules for --as, and exempts the operator", async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'bob'}))
    const env = {CCP_ADMINS: '+15551110001'}
    const asAdmin = await runCli(['chat', '--db', db, '--as', '+15551110001'], env, '/CCP bob 5\n/CCP bob 5\n/CCP bob 500\n')
    expect(asAdmin.stdout.split('\n')).toEqual([
      '5 points updated for user bob. Total points: 5.',
      'Failed to update points for user bob. You can award bob again in 30s (award.cooldown is 30s).',
      'Failed to update points for user bob. A chat award is at most 100 points either way (award.max).',
      '',
    ])
    const asOperator = await runCli(['chat', '--db', db], {}, '/CCP bob 5\n/CCP bob 500\n')
    expect(asOperator.stdout).toBe('5 points updated for user bob. Total points: 10.\n500 points updated for user bob. Total points: 510. bob rises to Party Member.\n')
  })

  it('says when the bot would ignore the group', async () => {
    const other = Buffer.alloc(32, 1).toString('base64')
    const env = {CCP_GROUPS: GROUP_ID}
    const ignored = await runCli(['chat', '--db', temp.path('ccp.db'), '--as', '+15551110001', '--group', other], env, '/CCP listall\n')
    expect(ignored.stdout).toBe(`(The bot ignores group ${other}: it is not in chat.groups or CCP_GROUPS.)\n`)
    const heard = await runCli(['chat', '--db', temp.path('ccp.db'), '--as', '+15551110001', '--group', GROUP_ID], env, '/CCP listall\n')
    expect(heard.stdout).toBe('No users found.\n')
  })

  it.each([
    [['--as', 'bob'], /--as takes a Signal ACI UUID or a \+E164 number/],
    [['--admin', 'Alice'], /Admin "Alice" is neither/],
    [['--group', 'Citizens'], /Group "Citizens" is not a Signal group id/],
  ])('refuses %j, exit 2', async (args, message) => {
    const result = await runCli(['chat', '--db', temp.path('ccp.db'), ...args], {}, '/CCP listall\n')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stdout).toBe('')
  })
})
