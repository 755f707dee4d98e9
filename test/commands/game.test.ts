import {OPERATOR} from '../../src/core/actor.js'
import {cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase, tableRows} from '../helpers/db.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

describe('ccp config', () => {
  it('sets, shows, lists and unsets settings, saying where each value comes from', async () => {
    seedDatabase(temp.path('ccp.db'), () => {})
    const ccp = cliOn(temp.path('ccp.db'))
    expect((await ccp.run('config', 'get', 'award.max')).stdout).toBe('award.max = 100 (default)\n')
    expect(await ccp.json('config', 'set', 'award.max', '50')).toMatchObject({key: 'award.max', source: 'database', value: '50'})
    expect((await ccp.run('config', 'get', 'award.max')).stdout).toBe('award.max = 50\n')
    const list = await ccp.json<{key: string; source: string; value: string}[]>('config', 'list')
    // In the order of their names, as a reader looks them up.
    expect(list.map((setting) => setting.key)).toEqual(['award.cooldown', 'award.hourly', 'award.max', 'award.negative', 'chat.admins', 'chat.givers', 'chat.groups', 'chat.plusplus', 'chat.plusplus.points', 'chat.prefix', 'reactions', 'recap.schedule', 'recap.timezone', 'recap.top', 'tiers'])
    expect(list.find((setting) => setting.key === 'award.max')).toMatchObject({source: 'database', value: '50'})
    expect((await ccp.run('config', 'unset', 'award.max')).stdout).toBe('award.max = 100 (default)\n')
  })

  it('stores a reactions list in its plain form, and an empty one turns reactions off', async () => {
    seedDatabase(temp.path('ccp.db'), () => {})
    const ccp = cliOn(temp.path('ccp.db'))
    expect(await ccp.json('config', 'get', 'reactions')).toMatchObject({source: 'default', value: ''})
    expect(await ccp.json('config', 'set', 'reactions', ' 👍=1, 🔥=+2 ,,👎=-1 ')).toMatchObject({source: 'database', value: '👍=1,🔥=2,👎=-1'})
    expect((await ccp.run('config', 'get', 'reactions')).stdout).toBe('reactions = 👍=1,🔥=2,👎=-1\n')
    expect(await ccp.json('config', 'set', 'reactions', '')).toMatchObject({source: 'database', value: ''})
  })

  it.each([
    ['award.cooldown', '90 s', '90s'],
    ['award.cooldown', '120s', '2m'],
    ['award.cooldown', '1500ms', '1500ms'],
    ['award.cooldown', '0', '0s'],
    ['award.hourly', ' 0050', '50'],
    ['award.negative', 'No', 'off'],
    ['award.negative', 'TRUE', 'on'],
    ['chat.admins', ' +15551110001, 22222222-2222-4222-8222-22222222222A,+15551110001', '22222222-2222-4222-8222-22222222222a,+15551110001'],
    ['chat.givers', 'EVERYONE', 'everyone'],
    ['chat.groups', 'group.MkRpY0VRNWxPblNjNTE2VHRlMG5WQWQ0ZFNvZlR2cnlPM3pzWmp3RWV0Zz0=,', '2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg='],
    ['chat.plusplus', 'ON', 'on'],
    ['chat.plusplus', 'yes', 'on'],
    ['chat.plusplus.points', '03', '3'],
    ['reactions', '👍=1,,🔥=2', '👍=1,🔥=2'],
    ['reactions', '👍=+3', '👍=3'],
    ['recap.schedule', 'Daily 9:00', 'daily 09:00'],
    ['recap.schedule', ' WEEKLY monday  9:05', 'weekly Mon 09:05'],
    ['recap.schedule', 'monthly 07 23:59', 'monthly 7 23:59'],
    ['recap.schedule', 'OFF', 'off'],
    ['recap.top', '07', '7'],
    ['tiers', '100 : Hero , -5:Suspect,0:Citizen', '-5:Suspect,0:Citizen,100:Hero'],
  ])('stores and shows %s %j as %j', async (key, typed, canonical) => {
    const ccp = cliOn(temp.path('ccp.db'))
    const set = await ccp.run('config', 'set', key, typed)
    expect(set).toMatchObject({code: 0, stdout: `${key} = ${canonical}\n`})
    expect(await ccp.json('config', 'get', key)).toMatchObject({source: 'database', value: canonical})
  })

  it('shows an env var winning over the database for a chat key', async () => {
    const db = temp.path('ccp.db')
    await cliOn(db).run('config', 'set', 'chat.prefix', '!db')
    const withEnv = cliOn(db, {CCP_PREFIX: '!env'})
    expect(await withEnv.json('config', 'get', 'chat.prefix')).toMatchObject({source: 'env CCP_PREFIX', value: '!env'})
    const set = await withEnv.run('config', 'set', 'chat.prefix', '!again')
    expect(set.stderr).toMatch(/CCP_PREFIX is set here and wins over the stored value/)
  })

  it.each([
    [['set', 'award.max', 'lots'], /award\.max: "lots" is not a whole number from 1 to 1,000,000\./],
    [['set', 'award.cooldown', '5 minutes'], /not a duration; write it like 30s, 5m, 2h or 0/],
    [['set', 'tiers', '0:Citizen,0:Other'], /Two tiers start at 0/],
    [['set', 'chat.admins', 'Alice'], /Admin "Alice" is neither/],
    [['set', 'reactions', '👍=1,🔥'], /reactions: "🔥" is not emoji=points; write the list like 👍=1,🔥=2,👎=-1\./],
    [['set', 'reactions', 'like=1'], /reactions: "like" is not one emoji/],
    [['set', 'reactions', '👍=0'], /reactions: "👍=0": An award is a whole number/],
    [['set', 'reactions', '👍=1,👍🏽=2'], /👍🏽 is named twice/],
    [['set', 'chat.plusplus', 'enabled'], /chat\.plusplus: "enabled" is not on or off \(also accepted: true, false, yes, no, 1, 0\)\./],
    [['set', 'award.maximum', '5'], /There is no setting "award.maximum"; the settings are award\.cooldown/],
    [['get', 'nope'], /There is no setting "nope"/],
  ])('refuses %j with exit 2 and stores nothing', async (args, message) => {
    const db = temp.path('ccp.db')
    await cliOn(db).run('config', 'set', 'award.max', '42')
    const before = dumpDatabase(db)
    const result = await cliOn(db).run('config', ...args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect((await cliOn(db).run('config', 'get', 'award.max')).stdout).toBe('award.max = 42\n')
    expect(dumpDatabase(db)).toEqual(before)
  })
})

describe('seasons, windows and group awards at the terminal', () => {
  it('starts seasons, lists past ones, and ranks by season, window or all time', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => {
      for (const name of ['amy', 'ben', 'cy']) ledger.addMember({name})
      ledger.award(OPERATOR, {points: 30, target: {name: 'amy'}})
    })
    const ccp = cliOn(db)
    expect(await ccp.json('season', 'start', 'Spring')).toMatchObject({name: 'Spring'})
    expect(await ccp.json('award', 'ben', 'cy', '5', '--reason', 'the cake')).toMatchObject([
      {name: 'ben', points: 5, reason: 'the cake', total: 5},
      {name: 'cy', points: 5, reason: 'the cake', total: 5},
    ])
    const current = await ccp.run('list')
    expect(current.stdout.split('\n')[0]).toMatch(/^Season "Spring" standings \(since \d{4}-\d\d-\d\d\)$/)
    expect(tableRows(current.stdout).map((row) => row.slice(0, 4))).toEqual([
      ['1', 'ben', '5', 'Citizen'],
      ['1', 'cy', '5', 'Citizen'],
      ['3', 'amy', '0', 'Citizen'],
    ])
    expect(await ccp.json('list', '--all-time', '--limit', '1')).toEqual([{name: 'amy', points: 30, rank: 1, tier: 'Citizen'}])
    expect(await ccp.json('list', '--since', '1d', '--limit', '1')).toEqual([{name: 'amy', points: 30, rank: 1, tier: 'Citizen'}])
    await ccp.run('season', 'start')
    expect(await ccp.json('list', '--season', 'spring', '--limit', '2')).toEqual([
      {name: 'ben', points: 5, rank: 1, tier: 'Citizen'},
      {name: 'cy', points: 5, rank: 1, tier: 'Citizen'},
    ])
    expect(await ccp.json('season', 'list')).toMatchObject([{name: 'Spring'}, {name: 'Season 2'}])
    expect((await ccp.run('list', '--season', 'Winter')).stderr).toMatch(/There is no season "Winter"; the seasons are Spring, Season 2\./)
    expect((await ccp.run('list', '--since', 'yesterday')).code).toBe(2)
    expect((await ccp.run('list', '--since', '2999-01-01')).stderr).toMatch(/in the future/)
    // The years 0 to 99 are those years (the Date constructor made them 1900 to 1999).
    expect((await ccp.run('list', '--since', '0050-01-01')).stdout).toMatch(/^Points gained since 00(50-01-01|49-12-31) /)
  })

  it('refuses a group award as a whole when one name is unknown', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => ledger.addMember({name: 'amy'}))
    const before = dumpDatabase(db)
    const result = await cliOn(db).run('award', 'amy', 'zed', '5')
    expect(result).toMatchObject({code: 1, stderr: 'Error: No member is named "zed"; add them first with adduser.\n'})
    expect(dumpDatabase(db)).toEqual(before)
  })
})

describe('ccp stats', () => {
  it('shows given and received points, the extremes, and a weekly chart', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => {
      ledger.addMember({name: 'amy', number: '+15551110001'})
      ledger.addMember({name: 'ben', number: '+15551110002'})
      ledger.award({kind: 'chat', number: '+15551110001', profileName: 'Amy', uuid: null}, {points: 7, target: {name: 'ben'}})
      ledger.award(OPERATOR, {points: -3, target: {name: 'amy'}})
      ledger.react({kind: 'chat', number: '+15551110001', profileName: 'Amy', uuid: null}, {emoji: '👍', points: 2, reactedAt: 2, targetAuthor: {number: '+15551110002', uuid: null}, targetTimestamp: 1})
    })
    const {stdout} = await cliOn(db).run('stats', '--weeks', '2')
    expect(tableRows(stdout)).toEqual([
      ['amy', '+9', '-3'],
      ['ben', '0', '+9'],
    ])
    expect(stdout).toMatch(/^Most generous: amy \(\+9 given\)$/m)
    expect(stdout).toMatch(/^Most punished: amy \(-3 taken\)$/m)
    expect(stdout).toMatch(/^Awards: 2 typed, 1 by reaction$/m)
    expect(stdout).toMatch(/^ {2}\d{4}-\d\d-\d\d {2}█{30} 3$/m)
    const json = await cliOn(db).json<{awards: unknown; weeks: unknown[]}>('stats', '--weeks', '3')
    expect(json.weeks).toHaveLength(3)
    expect(json.awards).toEqual({reactions: 1, typed: 2})
  })
})
