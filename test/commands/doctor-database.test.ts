import {existsSync, mkdirSync, readdirSync} from 'node:fs'

import {runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()
// Nothing listens on port 9: the Signal checks fail fast and alike.
const SIGNAL = ['--signal-url', 'http://127.0.0.1:9', '--number', '+15550000000']

interface Report {
  checks: {detail: string; fix?: string; name: string; status: string}[]
  ok: boolean
}

describe('ccp doctor where there is no database', () => {
  it('creates nothing at a mistyped --db, and says which path it looked at and how to fix it', async () => {
    const db = temp.path('typo/ccp.db')
    const result = await runCli(['doctor', ...SIGNAL, '--db', db, '--json'])
    expect(result.code).toBe(3)
    expect(existsSync(temp.path('typo'))).toBe(false)
    const report = JSON.parse(result.stdout) as Report
    expect(report.checks[0]).toEqual({
      detail: `no database at ${db}; ${temp.path('')} (where its folder ${temp.path('typo')} would be made) is writable for this user`.replace('//', '/'),
      fix: "ccp serve creates it when it starts, or ccp adduser NAME; if the bot keeps its database elsewhere, point CCP_DATA_DIR, --db or CCP_ENV_FILE at the service's.",
      name: 'Database',
      status: 'fail',
    })
  })

  it('creates nothing in the default data folder either, and does not run the checks that need stored settings', async () => {
    const data = temp.path('data')
    mkdirSync(data)
    const result = await runCli(['doctor', ...SIGNAL], {CCP_DATA_DIR: data})
    expect(result.code).toBe(3)
    expect(readdirSync(data)).toEqual([])
    expect(result.stdout).toMatch(new RegExp(`^✗ Database +no database at ${data}/ccp\\.db; its folder ${data} is writable for this user\\n +Fix: ccp serve creates it`))
    expect(result.stdout).not.toMatch(/✓ Database/)
    expect(result.stdout).toMatch(/- Groups +skipped: no database to read chat\.groups from/)
    expect(result.stdout).toMatch(/- Admins +skipped: no database to read chat\.admins from/)
  })

  it('still checks the admins and groups given by flag or variable', async () => {
    const result = await runCli(['doctor', ...SIGNAL, '--admin', '+15551110001', '--json'], {CCP_DATA_DIR: temp.path('data')})
    const report = JSON.parse(result.stdout) as Report
    expect(report.checks.find((check) => check.name === 'Admins')).toMatchObject({status: 'ok'})
  })

  it('passes the Database check once the database exists', async () => {
    const db = temp.path('ccp.db')
    expect(await runCli(['adduser', 'alice', '--db', db])).toMatchObject({code: 0})
    const report = JSON.parse((await runCli(['doctor', ...SIGNAL, '--db', db, '--json'])).stdout) as Report
    expect(report.checks[0]).toMatchObject({detail: `${db} (schema 10, writable)`, name: 'Database', status: 'ok'})
  })
})
