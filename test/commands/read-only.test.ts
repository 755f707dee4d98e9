import {existsSync, readdirSync, statSync} from 'node:fs'

import {GROUP_ID} from '../fake-signal/server.js'
import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

const READ_ONLY = [
  ['list'],
  ['score', 'alice'],
  ['history'],
  ['stats'],
  ['export'],
  ['config', 'get', 'award.max'],
  ['config', 'list'],
  ['season', 'list'],
  ['announce', '--group', GROUP_ID, '--dry-run'],
  ['recap', '--group', GROUP_ID, '--dry-run'],
]

// They write, but only to what is already there: on a mistyped path they could only fail after creating it.
const CHANGING = [
  ['award', 'alice', '5'],
  ['undo'],
  ['remove', 'alice'],
  ['rename', 'alice', 'alicia'],
  ['bind', 'alice', '--number', '+15551110001'],
  ['config', 'unset', 'award.max'],
]

describe('commands that only read', () => {
  it.each([...READ_ONLY, ...CHANGING].map((args) => [args.join(' '), args]))('ccp %s on a path with no database exits 3 and creates nothing, not even the folder', async (_, args) => {
    const db = temp.path('no/such/folder/ccp.db')
    const result = await runCli([...args, '--db', db])
    expect(result).toMatchObject({code: 3, stderr: `Error: No database at ${db} (create one with \`ccp adduser\`).\n`, stdout: ''})
    expect(existsSync(temp.path('no'))).toBe(false)
  })

  it('backup of a path with no database exits 3 and writes no copy', async () => {
    const db = temp.path('no/ccp.db')
    const result = await runCli(['backup', temp.path('copy.db'), '--db', db])
    expect(result).toMatchObject({code: 3, stderr: expect.stringContaining(`No database at ${db}`)})
    expect(readdirSync(temp.path())).toEqual([])
  })

  it('say so in JSON under --json', async () => {
    const db = temp.path('missing.db')
    const result = await runCli(['list', '--json', '--db', db])
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'NO_DATABASE', exitCode: 3, message: `No database at ${db} (create one with \`ccp adduser\`).`}})
    expect(readdirSync(temp.path())).toEqual([])
  })

  it('leave the default data folder uncreated too', async () => {
    const dataDir = temp.path('data')
    const result = await runCli(['list'], {CCP_DATA_DIR: dataDir})
    expect(result).toMatchObject({code: 3, stderr: expect.stringContaining(`No database at ${dataDir}/ccp.db`)})
    expect(existsSync(dataDir)).toBe(false)
  })

  it('announce --message needs no database, and creates none', async () => {
    const db = temp.path('no/ccp.db')
    const result = await runCli(['announce', '--group', GROUP_ID, '--message', 'hello', '--dry-run', '--db', db])
    expect(result).toMatchObject({code: 0, stdout: expect.stringContaining('hello')})
    expect(existsSync(temp.path('no'))).toBe(false)
  })

  it('work on --db :memory:, where there is never a file', async () => {
    expect(await runCli(['list', '--db', ':memory:'])).toMatchObject({code: 0, stdout: expect.stringContaining('No members yet')})
  })

  it('read a database that a writing command created: the first write creates it, private, with its folder', async () => {
    const db = temp.path('new/folder/ccp.db')
    expect((await runCli(['adduser', 'alice', '--db', db])).code).toBe(0)
    expect(statSync(temp.path('new/folder')).mode & 0o777).toBe(0o700)
    expect(statSync(db).mode & 0o777).toBe(0o600)
    expect(await runCli(['score', 'alice', '--db', db])).toMatchObject({code: 0, stdout: 'alice: 0 points all-time, rank 1 (Citizen).\n'})
  })

  it.each([
    ['adduser', ['adduser', 'alice']],
    ['config set', ['config', 'set', 'award.max', '10']],
    ['season start', ['season', 'start', 'spring']],
  ])('ccp %s still creates the database it writes to', async (_, args) => {
    const db = temp.path('fresh/ccp.db')
    await runCli([...args, '--db', db])
    expect(existsSync(db)).toBe(true)
  })
})
