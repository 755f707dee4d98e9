import {createLogger} from '../../src/bot/log.js'
import {RecapPoster, type RecapSettings} from '../../src/bot/recap-poster.js'
import type {RecapPeriod} from '../../src/core/recap/period.js'
import {parseRecapSchedule} from '../../src/core/recap/schedule.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {ManualClock} from '../helpers/ledger.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** When the schedules of these tests were set, unless a test says otherwise: long before any moment they name. */
const SET_LONG_AGO = Date.parse('2025-01-01T00:00:00Z')

/** A poster on a database file, as one run of the bot: the test moves its clock and opens a new one to restart. */
function run(clock: ManualClock, settings: Partial<RecapSettings> = {}) {
  const store = SqliteStore.open(temp.path('ccp.db'))
  const queue = new SqliteQueue(store.db)
  const lines: string[] = []
  const poster = new RecapPoster({
    clock,
    log: createLogger('json', (line) => lines.push(line)),
    queue,
    recapText: (period: RecapPeriod) => `recap of ${period.key}`,
    settings: () => ({groups: new Set([GROUP_ID]), schedule: parseRecapSchedule('weekly Mon 09:00'), since: SET_LONG_AGO, timeZone: 'Europe/Berlin', ...settings}),
  })
  const posted = () => (store.db.prepare('SELECT recipient, text FROM outbox ORDER BY id').all() as {recipient: string; text: string}[]).map((row) => row.text)
  return {lines, posted, poster, store}
}

/**
 * Runs a poster on a schedule set at `from` until `to` (ISO times), checking every `step` ms as the bot's timer
 * does, and returns each recap queued with the instant (ISO) it was queued at.
 */
function postsBetween(from: string, to: string, settings: Partial<RecapSettings>, step = MINUTE): string[] {
  const clock = new ManualClock(Date.parse(from))
  const poster = run(clock, {since: Date.parse(from), ...settings})
  const queued: string[] = []
  for (; clock.now() <= Date.parse(to); clock.advance(step)) {
    if (poster.poster.postIfDue()) queued.push(`${new Date(clock.now()).toISOString()} ${poster.posted().at(-1)}`)
  }

  poster.store.close()
  return queued
}

describe('the recap the bot posts itself', () => {
  it('is queued at the scheduled minute, once, and not again after a restart', () => {
    const clock = new ManualClock(Date.parse('2026-11-23T07:59:00Z')) // 08:59 in Berlin
    const first = run(clock)
    // The week before last, due since its own Monday 09:00, was never posted in this new database: it is now.
    expect(first.poster.postIfDue()).toBe(true)
    clock.advance(MINUTE)
    expect(first.poster.postIfDue()).toBe(true)
    expect(first.poster.postIfDue()).toBe(false)
    first.store.close()
    const again = run(clock)
    clock.advance(MINUTE)
    expect(again.poster.postIfDue()).toBe(false)
    expect(again.posted()).toEqual(['recap of week 2026-11-09', 'recap of week 2026-11-16'])
    again.store.close()
  })

  it('set after a scheduled moment, does not post the period of that moment: the first is at the next one', () => {
    // "daily 09:00" set at 15:00 in Berlin on Wednesday 25 November: nothing that afternoon, nor before 09:00 on Thursday.
    expect(postsBetween('2026-11-25T14:00:00Z', '2026-11-27T12:00:00Z', {schedule: parseRecapSchedule('daily 09:00')}, 5 * MINUTE)).toEqual([
      '2026-11-26T08:00:00.000Z recap of day 2026-11-25',
      '2026-11-27T08:00:00.000Z recap of day 2026-11-26',
    ])
    // Set a minute before 09:00, the same day's moment is still to come.
    expect(postsBetween('2026-11-25T07:59:00Z', '2026-11-25T12:00:00Z', {schedule: parseRecapSchedule('daily 09:00')})).toEqual([
      '2026-11-25T08:00:00.000Z recap of day 2026-11-24',
    ])
    // A weekly schedule set on a Wednesday posts first on the next Monday.
    expect(postsBetween('2026-11-25T14:00:00Z', '2026-12-01T12:00:00Z', {}, 5 * MINUTE)).toEqual(['2026-11-30T08:00:00.000Z recap of week 2026-11-23'])
    // Whereas a bot whose schedule was set long before starts with the recap still due from Monday.
    expect(postsBetween('2026-11-25T14:00:00Z', '2026-11-25T14:00:00Z', {since: SET_LONG_AGO})).toEqual(['2026-11-25T14:00:00.000Z recap of week 2026-11-16'])
  })

  it('is posted late by a bot that was down at the minute, but only until the next one', () => {
    const clock = new ManualClock(Date.parse('2026-11-23T08:00:00Z'))
    const first = run(clock)
    expect(first.poster.postIfDue()).toBe(true)
    first.store.close()
    // Down from Monday 09:00 on 30 November until Wednesday: last week's recap is still due then...
    clock.advance(9 * DAY)
    const back = run(clock)
    expect(back.poster.postIfDue()).toBe(true)
    back.store.close()
    // ...but down over two scheduled minutes, only the latest week is posted, never the one missed.
    clock.advance(14 * DAY)
    const late = run(clock)
    expect(late.poster.postIfDue()).toBe(true)
    expect(late.posted()).toEqual(['recap of week 2026-11-16', 'recap of week 2026-11-23', 'recap of week 2026-12-07'])
    late.store.close()
  })

  it('posts nothing when off, and says once why not when no group is set', () => {
    const clock = new ManualClock(Date.parse('2026-11-23T08:00:00Z'))
    const off = run(clock, {schedule: parseRecapSchedule('off')})
    expect(off.poster.postIfDue()).toBe(false)
    off.store.close()
    const nowhere = run(clock, {groups: new Set()})
    expect(nowhere.poster.postIfDue()).toBe(false)
    expect(nowhere.poster.postIfDue()).toBe(false)
    expect(nowhere.posted()).toEqual([])
    expect(nowhere.lines.map((line) => JSON.parse(line) as {event: string}).map((line) => line.event)).toEqual(['recap not posted'])
    nowhere.store.close()
  })

  it('sends to the REST id of each configured group', () => {
    const clock = new ManualClock(Date.parse('2026-11-23T08:00:00Z'))
    const one = run(clock)
    one.poster.postIfDue()
    expect(one.store.db.prepare('SELECT recipient FROM outbox').all()).toEqual([{recipient: GROUP_REST_ID}])
    one.store.close()
  })
})

describe('the recap across daylight-saving changes in recap.timezone', () => {
  const daily = (text: string, timeZone: string): Partial<RecapSettings> => ({schedule: parseRecapSchedule(`daily ${text}`), timeZone})

  it('keeps to the wall clock: 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer', () => {
    expect(postsBetween('2026-03-27T12:00:00Z', '2026-03-30T12:00:00Z', daily('09:00', 'Europe/Berlin'))).toEqual([
      '2026-03-28T08:00:00.000Z recap of day 2026-03-27',
      '2026-03-29T07:00:00.000Z recap of day 2026-03-28',
      '2026-03-30T07:00:00.000Z recap of day 2026-03-29',
    ])
  })

  it('posts once on the spring day whose 02:30 does not exist, at 03:30 when the clocks have gone forward', () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00Z). New York, 8 March 2026: 02:00 EST becomes 03:00 EDT (07:00Z).
    expect(postsBetween('2026-03-28T23:00:00Z', '2026-03-29T21:59:00Z', daily('02:30', 'Europe/Berlin'))).toEqual(['2026-03-29T01:30:00.000Z recap of day 2026-03-28'])
    expect(postsBetween('2026-03-08T05:00:00Z', '2026-03-09T03:59:00Z', daily('02:30', 'America/New_York'))).toEqual(['2026-03-08T07:30:00.000Z recap of day 2026-03-07'])
  })

  it('posts once on the autumn day whose hour happens twice, at the first of the two', () => {
    // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 is both 00:30Z and 01:30Z.
    expect(postsBetween('2026-10-24T22:00:00Z', '2026-10-25T22:59:00Z', daily('02:30', 'Europe/Berlin'))).toEqual(['2026-10-25T00:30:00.000Z recap of day 2026-10-24'])
    // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:30 is both 05:30Z and 06:30Z.
    expect(postsBetween('2026-11-01T04:00:00Z', '2026-11-02T04:59:00Z', daily('01:30', 'America/New_York'))).toEqual(['2026-11-01T05:30:00.000Z recap of day 2026-10-31'])
  })

  it('posts nothing again at the second 02:30 after a restart, nor after one in the hour that does not exist', () => {
    const clock = new ManualClock(Date.parse('2026-10-25T00:30:00Z'))
    const first = run(clock, daily('02:30', 'Europe/Berlin'))
    expect(first.poster.postIfDue()).toBe(true)
    first.store.close()
    clock.advance(HOUR) // 02:30 again, in winter time
    const again = run(clock, daily('02:30', 'Europe/Berlin'))
    expect(again.poster.postIfDue()).toBe(false)
    expect(again.posted()).toEqual(['recap of day 2026-10-24'])
    again.store.close()

    // The spring day: posted at 03:30 summer time for the 02:30 that never came, not again after a restart at 04:00.
    const spring = new ManualClock(Date.parse('2026-03-29T01:30:00Z'))
    const before = run(spring, daily('02:30', 'Europe/Berlin'))
    expect(before.poster.postIfDue()).toBe(true)
    before.store.close()
    spring.advance(30 * MINUTE)
    const after = run(spring, daily('02:30', 'Europe/Berlin'))
    expect(after.poster.postIfDue()).toBe(false)
    expect(after.posted()).toEqual(['recap of day 2026-10-24', 'recap of day 2026-03-28'])
    after.store.close()
  })

  it('posts weekly at the same wall-clock time on each side of a change', () => {
    // Sundays at 02:30 in Berlin: on 29 March 2026 that minute does not exist.
    expect(postsBetween('2026-03-21T12:00:00Z', '2026-04-06T12:00:00Z', {schedule: parseRecapSchedule('weekly Sun 02:30'), timeZone: 'Europe/Berlin'}, 5 * MINUTE)).toEqual([
      '2026-03-22T01:30:00.000Z recap of week 2026-03-09',
      '2026-03-29T01:30:00.000Z recap of week 2026-03-16',
      '2026-04-05T00:30:00.000Z recap of week 2026-03-23',
    ])
    // Mondays at 09:00 in New York, before and after the clocks go back on 1 November 2026.
    expect(postsBetween('2026-10-25T12:00:00Z', '2026-11-10T12:00:00Z', {schedule: parseRecapSchedule('weekly Mon 09:00'), timeZone: 'America/New_York'}, 5 * MINUTE)).toEqual([
      '2026-10-26T13:00:00.000Z recap of week 2026-10-19',
      '2026-11-02T14:00:00.000Z recap of week 2026-10-26',
      '2026-11-09T14:00:00.000Z recap of week 2026-11-02',
    ])
  })

  it('posts "monthly 31" on the last day of shorter months, across both changes in New York', () => {
    expect(postsBetween('2026-10-01T00:00:00Z', '2027-04-01T00:00:00Z', {schedule: parseRecapSchedule('monthly 31 09:00'), timeZone: 'America/New_York'}, HOUR)).toEqual([
      '2026-10-31T13:00:00.000Z recap of month 2026-09-01',
      '2026-11-30T14:00:00.000Z recap of month 2026-10-01',
      '2026-12-31T14:00:00.000Z recap of month 2026-11-01',
      '2027-01-31T14:00:00.000Z recap of month 2026-12-01',
      '2027-02-28T14:00:00.000Z recap of month 2027-01-01',
      '2027-03-31T13:00:00.000Z recap of month 2027-02-01',
    ])
  })
})
