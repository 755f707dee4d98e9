import {readFileSync} from 'node:fs'

import {COMMANDS} from '../../src/commands.js'
import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

interface ManifestFlag {
  env?: string
}

const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {
  commands: Record<string, {enableJsonFlag?: boolean; flags: Record<string, ManifestFlag>}>
}

/** Every (command, flag, variable) where a flag of the command reads an env var: from the manifest, so a new flag is covered. */
const flagVariables = Object.entries(manifest.commands).flatMap(([id, command]) =>
  Object.entries(command.flags).flatMap(([flag, {env}]) => (env ? [{flag, id, variable: env}] : [])),
)

/** How to type a command id: config:list is `ccp config list`. */
const words = (id: string): string[] => id.split(':')

describe('a variable set but empty', () => {
  // CCP_DB has its own message (an empty database path); doctor reports empty variables as failed checks instead.
  const refused = flagVariables.filter(({id, variable}) => variable !== 'CCP_DB' && id !== 'doctor')

  it('covers the bot variables of serve, chat, groups and announce', () => {
    const pairs = new Set(refused.map(({id, variable}) => `${id} ${variable}`))
    for (const variable of ['CCP_PREFIX', 'CCP_HEALTH_HOST', 'CCP_HEALTH_PORT', 'CCP_MODE', 'CCP_LOG_FORMAT', 'CCP_SIGNAL_URL', 'CCP_RETENTION_DAYS', 'CCP_SIGNAL_NUMBER', 'CCP_ADMINS', 'CCP_GROUPS']) {
      expect(pairs).toContain(`serve ${variable}`)
    }

    expect([...pairs]).toEqual(expect.arrayContaining(['chat CCP_ADMINS', 'groups CCP_SIGNAL_NUMBER', 'announce CCP_SIGNAL_NUMBER']))
  })

  it.each(refused)('is refused by ccp $id when it is $variable (the env of --$flag), exit 2, before anything runs', async ({id, variable}) => {
    const json = manifest.commands[id].enableJsonFlag ? ['--json'] : []
    const result = await runCli([...words(id), ...json], {CCP_DATA_DIR: temp.path('data'), [variable]: ''})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(new RegExp(`^Error: ${variable} is set but empty\\. Set ${variable} to .+, or remove the line to leave it unset\\.\\n$`))
    if (json.length > 0) expect(JSON.parse(result.stdout)).toMatchObject({error: {code: 'EMPTY_VARIABLE', exitCode: 2}})
  })

  it.each([
    ['config list', 'CCP_GROUPS'],
    ['config get chat.admins', 'CCP_ADMINS'],
    ['groups', 'CCP_GROUPS'],
    ['chat', 'CCP_GROUPS'],
    ['announce --dry-run', 'CCP_GROUPS'],
  ])('is refused by ccp %s, which reads the settings, when it is %s', async (command, variable) => {
    const result = await runCli(command.split(' '), {CCP_DATA_DIR: temp.path('data'), [variable]: ' '})
    expect(result).toMatchObject({code: 2, stdout: ''})
    expect(result.stderr).toMatch(new RegExp(`^Error: ${variable} is set but empty\\.`))
  })

  it('says what goes in it: the options, the range of a number, or what the value is', async () => {
    const expectations = {
      CCP_ADMINS: "Set CCP_ADMINS to the admins' Signal ACI UUIDs or +E164 numbers",
      CCP_HEALTH_PORT: 'Set CCP_HEALTH_PORT to a whole number from 0 to 65535,',
      CCP_MODE: 'Set CCP_MODE to one of auto, poll, websocket,',
      CCP_SIGNAL_NUMBER: "Set CCP_SIGNAL_NUMBER to the bot's Signal number in E.164 form",
    }
    for (const [variable, text] of Object.entries(expectations)) {
      const result = await runCli(['serve'], {CCP_DATA_DIR: temp.path('data'), [variable]: ''})
      expect(result.stderr).toContain(text)
    }
  })

  it("no longer says to give the bot's account with --number when CCP_SIGNAL_NUMBER is empty for ccp groups", async () => {
    const result = await runCli(['groups'], {CCP_SIGNAL_NUMBER: ''})
    expect(result.code).toBe(2)
    expect(result.stderr).not.toMatch(/--number/)
    expect(result.stderr).toMatch(/^Error: CCP_SIGNAL_NUMBER is set but empty/)
  })

  it('keeps the empty database path message for CCP_DB', async () => {
    const result = await runCli(['list'], {CCP_DB: ''})
    expect(result.code).toBe(2)
    expect(result.stderr).not.toMatch(/EMPTY_VARIABLE|is set but empty\. Set CCP_DB/)
  })

  it('leaves --help and -h working', async () => {
    for (const help of ['--help', '-h']) {
      const result = await runCli(['serve', help], {CCP_MODE: '', CCP_SIGNAL_NUMBER: ''})
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/Run the Signal bot/)
    }
  })

  it('is a failed check of ccp doctor, not a usage error', async () => {
    const result = await runCli(['doctor', '--json', '--signal-url', 'http://127.0.0.1:9'], {CCP_DATA_DIR: temp.path('data'), CCP_PREFIX: '', CCP_SIGNAL_NUMBER: ''})
    expect(result.code).toBe(3)
    const {checks} = JSON.parse(result.stdout) as {checks: {detail: string; name: string; status: string}[]}
    expect(checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({detail: 'CCP_SIGNAL_NUMBER is set but empty', name: 'Account', status: 'fail'}),
        expect.objectContaining({detail: 'CCP_PREFIX is set but empty', name: 'Settings', status: 'fail'}),
      ]),
    )
  })

  it('is the failed Signal API check of ccp doctor when it is CCP_SIGNAL_URL', async () => {
    const result = await runCli(['doctor', '--json', '--number', '+15550000000'], {CCP_DATA_DIR: temp.path('data'), CCP_SIGNAL_URL: ''})
    expect(result.code).toBe(3)
    const {checks} = JSON.parse(result.stdout) as {checks: {detail: string; fix?: string; name: string; status: string}[]}
    expect(checks.find((check) => check.name === 'Signal API')).toEqual({
      detail: 'CCP_SIGNAL_URL is set but empty',
      fix: "Set CCP_SIGNAL_URL to signal-cli-rest-api's address (like http://localhost:8080), or remove the line to leave it unset.",
      name: 'Signal API',
      status: 'fail',
    })
  })
})

describe('a bad value from an env var', () => {
  /** The flags with an env var whose value is typed (options, or a parser that refuses a word), found from the flags themselves. */
  async function typedFlags(): Promise<{flag: string; id: string; variable: string}[]> {
    const typed = []
    for (const {flag, id, variable} of flagVariables) {
      const definition = (COMMANDS as unknown as Record<string, {flags?: Record<string, {options?: readonly string[]; parse: (input: string, context: unknown, options: unknown) => Promise<unknown>}>}>)[id].flags?.[flag]
      if (!definition) continue
      const refuses = definition.options ? true : await definition.parse('abc', {}, definition).then(() => false, () => true)
      if (refuses) typed.push({flag, id, variable})
    }

    return typed
  }

  it('covers the integer and option flags of serve', async () => {
    expect((await typedFlags()).filter(({id}) => id === 'serve').map(({variable}) => variable).sort()).toEqual(['CCP_HEALTH_PORT', 'CCP_LOG_FORMAT', 'CCP_MODE', 'CCP_RETENTION_DAYS'])
  })

  it('is named by the variable, not by the flag the user never typed, for every typed flag of every command', async () => {
    for (const {flag, id, variable} of await typedFlags()) {
      const result = await runCli(words(id), {CCP_DATA_DIR: temp.path('data'), CCP_SIGNAL_NUMBER: '+15550000000', [variable]: 'abc'})
      expect({id, variable, code: result.code}).toEqual({code: 2, id, variable})
      expect(result.stderr).toMatch(new RegExp(`^Error: ${variable} must be (a whole number,|one of [^;]+;) not "abc"\\.\\n$`))
      expect(result.stderr).not.toContain(`--${flag}`)
    }
  })

  it('says the range with the variable too', async () => {
    const result = await runCli(['serve'], {CCP_HEALTH_PORT: '70000', CCP_SIGNAL_NUMBER: '+15550000000'})
    expect(result).toMatchObject({code: 2, stderr: 'Error: CCP_HEALTH_PORT must be at most 65535, not 70000.\n'})
  })

  it('is named by the flag when the flag was typed, even with the variable set', async () => {
    const result = await runCli(['serve', '--mode', 'xyz'], {CCP_MODE: 'poll', CCP_SIGNAL_NUMBER: '+15550000000'})
    expect(result).toMatchObject({code: 2, stderr: 'Error: --mode must be one of auto, poll, websocket; not "xyz".\n'})
  })
})
