import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {targetOf} from '../../src/cli/launch.js'

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

/** Rewrites a file with a source of the same length, as V8 alone would not notice, and a newer time. */
function rewrite(file: string, source: string): void {
  expect(source.length).toBe(readFileSync(file, 'utf8').length)
  writeFileSync(file, source)
  const later = new Date(statSync(file).mtimeMs + 5000)
  utimesSync(file, later, later)
}

describe('loading the bundled CLI with V8 code cache', () => {
  it('writes the cache beside the file on the first run and reads it on the next, without writing it again', () => {
    const file = moduleFile('exports.value = [1, 2, 3].map((n) => n * 2)\n')
    expect(load(file)).toEqual([2, 4, 6])
    const cache = statSync(`${file}.cache`)
    expect(cache.size).toBeGreaterThan(16)
    expect(load(file)).toEqual([2, 4, 6])
    expect(statSync(`${file}.cache`).mtimeMs).toBe(cache.mtimeMs)
  })

  it('runs the new source when the file changed, even at the same length, and caches it again', () => {
    const file = moduleFile('exports.value = "first"\n')
    expect(load(file)).toBe('first')
    const before = readFileSync(`${file}.cache`)
    rewrite(file, 'exports.value = "other"\n')
    expect(load(file)).toBe('other')
    expect(readFileSync(`${file}.cache`).equals(before)).toBe(false)
    expect(load(file)).toBe('other')
  })

  it('ignores a damaged cache and replaces it', () => {
    const file = moduleFile('exports.value = 42\n')
    load(file)
    const damaged = Buffer.concat([readFileSync(`${file}.cache`).subarray(0, 16), Buffer.from('not a code cache at all')])
    writeFileSync(`${file}.cache`, damaged)
    expect(load(file)).toBe(42)
    const replaced = statSync(`${file}.cache`)
    expect(readFileSync(`${file}.cache`).equals(damaged)).toBe(false)
    expect(load(file)).toBe(42)
    expect(statSync(`${file}.cache`).mtimeMs).toBe(replaced.mtimeMs)
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

describe('how a command line starts', () => {
  const ids = ['adduser', 'config:get', 'config:set', 'list']

  it.each([
    [[], 'core'],
    [['--version'], 'core'],
    [['--help'], 'core'],
    [['list', '--limit', '3'], 'own'],
    [['config', 'set', 'award.max', '5'], 'own'],
    [['config'], 'own'],
    [['config:set', 'award.max', '5'], 'own'],
    [['help', 'list'], 'other'],
    [['autocomplete', 'bash'], 'other'],
    [['lst'], 'other'],
  ])('%j is %s', (argv, target) => {
    expect(targetOf(argv as string[], ids)).toBe(target)
  })
})
