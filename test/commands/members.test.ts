import {cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('ccp adduser, score, rename, remove, bind', () => {
  it('adds a member and shows their score', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    const added = await ccp.run('adduser', 'alice')
    expect(added).toMatchObject({code: 0, stderr: '', stdout: 'Added alice.\n'})
    expect(await ccp.json('adduser', 'bob', '--number', '+15551110002')).toEqual({name: 'bob', number: '+15551110002', points: 0, rank: 1, tier: 'Citizen', uuid: null})
    await ccp.run('award', 'bob', '3')
    expect((await ccp.run('score', 'BOB')).stdout).toBe('bob: 3 points all-time, rank 1 (Citizen).\n')
    expect(await ccp.json('score', 'alice')).toEqual({name: 'alice', number: null, points: 0, rank: 2, season: null, tier: 'Citizen', uuid: null})
  })

  it.each([
    [['adduser', 'Alice'], 1, 'DUPLICATE_MEMBER', /"alice" is already a member; pick another name\./],
    [['adduser', 'two words'], 1, 'INVALID_NAME', /one word of printable characters/],
    [['adduser', 'x'.repeat(33)], 1, 'INVALID_NAME', /at most 32 characters/],
    [['adduser', 'carol', '--uuid', 'nope'], 2, 'INVALID_UUID', /not a Signal ACI UUID/],
    [['adduser', 'carol', '--number', '0155511'], 2, 'INVALID_NUMBER', /E\.164/],
    [['adduser'], 2, 'MISSING_ARGUMENT', /^Error: Missing NAME: ccp adduser NAME\.$/m],
    [['score', 'zed'], 1, 'UNKNOWN_MEMBER', /No member is named "zed"/],
    [['rename', 'alice', 'bob'], 1, 'DUPLICATE_MEMBER', /"bob" is already a member/],
    [['rename', 'zed', 'zora'], 1, 'UNKNOWN_MEMBER', /No member is named "zed"/],
    [['remove', 'zed'], 1, 'UNKNOWN_MEMBER', /No member is named "zed"/],
    [['bind', 'alice'], 2, 'MISSING_IDENTITY', /Give a Signal identity/],
    [['bind', 'alice', '--number', '+15551110002'], 1, 'IDENTITY_TAKEN', /already belongs to "bob"/],
  ])('ccp %j exits %d (%s) and changes nothing, with or without --json', async (args, exitCode, code, message) => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    seedDatabase(db, (ledger) => {
      ledger.addMember({name: 'alice'})
      ledger.addMember({name: 'bob', number: '+15551110002'})
    })
    const before = dumpDatabase(db)

    const plain = await ccp.run(...args)
    expect(plain.code).toBe(exitCode)
    expect(plain.stdout).toBe('')
    expect(plain.stderr).toMatch(message)
    const json = await ccp.run(...args, '--json')
    expect(json.code).toBe(exitCode)
    expect(JSON.parse(json.stdout)).toMatchObject({error: {code, exitCode}})
    expect(json.stderr).toMatch(message)
    expect(dumpDatabase(db)).toEqual(before)
  })

  it('renames and removes members; history keeps them', async () => {
    const ccp = cliOn(temp.path('ccp.db'))
    await ccp.run('adduser', 'bob')
    await ccp.run('award', 'bob', '5')
    expect((await ccp.run('rename', 'bob', 'Robert')).stdout).toBe('Renamed bob to Robert.\n')
    expect((await ccp.run('remove', 'robert')).stdout).toBe('Removed Robert (5 points); their history stays.\n')
    expect(await ccp.json('list')).toEqual([])
    expect(await ccp.json('history')).toMatchObject([{name: 'Robert', points: 5}])
  })

  it('binds a member to a Signal identity', async () => {
    const ccp = cliOn(temp.path('ccp.db'))
    await ccp.run('adduser', 'carol')
    const bound = await ccp.run('bind', 'carol', '--uuid', '33333333-3333-4333-8333-333333333333')
    expect(bound.stdout).toBe('Bound carol to 33333333-3333-4333-8333-333333333333.\n')
    expect(await ccp.json('score', 'carol')).toMatchObject({number: null, uuid: '33333333-3333-4333-8333-333333333333'})
  })
})
