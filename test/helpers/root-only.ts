/** Whether this process runs as root (uid 0), who may mount file systems and set file attributes. */
export const isRoot = process.getuid?.() === 0

/** Set by .ci/run: CI runs as root, so there a root-only test that would be skipped is a failure instead. */
const REQUIRED = 'CCP_REQUIRE_ROOT_TESTS'

/**
 * `it` for a test that needs root, `need` saying for what (for example "mount a size-limited tmpfs"). As root it is
 * plain `it`. Otherwise the test is skipped under the title "needs root: NEED: TITLE" and the reason is printed,
 * so that a contributor's `npm test` is green and says what it left out; with CCP_REQUIRE_ROOT_TESTS=1 it fails
 * instead, so that CI cannot lose these tests by running as someone else.
 */
export function rootOnly(need: string): (title: string, test: jest.ProvidesCallback) => void {
  if (isRoot) return (title, test) => it(title, test)
  const reason = `needs root: ${need}`
  if (process.env[REQUIRED] === '1') {
    return (title) =>
      it(`${title} (${reason})`, () => {
        throw new Error(`${REQUIRED}=1, but the tests run as uid ${process.getuid?.()}: run them as root or unset ${REQUIRED}.`)
      })
  }

  return (title, test) => {
    process.stderr.write(`skipped, ${reason}: ${title}\n`)
    it.skip(`${reason}: ${title}`, test)
  }
}
