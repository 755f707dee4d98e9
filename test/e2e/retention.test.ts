import Database from 'better-sqlite3'

import {SqliteQueue} from '../../src/store/queue-store.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

const DAY = 86_400_000

function rows(db: string): {inbox: {sent_at: number; status: string}[]; outbox: {status: string; text: string}[]} {
  const raw = new Database(db, {readonly: true})
  try {
    return {
      inbox: raw.prepare('SELECT sent_at, status FROM inbox ORDER BY id').all() as {sent_at: number; status: string}[],
      outbox: raw.prepare('SELECT status, text FROM outbox ORDER BY id').all() as {status: string; text: string}[],
    }
  } finally {
    raw.close()
  }
}

/** A command handled `daysAgo` days ago, with its reply in `replyStatus` (or none), as an earlier run left it. */
function handledLongAgo(queue: SqliteQueue, store: SqliteStore, timestamp: number, daysAgo: number, replyStatus: null | string, inboxStatus = 'done'): void {
  const at = Date.now() - daysAgo * DAY
  const text = `/CCP listall (${daysAgo} days ago)`
  queue.addToInbox([{message: {chat: {groupId: GROUP_ID, kind: 'group'}, mentions: [], sender: ALICE, text, timestamp, viaSync: false}, receivedAt: at}])
  const inboxId = (store.db.prepare('SELECT max(id) AS id FROM inbox').get() as {id: number}).id
  store.db.prepare('UPDATE inbox SET status = ? WHERE id = ?').run(inboxStatus, inboxId)
  if (replyStatus === null) return
  queue.addToOutbox({inboxId, quoteAuthor: ALICE.uuid, quoteTimestamp: timestamp, recipient: GROUP_REST_ID, text: `reply to ${text}`}, at)
  store.db.prepare('UPDATE outbox SET status = ? WHERE id = (SELECT max(id) FROM outbox)').run(replyStatus)
}

describe('the inbox and outbox of ccp serve', () => {
  it('lose handled commands and final replies after the retention, keep everything newer or unfinished, and still apply a repeat once', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    const store = SqliteStore.open(db)
    const queue = new SqliteQueue(store.db)
    handledLongAgo(queue, store, 1, 40, 'sent')
    handledLongAgo(queue, store, 2, 40, 'failed', 'failed')
    handledLongAgo(queue, store, 3, 40, null)
    // Old, but its reply is still waiting (the server has been refusing it): kept, with its command.
    handledLongAgo(queue, store, 4, 40, 'pending')
    handledLongAgo(queue, store, 5, 20, 'sent')
    handledLongAgo(queue, store, 6, 1, 'sent')
    store.db.prepare("UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending'").run(Date.now() + DAY)
    store.close()

    bot = startServe(db, fake.url, ['--mode', 'poll', '--retention', '30'])
    await bot.waitForLog(/pruned .*inbox=3 .*outbox=2/)
    expect(rows(db)).toEqual({
      inbox: [
        {sent_at: 4, status: 'done'},
        {sent_at: 5, status: 'done'},
        {sent_at: 6, status: 'done'},
      ],
      outbox: [
        {status: 'pending', text: 'reply to /CCP listall (40 days ago)'},
        {status: 'sent', text: 'reply to /CCP listall (20 days ago)'},
        {status: 'sent', text: 'reply to /CCP listall (1 days ago)'},
      ],
    })
    // What dedupe needs is kept: a command handled within the retention, delivered again, is not applied again.
    const recent = textItem(ALICE, '/CCP adduser zoe')
    fake.push(recent)
    await fake.waitForSent(1)
    fake.push(recent, textItem(ALICE, '/CCP listall'))
    await fake.waitForSent(2)
    expect(fake.sent[1].message).toBe('User Scores:\nzoe: 0 points')
    await waitFor(() => rows(db).inbox.length === 5)
  })

  it('refuses a retention shorter than a day, before anything is received', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--retention', '0'])
    expect(await bot.exited).toBe(2)
    expect(fake.receiveCalls).toBe(0)
  })
})
