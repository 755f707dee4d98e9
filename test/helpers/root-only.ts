import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Whether this process runs as root (uid 0), whom file modes do not stop. */
export const isRoot = process.getuid?.() === 0

/** Set by .ci/run: CI runs as root, so there a root-only test that would be skipped is a failure instead. */
const REQUIRED = 'CCP_REQUIRE_ROOT_TESTS'

/**
 * Whether `attempt` works here, tried once in a scratch folder: being root is not enough where the capability is
 * dropped (a container's root without CAP_SYS_ADMIN cannot mount, one without CAP_LINUX_IMMUTABLE cannot chattr).
 */
function able(attempt: (folder: string) => void): boolean {
  if (!isRoot) return false
  const folder = mkdtempSync(join(tmpdir(), 'ccp-probe-'))
  try {
    attempt(folder)
    return true
  } catch {
    return false
  } finally {
    rmSync(folder, {force: true, recursive: true})
  }
}

export const canMountTmpfs = able((folder) => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', folder], {stdio: 'ignore'})
  execFileSync('umount', [folder], {stdio: 'ignore'})
})

export const canSetImmutable = able((folder) => {
  const file = join(folder, 'probe')
  writeFileSync(file, '')
  execFileSync('chattr', ['+i', file], {stdio: 'ignore'})
  execFileSync('chattr', ['-i', file], {stdio: 'ignore'})
})

/**
 * `it` for a test that needs a privilege, `need` saying which (for example "mount a size-limited tmpfs") and
 * `allowed` whether this process has it. With it, plain `it`. Otherwise the test is not run and
 * "not run here, needs root: NEED: TITLE" is printed, so that a contributor's `npm test` is green and says what
 * it left out; with CCP_REQUIRE_ROOT_TESTS=1 it fails instead, so that CI cannot lose these tests by running
 * without the privilege.
 */
export function rootOnly(need: string, allowed: boolean): (title: string, test: jest.ProvidesCallback) => void {
  if (allowed) return (title, test) => it(title, test)
  const reason = `needs root: ${need}`
  if (process.env[REQUIRED] === '1') {
    return (title) =>
      it(`${title} (${reason})`, () => {
        throw new Error(`${REQUIRED}=1, but this process (uid ${process.getuid?.()}) cannot ${need}: run the tests as a root with that capability, or unset ${REQUIRED}.`)
      })
  }

  // Not registered at all (a skipped test would look like one forgotten): the reason is printed instead.
  return (title) => {
    process.stderr.write(`not run here, ${reason}: ${title}\n`)
  }
}
