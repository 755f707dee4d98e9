import {cpSync, existsSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('bin/dev.js runs ccp from its TypeScript sources', () => {
  const temp = useTempDir()

  /** A checkout that was never built: sources, bin/, the committed oclif.manifest.json (stale once a source is edited), the installed node_modules, and no dist/. */
  function checkout(): string {
    const folder = temp.path('checkout')
    for (const entry of ['bin', 'src', 'oclif.manifest.json', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(folder, entry), {recursive: true})
    symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'))
    return folder
  }

  it('says the same version as bin/run.js', async () => {
    const dev = await runCli(['--version'], {}, undefined, join(checkout(), 'bin', 'dev.js'))
    const built = await runCli(['--version'])
    expect(dev).toMatchObject({code: 0, stderr: ''})
    expect(dev.stdout).toBe(built.stdout)
    expect(dev.stdout).toMatch(/^ccp\/\d+\.\d+\.\d+ /)
  })

  it('runs a command as edited in the sources, with its help, without a build', async () => {
    const folder = checkout()
    const list = join(folder, 'src', 'commands', 'list.ts')
    const source = readFileSync(list, 'utf8')
    writeFileSync(list, source.replace("'No members yet. Add one with: ccp adduser NAME'", "'Nobody here yet (edited).'").replace('static description = `', 'static description = `Edited: '))
    expect(readFileSync(list, 'utf8')).not.toBe(source)
    const devJs = join(folder, 'bin', 'dev.js')
    const result = await runCli(['list', '--db', ':memory:'], {}, undefined, devJs)
    expect(result).toMatchObject({code: 0, stderr: '', stdout: 'All-time standings\nNobody here yet (edited).\n'})
    expect((await runCli(['list', '--help'], {}, undefined, devJs)).stdout).toMatch(/^Edited: /)
    expect(existsSync(join(folder, 'dist'))).toBe(false)
  })

  it('reports failures as bin/run.js does', async () => {
    const devJs = join(checkout(), 'bin', 'dev.js')
    expect(await runCli(['lsit'], {}, undefined, devJs)).toEqual(await runCli(['lsit']))
    expect(await runCli(['list', '--db', ':memory:', '--limit', 'x', '--json'], {}, undefined, devJs)).toEqual(await runCli(['list', '--db', ':memory:', '--limit', 'x', '--json']))
  })
})
