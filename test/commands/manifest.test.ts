import {readdirSync, readFileSync} from 'node:fs'

import {execFileSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {COMMANDS} from '../../src/commands.js'
import {runCli} from '../helpers/cli.js'

const root = new URL('../../', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('oclif.manifest.json', root), 'utf8')) as {commands: Record<string, {flags: object}>}

describe('the command set', () => {
  // src/commands/config/get.ts is the command "config:get" (shown as "config get").
  const files = (readdirSync(new URL('src/commands/', root), {recursive: true}) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, '').replaceAll('/', ':'))

  it('registers every command file in the explicit command map', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(files.sort())
  })

  it('has every command of the map in oclif.manifest.json (rebuild with npm run build)', () => {
    expect(Object.keys(manifest.commands).sort()).toEqual(Object.keys(COMMANDS).sort())
    for (const [id, command] of Object.entries(COMMANDS)) {
      expect(Object.keys(manifest.commands[id].flags).sort()).toEqual(Object.keys({...command.baseFlags, ...command.flags, ...(command.enableJsonFlag ? {json: true} : {})}).sort())
    }
  })

  it('shows every command in the help', async () => {
    const {code, stdout} = await runCli(['--help'])
    expect(code).toBe(0)
    for (const id of Object.keys(COMMANDS)) expect(stdout).toMatch(new RegExp(`^  ${id.split(':')[0]} `, 'm'))
  })
})

describe('the conventions of an oclif CLI', () => {
  it('tells its version', async () => {
    const {code, stdout} = await runCli(['--version'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^ccp\/0\.\d+\.\d+ \w+-\w+ node-v\d+/)
  })

  it('has a help command (a plugin command, which starts without the code cache)', async () => {
    const {code, stdout} = await runCli(['help', 'award'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^USAGE\n {2}\$ ccp award NAME/m)
  })

  it('offers shell completion', async () => {
    const {code, stdout} = await runCli(['autocomplete', 'bash'], {XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ccp-cache-'))})
    expect(code).toBe(0)
    expect(stdout).toMatch(/ccp autocomplete script bash/)
  })

  it('keeps the command reference, docs/commands.md, in step with the commands (refresh it with npm run readme)', () => {
    const cwd = fileURLToPath(root)
    const generated = execFileSync(process.execPath, ['node_modules/oclif/bin/run.js', 'readme', '--no-source-links', '--readme-path', 'docs/commands.md', '--dry-run'], {
      cwd,
      encoding: 'utf8',
      env: {...process.env, NODE_ENV: 'production', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const reference = readFileSync(new URL('docs/commands.md', root), 'utf8')
    expect(reference).toMatch(/^## `ccp award NAME\.\.\. POINTS \[--reason TEXT\]`$/m)
    expect(generated.replace(/^replacing .*\n/, '').trim()).toBe(reference.trim())
  })

  it('keeps the command reference in one place: README links to it and repeats none of it', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8')
    expect(readme).toContain('(docs/commands.md)')
    expect(readme).not.toMatch(/<!-- commands -->|^USAGE$|^## `ccp /m)
  })
})
