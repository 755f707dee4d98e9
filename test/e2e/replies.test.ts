import Database from 'better-sqlite3'

import {MAX_SEND_ATTEMPTS} from '../../src/bot/bot.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

function outbox(db: string): {attempts: number; status: string; text: string}[] {
  const raw = new Database(db, {readonly: true})
  try {
    return raw.prepare('SELECT text, status, attempts FROM outbox ORDER BY id').all() as {attempts: number; status: string; text: string}[]
  } finally {
    raw.close()
  }
}

describe('replies merged into one message', () => {
  it('keep their own attempts: a new reply merged with one at its last attempt is not given up with it', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = temp.path('ccp.db')
    // A previous run left a reply that has failed all but one of its attempts, and a command not yet handled, in the same group.
    const store = SqliteStore.open(db)
    const queue = new SqliteQueue(store.db)
    queue.addToOutbox({inboxId: null, quoteAuthor: ALICE.uuid, quoteTimestamp: 4, recipient: GROUP_REST_ID, text: 'an old reply'}, Date.now())
    store.db.prepare('UPDATE outbox SET attempts = ?').run(MAX_SEND_ATTEMPTS - 1)
    queue.addToInbox([{message: {chat: {groupId: GROUP_ID, kind: 'group'}, mentions: [], sender: ALICE, text: '/CCP adduser zoe', timestamp: 5, viaSync: false}, receivedAt: Date.now()}])
    store.close()
    // The first send (both replies as one message) fails; the server then recovers.
    fake.fail('send', {status: 500})
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    await waitFor(() => fake.sendCalls === 1)
    expect((await fake.waitForSent(1, 10_000))[0].message).toBe('User zoe has been added.')
    await waitFor(() => outbox(db)[1]?.status === 'sent')
    expect(outbox(db)).toEqual([
      {attempts: MAX_SEND_ATTEMPTS, status: 'failed', text: 'an old reply'},
      {attempts: 2, status: 'sent', text: 'User zoe has been added.'},
    ])
  })
})
