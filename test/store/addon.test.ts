import {cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * An install of ccp where better-sqlite3's addon cannot load and none was built from source: a platform it brings
 * no prebuilt addon for, or one whose system libraries are too old for the prebuilt one (`damaged`).
 */
function installWithoutAddon(folder: string, prebuilt: 'damaged' | 'none'): string {
  for (const part of ['bin', 'dist']) cpSync(join(ROOT, part), join(folder, part), {recursive: true})
  for (const file of ['package.json', 'oclif.manifest.json']) cpSync(join(ROOT, file), join(folder, file))
  mkdirSync(join(folder, 'node_modules'))
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'better-sqlite3') symlinkSync(join(ROOT, 'node_modules', name), join(folder, 'node_modules', name))
  }

  const sqlite = join(ROOT, 'node_modules', 'better-sqlite3')
  const copy = join(folder, 'node_modules', 'better-sqlite3')
  cpSync(sqlite, copy, {filter: (source) => !/[/\\](prebuilds|build|deps|src)$/.test(source), recursive: true})
  if (prebuilt === 'damaged') {
    mkdirSync(join(copy, 'prebuilds'))
    writeFileSync(join(copy, 'prebuilds', `${process.platform}-${process.arch}.node`), 'not a shared library')
  }

  return join(folder, 'bin', 'run.js')
}

describe('a platform without a native SQLite addon', () => {
  const temp = useTempDir()

  it.each(['none', 'damaged'] as const)('says how to build the addon from source, exits 3, and writes no database (prebuilt addon: %s)', async (prebuilt) => {
    const runJs = installWithoutAddon(temp.path('ccp'), prebuilt)
    const db = temp.path('data/ccp.db')
    const result = await runCli(['adduser', 'alice', '--db', db], {}, undefined, runJs)
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('better-sqlite3 has no native addon that loads on')
    expect(result.stderr).toContain('npm run build:sqlite')
    expect(result.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(existsSync(db)).toBe(false)
  })
})
