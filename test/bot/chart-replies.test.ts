import {Bot, MAX_CHART_FAILURES, MAX_SEND_ATTEMPTS} from '../../src/bot/bot.js'
import {createLogger} from '../../src/bot/log.js'
import type {ChartRenderer, ChartSeries} from '../../src/core/chart/series.js'
import {ChatCommands} from '../../src/core/chat/handler.js'
import type {SendRequest} from '../../src/signal/client.js'
import {SignalError} from '../../src/signal/errors.js'
import {SqliteQueue} from '../../src/store/queue-store.js'
import {GROUP_ID, GROUP_REST_ID} from '../fake-signal/server.js'
import {ALICE, memoryLedger} from '../helpers/ledger.js'

const CHART: ChartSeries = {
  bars: [
    {name: 'Alice', points: 12, tier: 'Model Citizen'},
    {name: 'Bob', points: -3, tier: 'Suspect'},
  ],
  kind: 'standings',
  tiers: [],
  title: 'All-time standings',
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])

/** The bot with a renderer and a send function the test controls, and replies queued straight into its outbox. */
function fixture(charts: ChartRenderer | undefined, send: (request: SendRequest) => Promise<null | number>) {
  const {clock, ledger, store} = memoryLedger()
  const lines: string[] = []
  const config = {admins: {numbers: new Set<string>(), uuids: new Set([ALICE.uuid!])}, groups: new Set([GROUP_ID]), prefix: '/CCP'}
  const queue = new SqliteQueue(store.db)
  const bot = new Bot(
    {charts, clock, commands: new ChatCommands(ledger, () => config, clock), log: createLogger('json', (line) => lines.push(line)), queue, send},
    {account: '+15550000000', chatSettings: () => config},
  )
  const queueReply = (text: string, chart: ChartSeries | null = null): void =>
    queue.addToOutbox({chart, inboxId: null, quoteAuthor: ALICE.uuid!, quoteTimestamp: 7, recipient: GROUP_REST_ID, text}, clock.now())
  const events = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  const rows = () => store.db.prepare('SELECT status, attempts FROM outbox ORDER BY id').all()
  return {bot, clock, events, lines, queueReply, rows, store}
}

function recorder() {
  const sent: SendRequest[] = []
  const send = async (request: SendRequest): Promise<number> => {
    sent.push(request)
    return sent.length
  }

  return {send, sent}
}

describe('replies with a chart', () => {
  it('draws the stored series when sending, and sends the chart alone, in its place among the chat\'s replies', async () => {
    const drawn: ChartSeries[] = []
    const {send, sent} = recorder()
    const {bot, queueReply, rows} = fixture({png: async (chart) => (drawn.push(chart), PNG)}, send)
    queueReply('before')
    queueReply('Standings, all time', CHART)
    queueReply('after')
    await bot.flushOutbox()
    expect(drawn).toEqual([CHART])
    expect(sent.map((request) => ({attachments: request.attachments?.map((a) => ({...a, data: [...a.data]})), message: request.message}))).toEqual([
      {attachments: undefined, message: 'before'},
      {attachments: [{contentType: 'image/png', data: [...PNG], filename: 'chart.png'}], message: 'Standings, all time'},
      {attachments: undefined, message: 'after'},
    ])
    expect(sent[1]).toMatchObject({quoteAuthor: ALICE.uuid, quoteTimestamp: 7, recipient: GROUP_REST_ID})
    expect(rows()).toEqual([1, 2, 3].map(() => ({attempts: 1, status: 'sent'})))
  })

  it('draws it again, the same, when the send failed and is tried later', async () => {
    const drawn: ChartSeries[] = []
    let down = true
    const {send, sent} = recorder()
    const {bot, clock, queueReply} = fixture({png: async (chart) => (drawn.push(chart), PNG)}, async (request) => {
      if (down) throw new SignalError('network', 'POST /v2/send could not reach http://127.0.0.1:1/ (ECONNREFUSED)')
      return send(request)
    })
    queueReply('Standings', CHART)
    await bot.flushOutbox()
    down = false
    clock.advance(60_000)
    await bot.flushOutbox()
    expect(drawn).toEqual([CHART, CHART])
    expect(sent).toHaveLength(1)
    expect(sent[0].attachments).toHaveLength(1)
  })

  it.each([
    ['a renderer that fails', {png: async () => Promise.reject(new Error('font for +15551110001 missing'))}],
    ['no renderer at all', undefined],
  ])('sends the text with a note when the chart cannot be drawn (%s), and logs one line', async (_, charts) => {
    const {send, sent} = recorder()
    const {bot, events, lines, queueReply, rows} = fixture(charts, send)
    queueReply('Standings, all time', CHART)
    await bot.flushOutbox()
    expect(sent.map((request) => ({attachments: request.attachments, message: request.message}))).toEqual([
      {attachments: undefined, message: 'Standings, all time\n(the chart could not be drawn)'},
    ])
    expect(rows()).toEqual([{attempts: 1, status: 'sent'}])
    expect(events().filter((event) => event.event === 'chart not drawn')).toEqual([expect.objectContaining({chart: 'standings', chat: `group:${GROUP_ID}`, level: 'error'})])
    expect(lines.join('\n')).not.toMatch(/\+1555|11111111-/)
  })

  it('sends the text alone, once, when the server refuses the attachment (400), and logs it', async () => {
    const {send, sent} = recorder()
    const {bot, events, queueReply, rows} = fixture({png: async () => PNG}, async (request) => {
      if (request.attachments?.length) throw new SignalError('http', 'POST /v2/send answered 400: Attachment too large', {status: 400})
      return send(request)
    })
    queueReply('Standings', CHART)
    await bot.flushOutbox()
    expect(sent.map((request) => request.message)).toEqual(['Standings\n(the chart could not be sent)'])
    expect(rows()).toEqual([{attempts: 1, status: 'sent'}])
    expect(events().filter((event) => event.event === 'chart refused, sending the text alone')).toHaveLength(1)
  })

  it('reports a reply whose text-only try fails too as any failed reply: retried later, given up after its attempts', async () => {
    const tries: SendRequest[] = []
    const {bot, clock, events, queueReply, rows} = fixture({png: async () => PNG}, async (request) => {
      tries.push(request)
      throw new SignalError('http', 'POST /v2/send answered 400: Cannot send message to group - please first update your profile.', {status: 400})
    })
    queueReply('Standings', CHART)
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      await bot.flushOutbox()
      clock.advance(24 * 3_600_000)
    }

    // The image once; then the text alone at that attempt and every later one: the image is never sent again.
    expect(tries.map((request) => Boolean(request.attachments))).toEqual([true, ...Array.from({length: MAX_SEND_ATTEMPTS}, () => false)])
    expect(new Set(tries.slice(1).map((request) => request.message))).toEqual(new Set(['Standings\n(the chart could not be sent)']))
    expect(rows()).toEqual([{attempts: MAX_SEND_ATTEMPTS, status: 'failed'}])
    expect(events().filter((event) => event.event === 'reply failed')).toHaveLength(1)
  })

  it('does not take a rate limit for a refused attachment: no text-only try, the reply waits', async () => {
    const tries: SendRequest[] = []
    const {bot, queueReply, rows} = fixture({png: async () => PNG}, async (request) => {
      tries.push(request)
      throw new SignalError('http', 'POST /v2/send answered 400: [429] Rate limit exceeded: proof required', {rateLimited: true, status: 400})
    })
    queueReply('Standings', CHART)
    await bot.flushOutbox()
    expect(tries).toHaveLength(1)
    expect(rows()).toEqual([{attempts: 1, status: 'pending'}])
  })

  it('sends the text when the stored series cannot be read', async () => {
    const {send, sent} = recorder()
    const {bot, queueReply, store} = fixture({png: async () => PNG}, send)
    queueReply('Standings', CHART)
    store.db.prepare("UPDATE outbox SET chart = '{\"kind\":'").run()
    await bot.flushOutbox()
    expect(sent.map((request) => ({attachments: request.attachments, message: request.message}))).toEqual([{attachments: undefined, message: 'Standings'}])
  })

  it.each([
    ['413 from a proxy', new SignalError('http', 'POST /v2/send answered 413: a body of 180 bytes that is not a JSON error', {status: 413}), 1],
    ['502', new SignalError('http', 'POST /v2/send answered 502: a body of 150 bytes that is not a JSON error', {status: 502}), MAX_CHART_FAILURES],
    ['a timeout', new SignalError('timeout', 'POST /v2/send to http://127.0.0.1:8080 timed out'), MAX_CHART_FAILURES],
  ])('sends the text alone once the image failed with %s, and never the image again', async (_, failure, imageTries) => {
    const tries: SendRequest[] = []
    const {bot, clock, events, queueReply, rows} = fixture({png: async () => PNG}, async (request) => {
      tries.push(request)
      if (request.attachments?.length) throw failure
      return tries.length
    })
    queueReply('Standings', CHART)
    for (let attempt = 1; attempt <= imageTries; attempt++) {
      await bot.flushOutbox()
      clock.advance(3_600_000)
    }

    expect(tries.map((request) => ({image: Boolean(request.attachments), message: request.message}))).toEqual([
      ...Array.from({length: imageTries}, () => ({image: true, message: 'Standings'})),
      {image: false, message: 'Standings\n(the chart could not be sent)'},
    ])
    expect(rows()).toEqual([{attempts: imageTries, status: 'sent'}])
    expect(events().filter((event) => event.event === 'chart refused, sending the text alone')).toHaveLength(1)
  })

  it('keeps the text-alone choice for later tries when the text alone fails too', async () => {
    const tries: SendRequest[] = []
    let textFails = 2
    const {bot, clock, queueReply, rows} = fixture({png: async () => PNG}, async (request) => {
      tries.push(request)
      if (request.attachments?.length) throw new SignalError('http', 'POST /v2/send answered 500: {"error":"signal-cli crashed"}', {status: 500})
      if (textFails-- > 0) throw new SignalError('http', 'POST /v2/send answered 500: {"error":"signal-cli crashed"}', {status: 500})
      return tries.length
    })
    queueReply('Standings', CHART)
    for (let attempt = 1; attempt <= MAX_CHART_FAILURES + 2; attempt++) {
      await bot.flushOutbox()
      clock.advance(3_600_000)
    }

    expect(tries.map((request) => Boolean(request.attachments))).toEqual([...Array.from({length: MAX_CHART_FAILURES}, () => true), false, false, false])
    expect(rows()).toEqual([{attempts: MAX_CHART_FAILURES + 2, status: 'sent'}])
  })

  it('does not count rate limits or an unreachable server against the image', async () => {
    const tries: SendRequest[] = []
    const failures = [
      new SignalError('http', 'POST /v2/send answered 429: Rate limit exceeded', {rateLimited: true, status: 429}),
      new SignalError('network', 'POST /v2/send could not reach http://127.0.0.1:1/ (ECONNREFUSED)'),
      new SignalError('http', 'POST /v2/send answered 500: {"error":"signal-cli crashed"}', {status: 500}),
      new SignalError('network', 'POST /v2/send could not reach http://127.0.0.1:1/ (ECONNREFUSED)'),
      new SignalError('http', 'POST /v2/send answered 500: {"error":"signal-cli crashed"}', {status: 500}),
    ]
    const {bot, clock, queueReply, rows} = fixture({png: async () => PNG}, async (request) => {
      tries.push(request)
      const failure = failures.shift()
      if (failure) throw failure
      return tries.length
    })
    queueReply('Standings', CHART)
    for (let attempt = 1; attempt <= 6; attempt++) {
      await bot.flushOutbox()
      clock.advance(24 * 3_600_000)
    }

    expect(tries.map((request) => Boolean(request.attachments))).toEqual([true, true, true, true, true, true])
    expect(rows()).toEqual([{attempts: 6, status: 'sent'}])
  })
})
