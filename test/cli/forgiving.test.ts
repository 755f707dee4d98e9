import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {fileURLToPath} from 'node:url'

import {COMMANDS} from '../../src/commands.js'
import {nameKey} from '../../src/core/names.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {cliOn, RUN_JS, runCli, userEnvironment} from '../helpers/cli.js'
import {seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

/** One line on stderr in ccp's style: "Error: " and a sentence, without oclif's indented block or help text. */
const ONE_SENTENCE = /^Error: [^\n]+\n$/

describe('a mistyped command', () => {
  it('ccp lsit suggests list and exits 2 without waiting for an answer', async () => {
    const result = await runCli(['lsit', '--db', temp.path('ccp.db')])
    expect(result).toMatchObject({code: 2, stderr: 'Error: "lsit" is not a ccp command. Did you mean ccp list? See ccp --help for the list.\n', stdout: ''})
  })

  it('ccp awrd alice 5 names awrd, not awrd:alice:5, and suggests award', async () => {
    const result = await runCli(['awrd', 'alice', '5'])
    expect(result).toMatchObject({code: 2, stderr: 'Error: "awrd" is not a ccp command. Did you mean ccp award? See ccp --help for the list.\n'})
  })

  it('a mistyped command of a topic is suggested within the topic', async () => {
    const result = await runCli(['config', 'sett', 'award.max', '5'])
    expect(result).toMatchObject({code: 2, stderr: 'Error: "config sett" is not a ccp command. Did you mean ccp config set? See ccp --help for the list.\n'})
  })

  it.each([[['help', 'lsit']], [['lsit', '-h']]])('ccp %j suggests list as well', async (args) => {
    expect(await runCli(args)).toMatchObject({code: 2, stderr: 'Error: "lsit" is not a ccp command. Did you mean ccp list? See ccp --help for the list.\n'})
  })

  it('at a terminal, never runs the suggestion: ccp remve bob and Enter leaves bob where he is', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'bob'}))
    // script(1) gives the command a pseudo-terminal, as a user's shell does; the Enter is typed into it.
    const command = [process.execPath, RUN_JS, 'remve', 'bob', '--db', db].map((word) => `'${word}'`).join(' ')
    const terminal = spawn('script', ['-qec', command, '/dev/null'], {env: userEnvironment()})
    let output = ''
    terminal.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    terminal.stdin.end('\n')
    const [code] = (await once(terminal, 'close')) as [number]
    expect(code).toBe(2)
    expect(output).toContain('"remve" is not a ccp command. Did you mean ccp remove?')
    expect(JSON.parse((await runCli(['list', '--json', '--db', db])).stdout)).toMatchObject([{name: 'bob'}])
  })

  it('a word like no command gets no guess', async () => {
    const result = await runCli(['xyzzyplugh'])
    expect(result).toMatchObject({code: 2, stderr: 'Error: "xyzzyplugh" is not a ccp command. See ccp --help for the list.\n'})
  })

  it('a word after a command that takes none is that command\'s extra argument, not an unknown command', async () => {
    const result = await runCli(['list', 'extra', '--json', '--db', ':memory:'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'UNEXPECTED_ARGUMENT', exitCode: 2, message: 'Too many arguments: "extra" is more than ccp list takes.'}})
  })

  it('a flag before the command is told to go after it', async () => {
    const result = await runCli(['--json', 'lsit'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({
      error: {code: 'UNKNOWN_COMMAND', exitCode: 2, message: 'Give the command first, then its flags, like: ccp list --json. See ccp --help for the list.'},
    })
  })

  it('under --json prints the JSON error on stdout too', async () => {
    const result = await runCli(['lsit', '--json'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'UNKNOWN_COMMAND', exitCode: 2, message: '"lsit" is not a ccp command. Did you mean ccp list? See ccp --help for the list.'}})
  })
})

describe('-h', () => {
  it('is --help at the top level', async () => {
    const [short, long] = await Promise.all([runCli(['-h']), runCli(['--help'])])
    expect(short).toMatchObject({code: 0, stdout: long.stdout})
    expect(short.stdout).toContain('COMMANDS')
  })

  it.each(Object.keys(COMMANDS).map((id) => [id.replace(':', ' ')]))('is --help for ccp %s', async (command) => {
    const words = command.split(' ')
    const [short, long] = await Promise.all([runCli([...words, '-h']), runCli([...words, '--help'])])
    expect(short).toMatchObject({code: 0, stderr: '', stdout: long.stdout})
    expect(short.stdout).toContain(`$ ccp ${command}`)
  })
})

describe('usage errors', () => {
  it.each([
    ['an unknown flag', ['award', 'alice', '5', '--bogus'], 'UNKNOWN_FLAG', 'ccp award has no flag --bogus. See ccp award --help.'],
    ['a bad integer flag', ['history', '--limit', 'x'], 'INVALID_FLAG', '--limit must be a whole number, not "x".'],
    ['an integer flag out of its range', ['stats', '--weeks', '0'], 'INVALID_FLAG', '--weeks must be at least 1, not 0.'],
    ['a missing argument', ['config', 'set'], 'MISSING_ARGUMENT', 'Missing KEY and VALUE: ccp config set KEY VALUE.'],
    ['a missing argument of award', ['award', 'alice'], 'USAGE', 'Give at least one name and then the points, like: ccp award alice 10'],
    ['too many arguments', ['score', 'alice', 'bob'], 'UNEXPECTED_ARGUMENT', 'Too many arguments: "bob" is more than ccp score NAME takes.'],
    ['a value not among the options', ['export', '--format', 'xml'], 'INVALID_FLAG', '--format must be one of json, csv; not "xml".'],
    ['flags that exclude each other', ['list', '--all-time', '--season', 'x'], 'INVALID_FLAG', '--season cannot be used with --all-time. See ccp list --help.'],
    ['an entry that is no number', ['undo', 'abc'], 'INVALID_ENTRY', 'ENTRY is the number of an entry, such as 42 (see ccp history), not "abc".'],
  ])('%s is one sentence, exit 2, and JSON on stdout under --json', async (_, args, code, message) => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'alice'}))
    const plain = await runCli([...args, '--db', db])
    expect(plain).toMatchObject({code: 2, stderr: `Error: ${message}\n`, stdout: ''})
    expect(plain.stderr).toMatch(ONE_SENTENCE)

    const json = await runCli([...args, '--json', '--db', db])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout)).toEqual({error: {code, exitCode: 2, message}})
    expect(json.stderr).toBe(`Error: ${message}\n`)
  })
})

describe('hints where the mistake is common', () => {
  it('words after the points are refused with the --reason that was meant, and nothing is awarded', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    await ccp.run('adduser', 'alice')
    const result = await ccp.run('award', 'alice', '5', 'extra', 'words')
    expect(result).toMatchObject({
      code: 2,
      stderr: 'Error: The points come last, and "extra words" came after them; to give a reason, use --reason: ccp award alice 5 --reason "extra words"\n',
    })
    expect(await ccp.json('history')).toEqual([])
  })

  it('a new name that starts with a dash is refused at adduser and rename', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    await ccp.run('adduser', 'alice')
    expect(await runCli(['adduser', '--db', db, '--', '-bob'])).toMatchObject({
      code: 1,
      stderr: 'Error: A name cannot start with a dash: the command line would read "-bob" as a flag. Choose another, such as "bob".\n',
    })
    expect(await runCli(['rename', '--db', db, 'alice', '--', '-al'])).toMatchObject({code: 1, stderr: expect.stringContaining('A name cannot start with a dash')})
    expect(await ccp.run('adduser', '-bob')).toMatchObject({code: 2, stderr: 'Error: ccp adduser has no flag -bob. A name cannot start with a dash. See ccp adduser --help.\n'})
    expect(await ccp.json('list')).toEqual([expect.objectContaining({name: 'alice'})])
  })

  it('a stored member whose name starts with a dash is named after --, and -bob alone gets that hint', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'alice'}))
    const store = SqliteStore.open(db)
    store.insertMember({createdAt: 0, key: nameKey('-bob'), name: '-bob', number: null, uuid: null})
    store.close()
    const ccp = cliOn(db)

    const award = await ccp.run('award', '-bob', '5')
    expect(award).toMatchObject({code: 2, stderr: 'Error: ccp award has no flag -bob. If -bob is a name, put -- before it (and any flags before the --): ccp award -- -bob 5. See ccp award --help.\n'})
    const score = await ccp.run('score', '-bob')
    expect(score).toMatchObject({code: 2, stderr: 'Error: ccp score has no flag -bob. If -bob is a name, put -- before it (and any flags before the --): ccp score -- -bob. See ccp score --help.\n'})

    expect(await runCli(['award', '--db', db, '--', '-bob', '5'])).toMatchObject({code: 0, stdout: expect.stringMatching(/^\+5 for -bob: 5 points/)})
    expect(await runCli(['score', '--db', db, '--', '-bob'])).toMatchObject({code: 0, stdout: '-bob: 5 points all-time, rank 1 (Citizen).\n'})
  })
})

describe('--json for every failure', () => {
  const OLD_NODE = fileURLToPath(new URL('../helpers/old-node.js', import.meta.url))

  it('the refusal of an unsupported Node.js is JSON too', async () => {
    const result = await runCli(['list', '--json'], {NODE_OPTIONS: `--import ${OLD_NODE}`})
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'UNSUPPORTED_NODE', exitCode: 3, message: expect.stringMatching(/^ccp needs Node\.js 22\.14\.0 or newer; this is Node\.js 20\.20\.2\./)}})
  })

  it.each([['link'], ['serve'], ['chat']])('ccp %s, which has no --json, refuses it in JSON', async (command) => {
    const result = await runCli([command, '--json'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'UNKNOWN_FLAG', exitCode: 2, message: `ccp ${command} has no flag --json. See ccp ${command} --help.`}})
  })

  it('--json=yes is taken as asking for JSON', async () => {
    const result = await runCli(['list', '--json=yes', '--db', ':memory:'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toMatchObject({error: {exitCode: 2}})
  })
})
