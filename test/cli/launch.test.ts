import {copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {unsupportedNode} from '../../src/cli/launch.js'
import {runCli, userEnvironment} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'
import {spawnSync} from 'node:child_process'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * A copy of the installed package with an ESM `init` hook added to its package.json, as a plugin author or a
 * packager would add one; dist and node_modules are the real ones.
 */
function packageWithHook(folder: string): string {
  mkdirSync(join(folder, 'bin'), {recursive: true})
  for (const file of ['bin/run.js', 'bin/package.json', 'oclif.manifest.json']) copyFileSync(join(ROOT, file), join(folder, file))
  for (const linked of ['dist', 'node_modules']) symlinkSync(join(ROOT, linked), join(folder, linked))
  const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {oclif: Record<string, unknown>}
  pjson.oclif.hooks = {init: './hook.mjs'}
  writeFileSync(join(folder, 'package.json'), JSON.stringify(pjson))
  writeFileSync(join(folder, 'hook.mjs'), 'export default async function (options) { process.stderr.write(`init hook ran for ${options.id}\\n`) }\n')
  return join(folder, 'bin', 'run.js')
}

describe('how bin/run.js starts ccp', () => {
  const temp = useTempDir()

  it.each([
    [['list', '--db', 'DB']],
    [['config', 'get', 'award.max', '--db', 'DB']],
    [['help', 'list']],
    [['--version']],
  ])('runs an ESM init hook from package.json for %j', (argv) => {
    const runJs = packageWithHook(temp.path('package'))
    // A database in memory: these commands only read, and refuse a path where there is none.
    const args = argv.map((arg) => (arg === 'DB' ? ':memory:' : arg))
    const result = spawnSync(process.execPath, [runJs, ...args], {encoding: 'utf8', env: userEnvironment({XDG_CACHE_HOME: temp.path('cache')})})
    expect(result.stderr).toMatch(/^init hook ran for /m)
    expect(result.status).toBe(0)
  })

  it("keeps node's compile cache in a private folder of ccp's cache and still works where that folder cannot be made", async () => {
    const cache = temp.path('cache')
    const first = await runCli(['list', '--db', ':memory:'], {XDG_CACHE_HOME: cache})
    expect(first.code).toBe(0)
    const folder = join(cache, 'ccp', 'compile-cache')
    expect(statSync(folder).mode & 0o777).toBe(0o700)
    expect(readdirSync(folder, {recursive: true}).length).toBeGreaterThan(0)

    writeFileSync(temp.path('not-a-folder'), '')
    const blocked = await runCli(['list', '--db', ':memory:'], {XDG_CACHE_HOME: temp.path('not-a-folder')})
    expect(blocked).toMatchObject({code: 0, stderr: ''})
    expect(blocked.stdout).toContain('No members yet')
  })

  it('says nothing about the environment where HOME is a file or XDG_CACHE_HOME is relative', async () => {
    writeFileSync(temp.path('home-file'), '')
    for (const env of [{HOME: temp.path('home-file')}, {XDG_CACHE_HOME: 'relative/cache'}] as Record<string, string>[]) {
      const result = await runCli(['list', '--db', ':memory:'], env)
      expect(result).toMatchObject({code: 0, stderr: ''})
    }
  })
})

describe('the Node.js ccp runs on', () => {
  it.each([['22.14.0', 10], ['22.23.3', 10], ['24.21.0', 10], ['26.1.0', 10]])('runs on %s (Node-API %i)', (version, nodeApi) => {
    expect(unsupportedNode(version, nodeApi)).toBeUndefined()
  })

  // better-sqlite3 13 needs Node-API 10 (22.14+): 22.8 to 22.13 segfault, and before 22.8 there is no compile cache.
  it.each([['18.20.8', 8], ['20.20.2', 9], ['21.7.3', 9], ['22.0.0', 9], ['22.13.1', 9], ['23.5.0', 9]])('refuses %s (Node-API %i) with a sentence that says what to install', (version, nodeApi) => {
    expect(unsupportedNode(version, nodeApi)).toBe(`ccp needs Node.js 22.14.0 or newer; this is Node.js ${version}. Install Node.js 24 (or 22) and run ccp again.`)
  })
})
