import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {fileURLToPath} from 'node:url'

export const RUN_JS = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface CliResult {
  code: null | number
  stderr: string
  stdout: string
}

/**
 * The environment of a user's shell: none of the developer's CCP_* or colour settings, no COLUMNS (which would
 * narrow the tables of a pipe), and no NODE_ENV=test from jest (with it, oclif would look for TypeScript sources
 * instead of dist/).
 */
export function userEnvironment(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const unwanted = new Set(['COLUMNS', 'FORCE_COLOR', 'NODE_ENV', 'NODE_OPTIONS', 'NO_COLOR', 'OCLIF_COLUMNS'])
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('CCP_') && !unwanted.has(key))
  return {...Object.fromEntries(inherited), ...env}
}

/**
 * Runs the real `bin/run.js` (or another install's, `runJs`) as a child process, the way a user or a cron job
 * does, in the working folder `cwd` (the test's own unless given).
 */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string, runJs = RUN_JS, cwd?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runJs, ...args], {cwd, env: userEnvironment(env)})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stderr, stdout}))
    child.stdin.end(input)
  })
}

/** A CLI bound to one database file. */
export function cliOn(db: string, env: Record<string, string> = {}) {
  const run = (...args: string[]): Promise<CliResult> => runCli([...args, '--db', db], env)
  const json = async <T = unknown>(...args: string[]): Promise<T> => {
    const result = await run(...args, '--json')
    if (result.code !== 0) throw new Error(`ccp ${args.join(' ')} exited ${result.code}: ${result.stderr}`)
    return JSON.parse(result.stdout) as T
  }

  return {json, run}
}

const WORKER_JS = fileURLToPath(new URL('award-worker.js', import.meta.url))

/** Starts a process that awards `points` `count` times, cycling through `names`; resolves with its exit. */
export function runAwardWorker(db: string, points: number, count: number, names: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER_JS, db, String(points), String(count), ...names], {env: userEnvironment()})
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stderr, stdout: ''}))
  })
}

/** Starts a process that awards 1 point to `name` until stopped; resolves once it has written. */
export async function startEndlessWriter(db: string, name: string): Promise<{stop: () => Promise<void>}> {
  const child = spawn(process.execPath, [WORKER_JS, db, '1', 'forever', name], {env: userEnvironment()})
  child.stderr.pipe(process.stderr)
  await once(child.stdout, 'data')
  return {
    async stop() {
      child.kill('SIGKILL')
      await once(child, 'close')
    },
  }
}

const FIXED_CLOCK_JS = fileURLToPath(new URL('fixed-clock.js', import.meta.url))

/** The environment (for runCli, cliOn or startServe) of a ccp whose clock starts at `iso` and runs on from there. */
export function clockAt(iso: string): Record<string, string> {
  return {NODE_OPTIONS: `--import=${FIXED_CLOCK_JS}`, TEST_CLOCK_START: iso}
}
