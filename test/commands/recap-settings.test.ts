import {cliOn} from '../helpers/cli.js'
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

  it.each([
    [['recap.schedule', 'weekly Funday 09:00'], /recap\.schedule: "weekly Funday 09:00" is not a recap schedule: "Funday" is not a day of the week.*weekly DAY HH:MM/],
    [['recap.schedule', 'daily 25:00'], /"25:00" is not a time of day from 00:00 to 23:59/],
    [['recap.schedule', 'monthly 31 09:00'], /"31" is not a day of the month from 1 to 28/],
    [['recap.timezone', 'Mars/Olympus'], /recap\.timezone: "Mars\/Olympus" is not a time zone; write an IANA name like Europe\/Berlin/],
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
