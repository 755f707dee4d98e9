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
})
