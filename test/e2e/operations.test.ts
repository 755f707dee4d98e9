import {writeFileSync} from 'node:fs'

import {OPERATOR} from '../../src/core/actor.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {cliOn, runCli} from '../helpers/cli.js'
import {seedDatabase, seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {type ServeProcess, startServe, stopAfterEach} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

const ADMIN = '--admin=+15551110001'

function signal(url: string): string[] {
  return ['--signal-url', url, '--number', '+15550000000']
}

interface Doctor {
  checks: {detail: string; fix?: string; name: string; status: string}[]
  ok: boolean
}

describe('ccp doctor', () => {
  it('passes every check on a healthy setup, exit 0', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    await cliOn(temp.path('ccp.db')).run('adduser', 'alice')
    const result = await cliOn(temp.path('ccp.db')).run('doctor', ...signal(fake.url), ADMIN, '--group', GROUP_REST_ID)
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').filter(Boolean).map((line) => line.slice(0, 14).trim())).toEqual(['✓ Database', '✓ Signal API', '✓ Account', '✓ Groups', '✓ Admins', '✓ Reactions', '✓ Recap'])
    expect(result.stdout).toMatch(/signal-cli-rest-api 0\.100 in json-rpc mode/)
    expect(result.stdout).toMatch(/the account is in Citizens/)
  })

  it('passes with a warning (reactions above award.max), exit 0, and shows its fix', async () => {
    fake = await FakeSignalServer.start({mode: 'json-rpc'})
    const ccp = cliOn(temp.path('ccp.db'))
    await ccp.run('adduser', 'alice')
    await ccp.run('config', 'set', 'reactions', '👍=101')
    const result = await ccp.run('doctor', ...signal(fake.url), ADMIN, '--group', GROUP_REST_ID)
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').filter(Boolean).map((line) => line.slice(0, 14).trim())).toEqual(['✓ Database', '✓ Signal API', '✓ Account', '✓ Groups', '✓ Admins', '! Reactions', '', '✓ Recap'])
    expect(result.stdout).toContain("! Reactions    👍=101 award the reacted-to message's author, but 👍=101 exceeds award.max (100): those reactions change nothing\n               Fix: Keep each reaction within award.max, or raise it.\n")
    expect(JSON.parse((await ccp.run('doctor', ...signal(fake.url), ADMIN, '--group', GROUP_REST_ID, '--json')).stdout)).toMatchObject({ok: true})
  })

  it('names each failure with its fix, exit 3, also with --json', async () => {
    fake = await FakeSignalServer.start({accounts: ['+15559999999']})
    const other = Buffer.alloc(32, 9).toString('base64')
    const args = ['doctor', ...signal(fake.url), '--group', other]
    await cliOn(temp.path('ccp.db')).run('adduser', 'alice')
    const result = await cliOn(temp.path('ccp.db')).run(...args)
    expect(result.code).toBe(3)
    expect(result.stdout).toMatch(/✗ Account +\+15550000000 is not among the server's accounts \(\+15559999999\)\n +Fix: Link it with ccp link/)
    expect(result.stdout).toMatch(/- Groups +skipped: the account is not ready/)
    expect(result.stdout).toMatch(/✗ Admins +no admins: nobody can change points from the chat\n +Fix: Add --admin/)
    expect(result.stdout).toMatch(/✓ Signal API/)
    const json = await cliOn(temp.path('ccp.db')).run(...args, '--json')
    expect(json.code).toBe(3)
    const report = JSON.parse(json.stdout) as Doctor
    expect(report.ok).toBe(false)
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['Database', 'ok'],
      ['Signal API', 'ok'],
      ['Account', 'fail'],
      ['Groups', 'skipped'],
      ['Admins', 'fail'],
      ['Reactions', 'ok'],
      ['Recap', 'ok'],
    ])
  })

  it('says so when the API or the database cannot be reached', async () => {
    fake = await FakeSignalServer.start()
    await fake.pause()
    writeFileSync(temp.path('file.txt'), 'not a folder')
    const result = await runCli(['doctor', ...signal(fake.url), ADMIN, '--db', temp.path('file.txt/ccp.db'), '--json'])
    const report = JSON.parse(result.stdout) as Doctor
    expect(result.code).toBe(3)
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['Database', 'fail'],
      ['Signal API', 'fail'],
      ['Account', 'skipped'],
      ['Groups', 'skipped'],
      ['Admins', 'ok'],
    ])
    expect(report.checks[1]).toMatchObject({detail: expect.stringMatching(/ECONNREFUSED/), fix: expect.stringMatching(/Start signal-cli-rest-api/)})
    // One document: the checks, and the error object every failure has under --json.
    expect(JSON.parse(result.stdout)).toMatchObject({error: {code: 'CHECKS_FAILED', exitCode: 3, message: '2 of 5 checks failed.'}, ok: false})
  })
})

describe('ccp doctor with bad settings', () => {
  it('reports bad admins, groups and a missing number as failed checks, not a usage error', async () => {
    fake = await FakeSignalServer.start()
    await cliOn(temp.path('ccp.db')).run('adduser', 'alice')
    const result = await runCli(['doctor', '--signal-url', fake.url, '--db', temp.path('ccp.db'), '--group', 'Citizens', '--json'], {CCP_ADMINS: 'bob'})
    expect(result.code).toBe(3)
    const report = JSON.parse(result.stdout) as Doctor
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['Database', 'ok'],
      ['Signal API', 'skipped'],
      ['Account', 'fail'],
      ['Groups', 'fail'],
      ['Admins', 'fail'],
      ['Reactions', 'ok'],
      ['Recap', 'ok'],
    ])
    expect(report.checks[2].detail).toMatch(/Give the bot's account with --number/)
    expect(report.checks[3].detail).toMatch(/Group "Citizens" is not a Signal group id/)
    expect(report.checks[4].detail).toMatch(/Admin "bob" is neither/)
  })

  it('does not count a group the account is only listed in, without being a member', async () => {
    fake = await FakeSignalServer.start({groups: [{id: GROUP_REST_ID, internal_id: GROUP_ID, members: ['+15551110001'], name: 'Citizens'}]})
    await cliOn(temp.path('ccp.db')).run('adduser', 'alice')
    const result = await cliOn(temp.path('ccp.db')).run('doctor', ...signal(fake.url), ADMIN, '--group', GROUP_ID)
    expect(result.code).toBe(3)
    expect(result.stdout).toMatch(/✗ Groups +the account is not in 2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg= \(group\.MkRp.*\)\n +Fix: Add the account to the group from a phone/)
  })
})

describe('ccp groups', () => {
  it("lists the account's groups with both ids and whether the bot answers there", async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedSettings(db, {'chat.groups': GROUP_ID})
    expect(await cliOn(db).json('groups', ...signal(fake.url))).toEqual([
      {configured: true, id: GROUP_REST_ID, internalId: GROUP_ID, members: 4, name: 'Citizens'},
      {configured: false, id: expect.stringMatching(/^group\./), internalId: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', members: expect.any(Number), name: 'Elsewhere'},
    ])
    const table = await cliOn(db).run('groups', ...signal(fake.url))
    expect(table.stdout).toMatch(/│ Citizens +│ 2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg= │ group\.MkRp.*│ +4 │ yes +│/)
  })
})

describe('ccp announce', () => {
  it('posts the standings to the configured group, naming people in plain text', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedDatabase(db, (ledger) => {
      ledger.addMember({name: 'amy'})
      ledger.addMember({name: 'ben'})
      ledger.award(OPERATOR, {points: 120, target: {name: 'ben'}})
    })
    seedSettings(db, {'chat.groups': GROUP_ID})
    const dry = await cliOn(db).json('announce', ...signal(fake.url), '--dry-run', '--top', '1')
    expect(dry).toEqual({message: 'Top 1:\n1. ben: 120 points (Model Citizen)', recipients: [GROUP_REST_ID], sent: false})
    expect(fake.sent).toHaveLength(0)
    expect((await cliOn(db).run('announce', ...signal(fake.url))).stdout).toBe('Posted to the group.\n')
    expect(fake.sent[0]).toMatchObject({message: 'Top 2:\n1. ben: 120 points (Model Citizen)\n2. amy: 0 points (Citizen)', recipient: GROUP_REST_ID})
    await cliOn(db).run('announce', ...signal(fake.url), '--message', 'New season on Monday!', '--group', 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=')
    expect(fake.sent[1]).toMatchObject({message: 'New season on Monday!', recipient: expect.stringMatching(/^group\./)})
  })

  it('needs a group and some text, and reports a failed send with exit 3', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    expect((await cliOn(db).run('announce', ...signal(fake.url))).stderr).toMatch(/Say where to post: --group ID/)
    expect(await cliOn(db).run('announce', ...signal(fake.url), '--group', GROUP_ID, '--message', '  ')).toMatchObject({code: 2, stderr: expect.stringMatching(/--message is empty/)})
    fake.fail('send', {status: 400, body: '{"error":"Cannot send message to group - please first update your profile."}'})
    const failed = await cliOn(db).run('announce', ...signal(fake.url), '--group', GROUP_ID, '--message', 'hi')
    expect(failed).toMatchObject({code: 3, stderr: expect.stringMatching(/please first update your profile/)})
  })
})

describe('ccp serve --health-port', () => {
  it('answers /healthz 200 while receiving works and 503 when it stops, and counts in /metrics', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    bot = startServe(temp.path('ccp.db'), fake.url, ['--mode', 'poll', '--health-port', '0', '--health-stale', '1'])
    const port = Number(/127\.0\.0\.1:(\d+)\/healthz/.exec(await bot.waitForLog(/health endpoints listening/))![1])
    const get = async (path: string): Promise<{body: string; status: number}> => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {signal: AbortSignal.timeout(2000)})
      return {body: await response.text(), status: response.status}
    }

    fake.push(textItem(ALICE, '/CCP listall'), textItem(ALICE, 'hello'))
    await fake.waitForSent(1)
    expect((await get('/healthz')).status).toBe(200)
    const metrics = (await get('/metrics')).body
    expect(metrics).toMatch(/^ccp_messages_received_total 2$/m)
    expect(metrics).toMatch(/^ccp_commands_applied_total 1$/m)
    expect(metrics).toMatch(/^ccp_replies_sent_total 1$/m)
    expect(metrics).toMatch(/^ccp_outbox_backlog 0$/m)
    expect(metrics).toMatch(/^# TYPE ccp_seconds_since_last_receive gauge$/m)
    await fake.pause()
    // Polled until the bot has gone a second without a successful receive.
    let last = await get('/healthz')
    for (let tries = 0; last.status !== 503 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      last = await get('/healthz')
    }

    expect(last.status).toBe(503)
    expect(JSON.parse(last.body)).toMatchObject({status: 'stale'})
    expect((await get('/metrics')).body).toMatch(/^ccp_receive_errors_total [1-9]\d*$/m)
  })
})
