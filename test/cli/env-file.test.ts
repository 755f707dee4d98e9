import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'

import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const GROUP = '2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg='

function envFile(text: string): string {
  const file = temp.path('ccp.env')
  writeFileSync(file, text)
  return file
}

describe('CCP_ENV_FILE: the settings of the service, for every command', () => {
  it('gives every command the data folder the file names', async () => {
    const file = envFile(`# the service's settings\nCCP_DATA_DIR=${temp.path('service')}\n\nexport CCP_PREFIX=/X\n`)
    expect(await runCli(['adduser', 'alice'], {CCP_ENV_FILE: file})).toMatchObject({code: 0})
    expect(existsSync(temp.path('service/ccp.db'))).toBe(true)
    expect(JSON.parse((await runCli(['list', '--json'], {CCP_ENV_FILE: file})).stdout)).toMatchObject([{name: 'alice'}])
    expect((await runCli(['config', 'get', 'chat.prefix'], {CCP_ENV_FILE: file})).stdout).toMatch(/\/X/)
  })

  it('lets a variable already set in the environment win over the file', async () => {
    const file = envFile(`CCP_DATA_DIR=${temp.path('service')}\n`)
    expect(await runCli(['adduser', 'bob'], {CCP_DATA_DIR: temp.path('mine'), CCP_ENV_FILE: file})).toMatchObject({code: 0})
    expect([existsSync(temp.path('mine/ccp.db')), existsSync(temp.path('service'))]).toEqual([true, false])
  })

  it('lets a cron announce post to CCP_GROUPS from the file when chat.groups is not stored', async () => {
    const file = envFile(`CCP_DATA_DIR=${temp.path('service')}\nCCP_SIGNAL_NUMBER=+15550000000\nCCP_GROUPS=${GROUP}\n`)
    expect(await runCli(['adduser', 'alice'], {CCP_ENV_FILE: file})).toMatchObject({code: 0})
    const result = await runCli(['announce', '--dry-run', '--json'], {CCP_ENV_FILE: file})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({recipients: [expect.stringMatching(/^group\./)], sent: false})
  })

  it('has announce refuse CCP_GROUPS left empty rather than post to the stored groups', async () => {
    const file = envFile(`CCP_DATA_DIR=${temp.path('service')}\nCCP_SIGNAL_NUMBER=+15550000000\nCCP_GROUPS=\n`)
    expect(await runCli(['config', 'set', 'chat.groups', GROUP], {CCP_DATA_DIR: temp.path('service')})).toMatchObject({code: 0})
    const result = await runCli(['announce', '--dry-run'], {CCP_ENV_FILE: file})
    expect(result).toMatchObject({code: 2, stdout: ''})
    expect(result.stderr).toMatch(/^Error: CCP_GROUPS is set but empty\. Set CCP_GROUPS to the ids of the groups to answer in/)
  })

  it('refuses a file that cannot be read (exit 3), with a JSON error under --json, and runs nothing', async () => {
    const missing = temp.path('nope.env')
    const result = await runCli(['adduser', 'alice', '--json'], {CCP_DATA_DIR: temp.path('data'), CCP_ENV_FILE: missing})
    expect(result.code).toBe(3)
    expect(result.stderr).toBe(`Error: Cannot read the env file ${missing} (CCP_ENV_FILE): ENOENT. Check the path, and that this user may read it.\n`)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'ENV_FILE_UNREADABLE', exitCode: 3, message: expect.stringContaining(missing)}})
    expect(existsSync(temp.path('data'))).toBe(false)
  })

  it('refuses a line that is not NAME=value (exit 2), naming its number but not its text', async () => {
    const file = envFile(`CCP_DATA_DIR=${temp.path('data')}\nCCP_ADMINS +15551110001\n`)
    const result = await runCli(['adduser', 'alice'], {CCP_ENV_FILE: file})
    expect(result).toMatchObject({code: 2, stdout: ''})
    expect(result.stderr).toMatch(/^Error: The env file .*ccp\.env \(CCP_ENV_FILE\) has a line that is not NAME=value, line 2;/)
    expect(result.stderr).not.toMatch(/15551110001/)
    expect(existsSync(temp.path('data'))).toBe(false)
  })

  it('reads a quoted value over several lines as one value, as systemd and node do', async () => {
    const file = envFile(`CCP_DATA_DIR="${temp.path('data')}"\nNOTE="two\nlines"\n`)
    expect(await runCli(['adduser', 'alice'], {CCP_ENV_FILE: file})).toMatchObject({code: 0})
    expect(existsSync(temp.path('data/ccp.db'))).toBe(true)
  })

  it('refuses CCP_ENV_FILE set empty (exit 2)', async () => {
    const result = await runCli(['list'], {CCP_DATA_DIR: temp.path('data'), CCP_ENV_FILE: ''})
    expect(result).toMatchObject({code: 2, stderr: 'Error: CCP_ENV_FILE is empty; name the env file (like /etc/ccp/ccp.env), or unset CCP_ENV_FILE.\n'})
  })

  it('refuses a named pipe (exit 3) without waiting for a writer, as it refuses a folder', async () => {
    const pipe = temp.path('ccp.env')
    execFileSync('mkfifo', [pipe])
    mkdirSync(temp.path('folder'))
    for (const [file, what] of [[pipe, 'named pipe'], [temp.path('folder'), 'folder'], ['/dev/null', 'character device']]) {
      const result = await runCli(['list', '--json'], {CCP_DATA_DIR: temp.path('data'), CCP_ENV_FILE: file})
      expect(result.code).toBe(3)
      expect(result.stderr).toBe(`Error: The env file ${file} (CCP_ENV_FILE) is a ${what}, not a file; name the file of NAME=value lines (like /etc/ccp/ccp.env).\n`)
      expect(JSON.parse(result.stdout)).toMatchObject({error: {code: 'ENV_FILE_NOT_A_FILE', exitCode: 3}})
    }
  })

  it('reads the first variable of a file that starts with a byte order mark', async () => {
    const file = envFile(`\uFEFFCCP_DATA_DIR=${temp.path('service')}\n`)
    expect(readFileSync(file)[0]).toBe(0xef)
    expect(await runCli(['adduser', 'alice'], {CCP_ENV_FILE: file})).toMatchObject({code: 0})
    expect(existsSync(temp.path('service/ccp.db'))).toBe(true)
  })

  it.each([
    ['CCP_ADMIN', 'CCP_ADMINS'],
    ['CCP_GROUP', 'CCP_GROUPS'],
    ['CCP_SIGNAL_NUMBR', 'CCP_SIGNAL_NUMBER'],
  ])('refuses the misspelled %s (exit 2), naming its line and %s but never the value', async (name, meant) => {
    const file = envFile(`CCP_DATA_DIR=${temp.path('data')}\n# admins\n${name}=+15551110001\n`)
    const result = await runCli(['adduser', 'alice', '--json'], {CCP_ENV_FILE: file})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`Error: The env file ${file} (CCP_ENV_FILE) sets ${name} on line 3, which ccp does not read; did you mean ${meant}? Fix the name, or remove the line.\n`)
    expect(JSON.parse(result.stdout)).toMatchObject({error: {code: 'ENV_FILE_UNKNOWN_VARIABLE', exitCode: 2}})
    expect(result.stdout + result.stderr).not.toMatch(/15551110001/)
    expect(existsSync(temp.path('data'))).toBe(false)
  })

  it('lists the variables when a CCP_ name is like none of them', async () => {
    const result = await runCli(['list'], {CCP_ENV_FILE: envFile('CCP_WHATEVER_THIS_IS=1\n')})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/sets CCP_WHATEVER_THIS_IS on line 1, which ccp does not read; ccp's variables are CCP_ADMINS, .*CCP_SIGNAL_URL\. Fix the name/)
  })

  it("accepts every variable of every command's flags, the data folder's, and other programs' variables", async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, {flags: Record<string, {env?: string}>}>}
    const variables = new Set(Object.values(manifest.commands).flatMap((command) => Object.values(command.flags).flatMap((flag) => flag.env ?? [])))
    expect(variables.size).toBeGreaterThan(5)
    const values = [...variables].filter((name) => name !== 'CCP_DB').map((name) => `${name}=x`)
    const file = envFile([`CCP_DATA_DIR=${temp.path('service')}`, `XDG_DATA_HOME=${temp.path('xdg')}`, 'SOMETHING_ELSE=1', ...values].join('\n'))
    // ccp config list reads the file (and refuses no name in it); the values are only shown, not used.
    const result = await runCli(['config', 'list', '--json'], {CCP_ENV_FILE: file, CCP_GROUPS: '2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg='})
    expect(result.stderr).not.toMatch(/does not read/)
    expect(result.stderr).toMatch(/No database at .*service/)
  })
})
