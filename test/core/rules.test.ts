import {OPERATOR} from '../../src/core/actor.js'
import {CcpError} from '../../src/core/errors.js'
import {checkSettingValue, resolveSettings, SETTING_KEYS, SETTINGS} from '../../src/core/settings.js'
import {BOB, CAROL} from '../helpers/chat.js'
import {ALICE, memoryLedger} from '../helpers/ledger.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

function refusal(work: () => unknown): {code: string; message: string} {
  try {
    work()
  } catch (error) {
    if (error instanceof CcpError) return {code: error.code, message: error.message}
    throw error
  }

  throw new Error('it was allowed')
}

/** A ledger where Alice, Bob and Carol are members bound to their identities, plus dave (no identity). */
function game(settings: Record<string, string> = {}) {
  const fixture = memoryLedger()
  for (const [key, value] of Object.entries(settings)) fixture.store.saveSetting(key, value, 0)
  const {ledger} = fixture
  ledger.addMember({name: 'alice', number: ALICE.number, uuid: ALICE.uuid})
  ledger.addMember({name: 'bob', number: BOB.number, uuid: BOB.uuid})
  ledger.addMember({name: 'carol', uuid: CAROL.uuid})
  ledger.addMember({name: 'dave'})
  return fixture
}

describe('the rules for chat awards', () => {
  it('let nobody award themselves, matched by identity, whatever the name', () => {
    const {ledger} = game()
    expect(refusal(() => ledger.award(ALICE, {points: 5, target: {name: 'alice'}}))).toEqual({
      code: 'SELF_AWARD',
      message: 'Nobody awards themselves, and "alice" is you (a rule of the game).',
    })
    // Another name (Alice in Cyrillic) bound to Alice's identity is still Alice.
    ledger.addMember({name: 'Алиса2', uuid: null})
    ledger.rename({name: 'alice'}, 'Алиса')
    expect(refusal(() => ledger.award(ALICE, {points: 5, target: {name: 'Алиса'}})).code).toBe('SELF_AWARD')
    // A member who is merely named like her, with no identity of hers, is someone else.
    expect(ledger.award(ALICE, {points: 5, target: {name: 'Алиса2'}}).total).toBe(5)
    // Someone whose number she shares is her too, even with another UUID.
    ledger.bind({name: 'dave'}, {number: '+15559990000'})
    expect(refusal(() => ledger.award({...ALICE, number: '+15559990000', uuid: null}, {points: 5, target: {name: 'dave'}})).code).toBe('SELF_AWARD')
  })

  it('cap one award at award.max; the operator is exempt', () => {
    const {ledger, store} = game()
    expect(refusal(() => ledger.award(ALICE, {points: 101, target: {name: 'bob'}}))).toEqual({
      code: 'AWARD_MAX',
      message: 'A chat award is at most 100 points either way (award.max).',
    })
    expect(refusal(() => ledger.award(ALICE, {points: -101, target: {name: 'bob'}})).code).toBe('AWARD_MAX')
    expect(ledger.award(OPERATOR, {points: 500, target: {name: 'bob'}}).total).toBe(500)
    store.saveSetting('award.max', '10', 0)
    expect(refusal(() => ledger.award(ALICE, {points: 11, target: {name: 'bob'}})).code).toBe('AWARD_MAX')
    expect(ledger.award(ALICE, {points: 10, target: {name: 'bob'}}).total).toBe(510)
  })

  it('make a giver wait award.cooldown before awarding the same member again', () => {
    const {clock, ledger, store} = game()
    ledger.award(ALICE, {points: 5, target: {name: 'bob'}})
    expect(refusal(() => ledger.award(ALICE, {points: 5, target: {name: 'bob'}}))).toEqual({
      code: 'COOLDOWN',
      message: 'You can award bob again in 30s (award.cooldown is 30s).',
    })
    clock.advance(29_000)
    expect(refusal(() => ledger.award(ALICE, {points: -5, target: {name: 'bob'}})).message).toMatch(/again in 1s/)
    // Others are not held back: another member, another giver, the operator.
    expect(ledger.award(ALICE, {points: 1, target: {name: 'dave'}}).total).toBe(1)
    expect(ledger.award(CAROL, {points: 1, target: {name: 'bob'}}).total).toBe(6)
    expect(ledger.award(OPERATOR, {points: 1, target: {name: 'bob'}}).total).toBe(7)
    clock.advance(1000)
    expect(ledger.award(ALICE, {points: 5, target: {name: 'bob'}}).total).toBe(12)
    store.saveSetting('award.cooldown', '5m', 0)
    clock.advance(4 * MINUTE)
    expect(refusal(() => ledger.award(ALICE, {points: 5, target: {name: 'bob'}})).message).toBe('You can award bob again in 1m (award.cooldown is 5m).')
  })

  it('cap the points one giver moves per hour, up and down together', () => {
    const {clock, ledger, store} = game()
    ledger.award(ALICE, {points: 100, target: {name: 'bob'}})
    clock.advance(10 * MINUTE)
    ledger.award(ALICE, {points: -80, target: {name: 'carol'}})
    clock.advance(10 * MINUTE)
    expect(refusal(() => ledger.award(ALICE, {points: 30, target: {name: 'dave'}}))).toEqual({
      code: 'HOURLY',
      message: 'You have moved 180 of the 200 points allowed per hour; try again in 40m (award.hourly).',
    })
    expect(ledger.award(ALICE, {points: 20, target: {name: 'dave'}}).total).toBe(20)
    clock.advance(40 * MINUTE)
    expect(ledger.award(ALICE, {points: 30, target: {name: 'bob'}}).total).toBe(130)
    store.saveSetting('award.hourly', '0', 0)
    clock.advance(MINUTE)
    expect(ledger.award(ALICE, {points: 100, target: {name: 'carol'}}).total).toBe(20)
    expect(ledger.award(ALICE, {points: 100, target: {name: 'dave'}}).total).toBe(120)
  })

  it('look back as far as a cooldown longer than an hour, and forget undone awards', () => {
    const {clock, ledger} = game({'award.cooldown': '2h'})
    ledger.award(ALICE, {points: 5, target: {name: 'bob'}})
    clock.advance(90 * MINUTE)
    expect(refusal(() => ledger.award(ALICE, {points: 5, target: {name: 'bob'}})).message).toBe('You can award bob again in 30m (award.cooldown is 2h).')
    ledger.undo(ALICE, {ownOnly: true})
    expect(ledger.award(ALICE, {points: 5, target: {name: 'bob'}}).total).toBe(5)
  })

  it('judge an award by when it arrived, not when it was handled', () => {
    const {clock, ledger} = game()
    const arrived = clock.now()
    clock.advance(10 * MINUTE)
    ledger.award(ALICE, {at: arrived, points: 5, target: {name: 'bob'}})
    expect(ledger.award(ALICE, {at: arrived + 31_000, points: 5, target: {name: 'bob'}}).total).toBe(10)
    expect(ledger.history()[1].createdAt).toBe(new Date(arrived).toISOString())
  })

  it('can forbid taking points away from the chat', () => {
    const {ledger, store} = game({'award.negative': 'off'})
    expect(refusal(() => ledger.award(ALICE, {points: -1, target: {name: 'bob'}}))).toEqual({
      code: 'NEGATIVE_OFF',
      message: 'Chat awards cannot take points away here (award.negative is off).',
    })
    expect(ledger.award(OPERATOR, {points: -1, target: {name: 'bob'}}).total).toBe(-1)
    store.saveSetting('award.negative', 'yes', 0)
    expect(ledger.award(ALICE, {points: -1, target: {name: 'bob'}}).total).toBe(-2)
  })

  it('check every target of a group award, and apply all or none', () => {
    const {ledger} = game()
    const targets = [{name: 'bob'}, {name: 'carol'}]
    expect(ledger.awardMany(ALICE, {points: 5, reason: 'the cake', targets}).map((award) => [award.name, award.total])).toEqual([
      ['bob', 5],
      ['carol', 5],
    ])
    expect(refusal(() => ledger.awardMany(ALICE, {points: 5, targets: [{name: 'dave'}, {name: 'alice'}]})).code).toBe('SELF_AWARD')
    expect(refusal(() => ledger.awardMany(CAROL, {points: 90, targets: [{name: 'dave'}, {name: 'alice'}, {name: 'bob'}]})).code).toBe('HOURLY')
    expect(refusal(() => ledger.awardMany(OPERATOR, {points: 1, targets: [{name: 'dave'}, {name: 'DAVE'}]})).code).toBe('DUPLICATE_TARGET')
    // One target still cooling down holds back the others.
    expect(refusal(() => ledger.awardMany(ALICE, {points: 5, targets: [{name: 'dave'}, {name: 'bob'}]})).code).toBe('COOLDOWN')
    expect(ledger.score({name: 'dave'}).points).toBe(0)
    expect(ledger.history().map((entry) => entry.name)).toEqual(['carol', 'bob'])
  })

  it('count every target of a group award against the hourly cap', () => {
    const {ledger} = game()
    ledger.addMember({name: 'erin'})
    ledger.award(ALICE, {points: 60, target: {name: 'dave'}})
    // Each 50 alone would fit; three of them after the 60 make 210, over the 200 an hour.
    expect(refusal(() => ledger.awardMany(ALICE, {points: 50, targets: [{name: 'bob'}, {name: 'carol'}, {name: 'erin'}]})).code).toBe('HOURLY')
    expect(ledger.awardMany(ALICE, {points: 70, targets: [{name: 'bob'}, {name: 'carol'}]}).map((award) => award.total)).toEqual([70, 70])
    expect(refusal(() => ledger.award(ALICE, {points: 1, target: {name: 'erin'}})).code).toBe('HOURLY')
  })

  it('rank each target of a group award after all of them have their points', () => {
    const {ledger} = game()
    ledger.award(OPERATOR, {points: -5, target: {name: 'bob'}})
    const [bob, carol] = ledger.awardMany(OPERATOR, {points: 5, targets: [{name: 'bob'}, {name: 'carol'}]})
    expect([bob.total, bob.rank, carol.total, carol.rank]).toEqual([0, 2, 5, 1])
  })
})

describe('tiers', () => {
  it('name each total on the default ladder, and say when an award moves someone', () => {
    const {ledger} = game()
    expect(ledger.score({name: 'bob'}).tier).toBe('Citizen')
    const up = ledger.award(OPERATOR, {points: 100, target: {name: 'bob'}})
    expect(up).toMatchObject({previousTier: 'Citizen', tier: 'Model Citizen', total: 100})
    expect(ledger.award(OPERATOR, {points: 1, target: {name: 'bob'}})).toMatchObject({previousTier: null, tier: 'Model Citizen'})
    expect(ledger.award(OPERATOR, {points: -2000, target: {name: 'bob'}})).toMatchObject({previousTier: 'Model Citizen', tier: 'Enemy of the State'})
    expect(ledger.standings()[0]).toMatchObject({name: 'alice', tier: 'Citizen'})
  })

  it('follow the tiers setting', () => {
    const {ledger, store} = game({tiers: '10:Hero, -5:Suspect, 0:Nobody'})
    expect(ledger.award(OPERATOR, {points: 10, target: {name: 'bob'}})).toMatchObject({previousTier: 'Nobody', tier: 'Hero'})
    expect(ledger.award(OPERATOR, {points: -20, target: {name: 'dave'}}).tier).toBe('Suspect')
    store.saveSetting('tiers', 'not tiers', 0)
    expect(ledger.score({name: 'dave'}).tier).toBe('Reeducation Candidate')
  })
})

describe('seasons and windows', () => {
  it('start the standings again without deleting anything; past seasons stay', () => {
    const {clock, ledger} = game()
    ledger.award(OPERATOR, {points: 50, target: {name: 'bob'}})
    clock.advance(HOUR)
    expect(ledger.startSeason('Spring')).toEqual({name: 'Spring', startedAt: '2026-01-01T13:00:00.000Z'})
    clock.advance(HOUR)
    ledger.award(OPERATOR, {points: 7, target: {name: 'carol'}})
    expect(ledger.standings({limit: 2})).toEqual([
      {name: 'carol', points: 7, rank: 1, tier: 'Citizen'},
      {name: 'alice', points: 0, rank: 2, tier: 'Citizen'},
    ])
    expect(ledger.score({name: 'bob'}).points).toBe(50)
    clock.advance(HOUR)
    expect(ledger.startSeason().name).toBe('Season 2')
    ledger.award(OPERATOR, {points: 3, target: {name: 'dave'}})
    expect(ledger.standingsIn({limit: 1, season: 'spring'}).rows).toEqual([{name: 'carol', points: 7, rank: 1, tier: 'Citizen'}])
    expect(ledger.standingsIn({limit: 1}).rows).toEqual([{name: 'dave', points: 3, rank: 1, tier: 'Citizen'}])
    expect(ledger.standingsIn({allTime: true, limit: 1}).rows).toEqual([{name: 'bob', points: 50, rank: 1, tier: 'Citizen'}])
    expect(refusal(() => ledger.startSeason('SPRING')).code).toBe('DUPLICATE_SEASON')
    expect(refusal(() => ledger.standingsIn({season: 'Winter'})).message).toBe('There is no season "Winter"; the seasons are Spring, Season 2.')
  })

  it('rank by points gained in a window, counting an undo at the time of what it undoes', () => {
    const {clock, ledger} = game()
    ledger.award(OPERATOR, {points: 40, target: {name: 'bob'}})
    clock.advance(8 * 24 * HOUR)
    const since = clock.now() - 7 * 24 * HOUR
    ledger.award(OPERATOR, {points: 5, target: {name: 'carol'}})
    ledger.undo(OPERATOR, {entryId: 1})
    expect(ledger.standingsIn({limit: 2, since}).rows).toEqual([
      {name: 'carol', points: 5, rank: 1, tier: 'Citizen'},
      {name: 'alice', points: 0, rank: 2, tier: 'Citizen'},
    ])
  })
})

describe('settings', () => {
  it('come from defaults, then the database, then env vars or flags', () => {
    expect(resolveSettings({})).toMatchObject({awardCooldownMs: 30_000, awardHourly: 200, awardMax: 100, awardNegative: true, prefix: '/CCP'})
    expect(resolveSettings({'award.max': '7', 'chat.prefix': '!db'}).awardMax).toBe(7)
    expect(resolveSettings({'chat.prefix': '!db'}, {}, {CCP_PREFIX: '!env'}).prefix).toBe('!env')
    expect(resolveSettings({'chat.prefix': '!db'}, {'chat.prefix': '!flag'}, {CCP_PREFIX: '!env'}).prefix).toBe('!flag')
    expect(resolveSettings({'award.max': 'garbage'}).awardMax).toBe(100)
  })

  it.each(SETTING_KEYS)('%s: the default is in the form a value is stored and shown', (key) => {
    expect(checkSettingValue(key, SETTINGS[key].default)).toBe(SETTINGS[key].default)
  })
})

describe('stats', () => {
  it('count what members gave and received, still in effect, and the busiest weeks', () => {
    const {clock, ledger} = game()
    ledger.award(ALICE, {points: 10, target: {name: 'bob'}})
    ledger.award(ALICE, {points: -4, target: {name: 'carol'}})
    ledger.award(BOB, {points: 3, target: {name: 'alice'}})
    ledger.award(OPERATOR, {points: -50, target: {name: 'dave'}})
    ledger.undo(OPERATOR, {entryId: 4})
    ledger.award(OPERATOR, {points: -9, target: {name: 'dave'}})
    clock.advance(7 * 24 * HOUR)
    const stats = ledger.stats(2)
    expect(stats.members).toEqual([
      {given: 6, name: 'alice', received: 3},
      {given: 3, name: 'bob', received: 10},
      {given: 0, name: 'carol', received: -4},
      {given: 0, name: 'dave', received: -9},
    ])
    expect(stats.mostGenerous).toEqual({given: 6, name: 'alice'})
    expect(stats.mostPunished).toEqual({name: 'dave', taken: -9})
    expect(stats.weeks).toEqual([
      {awards: 4, moved: 26, week: '2025-12-29'},
      {awards: 0, moved: 0, week: '2026-01-05'},
    ])
  })
})
