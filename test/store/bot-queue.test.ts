import type {ChatMessage} from '../../src/core/chat/message.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {ALICE} from '../helpers/ledger.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const DAY = 86_400_000
const NOW = Date.parse('2026-06-01T00:00:00Z')

function message(timestamp: number): ChatMessage {
  return {chat: {groupId: GROUP_ID, kind: 'group'}, mentions: [], sender: ALICE, text: '/CCP listall', timestamp, viaSync: false}
}

function fixture() {
  const store = SqliteStore.open(temp.path('ccp.db'))
  const queue = new SqliteQueue(store.db)
  const handled = (timestamp: number, receivedAt: number, reply: null | 'failed' | 'pending' | 'sent'): void => {
    queue.addToInbox([{message: message(timestamp), receivedAt}])
    const id = (store.db.prepare('SELECT max(id) AS id FROM inbox').get() as {id: number}).id
    queue.finishInbox(id, 'done')
    if (!reply) return
    queue.addToOutbox({inboxId: id, quoteAuthor: null, quoteTimestamp: null, recipient: GROUP_REST_ID, text: 'reply'}, receivedAt)
    if (reply !== 'pending') store.db.prepare('UPDATE outbox SET status = ? WHERE inbox_id = ?').run(reply, id)
  }

  const kept = () => (store.db.prepare('SELECT sent_at FROM inbox ORDER BY id').all() as {sent_at: number}[]).map((row) => row.sent_at)
  return {handled, kept, queue, store}
}

describe('pruning the bot queue', () => {
  it('never deletes a pending command, a pending reply, or the command a pending reply answers', () => {
    const {handled, kept, queue, store} = fixture()
    handled(1, NOW - 40 * DAY, 'pending')
    queue.addToInbox([{message: message(2), receivedAt: NOW - 40 * DAY}])
    handled(3, NOW - 40 * DAY, 'sent')
    expect(queue.prune(NOW - 30 * DAY, 100)).toEqual({inbox: 1, outbox: 1})
    expect(kept()).toEqual([1, 2])
    expect(queue.backlog()).toEqual({inbox: 1, outbox: 1})
    store.close()
  })

  it('deletes in chunks of the size asked, oldest first', () => {
    const {handled, kept, queue, store} = fixture()
    for (let i = 1; i <= 5; i++) handled(i, NOW - (50 - i) * DAY, null)
    expect(queue.prune(NOW - 30 * DAY, 2)).toEqual({inbox: 2, outbox: 0})
    expect(kept()).toEqual([3, 4, 5])
    expect(queue.prune(NOW - 30 * DAY, 2)).toEqual({inbox: 2, outbox: 0})
    expect(queue.prune(NOW - 30 * DAY, 2)).toEqual({inbox: 1, outbox: 0})
    expect(kept()).toEqual([])
    store.close()
  })

  it('takes a command stored late with an old time (from the spool) once the rows before it are old too', () => {
    const {handled, kept, queue, store} = fixture()
    handled(1, NOW - 1 * DAY, 'sent')
    handled(2, NOW - 40 * DAY, 'sent')
    expect(queue.prune(NOW - 30 * DAY, 100)).toEqual({inbox: 0, outbox: 0})
    expect(kept()).toEqual([1, 2])
    expect(queue.prune(NOW + 30 * DAY, 100)).toEqual({inbox: 2, outbox: 2})
    store.close()
  })
})
