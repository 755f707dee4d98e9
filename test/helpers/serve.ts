import {type ChildProcess, spawn} from 'node:child_process'
import {once} from 'node:events'

import {GROUP_ID} from '../fake-signal/server.js'
import {RUN_JS, userEnvironment} from './cli.js'

export const ADMIN_UUID = '11111111-1111-4111-8111-111111111111'

/** Both ways the bot receives, each against the server mode it is made for: `describe.each(RECEIVE_MODES)` gives (mode, serverMode). */
export const RECEIVE_MODES = [
  ['poll', 'normal'],
  ['websocket', 'json-rpc'],
] as const

export interface ServeProcess {
  child: ChildProcess
  /** Resolves with the exit code once the process ends. */
  exited: Promise<null | number>
  logs: string[]
  stop(signal?: NodeJS.Signals): Promise<null | number>
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>
}

/**
 * Starts the real `bin/run.js serve` against a server URL, with Alice as admin and the Citizens
 * group; `extra` adds flags, and replaces the defaults for --number and --signal-url; `nodeArgs` go to node itself.
 */
export function startServe(db: string, signalUrl: string, extra: string[] = [], env?: Record<string, string>, nodeArgs: string[] = []): ServeProcess {
  const defaults = [['--signal-url', signalUrl], ['--number', '+15550000000']].filter(([flag]) => !extra.includes(flag)).flat()
  // With `env`, the settings come from the environment alone (plus `extra`).
  const args = env ? ['serve', '--db', db, ...extra] : ['serve', '--db', db, ...defaults, '--admin', ADMIN_UUID, '--group', GROUP_ID, ...extra]
  const child = spawn(process.execPath, [...nodeArgs, RUN_JS, ...args], {env: userEnvironment(env), stdio: ['ignore', 'pipe', 'pipe']})
  const logs: string[] = []
  let partial = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n')
    partial = lines.pop()!
    logs.push(...lines)
  })
  child.stdout.resume()
  const exited = once(child, 'exit').then(([code]) => code as null | number)
  return {
    child,
    exited,
    logs,
    async stop(signal = 'SIGTERM') {
      child.kill(signal)
      return exited
    },
    async waitForLog(pattern, timeoutMs = 15_000) {
      await waitFor(() => logs.some((line) => pattern.test(line)), timeoutMs, () => `no log line matching ${pattern} in:\n${logs.join('\n')}`)
      return logs.find((line) => pattern.test(line))!
    },
  }
}

/** Polls a condition (every 20 ms) until it holds, failing with `describe()` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 15_000, describe = () => 'condition not met'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(describe())
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * Stops, after each test, what it left running: `running` reads the test file's own variables, which each test
 * sets as it starts a bot and a fake server.
 */
export function stopAfterEach(running: () => {bot?: ServeProcess; fake?: {stop(): Promise<void>}}): void {
  afterEach(async () => {
    const {bot, fake} = running()
    await stopAll(bot, fake)
  })
}

/** Stops what an end-to-end test left running: the bot (killed) and the fake server. */
export async function stopAll(bot: ServeProcess | undefined, fake: {stop(): Promise<void>} | undefined): Promise<void> {
  await bot?.stop('SIGKILL')
  await fake?.stop()
}
