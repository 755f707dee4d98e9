import {FakeSignalServer} from '../fake-signal/server.js'
import {runCli} from '../helpers/cli.js'
import {readTable, widestLine} from '../helpers/table-text.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const GROUPS = 50_000

/** An account in 50,000 groups, as signal-cli-rest-api lists them. */
function manyGroups(): unknown[] {
  return Array.from({length: GROUPS}, (_, index) => {
    const internalId = Buffer.from(`group number ${String(index).padStart(18, '0')}`).toString('base64')
    return {id: `group.${Buffer.from(internalId).toString('base64')}`, internal_id: internalId, members: ['+15550000000', '+15551110001'], name: `Group ${index}`}
  })
}

describe('ccp groups with 50,000 groups', () => {
  let fake: FakeSignalServer
  beforeAll(async () => {
    fake = await FakeSignalServer.start({groups: manyGroups()})
  })
  afterAll(async () => {
    await fake.stop()
  })

  const signal = (): string[] => ['--signal-url', fake.url, '--number', '+15550000000', '--db', temp.path('ccp.db')]

  // Both took minutes: --json drew the text table too, and cli-table3 lays a table out in quadratic time.
  it('answers --json in seconds, without drawing the table', async () => {
    const started = Date.now()
    const result = await runCli(['groups', '--json', ...signal()])
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(result.code).toBe(0)
    const groups = JSON.parse(result.stdout) as {members: number; name: string}[]
    expect(groups).toHaveLength(GROUPS)
    expect(groups[GROUPS - 1]).toMatchObject({configured: true, members: 2, name: `Group ${GROUPS - 1}`})
  })

  it('draws the table in seconds', async () => {
    const started = Date.now()
    const result = await runCli(['groups', ...signal()])
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(2 * GROUPS + 3)
    expect(lines.at(-2)).toMatch(/^│ Group 49999 +│ [\w+/=]+ +│ group\.[\w+/=]+ +│ +2 │ yes +│$/)
  })

  it('fits a narrower terminal with every id whole, in seconds', async () => {
    const started = Date.now()
    const result = await runCli(['groups', ...signal()], {COLUMNS: '100'})
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(result.code).toBe(0)
    expect(widestLine(result.stdout)).toBeLessThanOrEqual(100)
    const rows = readTable(result.stdout, ['Name', 'Internal id', 'group. id', 'Members', 'Answers'])
    expect(rows).toHaveLength(GROUPS)
    const [first] = manyGroups() as {id: string; internal_id: string}[]
    expect(rows[0]).toEqual({Answers: 'yes', 'group. id': first.id, 'Internal id': first.internal_id, Members: '2', Name: 'Group 0'})
  })
})
