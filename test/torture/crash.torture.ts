import {runCrashScenario} from '../helpers/crash.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe.each(['poll', 'websocket'] as const)('ccp serve in %s mode under 30 SIGKILLs', (mode) => {
  it('applies each of 2,000 commands exactly once and sends every reply, while the CLI writes too', async () => {
    const outcome = await runCrashScenario({commands: 2000, db: temp.path('ccp.db'), kills: 30, mode})
    expect(outcome.cliResults).toEqual(Array(10).fill(0))
    expect(outcome.notExactlyOnce).toEqual([])
    expect(outcome.chatEntries).toBe(2000)
    expect(outcome.replies).toEqual([{n: 2000, status: 'sent'}])
    expect(outcome.totals).toEqual(outcome.expectedTotals)
  })
})
