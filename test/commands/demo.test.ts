import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'

import {cliOn} from '../helpers/cli.js'
import {runCliIn} from '../helpers/run-in-folder.js'
import {widestLine} from '../helpers/table-text.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

/** A user's shell in a fresh folder, whose default database (and CCP_DB) point elsewhere; not started by npx (as jest may be). */
function shell() {
  const cwd = temp.path('work')
  mkdirSync(cwd)
  const env = {CCP_DATA_DIR: temp.path('data'), HOME: temp.path('home'), XDG_DATA_HOME: temp.path('xdg'), npm_command: ''}
  return {cwd, env, run: (args: string[], extra: Record<string, string> = {}) => runCliIn(cwd, args, {...env, ...extra})}
}

describe('ccp demo', () => {
  it('creates ccp-demo.db in the working folder, private, and shows its standings and what to try next', async () => {
    const {cwd, run} = shell()
    const result = await run(['demo'])
    expect(result).toMatchObject({code: 0, stderr: ''})
    expect(result.stdout).toMatch(/^Created the demo database ccp-demo\.db: 3 members, 3 awards\.\nAll-time standings\n/)
    expect(result.stdout).toMatch(/│ +1 │ carol │ +25 │ Citizen +│/)
    expect(result.stdout).toMatch(/│ +3 │ bob +│ +-5 │ Reeducation Candidate │/)
    expect(result.stdout).toContain('Next, try:\n  ccp award bob 5 --reason "fixed the printer" --db ccp-demo.db\n')
    expect(result.stdout).toContain('export CCP_DB=ccp-demo.db')
    expect(statSync(`${cwd}/ccp-demo.db`).mode & 0o777).toBe(0o600)
  })

  it('fits its table to the width, as list does, and keeps the commands to try whole', async () => {
    const {run} = shell()
    const result = await run(['demo'], {COLUMNS: '40'})
    const [table, hints] = result.stdout.split('Next, try:')
    expect(table).toContain('\nAll-time standings\n')
    expect(widestLine(table)).toBeLessThanOrEqual(40)
    for (const name of ['alice', 'bob', 'carol']) expect(table).toContain(name)
    expect(hints).toContain('  ccp award bob 5 --reason "fixed the printer" --db ccp-demo.db\n')
  })

  it('makes the members and awards as the CLI does: entries from the operator, source cli', async () => {
    const {cwd, run} = shell()
    expect((await run(['demo'])).code).toBe(0)
    const history = await cliOn(`${cwd}/ccp-demo.db`).json<{actor: string; name: string; points: number; reason: string; source: string}[]>('history')
    expect(history.map(({actor, name, points, reason, source}) => ({actor, name, points, reason, source}))).toEqual([
      {actor: 'operator', name: 'bob', points: -5, reason: 'late again', source: 'cli'},
      {actor: 'operator', name: 'carol', points: 25, reason: 'baked the cake', source: 'cli'},
      {actor: 'operator', name: 'alice', points: 10, reason: 'kept the wifi up', source: 'cli'},
    ])
  })

  it('can run any number of times: a second run exits 0, changes no byte, and shows the same standings', async () => {
    const {cwd, run} = shell()
    const first = await run(['demo'])
    const bytes = readFileSync(`${cwd}/ccp-demo.db`)
    const second = await run(['demo'])
    const third = await run(['demo'])
    expect(second).toMatchObject({code: 0, stderr: ''})
    expect(second.stdout).toMatch(/^Using the demo database ccp-demo\.db as it is/)
    expect(third.stdout).toBe(second.stdout)
    expect(second.stdout.split('\n').slice(1)).toEqual(first.stdout.split('\n').slice(1))
    expect(readFileSync(`${cwd}/ccp-demo.db`).equals(bytes)).toBe(true)
    expect(readdirSync(cwd).sort()).toEqual(['ccp-demo.db'])
  })

  it("leaves the default database alone, and CCP_DB's too", async () => {
    const {cwd, env, run} = shell()
    expect((await run(['demo'], {CCP_DB: temp.path('real.db')})).code).toBe(0)
    expect(existsSync(env.CCP_DATA_DIR)).toBe(false)
    expect(existsSync(temp.path('real.db'))).toBe(false)
    expect(existsSync(`${cwd}/ccp-demo.db`)).toBe(true)
  })

  it('keeps the changes made to the demo database: a later run shows them and adds nothing', async () => {
    const {cwd, run} = shell()
    await run(['demo'])
    expect((await run(['award', 'bob', '5', '--db', 'ccp-demo.db'])).code).toBe(0)
    const again = await run(['demo', '--json'])
    expect(JSON.parse(again.stdout)).toMatchObject({created: false, members: [{name: 'carol'}, {name: 'alice'}, {name: 'bob', points: 0, tier: 'Citizen'}]})
    expect(await cliOn(`${cwd}/ccp-demo.db`).json<unknown[]>('history')).toHaveLength(4)
  })

  it('uses the --db file instead, and names it in the hints so a shell reads it back', async () => {
    const {cwd, run} = shell()
    const result = await run(['demo', '--db', 'my demo.db'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`--db 'my demo.db'`)
    expect(existsSync(`${cwd}/my demo.db`)).toBe(true)
    expect(existsSync(`${cwd}/ccp-demo.db`)).toBe(false)
  })

  it('prints {created, database, members} with --json', async () => {
    const {cwd, run} = shell()
    const first = JSON.parse((await run(['demo', '--json'])).stdout)
    expect(first).toEqual({
      created: true,
      database: `${cwd}/ccp-demo.db`,
      members: [
        {name: 'carol', points: 25, rank: 1, tier: 'Citizen'},
        {name: 'alice', points: 10, rank: 2, tier: 'Citizen'},
        {name: 'bob', points: -5, rank: 3, tier: 'Reeducation Candidate'},
      ],
    })
    expect(JSON.parse((await run(['demo', '--json'])).stdout)).toEqual({...first, created: false})
  })

  it('suggests npx ccp when it was started by npx', async () => {
    const {run} = shell()
    const result = await run(['demo'], {npm_command: 'exec'})
    expect(result.stdout).toContain('  npx ccp award bob 5')
    expect(result.stdout).toContain('| npx ccp chat --db ccp-demo.db')
  })

  it('refuses a file there that is not a ccp database (exit 3) and leaves it as it was', async () => {
    const {cwd, run} = shell()
    writeFileSync(`${cwd}/ccp-demo.db`, 'my notes\n')
    const result = await run(['demo'])
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/ccp-demo\.db/)
    expect(readFileSync(`${cwd}/ccp-demo.db`, 'utf8')).toBe('my notes\n')
    const json = await run(['demo', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({error: {exitCode: 3}})
    expect(readdirSync(cwd)).toEqual(['ccp-demo.db'])
  })
})
