import {OPERATOR} from '../../src/core/actor.js'
import {Ledger} from '../../src/core/ledger.js'
import {lastCompletePeriod, type RecapPeriod} from '../../src/core/recap/period.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedSettings} from '../helpers/db.js'
import {stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer | undefined

stopAfterEach(() => {
  const running = fake
  fake = undefined
  return {fake: running}
})

function signal(url: string): string[] {
  return ['--signal-url', url, '--number', '+15550000000']
}

/** Amy, Ben and Cy with awards in last week (in UTC) and one in this week, which the recap leaves out. */
function seedLastWeek(db: string): RecapPeriod {
  const week = lastCompletePeriod('week', Date.now(), 'UTC')
  const store = SqliteStore.open(db)
  let now = week.from - 86_400_000
  const ledger = new Ledger(store, {now: () => now})
  for (const name of ['amy', 'ben', 'cy']) ledger.addMember({name})
  now = week.from + 3_600_000
  ledger.award(OPERATOR, {points: 7, target: {name: 'ben'}})
  now = week.to - 1
  ledger.award(OPERATOR, {points: -2, target: {name: 'amy'}})
  now = week.to
  ledger.award(OPERATOR, {points: 100, target: {name: 'cy'}})
  store.close()
  seedSettings(db, {'chat.groups': GROUP_ID, 'recap.timezone': 'UTC'})
  return week
}

describe('ccp recap', () => {
  it('shows with --dry-run what it would post, then posts the same recap of last week to the group', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    const week = seedLastWeek(db)
    const before = dumpDatabase(db)
    const dry = await cliOn(db).json<{message: string; period: {key: string}; recipients: string[]; sent: boolean}>('recap', ...signal(fake.url), '--dry-run')
    expect(dry).toMatchObject({period: {key: week.key}, recipients: [GROUP_REST_ID], sent: false})
    expect(dry.message).toMatch(/^Recap of the week from Mon \d{1,2} \w{3} \d{4}:\n/)
    expect(dry.message.split('\n').slice(1)).toEqual(['Top gainers:', '1. ben: +7 (Citizen)', 'Biggest fall: amy, -2.', '2 awards from 1 giver.', 'Tier changes: amy Citizen → Reeducation Candidate.'])
    expect(fake.sent).toHaveLength(0)
    expect((await cliOn(db).run('recap', ...signal(fake.url))).stdout).toBe('Posted to the group.\n')
    expect(fake.sent).toHaveLength(1)
    expect(fake.sent[0]).toMatchObject({message: dry.message, recipient: GROUP_REST_ID})
    expect(dumpDatabase(db)).toEqual(before)
  })

  it('takes the period from recap.schedule, or from --period, and refuses one it does not know', async () => {
    const db = temp.path('ccp.db')
    seedLastWeek(db)
    seedSettings(db, {'recap.schedule': 'daily 08:00'})
    expect(await cliOn(db).json('recap', '--dry-run')).toMatchObject({period: {key: lastCompletePeriod('day', Date.now(), 'UTC').key}})
    expect(await cliOn(db).json('recap', '--dry-run', '--period', 'last-month')).toMatchObject({period: {key: lastCompletePeriod('month', Date.now(), 'UTC').key}})
    const bad = await cliOn(db).run('recap', '--dry-run', '--period', 'last-year')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/last-year/)
  })
})
