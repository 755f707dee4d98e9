import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** A fresh folder per test, removed afterwards. */
export function useTempDir(): {path: (name?: string) => string} {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccp-test-'))
  })
  afterEach(() => {
    rmSync(dir, {force: true, recursive: true})
  })
  return {path: (name = '') => join(dir, name)}
}
