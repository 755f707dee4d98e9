import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {type Block, chatTurns, consoleSteps, fencedBlocks} from '../helpers/markdown-blocks.js'
import {normalise} from './normalise.js'
import {DocSession} from './session.js'

/**
 * Docs that run: every ```console block of README.md and docs/*.md is run, command by command, through the real
 * bin/run.js, and must print what the page shows (see normalise.ts for the only differences forgiven). Each page
 * gets a fresh home folder and a fake signal-cli-rest-api; its blocks run in order and share them. A block that
 * cannot run here is marked `<!-- docs-runner: skip (why) -->` and named in a test title.
 *
 * CCP_DOCS_UPDATE=1 writes what each command printed into the pages instead of comparing (then read the diff).
 */
const root = fileURLToPath(new URL('../../', import.meta.url))
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).sort().map((file) => `docs/${file}`)]
const updating = process.env.CCP_DOCS_UPDATE === '1'

const CHAT = /^chat from (\S+) in (\S+)$/

describe.each(pages)('%s', (page) => {
  const markdown = readFileSync(join(root, page), 'utf8')
  const blocks = fencedBlocks(markdown)
  const skipped = blocks.filter((block) => block.directive?.startsWith('skip'))
  const runnable = blocks.filter((block) => !block.directive?.startsWith('skip') && (block.language === 'console' || block.directive !== undefined))
  const updates: {at: number; count: number; lines: string[]}[] = []
  let session: DocSession
  // A page without a block to run (the command reference) has nothing to set up.
  if (runnable.length === 0 && skipped.length === 0) return

  beforeAll(async () => {
    session = await DocSession.start()
  })

  afterAll(async () => {
    await session.stop()
    if (updating && updates.length > 0) writeFileSync(join(root, page), applyUpdates(markdown, updates))
  })

  /**
   * Compares what ran with what the page shows, the whole block at once (every command runs, so one stale line
   * does not hide the next), or notes it for CCP_DOCS_UPDATE.
   */
  function check(runs: {actual: string[]; command: string; expected: string[]; line: number; outputLine: number}[]): void {
    const transcript = (pick: (run: (typeof runs)[number]) => string[]) => runs.map((run) => `${page}:${run.line}: ${run.command}\n${normalise(pick(run))}`).join('\n')
    for (const run of runs) run.actual = run.actual.map((text) => session.shown(text))
    if (updating) {
      for (const run of runs) if (normalise(run.actual) !== normalise(run.expected)) updates.push({at: run.outputLine, count: run.expected.length, lines: run.actual})
      return
    }

    expect(transcript((run) => run.actual)).toBe(transcript((run) => run.expected))
  }

  if (skipped.length > 0) {
    const names = skipped.map((block) => `${page}:${block.line} ${block.directive!.replace(/^skip\s*/, '')}`)
    it(`skips on purpose: ${names.join('; ')}`, () => {
      for (const block of skipped) expect(block.directive).toMatch(/^skip \(\S.*\)$/)
    })
  }

  for (const block of runnable) {
    it(`${page}:${block.line}`, async () => {
      await runBlock(block)
    })
  }

  async function runBlock(block: Block): Promise<void> {
    const write = /^write (\S+)$/.exec(block.directive ?? '')
    const chat = CHAT.exec(block.directive ?? '')
    if (write) {
      writeFileSync(join(session.home, write[1]), `${block.lines.join('\n')}\n`, {mode: 0o600})
    } else if (chat) {
      const turns = chatTurns(block)
      expect(turns.length).toBeGreaterThan(0)
      const runs = []
      for (const turn of turns) runs.push({actual: await session.chat(chat[1], chat[2], turn.text), command: `> ${turn.text}`, expected: turn.expected, line: turn.line, outputLine: turn.line + 1})
      check(runs)
    } else if (block.language === 'console' && block.directive === undefined) {
      const steps = consoleSteps(block)
      expect(steps.length).toBeGreaterThan(0)
      const runs = []
      for (const step of steps) runs.push({actual: await session.run(step.command, step.expected.length), command: `$ ${step.command}`, expected: step.expected, line: step.line, outputLine: step.outputLine})
      check(runs)
    } else {
      throw new Error(`${page}:${block.line}: an unknown docs-runner comment "${block.directive}" before a ${block.language} block`)
    }
  }
})

/** The page with each command's shown output replaced by what it printed (bottom up, so line numbers hold). */
function applyUpdates(markdown: string, updates: {at: number; count: number; lines: string[]}[]): string {
  const lines = markdown.split('\n')
  for (const {at, count, lines: output} of [...updates].sort((a, b) => b.at - a.at)) {
    const indent = /^\s*/.exec(lines[at - 2])![0]
    lines.splice(at - 1, count, ...output.map((line) => `${indent}${line}`.trimEnd()))
  }

  return lines.join('\n')
}
