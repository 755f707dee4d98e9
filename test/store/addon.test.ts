import {cpSync, existsSync, mkdirSync, readdirSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** An install of ccp on a platform better-sqlite3 brings no prebuilt addon for, and where none was built. */
function installWithoutAddon(folder: string): string {
  for (const part of ['bin', 'dist']) cpSync(join(ROOT, part), join(folder, part), {recursive: true})
  for (const file of ['package.json', 'oclif.manifest.json']) cpSync(join(ROOT, file), join(folder, file))
  mkdirSync(join(folder, 'node_modules'))
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'better-sqlite3') symlinkSync(join(ROOT, 'node_modules', name), join(folder, 'node_modules', name))
  }

  const sqlite = join(ROOT, 'node_modules', 'better-sqlite3')
  cpSync(sqlite, join(folder, 'node_modules', 'better-sqlite3'), {filter: (source) => !/[/\\](prebuilds|build|deps|src)$/.test(source), recursive: true})
  return join(folder, 'bin', 'run.js')
}

describe('a platform without a native SQLite addon', () => {
  const temp = useTempDir()

  it('says how to build the addon from source, exits 3, and writes no database', async () => {
    const runJs = installWithoutAddon(temp.path('ccp'))
    const db = temp.path('data/ccp.db')
    const result = await runCli(['adduser', 'alice', '--db', db], {}, undefined, runJs)
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('better-sqlite3 has no native addon for')
    expect(result.stderr).toContain('npm run build:sqlite')
    expect(result.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(existsSync(db)).toBe(false)
  })
})
