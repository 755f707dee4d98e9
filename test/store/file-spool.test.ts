import {execFileSync} from 'node:child_process'
import {appendFileSync, chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'

import type {ReceivedCommand} from '../../src/core/queue.js'
import {FileSpool} from '../../src/store/file-spool.js'
import {GROUP_ID} from '../fake-signal/server.js'
import {ALICE} from '../helpers/ledger.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function command(timestamp: number, text = `/CCP bob ${timestamp}`): ReceivedCommand {
  return {message: {chat: {groupId: GROUP_ID, kind: 'group'}, mentions: [], sender: ALICE, text, timestamp, viaSync: false}, receivedAt: 1_764_200_000_000 + timestamp}
}

/** A database that takes what it is given, or refuses while `locked`; duplicates are ignored, as the inbox does. */
function fakeInbox() {
  const stored = new Map<number, ReceivedCommand>()
  const inbox = {
    locked: false,
    get timestamps(): number[] {
      return [...stored.keys()]
    },
    store: (commands: readonly ReceivedCommand[]) => {
      if (inbox.locked) throw Object.assign(new Error('database is locked'), {code: 'SQLITE_BUSY'})
      for (const item of commands) if (!stored.has(item.message.timestamp)) stored.set(item.message.timestamp, item)
    },
  }
  return inbox
}

const files = (): string[] => readdirSync(temp.path()).filter((name) => name.includes('spool')).sort()

describe('the spool of received commands', () => {
  it('keeps what the database refuses, on disk, private, until it takes them', () => {
    const spool = FileSpool.besideDatabase(temp.path('ccp.db'))
    const inbox = fakeInbox()
    inbox.locked = true
    spool.append([command(1), command(2)])
    expect(() => spool.drain(inbox.store)).toThrow(/locked/)
    spool.append([command(3)])
    expect(() => spool.drain(inbox.store)).toThrow(/locked/)
    expect(spool.size).toBe(3)
    for (const name of files()) expect(statSync(temp.path(name)).mode & 0o777).toBe(0o600)
    inbox.locked = false
    spool.drain(inbox.store)
    expect(inbox.timestamps).toEqual([1, 2, 3])
    expect(spool.size).toBe(0)
    spool.drain(inbox.store, {all: true})
    expect(files()).toEqual([])
  })

  it('hands what a run left (a stop, a crash) to the next one, oldest first', () => {
    const first = FileSpool.besideDatabase(temp.path('ccp.db'))
    first.append([command(1)])
    first.append([command(2)])
    // The process ends here without storing them.
    const next = FileSpool.besideDatabase(temp.path('ccp.db'))
    const inbox = fakeInbox()
    next.append([command(3)])
    next.drain(inbox.store)
    expect(inbox.timestamps).toEqual([1, 2, 3])
    next.drain(inbox.store, {all: true})
    expect(files()).toEqual([])
  })

  it('loses nothing when two processes share it, whoever drains when', () => {
    const a = FileSpool.besideDatabase(temp.path('ccp.db'))
    const b = FileSpool.besideDatabase(temp.path('ccp.db'))
    const inbox = fakeInbox()
    a.append([command(1)])
    // b claims the file a appends to; a's next lines must reach a file that is still drained.
    b.drain(inbox.store, {all: true})
    a.append([command(2)])
    b.append([command(3)])
    inbox.locked = true
    expect(() => a.drain(inbox.store, {all: true})).toThrow()
    inbox.locked = false
    // a "crashes" here: what it held in memory is gone, what it wrote is not.
    b.drain(inbox.store, {all: true})
    expect(inbox.timestamps.sort()).toEqual([1, 2, 3])
    expect(files()).toEqual([])
  })

  it('skips a line a crash cut short, says so, and keeps the lines after it whole', () => {
    const path = temp.path('ccp.db')
    const first = FileSpool.besideDatabase(path)
    first.append([command(1)])
    appendFileSync(`${path}-spool`, '{"message":{"chat":{"groupId"')
    const unreadable: number[] = []
    const next = FileSpool.besideDatabase(path, {onUnreadable: (lines) => unreadable.push(lines)})
    const inbox = fakeInbox()
    // The next run must not glue its line to the cut one: it opens the same file only after a drain renamed it, so write one more first.
    const other = FileSpool.besideDatabase(path)
    other.append([command(2)])
    expect(readFileSync(`${path}-spool`, 'utf8').split('\n').filter(Boolean)).toHaveLength(3)
    next.drain(inbox.store)
    expect(inbox.timestamps).toEqual([1, 2])
    expect(unreadable).toEqual([1])
  })

  it('drops a line that is JSON but no command, never hands it on', () => {
    const path = temp.path('ccp.db')
    appendFileSync(`${path}-spool`, `${JSON.stringify({message: {text: 5}, receivedAt: 1})}\n${JSON.stringify({message: command(7).message, receivedAt: 'soon'})}\n`, {mode: 0o600})
    const unreadable: number[] = []
    const spool = FileSpool.besideDatabase(path, {onUnreadable: (lines) => unreadable.push(lines)})
    const inbox = fakeInbox()
    spool.drain(inbox.store)
    expect(inbox.timestamps).toEqual([])
    expect(unreadable).toEqual([2])
  })

  it('keeps a reaction whole, and drops one whose reaction is damaged', () => {
    const path = temp.path('ccp.db')
    const reaction = {emoji: '👍', remove: false, targetAuthor: {number: null, uuid: ALICE.uuid}, targetTimestamp: 1000}
    const damaged = {...command(9, '').message, reaction: {...reaction, targetAuthor: null}}
    appendFileSync(`${path}-spool`, `${JSON.stringify({message: damaged, receivedAt: 1})}\n`, {mode: 0o600})
    const unreadable: number[] = []
    const spool = FileSpool.besideDatabase(path, {onUnreadable: (lines) => unreadable.push(lines)})
    spool.append([{...command(8, ''), message: {...command(8, '').message, reaction}}])
    const inbox = fakeInbox()
    const handed: ReceivedCommand[] = []
    spool.drain((commands) => {
      handed.push(...commands)
      inbox.store(commands)
    })
    expect(handed.map((item) => item.message)).toEqual([expect.objectContaining({reaction, timestamp: 8})])
    expect(unreadable).toEqual([1])
  })

  it('starts a new file once the old one is large or old, so it never grows for long', () => {
    let now = 0
    const spool = FileSpool.besideDatabase(temp.path('ccp.db'), {now: () => now, rotateBytes: 10_000, rotateMs: 60_000})
    const inbox = fakeInbox()
    for (let i = 1; i <= 200; i++) {
      spool.append([command(i)])
      spool.drain(inbox.store)
      now += 100
      const sizes = files().map((name) => statSync(temp.path(name)).size)
      expect(Math.max(0, ...sizes)).toBeLessThan(10_000 + 500)
    }

    expect(inbox.timestamps).toHaveLength(200)
    now += 60_000
    spool.drain(inbox.store)
    expect(files()).toEqual([])
  })
})

describe('spool files that are not the bot user’s own private files', () => {
  const line = (timestamp: number): string => `${JSON.stringify({message: command(timestamp).message, receivedAt: command(timestamp).receivedAt})}\n`

  it.each([
    ['a folder', (path: string) => mkdirSync(path)],
    ['a named pipe', (path: string) => execFileSync('mkfifo', [path])],
    ['a file others may write', (path: string) => writeFileSync(path, line(7), {mode: 0o666})],
    ['a symbolic link', (path: string) => symlinkSync(temp.path('elsewhere'), path)],
  ])('sets %s aside unread, says so, and still stores the rest', (_what, plant) => {
    writeFileSync(temp.path('elsewhere'), line(8), {mode: 0o600})
    writeFileSync(temp.path('ccp.db-spool.kept.claimed'), line(5), {mode: 0o600})
    plant(temp.path('ccp.db-spool.planted.claimed'))
    chmodSync(temp.path('ccp.db-spool.kept.claimed'), 0o600)
    const setAside: string[] = []
    const spool = FileSpool.besideDatabase(temp.path('ccp.db'), {onSetAside: (file) => setAside.push(file)})
    const inbox = fakeInbox()
    spool.drain(inbox.store, {all: true})
    expect(inbox.timestamps).toEqual([5])
    expect(setAside).toEqual([temp.path('ccp.db-spool.planted.set-aside')])
    // Set aside once: the next drain neither reads nor reports it again.
    spool.drain(inbox.store, {all: true})
    expect(setAside).toHaveLength(1)
  })
})
