import fc from 'fast-check'

import {UsageError} from '../../src/core/errors.js'
import {dueRecap, lastCompletePeriod, lastScheduledTime, nextScheduledTime} from '../../src/core/recap/period.js'
import {parseRecapSchedule, type RecapSchedule} from '../../src/core/recap/schedule.js'
import {localTimeAt, parseTimeZone} from '../../src/core/recap/zoned-time.js'

const at = (iso: string): number => Date.parse(iso)
const iso = (instant: number): string => new Date(instant).toISOString()
const BERLIN = 'Europe/Berlin'
const NEW_YORK = 'America/New_York'

function scheduled(text: string): Exclude<RecapSchedule, {kind: 'off'}> {
  const schedule = parseRecapSchedule(text)
  if (schedule.kind === 'off') throw new Error('expected a schedule')
  return schedule
}

describe('recap.schedule as written', () => {
  it.each([
    ['off', {kind: 'off'}],
    ['daily 09:00', {at: {hour: 9, minute: 0}, kind: 'daily'}],
    ['  Daily   7:05 ', {at: {hour: 7, minute: 5}, kind: 'daily'}],
    ['weekly Mon 09:00', {at: {hour: 9, minute: 0}, kind: 'weekly', weekday: 1}],
    ['weekly sunday 23:59', {at: {hour: 23, minute: 59}, kind: 'weekly', weekday: 0}],
    ['monthly 1 00:00', {at: {hour: 0, minute: 0}, day: 1, kind: 'monthly'}],
    ['monthly 28 18:30', {at: {hour: 18, minute: 30}, day: 28, kind: 'monthly'}],
    ['monthly 31 09:00', {at: {hour: 9, minute: 0}, day: 31, kind: 'monthly'}],
  ])('reads %j', (text, schedule) => {
    expect(parseRecapSchedule(text)).toEqual(schedule)
  })

  it.each(['', 'daily', 'daily 24:00', 'daily 9:60', 'daily 9', 'weekly 09:00', 'weekly Mo 09:00', 'weekly Funday 09:00', 'monthly 32 09:00', 'monthly 0 09:00', 'monthly last 09:00', 'hourly 09:00', 'off now'])(
    'refuses %j, saying what a schedule looks like',
    (text) => {
      expect(() => parseRecapSchedule(text)).toThrow(UsageError)
      expect(() => parseRecapSchedule(text)).toThrow(/weekly DAY HH:MM/)
      expect(() => parseRecapSchedule(text)).toThrow(/a month without day D has it on its last day/)
    },
  )
})

describe('recap.timezone', () => {
  it('takes IANA names in any case, as Intl spells them, and the empty value as the host zone', () => {
    expect(parseTimeZone('Europe/Berlin')).toBe(BERLIN)
    expect(parseTimeZone(' europe/berlin ')).toBe(BERLIN)
    expect(parseTimeZone('AMERICA/NEW_YORK')).toBe(NEW_YORK)
    expect(parseTimeZone(' ')).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone)
  })

  it.each(['Mars/Olympus', 'Berlin', 'UTC+25', '+01:00', '-05:00'])('refuses %j', (zone) => {
    expect(() => parseTimeZone(zone)).toThrow(UsageError)
    expect(() => parseTimeZone(zone)).toThrow(/IANA name/)
  })
})

describe('the scheduled moment across daylight-saving changes', () => {
  it('keeps 09:00 on the wall clock when Berlin moves its clocks forward', () => {
    const daily = scheduled('daily 09:00')
    expect(iso(lastScheduledTime(daily, at('2026-03-28T12:00:00Z'), BERLIN))).toBe('2026-03-28T08:00:00.000Z')
    expect(iso(lastScheduledTime(daily, at('2026-03-29T12:00:00Z'), BERLIN))).toBe('2026-03-29T07:00:00.000Z')
    expect(iso(nextScheduledTime(daily, at('2026-03-28T08:00:00Z'), BERLIN))).toBe('2026-03-29T07:00:00.000Z')
  })

  it('moves a time that does not happen (02:30 on the spring day) on by the gap, and takes the first of one that happens twice', () => {
    const daily = scheduled('daily 02:30')
    expect(iso(lastScheduledTime(daily, at('2026-03-29T12:00:00Z'), BERLIN))).toBe('2026-03-29T01:30:00.000Z')
    expect(iso(lastScheduledTime(daily, at('2026-10-25T12:00:00Z'), BERLIN))).toBe('2026-10-25T00:30:00.000Z')
    // The second 02:30 (01:30Z) is not a new moment: the one at 00:30Z is still the last.
    expect(iso(lastScheduledTime(daily, at('2026-10-25T01:45:00Z'), BERLIN))).toBe('2026-10-25T00:30:00.000Z')
    expect(iso(nextScheduledTime(daily, at('2026-10-25T00:30:00Z'), BERLIN))).toBe('2026-10-26T01:30:00.000Z')
  })

  it('gives a 23-hour day and a 169-hour week their true bounds', () => {
    const spring = lastCompletePeriod('day', at('2026-03-30T07:00:00Z'), BERLIN)
    expect(spring).toEqual({from: at('2026-03-28T23:00:00Z'), key: 'day 2026-03-29', kind: 'day', to: at('2026-03-29T22:00:00Z')})
    const autumn = lastCompletePeriod('week', at('2026-10-26T12:00:00Z'), BERLIN)
    expect(autumn).toEqual({from: at('2026-10-18T22:00:00Z'), key: 'week 2026-10-19', kind: 'week', to: at('2026-10-25T23:00:00Z')})
    expect((autumn.to - autumn.from) / 3_600_000).toBe(169)
  })

  it('counts months by the calendar in New York', () => {
    expect(lastCompletePeriod('month', at('2026-03-01T04:59:00Z'), NEW_YORK)).toEqual({from: at('2026-01-01T05:00:00Z'), key: 'month 2026-01-01', kind: 'month', to: at('2026-02-01T05:00:00Z')})
    expect(lastCompletePeriod('month', at('2026-11-02T12:00:00Z'), NEW_YORK)).toEqual({from: at('2026-10-01T04:00:00Z'), key: 'month 2026-10-01', kind: 'month', to: at('2026-11-01T04:00:00Z')})
  })
})

describe('"monthly D" in a month without day D', () => {
  it('is the last day of that month: 30 November, 28 February, 29 February in a leap year', () => {
    const monthly31 = scheduled('monthly 31 09:00')
    expect(iso(lastScheduledTime(monthly31, at('2026-12-15T12:00:00Z'), 'UTC'))).toBe('2026-11-30T09:00:00.000Z')
    expect(iso(lastScheduledTime(monthly31, at('2027-03-15T12:00:00Z'), 'UTC'))).toBe('2027-02-28T09:00:00.000Z')
    expect(iso(lastScheduledTime(monthly31, at('2028-03-15T12:00:00Z'), 'UTC'))).toBe('2028-02-29T09:00:00.000Z')
    expect(iso(lastScheduledTime(monthly31, at('2026-12-31T09:00:00Z'), 'UTC'))).toBe('2026-12-31T09:00:00.000Z')
    expect(iso(nextScheduledTime(monthly31, at('2027-01-31T09:00:00Z'), 'UTC'))).toBe('2027-02-28T09:00:00.000Z')
    expect(iso(nextScheduledTime(scheduled('monthly 30 09:00'), at('2027-02-28T09:00:00Z'), 'UTC'))).toBe('2027-03-30T09:00:00.000Z')
  })
})

describe('the recap due', () => {
  const weekly = parseRecapSchedule('weekly Mon 09:00')

  it('is none when the schedule is off', () => {
    expect(dueRecap(parseRecapSchedule('off'), at('2026-11-23T12:00:00Z'), BERLIN)).toBeUndefined()
  })

  it('is last week from the scheduled minute until the next one, then the week after, never the older one', () => {
    expect(dueRecap(weekly, at('2026-11-23T07:59:59.999Z'), BERLIN)?.key).toBe('week 2026-11-09')
    expect(dueRecap(weekly, at('2026-11-23T08:00:00Z'), BERLIN)?.key).toBe('week 2026-11-16')
    // A bot that was down until Sunday still owes that week's recap...
    expect(dueRecap(weekly, at('2026-11-29T22:00:00Z'), BERLIN)?.key).toBe('week 2026-11-16')
    // ...but once the next Monday 09:00 has passed, only the newer week is due.
    expect(dueRecap(weekly, at('2026-11-30T08:00:00Z'), BERLIN)?.key).toBe('week 2026-11-23')
  })

  it('is none while the last scheduled moment came before the schedule was set', () => {
    const setOnWednesday = at('2026-11-25T14:00:00Z')
    expect(dueRecap(weekly, at('2026-11-25T14:00:00Z'), BERLIN, setOnWednesday)).toBeUndefined()
    expect(dueRecap(weekly, at('2026-11-30T07:59:59.999Z'), BERLIN, setOnWednesday)).toBeUndefined()
    expect(dueRecap(weekly, at('2026-11-30T08:00:00Z'), BERLIN, setOnWednesday)?.key).toBe('week 2026-11-23')
    // Set at the very minute, the minute counts.
    expect(dueRecap(weekly, at('2026-11-23T08:00:00Z'), BERLIN, at('2026-11-23T08:00:00Z'))?.key).toBe('week 2026-11-16')
  })

  it('for a daily schedule is yesterday, in the zone and not in UTC', () => {
    const daily = parseRecapSchedule('daily 00:30')
    // 00:40 in Berlin on 24 Nov is 23:40Z on the 23rd.
    expect(dueRecap(daily, at('2026-11-23T23:40:00Z'), BERLIN)).toEqual({from: at('2026-11-22T23:00:00Z'), key: 'day 2026-11-23', kind: 'day', to: at('2026-11-23T23:00:00Z')})
  })
})

describe('scheduling, for any instant and schedule', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'UTC', 'Pacific/Chatham']
  const schedules = fc.oneof(
    fc.record({hour: fc.integer({max: 23, min: 0}), minute: fc.integer({max: 59, min: 0})}).map(({hour, minute}) => `daily ${hour}:${String(minute).padStart(2, '0')}`),
    fc.tuple(fc.constantFrom('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'), fc.integer({max: 23, min: 0})).map(([day, hour]) => `weekly ${day} ${hour}:15`),
    fc.tuple(fc.integer({max: 31, min: 1}), fc.integer({max: 23, min: 0})).map(([day, hour]) => `monthly ${day} ${hour}:45`),
  )

  it('the last moment is at or before it, the next one after it, and nothing is scheduled between them', () => {
    fc.assert(
      fc.property(schedules, fc.constantFrom(...zones), fc.integer({max: at('2030-01-01T00:00:00Z'), min: at('2024-01-01T00:00:00Z')}), (text, zone, instant) => {
        const schedule = scheduled(text)
        const last = lastScheduledTime(schedule, instant, zone)
        const next = nextScheduledTime(schedule, instant, zone)
        expect(last).toBeLessThanOrEqual(instant)
        expect(next).toBeGreaterThan(instant)
        expect(nextScheduledTime(schedule, last, zone)).toBe(next)
        expect(lastScheduledTime(schedule, next - 1, zone)).toBe(last)
        // Outside a daylight-saving gap the moment is the wall-clock time asked for.
        const local = localTimeAt(last, zone)
        if (local.hour === schedule.at.hour) expect(local.minute).toBe(schedule.at.minute)
        // A monthly moment is on day D, or on the last day of a month that has no day D.
        if (schedule.kind === 'monthly') expect(local.day).toBe(Math.min(schedule.day, new Date(Date.UTC(local.year, local.month, 0)).getUTCDate()))
        // The period due ends at or before the moment it is posted.
        expect(dueRecap(schedule, instant, zone)!.to).toBeLessThanOrEqual(last)
      }),
      {numRuns: 1000},
    )
  })
})
