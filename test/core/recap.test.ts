import {type ChatActor, OPERATOR} from '../../src/core/actor.js'
import {Ledger} from '../../src/core/ledger.js'
import {lastCompletePeriod} from '../../src/core/recap/period.js'
import {computeRecap, recapText} from '../../src/core/recap/recap.js'
import {DEFAULT_TIERS} from '../../src/core/tiers.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const BOB_UUID = '0b0b0b0b-0000-4000-8000-000000000001'
const DAN_UUID = '0d0d0d0d-0000-4000-8000-000000000002'
const DAN_NUMBER = '+15550001234'
const chat = (uuid: string, number: null | string = null): ChatActor => ({kind: 'chat', number, profileName: 'Danny Phone', uuid})

/** A ledger whose clock the test sets before each step. */
function ledgerAt(): {at: (iso: string) => Ledger; store: SqliteStore} {
  const store = SqliteStore.open(temp.path('ccp.db'))
  let now = 0
  const ledger = new Ledger(store, {now: () => now})
  return {at: (iso) => ((now = Date.parse(iso)), ledger), store}
}

describe('the recap of a period', () => {
  it('names the top gainers, the biggest fall, the awards and givers, and tier changes, counting only the period', () => {
    const {at, store} = ledgerAt()
    for (const name of ['Alice', 'Carol', 'Erin']) at('2026-11-01T12:00:00Z').addMember({name})
    at('2026-11-01T12:00:00Z').addMember({name: 'Bob', uuid: BOB_UUID})
    at('2026-11-01T12:00:00Z').addMember({name: 'Dan', number: DAN_NUMBER, uuid: DAN_UUID})
    at('2026-11-10T12:00:00Z').award(OPERATOR, {points: 95, target: {name: 'Alice'}})
    // The week from Monday 16 November in Berlin: [15 Nov 23:00Z, 22 Nov 23:00Z).
    at('2026-11-15T23:00:00Z').award(chat(BOB_UUID), {points: 10, target: {name: 'Alice'}})
    at('2026-11-18T09:00:00Z').award(chat(DAN_UUID, DAN_NUMBER), {points: 3, target: {name: 'Carol'}})
    at('2026-11-19T09:00:00Z').award(OPERATOR, {points: -4, target: {name: 'Bob'}})
    at('2026-11-20T09:00:00Z').award(OPERATOR, {points: 20, target: {name: 'Erin'}})
    at('2026-11-20T09:05:00Z').undo(OPERATOR)
    // After the week: counted neither in it nor in the tiers it ended with.
    at('2026-11-22T23:00:00Z').award(OPERATOR, {points: 50, target: {name: 'Carol'}})
    at('2026-11-24T09:00:00Z').award(OPERATOR, {points: 500, target: {name: 'Alice'}})

    const period = lastCompletePeriod('week', Date.parse('2026-11-23T08:00:00Z'), 'Europe/Berlin')
    const recap = computeRecap(store, period, {tiers: DEFAULT_TIERS, top: 5})
    store.close()
    expect(recap).toMatchObject({awards: 3, biggestFall: {name: 'Bob', points: -4}, givers: 3})
    expect(recapText(recap)).toBe(
      [
        'Recap of the week from Mon 16 Nov 2026:',
        'Top gainers:',
        '1. Alice: +10 (Model Citizen)',
        '2. Carol: +3 (Citizen)',
        'Biggest fall: Bob, -4.',
        '3 awards from 3 givers.',
        'Tier changes: Alice Citizen → Model Citizen, Bob Citizen → Reeducation Candidate.',
      ].join('\n'),
    )
    // Bob and Dan are bound to Signal identities: the recap names them, and their givers, by name alone.
    for (const identity of [BOB_UUID, DAN_UUID, DAN_NUMBER, DAN_NUMBER.slice(1), 'Danny']) expect(recapText(recap)).not.toContain(identity)
  })

  it('counts tier changes from the tier at the start of the period to the one at its end', () => {
    const {at, store} = ledgerAt()
    for (const name of ['Ann', 'Ben', 'Cy', 'Di']) at('2026-10-01T12:00:00Z').addMember({name})
    at('2026-10-15T12:00:00Z').award(OPERATOR, {points: 90, target: {name: 'Ann'}})
    at('2026-10-15T12:00:00Z').award(OPERATOR, {points: 90, target: {name: 'Di'}})
    // In November: Ben rises two tiers at once, Ann crosses 100 and falls back below it, Di crosses it for good.
    at('2026-11-03T12:00:00Z').award(OPERATOR, {points: 600, target: {name: 'Ben'}})
    at('2026-11-04T12:00:00Z').award(OPERATOR, {points: 20, target: {name: 'Ann'}})
    at('2026-11-05T12:00:00Z').award(OPERATOR, {points: -20, target: {name: 'Ann'}})
    at('2026-11-06T12:00:00Z').award(OPERATOR, {points: 10, target: {name: 'Di'}})
    // Added in November and given points: from the tier of 0.
    at('2026-11-07T12:00:00Z').addMember({name: 'Eve'})
    at('2026-11-07T12:00:00Z').award(OPERATOR, {points: -50, target: {name: 'Eve'}})
    // December moves Cy and Di again; November's recap, made later, still shows November's tiers.
    at('2026-12-02T12:00:00Z').award(OPERATOR, {points: 2000, target: {name: 'Cy'}})
    at('2026-12-02T12:00:00Z').award(OPERATOR, {points: -500, target: {name: 'Di'}})

    const november = computeRecap(store, lastCompletePeriod('month', Date.parse('2026-12-15T12:00:00Z'), 'UTC'), {tiers: DEFAULT_TIERS, top: 5})
    store.close()
    expect(november.tierChanges).toEqual([
      {from: 'Citizen', name: 'Ben', to: 'Party Member'},
      {from: 'Citizen', name: 'Di', to: 'Model Citizen'},
      {from: 'Citizen', name: 'Eve', to: 'Reeducation Candidate'},
    ])
    expect(recapText(november)).toMatch(/\nTier changes: Ben Citizen → Party Member, Di Citizen → Model Citizen, Eve Citizen → Reeducation Candidate\.$/)
  })

  it('names only as many gainers as recap.top, and says in one line that no points changed hands in a quiet period', () => {
    const {at, store} = ledgerAt()
    for (const [index, name] of ['Ann', 'Ben', 'Cy'].entries()) {
      at('2026-11-01T12:00:00Z').addMember({name})
      at('2026-11-02T12:00:00Z').award(OPERATOR, {points: 3 - index, target: {name}})
    }

    const busy = computeRecap(store, lastCompletePeriod('day', Date.parse('2026-11-03T12:00:00Z'), 'UTC'), {tiers: DEFAULT_TIERS, top: 2})
    const quiet = computeRecap(store, lastCompletePeriod('month', Date.parse('2026-11-03T12:00:00Z'), 'UTC'), {tiers: DEFAULT_TIERS, top: 2})
    store.close()
    expect(busy.gainers.map((row) => row.name)).toEqual(['Ann', 'Ben'])
    expect(recapText(busy)).toMatch(/^Recap of Mon 2 Nov 2026:\nTop gainers:\n1\. Ann: \+3 \(Citizen\)\n2\. Ben: \+2 \(Citizen\)\n3 awards from 1 giver\.$/)
    expect(recapText(quiet)).toBe('Recap of October 2026: no points changed hands.')
  })
})
