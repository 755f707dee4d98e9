import Database from 'better-sqlite3'
import {fileURLToPath} from 'node:url'
import {PNG} from 'pngjs'

import {OPERATOR} from '../../src/core/actor.js'
import {FakeSignalServer, GROUP_ID, GROUP_REST_ID, type SentMessage} from '../fake-signal/server.js'
import {BOB, NO_RULES} from '../helpers/chat.js'
import {cliOn} from '../helpers/cli.js'
import {seedDatabase, seedSettings} from '../helpers/db.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {RECEIVE_MODES, type ServeProcess, startServe, stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
const NO_RASTERISER = fileURLToPath(new URL('../helpers/no-rasteriser.js', import.meta.url))
let fake: FakeSignalServer
let bot: ServeProcess | undefined

stopAfterEach(() => ({bot, fake}))

/** Alice, Bob (bound to his Signal identity) and Cy, with points; Bob leads. */
function seeded(): string {
  const db = temp.path('ccp.db')
  seedSettings(db, NO_RULES)
  seedDatabase(db, (ledger) => {
    ledger.addMember({name: 'Alice', uuid: ALICE.uuid})
    ledger.addMember({name: 'Bob', uuid: BOB.uuid})
    ledger.addMember({name: 'Cy'})
    ledger.award(OPERATOR, {points: 9, target: {name: 'bob'}})
    ledger.award(OPERATOR, {points: 4, target: {name: 'alice'}})
    ledger.award(OPERATOR, {points: -2, target: {name: 'bob'}})
  })
  return db
}

/** The one image a message carries, decoded by a PNG library. */
function image(message: SentMessage): PNG {
  expect(message.attachments).toHaveLength(1)
  expect(message.attachments[0]).toMatchObject({contentType: 'image/png', filename: 'chart.png'})
  return PNG.sync.read(message.attachments[0].data)
}

function outbox(db: string): {attempts: number; chart: null | string; status: string}[] {
  const raw = new Database(db, {readonly: true})
  try {
    return raw.prepare('SELECT status, attempts, chart FROM outbox ORDER BY id').all() as {attempts: number; chart: null | string; status: string}[]
  } finally {
    raw.close()
  }
}

describe.each(RECEIVE_MODES)('/CCP chart through ccp serve in %s mode', (mode, serverMode) => {
  it('arrives as a PNG the server decoded, with a one-line caption, quoting the command', async () => {
    fake = await FakeSignalServer.start({mode: serverMode, secondMs: 50})
    const db = seeded()
    bot = startServe(db, fake.url, ['--mode', mode])
    await bot.waitForLog(mode === 'poll' ? /receiving mode=poll/ : /websocket connected/)
    const command = textItem(BOB, '/CCP chart')
    fake.push(command)
    const [reply] = await fake.waitForSent(1, 30_000)
    expect(reply.message).toBe('All-time standings: top 3, Bob leads with 7 points.')
    expect(reply).toMatchObject({quoteAuthor: BOB.uuid, quoteTimestamp: command.envelope.timestamp})
    const png = image(reply)
    expect(png.width).toBeGreaterThanOrEqual(800)
    expect(reply.attachments[0].data.length).toBeLessThanOrEqual(300 * 1024)
    await waitFor(() => outbox(db)[0]?.status === 'sent')
    expect(outbox(db)).toEqual([{attempts: 1, chart: expect.stringContaining('"kind":"standings"') as unknown, status: 'sent'}])
  })
})

describe('/CCP chart through ccp serve', () => {
  it("sends a member's story for a mention, and a text reply for nobody", async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = seeded()
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    fake.push(textItem(ALICE, '/CCP chart @Bob', {people: [BOB]}))
    const [story] = await fake.waitForSent(1, 30_000)
    expect(story.message).toBe('Points of Bob over time: 7 points now, after 2 entries.')
    expect(image(story).width).toBeGreaterThanOrEqual(800)
    fake.push(textItem(ALICE, '/CCP chart zed'))
    const [, nobody] = await fake.waitForSent(2, 30_000)
    expect(nobody).toMatchObject({attachments: [], message: 'No member is named "zed"; add them first with adduser.'})
  })

  it('sends the text alone, once, when the server refuses the image, and logs it', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    fake.refuseAttachments = 1
    const db = seeded()
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    fake.push(textItem(BOB, '/CCP chart week'))
    const [reply] = await fake.waitForSent(1, 30_000)
    expect(reply).toMatchObject({attachments: [], message: 'Points gained this week (last 7 days): top 3, Bob leads with 7 points.\n(the chart could not be sent)'})
    expect(fake.refusedAttachments).toHaveLength(1)
    await bot.waitForLog(/chart refused, sending the text alone .*answered 400/)
    await waitFor(() => outbox(db)[0]?.status === 'sent')
    expect(fake.sendCalls).toBe(2)
  })

  it.each([
    ['413 from a proxy, at once', {body: '<html><body><h1>413 Request Entity Too Large</h1></body></html>', contentType: 'text/html', status: 413}, 1],
    ['502, after three tries of the image', {body: '{"error":"bad gateway"}', status: 502}, 3],
  ])('sends the text alone when the server keeps failing the image (%s), and never the image again', async (_, fault, imageTries) => {
    fake = await FakeSignalServer.start({secondMs: 50})
    fake.fail('send', fault, imageTries)
    const db = seeded()
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    fake.push(textItem(BOB, '/CCP chart'))
    const [reply] = await fake.waitForSent(1, 30_000)
    expect(reply).toMatchObject({attachments: [], message: 'All-time standings: top 3, Bob leads with 7 points.\n(the chart could not be sent)'})
    await bot.waitForLog(/chart refused, sending the text alone/)
    await waitFor(() => outbox(db)[0]?.status === 'sent')
    expect(fake.sendCalls).toBe(imageTries + 1)
    expect(outbox(db)).toMatchObject([{attempts: imageTries, status: 'sent'}])
  })

  it('sends exactly one reply with its image after a kill between storing the reply and sending it', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = seeded()
    // The first send is held unanswered: the reply is stored, drawn and on its way when the bot dies.
    fake.fail('send', {kind: 'hang'})
    bot = startServe(db, fake.url, ['--mode', 'poll'])
    fake.push(textItem(BOB, '/CCP chart'))
    await waitFor(() => fake.sendCalls === 1, 30_000)
    await bot.stop('SIGKILL')
    await fake.settle()
    expect(fake.sent).toEqual([])
    expect(outbox(db)).toMatchObject([{status: 'pending'}])

    bot = startServe(db, fake.url, ['--mode', 'poll'])
    const [reply] = await fake.waitForSent(1, 30_000)
    expect(reply.message).toBe('All-time standings: top 3, Bob leads with 7 points.')
    expect(image(reply).width).toBeGreaterThanOrEqual(800)
    await waitFor(() => outbox(db)[0]?.status === 'sent')
    expect(await bot.stop('SIGTERM')).toBe(0)
    expect(fake.sent).toHaveLength(1)
    expect(outbox(db)).toHaveLength(1)
  })
})

describe('ccp announce --chart', () => {
  const signal = (url: string): string[] => ['--signal-url', url, '--number', '+15550000000']

  it('attaches the standings image to the post, or says it would', async () => {
    fake = await FakeSignalServer.start()
    const db = seeded()
    seedSettings(db, {'chat.groups': GROUP_ID})
    const dry = await cliOn(db).json<{attachment: {bytes: number; filename: string}; sent: boolean}>('announce', ...signal(fake.url), '--chart', '--dry-run', '--top', '2')
    expect(dry).toMatchObject({attachment: {filename: 'standings.png'}, message: 'Top 2:\n1. Bob: 7 points (Citizen)\n2. Alice: 4 points (Citizen)', sent: false})
    expect(dry.attachment.bytes).toBeGreaterThan(0)
    // Nothing was sent, so nothing was refused: the field is left out.
    expect(Object.keys(dry.attachment).sort()).toEqual(['bytes', 'filename'])
    expect(fake.sent).toEqual([])
    expect((await cliOn(db).run('announce', ...signal(fake.url), '--chart', '--message', 'Standings!')).stdout).toBe('Posted to the group.\n')
    expect(fake.sent[0]).toMatchObject({message: 'Standings!', recipient: GROUP_REST_ID})
    expect(fake.sent[0].attachments[0]).toMatchObject({contentType: 'image/png', filename: 'standings.png'})
    expect(PNG.sync.read(fake.sent[0].attachments[0].data).width).toBeGreaterThanOrEqual(800)
  })

  it('posts the text alone when the server refuses the image, and warns', async () => {
    fake = await FakeSignalServer.start()
    fake.refuseAttachments = 1
    const db = seeded()
    const result = await cliOn(db).run('announce', ...signal(fake.url), '--chart', '--group', GROUP_ID)
    expect(result).toMatchObject({code: 0, stdout: 'Posted to the group.\n'})
    expect(result.stderr).toMatch(/^Warning: The server refused the image \(POST \/v2\/send answered 400: .*\); posted the text alone\.\n$/)
    expect(fake.sent).toMatchObject([{attachments: [], message: expect.stringMatching(/^Top 3:\n[^]*\n\(the chart could not be sent\)$/) as unknown}])
  })

  it('works for ccp recap --chart too', async () => {
    fake = await FakeSignalServer.start()
    const db = seeded()
    await cliOn(db).run('recap', ...signal(fake.url), '--chart', '--group', GROUP_ID)
    expect(fake.sent[0].message).toMatch(/^Recap/)
    expect(PNG.sync.read(fake.sent[0].attachments[0].data).width).toBeGreaterThanOrEqual(800)
  })

  it('refuses a chart of nobody and posts nothing', async () => {
    fake = await FakeSignalServer.start()
    const db = temp.path('ccp.db')
    seedSettings(db, NO_RULES)
    const result = await cliOn(db).run('announce', ...signal(fake.url), '--chart', '--group', GROUP_ID)
    expect(result).toMatchObject({code: 1, stderr: expect.stringMatching(/nobody to chart/) as unknown})
    expect(fake.sendCalls).toBe(0)
  })
})

describe('a chart that cannot be drawn', () => {
  it('is answered with the text and a note, and one log line', async () => {
    fake = await FakeSignalServer.start({secondMs: 50})
    const db = seeded()
    bot = startServe(db, fake.url, ['--mode', 'poll'], undefined, ['--import', NO_RASTERISER])
    const command = textItem(BOB, '/CCP chart')
    fake.push(command)
    const [reply] = await fake.waitForSent(1, 30_000)
    expect(reply).toMatchObject({attachments: [], message: 'All-time standings: top 3, Bob leads with 7 points.\n(the chart could not be drawn)', quoteTimestamp: command.envelope.timestamp})
    await bot.waitForLog(/chart not drawn/)
    const lines = bot.logs.filter((line) => line.includes('chart not drawn'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/planted by the test/)
    expect(bot.logs.join('\n')).not.toMatch(/\+1555|[0-9a-f]{8}-[0-9a-f]{4}-/)
    // The bot goes on: the next command is answered as usual.
    fake.push(textItem(BOB, '/CCP score'))
    expect((await fake.waitForSent(2, 30_000))[1].message).toMatch(/^Bob: 7 points all-time/)
  })
})
