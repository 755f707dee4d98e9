import {createServer} from 'node:net'

import {GROUP_ID} from '../fake-signal/server.js'
import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const ADMIN_PROBLEM = 'Admin "bob" is neither a Signal ACI UUID nor a +E164 phone number; admins are never matched by name.'
const GROUP_PROBLEM = "Group \"nope\" is not a Signal group id; ccp groups lists the account's groups with both forms of their id."

/** A loopback port where nothing listens (it did a moment ago): connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('errors name what the user gave', () => {
  const serve = (args: string[], env: Record<string, string> = {}) => runCli(['serve', '--number', '+15550000000', '--db', temp.path('ccp.db'), ...args], env)

  it.each([
    ['--admin', ['--admin', 'bob'], {}, `--admin: ${ADMIN_PROBLEM}`],
    ['CCP_ADMINS', [], {CCP_ADMINS: 'bob'}, `CCP_ADMINS: ${ADMIN_PROBLEM}`],
    ['--admin over CCP_ADMINS', ['--admin', 'bob'], {CCP_ADMINS: '+15551110001'}, `--admin: ${ADMIN_PROBLEM}`],
    ['--group', ['--group', 'nope'], {}, `--group: ${GROUP_PROBLEM}`],
    ['CCP_GROUPS', [], {CCP_GROUPS: 'nope'}, `CCP_GROUPS: ${GROUP_PROBLEM}`],
    ['--prefix', ['--prefix', 'a b'], {}, '--prefix: The prefix "a b" must be one word, like /CCP.'],
    ['CCP_PREFIX', [], {CCP_PREFIX: 'a b'}, 'CCP_PREFIX: The prefix "a b" must be one word, like /CCP.'],
  ])('ccp serve blames %s for a bad value, exit 2', async (_, args, env, message) => {
    expect(await serve(args, env)).toMatchObject({code: 2, stderr: `Error: ${message}\n`})
  })

  it('config set blames the setting it stores', async () => {
    const result = await runCli(['config', 'set', 'chat.admins', 'bob', '--db', temp.path('ccp.db')])
    expect(result).toMatchObject({code: 2, stderr: `Error: chat.admins: ${ADMIN_PROBLEM}\n`})
  })

  it('announce blames --group', async () => {
    const result = await runCli(['announce', '--group', 'nope', '--dry-run', '--db', temp.path('ccp.db')])
    expect(result).toMatchObject({code: 2, stderr: `Error: --group: ${GROUP_PROBLEM}\n`})
  })

  it.each([
    ['link', [], 'GET /v1/accounts'],
    ['groups', ['--number', '+15550000000'], 'GET /v1/groups'],
    ['announce', ['--number', '+15550000000', '--group', GROUP_ID, '--message', 'hi'], 'POST /v2/send'],
  ])('ccp %s with no Signal API running names the URL it could not reach, exit 3', async (command, args, call) => {
    const port = await closedPort()
    if (command === 'announce') await runCli(['adduser', 'alice', '--db', temp.path('ccp.db')])
    const result = await runCli([command, ...args, '--signal-url', `http://127.0.0.1:${port}`, '--db', temp.path('ccp.db')])
    expect(result).toMatchObject({
      code: 3,
      stderr: `Error: ${call} could not reach http://127.0.0.1:${port}/ (ECONNREFUSED). Check that signal-cli-rest-api runs there, or point --signal-url (CCP_SIGNAL_URL) at it.\n`,
    })
  })

  it('doctor names the URL too, in its Signal API check', async () => {
    const port = await closedPort()
    const result = await runCli(['doctor', '--json', '--number', '+15550000000', '--signal-url', `http://127.0.0.1:${port}`, '--db', temp.path('ccp.db')])
    expect(JSON.parse(result.stdout).checks).toContainEqual(expect.objectContaining({detail: `GET /v1/about could not reach http://127.0.0.1:${port}/ (ECONNREFUSED)`, name: 'Signal API', status: 'fail'}))
  })
})
