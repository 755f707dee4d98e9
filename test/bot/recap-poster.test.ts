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
    settings: () => ({groups: new Set([GROUP_ID]), schedule: parseRecapSchedule('weekly Mon 09:00'), timeZone: 'Europe/Berlin', ...settings}),
  })
  const posted = () => (store.db.prepare('SELECT recipient, text FROM outbox ORDER BY id').all() as {recipient: string; text: string}[]).map((row) => row.text)
  return {lines, posted, poster, store}
}

describe('the recap the bot posts itself', () => {
  it('is queued at the scheduled minute, once, and not again after a restart', () => {
    const clock = new ManualClock(Date.parse('2026-11-23T07:59:00Z')) // 08:59 in Berlin
    const first = run(clock)
    expect(first.poster.postIfDue()).toBe(true) // the week before last was never posted in this new database
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

  it('is posted late by a bot that was down at the minute, but only until the next one', () => {
    const clock = new ManualClock(Date.parse('2026-11-23T08:00:00Z'))
    const first = run(clock)
    expect(first.poster.postIfDue()).toBe(true)
    first.store.close()
    // Down from Monday 09:00 on 30 November until Wednesday: last week's recap is still due then...
    clock.advance(9 * 86_400_000)
    const back = run(clock)
    expect(back.poster.postIfDue()).toBe(true)
    back.store.close()
    // ...but down over two scheduled minutes, only the latest week is posted, never the one missed.
    clock.advance(14 * 86_400_000)
    const late = run(clock)
    expect(late.poster.postIfDue()).toBe(true)
    expect(late.posted()).toEqual(['recap of week 2026-11-16', 'recap of week 2026-11-23', 'recap of week 2026-12-07'])
    late.store.close()
  })

  it('keeps to the wall clock of recap.timezone across the change to summer time', () => {
    // Daily at 09:00 in Berlin: 08:00Z before 29 March 2026, 07:00Z from then on.
    const clock = new ManualClock(Date.parse('2026-03-28T08:00:00Z'))
    const poster = run(clock, {schedule: parseRecapSchedule('daily 09:00')})
    expect(poster.poster.postIfDue()).toBe(true)
    clock.advance(23 * 60 * MINUTE - MINUTE) // 06:59Z on 29 March, 08:59 in summer time
    expect(poster.poster.postIfDue()).toBe(false)
    clock.advance(MINUTE)
    expect(poster.poster.postIfDue()).toBe(true)
    expect(poster.posted()).toEqual(['recap of day 2026-03-27', 'recap of day 2026-03-28'])
    poster.store.close()
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
