import {type ChildProcess, spawn} from 'node:child_process'
import {once} from 'node:events'
import {chmodSync, mkdtempSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {FakeSignalServer} from '../fake-signal/server.js'
import {BOB, CAROL} from '../helpers/chat.js'
import {RUN_JS, userEnvironment} from '../helpers/cli.js'
import {textItem} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'
import {parseShell} from '../helpers/markdown-blocks.js'
import {waitFor} from '../helpers/serve.js'

/** The URL the pages show for signal-cli-rest-api: ccp's default. */
export const SHOWN_SIGNAL_URL = 'http://localhost:8080'
const BOT_ACCOUNT = '+15550000000'

/** The compile cache of every page's runs, kept apart from the fresh home folders so each command starts as fast as a user's. */
const compileCache = mkdtempSync(join(tmpdir(), 'ccp-docs-cache-'))

/**
 * One page's shell: a fresh home folder (0700) that is also the working folder and holds the default database
 * (CCP_DATA_DIR=~/.local/share/ccp), the variables the page exports, the exit code of the last command, and a
 * fake signal-cli-rest-api (CCP_SIGNAL_URL) that plays the phone: when `ccp link` waits for the account, it appears.
 */
export class DocSession {
  lastCode: null | number = 0
  private bot?: {child: ChildProcess; lines: string[]}
  private readonly exported: Record<string, string> = {}
  private constructor(
    readonly home: string,
    private readonly fake: FakeSignalServer,
  ) {}

  static async start(): Promise<DocSession> {
    const home = realpathSync(mkdtempSync(join(tmpdir(), 'ccp-docs-')))
    chmodSync(home, 0o700)
    const fake = await FakeSignalServer.start({accounts: []})
    return new DocSession(home, fake)
  }

  /**
   * Runs one command line of a page and returns what it printed (stdout, then stderr), as lines; for `ccp serve ... &`,
   * the bot's first `shown` lines (as many as the page shows), once it printed them.
   */
  async run(line: string, shown = 0): Promise<string[]> {
    const command = parseShell(line)
    const [program, ...args] = command.program
    if (program === 'export' || program === 'unset') return this.setVariables(program, args, line)
    if (program === 'echo' && args.join(' ') === '$?' && command.input === undefined) return [String(this.lastCode)]
    if (program === 'kill' && args.join(' ') === '%1') return this.signalBot()
    if (program === 'wait' && args.join(' ') === '%1') return this.stopBot()
    const ccpArgs = program === 'ccp' ? args : program === 'npx' && args[0] === 'ccp' ? args.slice(1) : undefined
    if (ccpArgs === undefined) throw new Error(`the docs runner runs only ccp, export, unset, echo $?, kill %1 and wait %1, not: ${line}`)
    const env = this.environment(command.assignments)
    if (command.background) return this.startBot(ccpArgs, env, shown)
    const {code, stderr, stdout} = await this.spawnCcp(ccpArgs, env, command.input, ccpArgs[0] === 'link')
    this.lastCode = code
    if (command.redirect !== undefined) {
      writeFileSync(join(this.home, command.redirect), stdout, {mode: 0o600})
      return lines(stderr)
    }

    return lines(stdout + stderr)
  }

  /** Sends a chat message from `from` in `group` to the running bot through the fake, and returns the bot's reply. */
  async chat(from: string, group: string, text: string): Promise<string[]> {
    if (!this.bot) throw new Error('a chat block needs a bot started earlier in the page with `$ ccp serve ... &`')
    const person = [ALICE, BOB, CAROL].find((someone) => someone.number === from || someone.uuid === from)
    if (!person) throw new Error(`the fake knows no one as ${from}: use ${ALICE.number} or ${BOB.number}`)
    const before = this.fake.sent.length
    this.fake.push(textItem(person, text, {groupId: group}))
    const sent = await this.fake.waitForSent(before + 1)
    return lines(sent.slice(before).map((message) => message.message).join('\n'))
  }

  /** What a page shows instead of this run's own paths and URL: ~ for the home folder, ccp's default Signal URL. */
  shown(text: string): string {
    return text.replaceAll(this.home, '~').replaceAll(this.fake.url, SHOWN_SIGNAL_URL)
  }

  /** Stops a bot left running, and the fake, and removes the folder. */
  async stop(): Promise<void> {
    await this.stopBot()
    await this.fake.stop()
    rmSync(this.home, {force: true, recursive: true})
  }

  /** `kill %1`: SIGTERM to the bot started with `&`; `$?` is then kill's own status, as in a shell. */
  private signalBot(): string[] {
    if (!this.bot) throw new Error('kill %1 needs a bot started earlier in the page with `$ ccp serve ... &`')
    this.bot.child.kill('SIGTERM')
    this.lastCode = 0
    return []
  }

  /** `wait %1` (and the end of a page): the bot stopped, SIGTERM sent if it still runs; its exit code is `$?`. What it prints while it stops is not shown. */
  private async stopBot(): Promise<string[]> {
    const child = this.bot?.child
    if (!child) return []
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit')
      // One SIGTERM only: after `kill %1` the bot is already stopping, and a second one ends it at once.
      if (!child.killed) child.kill('SIGTERM')
      await exited
    }

    this.lastCode = child.exitCode
    this.bot = undefined
    return []
  }

  private setVariables(program: string, args: string[], line: string): string[] {
    for (const arg of args) {
      if (program === 'unset') delete this.exported[arg]
      else if (arg.includes('=')) this.exported[arg.slice(0, arg.indexOf('='))] = arg.slice(arg.indexOf('=') + 1)
      else throw new Error(`export NAME=VALUE only: ${line}`)
    }

    this.lastCode = 0
    return []
  }

  private environment(assignments: Record<string, string>): NodeJS.ProcessEnv {
    const env = userEnvironment({
      CCP_DATA_DIR: join(this.home, '.local/share/ccp'),
      CCP_SIGNAL_URL: this.fake.url,
      HOME: this.home,
      XDG_CACHE_HOME: compileCache,
      ...this.exported,
      ...assignments,
    })
    // A terminal's width, the developer's data folders and npx's marker would change what ccp prints.
    for (const name of ['COLUMNS', 'LINES', 'XDG_DATA_HOME', 'npm_command']) if (!(name in this.exported) && !(name in assignments)) delete env[name]
    return env
  }

  private spawnCcp(args: string[], env: NodeJS.ProcessEnv, input: string | undefined, playThePhone: boolean): Promise<{code: null | number; stderr: string; stdout: string}> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [RUN_JS, ...args], {cwd: this.home, env})
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
        // The phone scans the code once ccp link waits for it.
        if (playThePhone && stdout.includes('Waiting up to') && !this.fake.accounts.includes(BOT_ACCOUNT)) this.fake.accounts.push(BOT_ACCOUNT)
      })
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      child.on('error', reject)
      child.on('close', (code) => resolve({code, stderr, stdout}))
      child.stdin.end(input)
    })
  }

  /** `ccp serve ... &`: starts the bot in the background and returns its first `count` lines (or all, if it stopped). */
  private async startBot(args: string[], env: NodeJS.ProcessEnv, count: number): Promise<string[]> {
    if (this.bot) throw new Error('one bot per page')
    const child = spawn(process.execPath, [RUN_JS, ...args], {cwd: this.home, env, stdio: ['ignore', 'pipe', 'pipe']})
    const bot = {child, lines: [] as string[]}
    this.bot = bot
    let partial = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => bot.lines.push(...lines(chunk)))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n')
      partial = parts.pop()!
      bot.lines.push(...parts)
    })
    const exited = () => bot.child.exitCode !== null || bot.child.signalCode !== null
    await waitFor(() => bot.lines.length >= count || exited(), 20_000, () => `the bot printed only:\n${bot.lines.join('\n')}`)
    if (exited()) this.lastCode = bot.child.exitCode
    return bot.lines.slice(0, Math.max(count, exited() ? bot.lines.length : 0))
  }
}

function lines(text: string): string[] {
  const all = text.split('\n')
  while (all.length > 0 && all.at(-1)!.trim() === '') all.pop()
  return all
}
