import Database from 'better-sqlite3'

import {OPERATOR} from '../../src/core/actor.js'
import {Ledger} from '../../src/core/ledger.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {clockAt, cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {ADMIN_UUID, type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer | undefined
let bot: ServeProcess | undefined

stopAfterEach(() => {
  const running = fake
  fake = undefined
  return {bot, fake: running}
})

/** Every ccp here runs on a clock that starts on Wednesday 25 November 2026 at noon UTC, whatever the day. */
const NOW = '2026-11-25T12:00:00Z'
const at = (iso: string): number => Date.parse(iso)

function signal(url: string): string[] {
  return ['--signal-url', url, '--number', '+15550000000']
}

/** Amy, Ben and Cy with awards in the week from Monday 16 November (UTC), and one in the week after, which the recap leaves out. */
function seedLastWeek(db: string, settings: Record<string, string> = {}): void {
  const store = SqliteStore.open(db)
  let now = at('2026-11-10T12:00:00Z')
  const ledger = new Ledger(store, {now: () => now})
  for (const name of ['amy', 'ben', 'cy']) ledger.addMember({name})
  now = at('2026-11-16T01:00:00Z')
  ledger.award(OPERATOR, {points: 7, target: {name: 'ben'}})
  now = at('2026-11-22T23:59:59.999Z')
  ledger.award(OPERATOR, {points: -2, target: {name: 'amy'}})
  now = at('2026-11-23T00:00:00Z')
  ledger.award(OPERATOR, {points: 100, target: {name: 'cy'}})
  store.close()
  seedSettings(db, {'chat.groups': GROUP_ID, 'recap.timezone': 'UTC', ...settings}, at('2026-11-01T00:00:00Z'))
}

const LAST_WEEK = [
  'Recap of the week from Mon 16 Nov 2026:',
  'Top gainers:',
  '1. ben: +7 (Citizen)',
  'Biggest fall: amy, -2.',
  '2 awards from 1 giver.',
  'Tier changes: amy Citizen → Reeducation Candidate.',
].join('\n')

function query(db: string, sql: string): unknown[] {
  const raw = new Database(db, {readonly: true})
  try {
    return raw.prepare(sql).pluck().all()
  } finally {
    raw.close()
  }
}

const recordedPeriods = (db: string) => query(db, 'SELECT period FROM recaps ORDER BY period')
/** What the bot queued (ccp recap sends directly, past the outbox). */
const botQueued = (db: string) => query(db, 'SELECT text FROM outbox ORDER BY id').map((text) => String(text).split('\n')[0])

/** `ccp serve` on the same clock as the commands, in GROUP_ID, or with `groups: []` in the configured groups. */
function serveOnClock(db: string, url: string, groups = ['--group', GROUP_ID]): ServeProcess {
  return startServe(db, url, [...signal(url), '--admin', ADMIN_UUID, ...groups, '--mode', 'poll'], clockAt(NOW))
}

const OTHER_GROUP = Buffer.alloc(32, 7).toString('base64')
const OTHER_GROUP_REST_ID = `group.${Buffer.from(OTHER_GROUP).toString('base64')}`

describe('ccp recap', () => {
  it('shows with --dry-run what it would post, then posts the same recap of last week to the group', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedLastWeek(db)
    const ccp = cliOn(db, clockAt(NOW))
    const before = dumpDatabase(db)
    const dry = await ccp.json<{message: string; period: {key: string}; recipients: string[]; recorded: boolean; sent: boolean}>('recap', ...signal(fake.url), '--dry-run')
    expect(dry).toMatchObject({message: LAST_WEEK, period: {key: 'week 2026-11-16'}, recipients: [GROUP_REST_ID], recorded: false, sent: false})
    expect(fake.sent).toHaveLength(0)
    // With recap.schedule off, there is no schedule to tell about the post.
    expect((await ccp.run('recap', ...signal(fake.url))).stdout).toBe('Posted to the group.\n')
    expect(fake.sent).toEqual([expect.objectContaining({message: LAST_WEEK, recipient: GROUP_REST_ID})])
    expect(dumpDatabase(db)).toEqual(before)
    expect(recordedPeriods(db)).toEqual([])
  })

  it('with --dry-run shows the recap before any group is set, and says how to give one; posting needs one (exit 2)', async () => {
    const db = temp.path('ccp.db')
    seedLastWeek(db, {'chat.groups': ''})
    const ccp = cliOn(db, clockAt(NOW))
    expect((await ccp.run('recap', '--dry-run')).stdout).toBe(`Would post (once a group is given: --group ID, CCP_GROUPS (in the env file CCP_ENV_FILE names, say), or ccp config set chat.groups ID):\n${LAST_WEEK}\n`)
    const before = dumpDatabase(db)
    const post = await ccp.run('recap', ...signal('http://127.0.0.1:9'))
    expect(post.code).toBe(2)
    expect(post.stderr).toMatch(/Say where to post: --group ID/)
    expect(dumpDatabase(db)).toEqual(before)
  })

  it('takes the period from recap.schedule, or from --period, and refuses one it does not know', async () => {
    const db = temp.path('ccp.db')
    seedLastWeek(db, {'recap.schedule': 'daily 08:00'})
    const ccp = cliOn(db, clockAt(NOW))
    expect(await ccp.json('recap', '--dry-run')).toMatchObject({period: {from: '2026-11-24T00:00:00.000Z', key: 'day 2026-11-24', to: '2026-11-25T00:00:00.000Z'}})
    expect(await ccp.json('recap', '--dry-run', '--period', 'last-month')).toMatchObject({period: {key: 'month 2026-10-01'}})
    // In Berlin, noon UTC is already the afternoon of the same day: the same yesterday, with Berlin's bounds.
    seedSettings(db, {'recap.timezone': 'Europe/Berlin'})
    expect(await ccp.json('recap', '--dry-run')).toMatchObject({period: {from: '2026-11-23T23:00:00.000Z', key: 'day 2026-11-24'}})
    const bad = await ccp.run('recap', '--dry-run', '--period', 'last-year')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/last-year/)
  })

  it('posted by hand, records the period the schedule posts, and the bot then does not post it again', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedLastWeek(db, {'recap.schedule': 'weekly Mon 09:00'})
    const posted = await cliOn(db, clockAt(NOW)).run('recap', ...signal(fake.url))
    expect(posted).toMatchObject({code: 0, stdout: 'Posted to the group.\nRecorded as the recap of the week from Mon 16 Nov 2026: the bot will not post it again.\n'})
    expect(recordedPeriods(db)).toEqual(['week 2026-11-16'])

    // The bot, started the same Wednesday with that week's recap due since Monday 09:00, answers but posts no recap
    // (it checks for one in each pass, before it sends what the pass queued).
    bot = serveOnClock(db, fake.url)
    fake.push(textItem(ALICE, '/CCP listall'))
    const sent = await fake.waitForSent(2)
    expect(sent.map((message) => message.message.split('\n')[0])).toEqual(['Recap of the week from Mon 16 Nov 2026:', 'User Scores:'])
    expect(botQueued(db)).toEqual(['User Scores:'])
    expect(await bot.stop('SIGTERM')).toBe(0)
    expect(fake.sent).toHaveLength(2)
  })

  it('posted by hand with --group to only some of the configured groups, records nothing, and the bot posts it to them all', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedLastWeek(db, {'chat.groups': `${GROUP_ID},${OTHER_GROUP}`, 'recap.schedule': 'weekly Mon 09:00'})
    const ccp = cliOn(db, clockAt(NOW))
    const posted = await ccp.run('recap', ...signal(fake.url), '--group', GROUP_ID)
    expect(posted).toMatchObject({
      code: 0,
      stdout: 'Posted to the group.\nNot recorded as the recap of the week from Mon 16 Nov 2026: 1 configured group did not get it, so the bot still posts it to every configured group.\n',
    })
    expect(recordedPeriods(db)).toEqual([])

    bot = serveOnClock(db, fake.url, [])
    const sent = await fake.waitForSent(3)
    expect(sent.map(({message, recipient}) => [recipient, message])).toEqual([
      [GROUP_REST_ID, LAST_WEEK],
      [GROUP_REST_ID, LAST_WEEK],
      [OTHER_GROUP_REST_ID, LAST_WEEK],
    ])
    expect(await bot.stop('SIGTERM')).toBe(0)
    expect(recordedPeriods(db)).toEqual(['week 2026-11-16'])
  })

  it('posted by hand with --group while no group is configured, records nothing: the bot may be given others with --group', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedLastWeek(db, {'chat.groups': '', 'recap.schedule': 'weekly Mon 09:00'})
    const posted = await cliOn(db, clockAt(NOW)).run('recap', ...signal(fake.url), '--group', GROUP_ID)
    expect(posted).toMatchObject({
      code: 0,
      stdout: 'Posted to the group.\nNot recorded as the recap of the week from Mon 16 Nov 2026: no group is configured (CCP_GROUPS or chat.groups), so the bot still posts it to the groups it is given.\n',
    })
    expect(recordedPeriods(db)).toEqual([])

    bot = serveOnClock(db, fake.url, ['--group', GROUP_ID, '--group', OTHER_GROUP])
    const sent = await fake.waitForSent(3)
    expect(sent.map(({recipient}) => recipient).sort()).toEqual([GROUP_REST_ID, GROUP_REST_ID, OTHER_GROUP_REST_ID].sort())
    expect(await bot.stop('SIGTERM')).toBe(0)
  })

  it('posted by hand with --group naming every configured group, records the period', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedLastWeek(db, {'chat.groups': GROUP_ID, 'recap.schedule': 'weekly Mon 09:00'})
    const posted = await cliOn(db, {...clockAt(NOW), CCP_GROUPS: `${GROUP_ID},${OTHER_GROUP}`}).json<{recorded: boolean}>('recap', ...signal(fake.url), '--group', `${OTHER_GROUP_REST_ID},${GROUP_ID}`)
    expect(posted).toMatchObject({recorded: true})
    expect(recordedPeriods(db)).toEqual(['week 2026-11-16'])
  })

  it('posted by hand for another kind of period than the schedule, records nothing, and the bot posts its own', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedLastWeek(db, {'recap.schedule': 'weekly Mon 09:00'})
    const posted = await cliOn(db, clockAt(NOW)).json<{period: {key: string}; recorded: boolean}>('recap', ...signal(fake.url), '--period', 'yesterday')
    expect(posted).toMatchObject({period: {key: 'day 2026-11-24'}, recorded: false})
    expect(recordedPeriods(db)).toEqual([])

    bot = serveOnClock(db, fake.url)
    const sent = await fake.waitForSent(2)
    expect(sent.map((message) => message.message)).toEqual(['Recap of Tue 24 Nov 2026: no points changed hands.', LAST_WEEK])
    expect(recordedPeriods(db)).toEqual(['week 2026-11-16'])
  })
})
