import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {chmodSync, mkdirSync, statSync, writeFileSync} from 'node:fs'

import {FakeSignalServer} from '../fake-signal/server.js'
import {type CliResult, RUN_JS, startEndlessWriter, userEnvironment} from '../helpers/cli.js'
import {seedDatabase} from '../helpers/db.js'
import {fillSampleLedger} from '../helpers/ledger.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

/** The CLI started under a umask of the user's choosing, as a shell with `umask 000` in its profile would start it. */
async function runWithUmask(umask: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn('sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, RUN_JS, ...args], {env: userEnvironment(env), stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const [code] = (await once(child, 'close')) as [null | number]
  return {code, stderr, stdout}
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8).padStart(4, '0')
}

describe('the files ccp makes are private (0600, folders 0700), whatever the umask', () => {
  it('the data folder, the folders above it that it makes, and the database', async () => {
    const dataDir = temp.path('home/.local/share/ccp')
    expect(await runWithUmask('000', ['adduser', 'alice'], {HOME: temp.path('home'), XDG_DATA_HOME: ''})).toMatchObject({code: 0})
    expect([temp.path('home'), temp.path('home/.local'), temp.path('home/.local/share'), dataDir].map((folder) => mode(folder))).toEqual(['0700', '0700', '0700', '0700'])
    expect(mode(`${dataDir}/ccp.db`)).toBe('0600')
  })

  it("the database's -wal and -shm, while it is in use", async () => {
    const db = temp.path('ccp.db')
    expect(await runWithUmask('000', ['adduser', 'alice', '--db', db])).toMatchObject({code: 0})
    const writer = await startEndlessWriter(db, 'alice')
    try {
      expect([mode(db), mode(`${db}-wal`), mode(`${db}-shm`)]).toEqual(['0600', '0600', '0600'])
    } finally {
      await writer.stop()
    }
  })

  it.each(['json', 'csv'])('an export as %s, new or replacing a readable file', async (format) => {
    const db = temp.path('ccp.db')
    seedDatabase(db, fillSampleLedger)
    const file = temp.path(`ledger.${format}`)
    expect(await runWithUmask('000', ['export', '--format', format, '--output', file, '--db', db])).toMatchObject({code: 0})
    expect(mode(file)).toBe('0600')
    chmodSync(file, 0o644)
    expect(await runWithUmask('000', ['export', '--format', format, '--output', file, '--db', db])).toMatchObject({code: 0})
    expect(mode(file)).toBe('0600')
  })

  it('a backup, new or replacing a readable file', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, fillSampleLedger)
    const copy = temp.path('copy.db')
    expect(await runWithUmask('000', ['backup', copy, '--db', db])).toMatchObject({code: 0})
    expect(mode(copy)).toBe('0600')
    const old = temp.path('old.db')
    writeFileSync(old, 'an old backup')
    chmodSync(old, 0o644)
    expect(await runWithUmask('000', ['backup', old, '--force', '--db', db])).toMatchObject({code: 0})
    expect(mode(old)).toBe('0600')
  })

  it('the folders a backup makes on its way to FILE (only those: a folder that was there keeps its mode)', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, fillSampleLedger)
    mkdirSync(temp.path('var'))
    chmodSync(temp.path('var'), 0o755)
    // As the cron recipe does it on the first night; under umask 277 a folder made 0700 would come out 0500, unwritable.
    const copy = temp.path('var/lib/ccp/backups/ccp-2026-11-28.db')
    expect(await runWithUmask('277', ['backup', copy, '--db', db])).toMatchObject({code: 0, stderr: ''})
    expect(['var', 'var/lib', 'var/lib/ccp', 'var/lib/ccp/backups'].map((folder) => mode(temp.path(folder)))).toEqual(['0755', '0700', '0700', '0700'])
    chmodSync(temp.path('var/lib/ccp/backups'), 0o750)
    expect(await runWithUmask('022', ['backup', temp.path('var/lib/ccp/backups/next.db'), '--db', db])).toMatchObject({code: 0})
    expect(mode(temp.path('var/lib/ccp/backups'))).toBe('0750')
    expect(mode(temp.path('var/lib/ccp/backups/next.db'))).toBe('0600')
  })

  it('the QR code of ccp link --output', async () => {
    const fake = await FakeSignalServer.start({accounts: ['+15550000000']})
    try {
      const file = temp.path('link.png')
      const result = await runWithUmask('000', ['link', '--signal-url', fake.url, '--output', file, '--wait', '1', '--db', temp.path('ccp.db')])
      expect(result.stderr).toMatch(/No new account appeared within 1 s/)
      expect(mode(file)).toBe('0600')
    } finally {
      await fake.stop()
    }
  })

  it('a umask that takes more away is obeyed: it can only make a file stricter', async () => {
    const db = temp.path('ccp.db')
    seedDatabase(db, fillSampleLedger)
    const file = temp.path('ledger.json')
    expect(await runWithUmask('266', ['export', '--output', file, '--db', db])).toMatchObject({code: 0})
    expect(mode(file)).toBe('0400')
  })
})
