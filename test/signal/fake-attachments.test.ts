import {FakeSignalServer, GROUP_REST_ID} from '../fake-signal/server.js'

let fake: FakeSignalServer
afterEach(async () => fake?.stop())

/** Posts a /v2/send body as any client could, without ccp's client in the way. */
async function send(attachments: unknown): Promise<{body: unknown; status: number}> {
  const response = await fetch(`${fake.url}/v2/send`, {
    body: JSON.stringify({base64_attachments: attachments, message: 'hi', number: fake.account, recipients: [GROUP_REST_ID]}),
    method: 'POST',
  })
  return {body: await response.json(), status: response.status}
}

describe('the fake server checks base64_attachments as signal-cli-rest-api does', () => {
  beforeEach(async () => {
    fake = await FakeSignalServer.start()
  })

  it('keeps each data URI decoded, with its MIME type and file name', async () => {
    const bytes = Buffer.from('\u0089PNG\r\n\u001A\n and more', 'latin1')
    const result = await send([`data:image/png;filename=chart.png;base64,${bytes.toString('base64')}`, 'data:text/plain;base64,aGk='])
    expect(result.status).toBe(201)
    expect(fake.sent[0].attachments).toEqual([
      {contentType: 'image/png', data: bytes, filename: 'chart.png'},
      {contentType: 'text/plain', data: Buffer.from('hi'), filename: null},
    ])
  })

  it.each([
    ['base64 that does not decode', ['data:image/png;filename=c.png;base64,iVBO!w0K'], 'illegal base64 data at input byte 4'],
    ['base64 cut short', ['data:image/png;filename=c.png;base64,iVBORw0'], 'illegal base64 data at input byte 4'],
    ['padding in the middle', ['data:image/png;base64,aG=k'], 'illegal base64 data at input byte 2'],
    ['no data', ['data:image/png;filename=c.png;base64,'], 'The base64 data does not exist.'],
    ['no MIME type', ['data:;filename=c.png;base64,aGk='], "Couldn't process request - an attachment has no MIME type"],
    ['a file name where the MIME type goes', ['data:filename=c.png;base64,aGk='], "Couldn't process request - an attachment has no MIME type"],
    ['raw base64, not a data URI', ['aGk='], "Couldn't process request - an attachment is not a data URI (data:<mime>;filename=<name>;base64,<data>)"],
    ['a string, not a list', 'data:image/png;base64,aGk=', "Couldn't process request - invalid request"],
    ['a list of numbers', [1, 2], "Couldn't process request - invalid request"],
  ])('refuses %s with 400 and records nothing', async (_, attachments, error) => {
    expect(await send(attachments)).toEqual({body: {error}, status: 400})
    expect(fake.sent).toEqual([])
  })

  it('accepts line breaks inside the base64, as Go does', async () => {
    expect((await send(['data:text/plain;base64,aGVs\nbG8='])).status).toBe(201)
    expect(fake.sent[0].attachments[0].data.toString()).toBe('hello')
  })

  it('refuses attachments while told to, and only messages that carry one', async () => {
    fake.refuseAttachments = 1
    expect((await send(['data:text/plain;base64,aGk='])).status).toBe(400)
    expect((await send(undefined)).status).toBe(201)
    expect((await send(['data:text/plain;base64,aGk='])).status).toBe(201)
    expect(fake.refusedAttachments).toHaveLength(1)
    expect(fake.sent.map((message) => message.attachments.length)).toEqual([0, 1])
  })
})
