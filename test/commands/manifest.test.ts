import {readdirSync, readFileSync} from 'node:fs'

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
