import type {NewReply} from '../../src/core/queue.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {GROUP_REST_ID} from '../fake-signal/server.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const NOW = Date.parse('2026-11-23T08:00:00Z')
const OTHER_GROUP = 'group.b3RoZXI='

function recapTo(recipient: string): NewReply {
  return {inboxId: null, quoteAuthor: null, quoteTimestamp: null, recipient, text: 'Recap of the week from Mon 16 Nov 2026: no points changed hands.'}
}

function opened() {
  const store = SqliteStore.open(temp.path('ccp.db'))
  const queue = new SqliteQueue(store.db)
  const outbox = () => store.db.prepare('SELECT recipient, text FROM outbox ORDER BY id').all() as {recipient: string; text: string}[]
  return {outbox, queue, store}
}

describe("the recap's record", () => {
  it('queues a period once to every group, and not again after the database is opened anew (a restart)', () => {
    const first = opened()
    expect(first.queue.addRecap('week 2026-11-16', [recapTo(GROUP_REST_ID), recapTo(OTHER_GROUP)], NOW)).toBe(true)
    expect(first.queue.addRecap('week 2026-11-16', [recapTo(GROUP_REST_ID), recapTo(OTHER_GROUP)], NOW + 60_000)).toBe(false)
    expect(first.outbox().map((row) => row.recipient)).toEqual([GROUP_REST_ID, OTHER_GROUP])
    first.store.close()

    const again = opened()
    expect(again.queue.addRecap('week 2026-11-16', [recapTo(GROUP_REST_ID)], NOW + 3_600_000)).toBe(false)
    expect(again.queue.addRecap('week 2026-11-23', [recapTo(GROUP_REST_ID)], NOW + 7 * 86_400_000)).toBe(true)
    expect(again.outbox().map((row) => row.recipient)).toEqual([GROUP_REST_ID, OTHER_GROUP, GROUP_REST_ID])
    again.store.close()
  })

  it('records nothing when its replies cannot be queued, so the recap is still due', () => {
    const {outbox, queue, store} = opened()
    const broken = {...recapTo(GROUP_REST_ID), recipient: null as unknown as string}
    expect(() => queue.addRecap('week 2026-11-16', [recapTo(OTHER_GROUP), broken], NOW)).toThrow()
    expect(outbox()).toEqual([])
    expect(queue.addRecap('week 2026-11-16', [recapTo(GROUP_REST_ID)], NOW)).toBe(true)
    expect(outbox()).toHaveLength(1)
    store.close()
  })

  it('records a period with no replies, as ccp recap does once it has posted by hand: the bot then queues nothing for it', () => {
    const {outbox, queue, store} = opened()
    expect(queue.addRecap('week 2026-11-16', [], NOW)).toBe(true)
    expect(queue.addRecap('week 2026-11-16', [recapTo(GROUP_REST_ID)], NOW + 60_000)).toBe(false)
    expect(outbox()).toEqual([])
    store.close()
  })
})

describe('when the recap settings were set', () => {
  it('is the latest time either was given a new value; the same value again keeps its time', () => {
    const store = SqliteStore.open(temp.path('ccp.db'))
    const changedAt = () => store.settingsChangedAt(['recap.schedule', 'recap.timezone'])
    expect(changedAt()).toBeUndefined()
    store.saveSetting('recap.schedule', 'daily 09:00', NOW)
    store.saveSetting('award.max', '5', NOW + 3)
    expect(changedAt()).toBe(NOW)
    store.saveSetting('recap.schedule', 'daily 09:00', NOW + 1)
    expect(changedAt()).toBe(NOW)
    store.saveSetting('recap.timezone', 'Europe/Berlin', NOW + 2)
    expect(changedAt()).toBe(NOW + 2)
    store.saveSetting('recap.timezone', null, NOW + 4)
    store.saveSetting('recap.schedule', 'daily 10:00', NOW + 5)
    expect(changedAt()).toBe(NOW + 5)
    store.close()
  })

  it('counts an unset as a change, kept across a restart; an unset of what is not stored changes nothing', () => {
    const first = SqliteStore.open(temp.path('ccp.db'))
    const changedAt = (store: SqliteStore) => store.settingsChangedAt(['recap.schedule', 'recap.timezone'])
    first.saveSetting('recap.schedule', 'daily 09:00', NOW)
    first.saveSetting('recap.timezone', 'Asia/Tokyo', NOW + 1)
    first.saveSetting('recap.timezone', null, NOW + 2)
    expect(changedAt(first)).toBe(NOW + 2)
    first.saveSetting('recap.timezone', null, NOW + 3)
    expect(changedAt(first)).toBe(NOW + 2)
    first.close()

    const again = SqliteStore.open(temp.path('ccp.db'))
    expect(changedAt(again)).toBe(NOW + 2)
    again.saveSetting('recap.schedule', null, NOW + 4)
    expect(changedAt(again)).toBe(NOW + 4)
    expect(again.storedSettings()).toEqual({})
    again.close()
  })

  it('in a database from before unsets counted, starts from the times its settings were stored', () => {
    const path = temp.path('old.db')
    const old = SqliteStore.open(path, {upTo: 7})
    const insert = old.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
    insert.run('recap.schedule', 'daily 09:00', NOW)
    insert.run('award.max', '5', NOW + 1)
    old.close()
    const store = SqliteStore.open(path)
    expect(store.settingsChangedAt(['recap.schedule', 'recap.timezone'])).toBe(NOW)
    expect(store.settingsChangedAt(['award.max'])).toBe(NOW + 1)
    store.close()
  })
})
