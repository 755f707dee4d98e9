import {OPERATOR} from '../../src/core/actor.js'
import {SettingsService} from '../../src/core/settings-service.js'
import {DEFAULT_TIERS} from '../../src/core/tiers.js'
import {memoryLedger} from '../helpers/ledger.js'

const DAY = 86_400_000

describe('the standings chart', () => {
  it('draws the all-time standings in rank order, negative totals too, each bar with its tier', () => {
    const {ledger} = memoryLedger()
    for (const [name, points] of [['Ann', 120], ['Ben', -50], ['Cy', 5], ['Dee', 0]] as const) {
      ledger.addMember({name})
      if (points !== 0) ledger.award(OPERATOR, {points, target: {name}})
    }

    expect(ledger.standingsChart({allTime: true})).toEqual({
      bars: [
        {name: 'Ann', points: 120, tier: 'Model Citizen'},
        {name: 'Cy', points: 5, tier: 'Citizen'},
        {name: 'Dee', points: 0, tier: 'Citizen'},
        {name: 'Ben', points: -50, tier: 'Reeducation Candidate'},
      ],
      kind: 'standings',
      tiers: DEFAULT_TIERS,
      title: 'All-time standings',
    })
  })

  it('shows the top 10 by default and any top from 1 to 50, refusing others as a usage error', () => {
    const {ledger} = memoryLedger()
    for (let i = 1; i <= 55; i++) {
      ledger.addMember({name: `member${i}`})
      ledger.award(OPERATOR, {points: i, target: {name: `member${i}`}})
    }

    expect(ledger.standingsChart().bars.map((bar) => bar.points)).toEqual([55, 54, 53, 52, 51, 50, 49, 48, 47, 46])
    expect(ledger.standingsChart({top: 1}).bars).toEqual([{name: 'member55', points: 55, tier: 'Citizen'}])
    expect(ledger.standingsChart({top: 50}).bars).toHaveLength(50)
    for (const top of [0, 51, 2.5]) expect(() => ledger.standingsChart({top})).toThrow(expect.objectContaining({code: 'INVALID_TOP', exitCode: 2}))
  })

  it('counts the current season by default and names it, and a past season by name', () => {
    const {clock, ledger} = memoryLedger()
    ledger.addMember({name: 'Ann'})
    ledger.addMember({name: 'Ben'})
    ledger.award(OPERATOR, {points: 50, target: {name: 'Ann'}})
    clock.advance(DAY)
    ledger.startSeason('Spring')
    ledger.award(OPERATOR, {points: 3, target: {name: 'Ben'}})

    expect(ledger.standingsChart()).toMatchObject({
      bars: [{name: 'Ben', points: 3}, {name: 'Ann', points: 0}],
      title: 'Season "Spring" standings (since 2026-01-02)',
    })
    expect(ledger.standingsChart({season: 'spring'}).title).toBe('Season "Spring" standings (since 2026-01-02)')
    expect(ledger.standingsChart({allTime: true}).bars).toEqual([{name: 'Ann', points: 50, tier: 'Citizen'}, {name: 'Ben', points: 3, tier: 'Citizen'}])
  })

  it("counts the chat's week and month as the last 7 and 30 days, like /CCP top week|month", () => {
    const {clock, ledger} = memoryLedger()
    ledger.addMember({name: 'Ann'})
    ledger.addMember({name: 'Ben'})
    ledger.award(OPERATOR, {points: 40, target: {name: 'Ann'}})
    clock.advance(20 * DAY)
    ledger.award(OPERATOR, {points: 7, target: {name: 'Ben'}})
    clock.advance(3 * DAY)

    expect(ledger.standingsChart({window: 'week'})).toMatchObject({
      bars: [{name: 'Ben', points: 7}, {name: 'Ann', points: 0}],
      title: 'Points gained this week (last 7 days)',
    })
    expect(ledger.standingsChart({window: 'month'})).toMatchObject({
      bars: [{name: 'Ann', points: 40}, {name: 'Ben', points: 7}],
      title: 'Points gained this month (last 30 days)',
    })
  })

  it('says the window a --since counts, as ccp list does', () => {
    const {clock, ledger} = memoryLedger()
    ledger.addMember({name: 'Ann'})
    const since = clock.now() - DAY
    expect(ledger.standingsChart({since}).title).toBe('Points gained since 2025-12-31 12:00 UTC')
  })

  it('refuses a chart of nobody', () => {
    const {ledger} = memoryLedger()
    expect(() => ledger.standingsChart()).toThrow(expect.objectContaining({code: 'NO_MEMBERS', exitCode: 1, message: 'There is nobody to chart: no members yet.'}))
  })
})

describe("a member's chart", () => {
  it('steps from 0 when they were added through every award and undo, oldest first', () => {
    const {clock, ledger} = memoryLedger()
    const added = clock.now()
    ledger.addMember({name: 'Ann'})
    ledger.addMember({name: 'Ben'})
    clock.advance(DAY)
    ledger.award(OPERATOR, {points: 30, target: {name: 'Ann'}})
    clock.advance(DAY)
    ledger.award(OPERATOR, {points: 5, target: {name: 'Ben'}})
    ledger.award(OPERATOR, {points: -50, target: {name: 'Ann'}})
    clock.advance(DAY)
    ledger.undo(OPERATOR)
    clock.advance(DAY)

    expect(ledger.memberChart({name: 'ann'})).toEqual({
      kind: 'member',
      name: 'Ann',
      steps: [
        {at: added, total: 0},
        {at: added + DAY, total: 30},
        {at: added + 2 * DAY, total: -20},
        {at: added + 3 * DAY, total: 30},
      ],
      tiers: DEFAULT_TIERS,
      title: 'Points of Ann over time',
      // The last total lasts until the chart is asked for.
      until: added + 4 * DAY,
    })
    expect(ledger.memberChart({name: 'Ben'}).steps.at(-1)).toEqual({at: added + 2 * DAY, total: ledger.score({name: 'Ben'}).points})
  })

  it('is a flat start for a member with no entries, and refused for an unknown name', () => {
    const {clock, ledger} = memoryLedger()
    ledger.addMember({name: 'Ann'})
    expect(ledger.memberChart({name: 'Ann'}).steps).toEqual([{at: clock.now(), total: 0}])
    expect(() => ledger.memberChart({name: 'Zed'})).toThrow(expect.objectContaining({code: 'UNKNOWN_MEMBER', exitCode: 1}))
  })

  it('uses the tiers of the settings', () => {
    const {clock, ledger, store} = memoryLedger()
    ledger.addMember({name: 'Ann'})
    new SettingsService(store, clock).set('tiers', '0:Pawn,10:Knight', {})
    expect(ledger.memberChart({name: 'Ann'}).tiers).toEqual([{name: 'Pawn', threshold: 0}, {name: 'Knight', threshold: 10}])
    expect(ledger.standingsChart().bars).toEqual([{name: 'Ann', points: 0, tier: 'Pawn'}])
  })
})
