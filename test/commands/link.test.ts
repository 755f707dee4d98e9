import {spawn} from 'node:child_process'
import {existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'

import {DEVICE_LINK_URI, FakeSignalServer} from '../fake-signal/server.js'
import {RUN_JS, runCli, userEnvironment} from '../helpers/cli.js'
import {readPngQr, readTerminalQr} from '../helpers/qr.js'
import {stopAfterEach, waitFor} from '../helpers/serve.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
let fake: FakeSignalServer | undefined

stopAfterEach(() => ({fake}))

function link(...args: string[]) {
  return runCli(['link', '--signal-url', fake!.url, '--db', temp.path('ccp.db'), ...args])
}

describe('ccp link', () => {
  it('draws the QR code of the server’s device link, waits for the account, and says what is next', async () => {
    fake = await FakeSignalServer.start({accounts: []})
    const child = spawn(process.execPath, [RUN_JS, 'link', '--signal-url', fake.url, '--device-name', 'ccp-test', '--db', temp.path('ccp.db')], {env: userEnvironment()})
    const closed = new Promise((resolve) => child.on('close', resolve))
    try {
      let stdout = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      await waitFor(() => stdout.includes('Waiting up to'))
      const [drawing, scan] = stdout.split('\nScan this with your phone')
      expect(scan).toMatch(/^: Signal → Settings → Linked devices → Link new device\.\n/)
      expect(readTerminalQr(drawing)).toBe(DEVICE_LINK_URI)
      // One request: each starts a linking on the server.
      expect(fake.linkRequests).toEqual(['ccp-test'])
      fake.accounts.push('+15550000000')
      expect(await closed).toBe(0)
      expect(stdout).toMatch(/Linked \+15550000000\. Next: check the setup with {2}ccp doctor --number \+15550000000/)
    } finally {
      child.kill()
    }
  })

  it('draws whatever link the server hands out', async () => {
    const other = 'sgnl://linkdevice?uuid=AAAAAAAAAAAAAAAAAAAAAA&pub_key=BZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ'
    fake = await FakeSignalServer.start({accounts: [], deviceLinkUri: other})
    const result = await link('--wait', '1')
    expect(readTerminalQr(result.stdout.split('\nScan this')[0])).toBe(other)
  })

  it('--output writes the code as a private PNG (0600) instead of drawing it, and says when no account appeared', async () => {
    fake = await FakeSignalServer.start({accounts: ['+15550000000']})
    const file = temp.path('link.png')
    const result = await link('--output', file, '--wait', '1')
    expect(result).toMatchObject({code: 3, stderr: expect.stringMatching(/^Error: No new account appeared within 1 s; run ccp link again \(a code expires\) and scan it\.\n$/)})
    expect(result.stdout).toMatch(/^Wrote the QR code to .*link\.png\. Open it and scan it with your phone/)
    expect(result.stdout).not.toMatch(/[█▀▄]/)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readPngQr(readFileSync(file))).toBe(DEVICE_LINK_URI)
  })

  it('--output never replaces a file unless --force, and asks the server for no link then', async () => {
    fake = await FakeSignalServer.start({accounts: ['+15550000000']})
    const file = temp.path('backup.db')
    writeFileSync(file, 'a backup, say')
    const refused = await link('--output', file, '--wait', '1')
    expect(refused).toMatchObject({code: 1, stderr: `Error: ${file} already exists; choose a new file, or pass --force to replace it.\n`})
    expect(readFileSync(file, 'utf8')).toBe('a backup, say')
    expect(fake.linkRequests).toEqual([])

    await link('--output', file, '--force', '--wait', '1')
    expect(readPngQr(readFileSync(file))).toBe(DEVICE_LINK_URI)
  })

  it('--output into a folder that is not there is one sentence, exit 3, before the server is asked', async () => {
    fake = await FakeSignalServer.start({accounts: ['+15550000000']})
    const file = temp.path('nowhere/link.png')
    const result = await link('--output', file, '--wait', '1')
    expect(result).toMatchObject({code: 3, stderr: `Error: Cannot write ${file}: the folder ${temp.path('nowhere')} does not exist. Create it, or choose another file.\n`})
    expect(fake.linkRequests).toEqual([])
  })

  it('--output does not replace a symbolic link that leads nowhere, even with --force (exit 3)', async () => {
    fake = await FakeSignalServer.start({accounts: ['+15550000000']})
    const file = temp.path('link.png')
    symlinkSync(temp.path('gone.png'), file)
    for (const force of [[], ['--force']]) {
      expect(await link('--output', file, '--wait', '1', ...force)).toMatchObject({code: 3, stderr: expect.stringContaining('is a symbolic link to') as unknown})
      expect(lstatSync(file).isSymbolicLink()).toBe(true)
    }

    expect(fake.linkRequests).toEqual([])
  })

  it('a device link longer than a QR code holds is a bad answer of the server (exit 3), not a bug', async () => {
    fake = await FakeSignalServer.start({accounts: [], deviceLinkUri: `sgnl://linkdevice?uuid=${'a'.repeat(3000)}`})
    const result = await link('--wait', '1')
    expect(result).toMatchObject({code: 3, stderr: expect.stringMatching(/^Error: The server's device link is 3023 characters long, more than a QR code holds/)})
  })

  it('reports what the server says when it cannot make a link, exit 3, and writes no file', async () => {
    fake = await FakeSignalServer.start({accounts: []})
    fake.fail('link', {body: JSON.stringify({error: "Couldn't create link URI: signal-cli exited with status 1"}), status: 400})
    const file = temp.path('link.png')
    const result = await link('--output', file)
    expect(result).toMatchObject({
      code: 3,
      stderr: "Error: GET /v1/qrcodelink/raw answered 400: Couldn't create link URI: signal-cli exited with status 1. Check that signal-cli-rest-api runs at --signal-url (CCP_SIGNAL_URL).\n",
      stdout: '',
    })
    expect(existsSync(file)).toBe(false)
  })

  it('gives up on a server that does not answer after --request-timeout, exit 3', async () => {
    fake = await FakeSignalServer.start({accounts: []})
    fake.fail('link', {kind: 'hang'})
    const result = await link('--request-timeout', '1')
    expect(result).toMatchObject({code: 3, stderr: `Error: GET /v1/qrcodelink/raw to ${fake.url}/ timed out. Check that signal-cli-rest-api runs there, or point --signal-url (CCP_SIGNAL_URL) at it.\n`})
  })

  it('refuses an answer without a device link, exit 3', async () => {
    fake = await FakeSignalServer.start({accounts: []})
    fake.fail('link', {body: '{"device_link_uri":""}', status: 200})
    const result = await link()
    expect(result).toMatchObject({code: 3, stderr: expect.stringMatching(/^Error: GET \/v1\/qrcodelink\/raw answered without a device link\. /)})
  })
})
