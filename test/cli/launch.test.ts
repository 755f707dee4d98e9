import {execFileSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {namesOwnCommand} from '../../src/cli/launch.js'

const LOADER = fileURLToPath(new URL('../../dist/cli/code-cache.js', import.meta.url))

/** Loads `file` with the code cache in a fresh node process (the cache is written as a process exits); returns what it exported. */
function load(file: string): unknown {
  const script = `import {requireWithCodeCache} from ${JSON.stringify(LOADER)}
const loaded = requireWithCodeCache(process.argv[1])
const again = (await import('node:module')).createRequire(process.argv[1])(process.argv[1])
console.log(JSON.stringify({same: loaded === again, value: loaded.value}))`
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, file], {encoding: 'utf8'})) as {same: boolean; value: unknown}
  expect(out.same).toBe(true)
  return out.value
}

function moduleFile(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ccp-code-cache-')), 'module.cjs')
  writeFileSync(file, source)
  return file
}

/** Rewrites a file with a source of the same length, which V8 alone would not notice, keeping its modification time. */
function rewrite(file: string, source: string): void {
  expect(source.length).toBe(readFileSync(file, 'utf8').length)
  const {atime, mtime} = statSync(file)
  writeFileSync(file, source)
  utimesSync(file, atime, mtime)
}

describe('loading the bundled CLI with V8 code cache', () => {
  it('writes the cache beside the file on the first run and reads it on the next, without writing it again', () => {
    const file = moduleFile('exports.value = [1, 2, 3].map((n) => n * 2)\n')
    expect(load(file)).toEqual([2, 4, 6])
    const cache = statSync(`${file}.cache`)
    expect(cache.size).toBeGreaterThan(20)
    expect(load(file)).toEqual([2, 4, 6])
    expect(statSync(`${file}.cache`).mtimeMs).toBe(cache.mtimeMs)
  })

  it('runs the new source when the file changed, even at the same length and time, and caches it again', () => {
    const file = moduleFile('exports.value = "first"\n')
    expect(load(file)).toBe('first')
    const before = readFileSync(`${file}.cache`)
    rewrite(file, 'exports.value = "other"\n')
    expect(load(file)).toBe('other')
    expect(readFileSync(`${file}.cache`).equals(before)).toBe(false)
    expect(load(file)).toBe('other')
  })

  it('uses a cache that moved with its file, whatever the times (npm pack sets every file to 1985)', () => {
    const file = moduleFile('exports.value = "packed"\n')
    load(file)
    const moved = join(mkdtempSync(join(tmpdir(), 'ccp-code-cache-')), 'module.cjs')
    copyFileSync(file, moved)
    copyFileSync(`${file}.cache`, `${moved}.cache`)
    const packed = new Date('1985-10-26T08:15:00Z')
    for (const path of [moved, `${moved}.cache`]) utimesSync(path, packed, packed)
    expect(load(moved)).toBe('packed')
    expect(statSync(`${moved}.cache`).mtimeMs).toBe(packed.getTime())
  })

  it('ignores a damaged cache and replaces it', () => {
    const file = moduleFile('exports.value = 42\n')
    load(file)
    const damaged = Buffer.concat([readFileSync(`${file}.cache`).subarray(0, 20), Buffer.from('not a code cache at all')])
    writeFileSync(`${file}.cache`, damaged)
    expect(load(file)).toBe(42)
    const replaced = statSync(`${file}.cache`)
    expect(readFileSync(`${file}.cache`).equals(damaged)).toBe(false)
    expect(load(file)).toBe(42)
    expect(statSync(`${file}.cache`).mtimeMs).toBe(replaced.mtimeMs)
  })

  it('loads from a folder it may not write, and writes nothing there', () => {
    const file = moduleFile('exports.value = "read-only"\n')
    // chattr +i makes the folder immutable even for root, who ignores file modes.
    execFileSync('chattr', ['+i', join(file, '..')])
    try {
      expect(load(file)).toBe('read-only')
      expect(readdirSync(join(file, '..'))).toEqual(['module.cjs'])
    } finally {
      execFileSync('chattr', ['-i', join(file, '..')])
    }
  })

  it('still loads where the cache cannot be written, and leaves no partial file behind', () => {
    const file = moduleFile('exports.value = "loaded"\n')
    mkdirSync(`${file}.cache`) // a folder in the way: the cache can be neither read nor written
    mkdirSync(join(`${file}.cache`, 'keep'))
    expect(load(file)).toBe('loaded')
    expect(readdirSync(join(file, '..')).sort()).toEqual(['module.cjs', 'module.cjs.cache'])
    expect(existsSync(join(`${file}.cache`, 'keep'))).toBe(true)
  })
})

describe('which command lines start from the code cache, without plugins', () => {
  const ids = ['adduser', 'config:get', 'config:set', 'list']

  it.each([
    [['list', '--limit', '3'], true],
    [['config', 'set', 'award.max', '5'], true],
    [['config:set', 'award.max', '5'], true],
    [['config'], true],
    [['list', '--help'], true],
    [[], false],
    [['--version'], false],
    [['--help'], false],
    [['help', 'list'], false],
    [['autocomplete', 'bash'], false],
    [['lst'], false],
  ])('%j: %s', (argv, own) => {
    expect(namesOwnCommand(argv as string[], ids)).toBe(own)
  })
})
