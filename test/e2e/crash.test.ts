import {runCrashScenario} from '../helpers/crash.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('ccp serve under kill -9', () => {
  it('applies each of 500 commands exactly once through 12 SIGKILLs, while the CLI writes too', async () => {
    const outcome = await runCrashScenario({commands: 500, db: temp.path('ccp.db'), kills: 12, mode: 'poll'})
    expect(outcome.cliResults).toEqual(Array(10).fill(0))
    expect(outcome.notExactlyOnce).toEqual([])
    expect(outcome.chatEntries).toBe(500)
    expect(outcome.replies).toEqual([{n: 500, status: 'sent'}])
    expect(outcome.totals).toEqual(outcome.expectedTotals)
  })
})
