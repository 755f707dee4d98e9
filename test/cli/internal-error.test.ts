import {fileURLToPath} from 'node:url'

import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const BROKEN = fileURLToPath(new URL('../helpers/broken-normalize.js', import.meta.url))

/** ccp with a planted fault that no ccp code expects (see test/helpers/broken-normalize.js). */
function runBroken(args: string[], env: Record<string, string> = {}) {
  return runCli(args, {NODE_OPTIONS: `--import=${BROKEN}`, ...env})
}

describe('an unexpected internal error', () => {
  beforeEach(async () => {
    expect((await runCli(['adduser', 'bob', '--db', temp.path('ccp.db')])).code).toBe(0)
  })

  it('exits 4 with one sentence and no stack, so a script can tell a bug from a refusal (1)', async () => {
    const result = await runBroken(['score', 'alice', '--db', temp.path('ccp.db')])
    expect(result.code).toBe(4)
    expect(result.stderr).toBe(
      'Error: Internal error: normalize broke (planted by the test). This is a bug in ccp; run again with DEBUG=ccp set to see where it happened.\n',
    )
    expect(result.stdout).toBe('')
  })

  it('shows the stack when DEBUG is set', async () => {
    const result = await runBroken(['score', 'alice', '--db', temp.path('ccp.db')], {DEBUG: 'ccp'})
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/^Error: Internal error: normalize broke/)
    expect(result.stderr).toMatch(/TypeError: normalize broke \(planted by the test\)\n\s+at String\.normalize \(.*broken-normalize\.js/)
  })

  it('prints the JSON error on stdout under --json', async () => {
    const result = await runBroken(['score', 'alice', '--json', '--db', temp.path('ccp.db')])
    expect(result.code).toBe(4)
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'INTERNAL',
        exitCode: 4,
        message: 'Internal error: normalize broke (planted by the test). This is a bug in ccp; run again with DEBUG=ccp set to see where it happened.',
      },
    })
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('the same command without the fault is refused by the rules with 1, not 4', async () => {
    const result = await runCli(['score', 'alice', '--db', temp.path('ccp.db')])
    expect(result).toMatchObject({code: 1, stderr: expect.stringMatching(/alice/)})
  })
})
