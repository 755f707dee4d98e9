import {GROUP_ID} from '../fake-signal/server.js'
import {clockAt, cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('the recap settings through ccp config', () => {
  it('start off naming five; take a schedule and a zone; and show in config list', async () => {
    seedDatabase(temp.path('ccp.db'), () => {})
    const ccp = cliOn(temp.path('ccp.db'))
    expect((await ccp.run('config', 'get', 'recap.schedule')).stdout).toBe('recap.schedule = off (default)\n')
    expect((await ccp.run('config', 'get', 'recap.top')).stdout).toBe('recap.top = 5 (default)\n')
    expect(await ccp.json('config', 'set', 'recap.schedule', 'weekly Mon 09:00')).toMatchObject({source: 'database', value: 'weekly Mon 09:00'})
    expect(await ccp.json('config', 'set', 'recap.timezone', 'Europe/Berlin')).toMatchObject({source: 'database', value: 'Europe/Berlin'})
    expect(await ccp.json('config', 'set', 'recap.top', '3')).toMatchObject({source: 'database', value: '3'})
    const list = await ccp.json<{key: string; source: string; value: string}[]>('config', 'list')
    expect(list.filter((setting) => setting.key.startsWith('recap.'))).toMatchObject([
      {key: 'recap.schedule', source: 'database', value: 'weekly Mon 09:00'},
      {key: 'recap.timezone', source: 'database', value: 'Europe/Berlin'},
      {key: 'recap.top', source: 'database', value: '3'},
    ])
  })

  it('store a zone as Intl spells it, and show the host zone as the default', async () => {
    seedDatabase(temp.path('ccp.db'), () => {})
    const ccp = cliOn(temp.path('ccp.db'), {TZ: 'America/New_York'})
    expect((await ccp.run('config', 'get', 'recap.timezone')).stdout).toBe('recap.timezone = America/New_York (default)\n')
    expect(await ccp.json('config', 'get', 'recap.timezone')).toMatchObject({default: 'America/New_York', source: 'default', value: 'America/New_York'})
    expect((await ccp.run('config', 'set', 'recap.timezone', 'europe/berlin')).stdout).toBe('recap.timezone = Europe/Berlin\n')
    expect(dumpDatabase(temp.path('ccp.db'))).toMatchObject({settings: [{key: 'recap.timezone', value: 'Europe/Berlin'}]})
    const list = await ccp.json<{key: string; source: string; value: string}[]>('config', 'list')
    expect(list.find((setting) => setting.key === 'recap.timezone')).toMatchObject({source: 'database', value: 'Europe/Berlin'})
    // Empty is the host's zone again, wherever the bot runs.
    expect((await ccp.run('config', 'set', 'recap.timezone', '')).code).toBe(0)
    const inTokyo = cliOn(temp.path('ccp.db'), {...clockAt('2026-11-25T12:00:00Z'), TZ: 'Asia/Tokyo'})
    expect(await inTokyo.json('recap', '--dry-run', '--group', GROUP_ID)).toMatchObject({period: {from: '2026-11-15T15:00:00.000Z', key: 'week 2026-11-16'}})
  })

  it('take a monthly day up to 31, which a shorter month has on its last day', async () => {
    seedDatabase(temp.path('ccp.db'), () => {})
    const ccp = cliOn(temp.path('ccp.db'))
    expect((await ccp.run('config', 'set', 'recap.schedule', 'monthly 31 09:00')).stdout).toBe('recap.schedule = monthly 31 09:00\n')
    const help = await ccp.json<{description: string}>('config', 'get', 'recap.schedule')
    expect(help.description).toMatch(/monthly D HH:MM \(D up to 31: a shorter month has it on its last day\)/)
  })

  it.each([
    [['recap.schedule', 'weekly Funday 09:00'], /recap\.schedule: "weekly Funday 09:00" is not a recap schedule: "Funday" is not a day of the week.*weekly DAY HH:MM/],
    [['recap.schedule', 'daily 25:00'], /"25:00" is not a time of day from 00:00 to 23:59/],
    [['recap.schedule', 'monthly 32 09:00'], /"32" is not a day of the month from 1 to 31; write .*monthly D HH:MM \(D from 1 to 31; a month without day D has it on its last day\)/],
    [['recap.timezone', 'Mars/Olympus'], /recap\.timezone: "Mars\/Olympus" is not a time zone; write an IANA name like Europe\/Berlin/],
    [['recap.timezone', '+01:00'], /recap\.timezone: "\+01:00" is not a time zone; write an IANA name/],
    [['recap.top', '0'], /recap\.top: "0" is not a whole number from 1 to 50/],
  ])('refuses %j with exit 2 and stores nothing', async (args, message) => {
    const db = temp.path('ccp.db')
    await cliOn(db).run('config', 'set', 'recap.schedule', 'daily 08:00')
    const before = dumpDatabase(db)
    const result = await cliOn(db).run('config', 'set', ...args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(dumpDatabase(db)).toEqual(before)
    expect((await cliOn(db).run('config', 'get', 'recap.schedule')).stdout).toBe('recap.schedule = daily 08:00\n')
  })
})
