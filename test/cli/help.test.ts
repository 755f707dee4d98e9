import {readFileSync} from 'node:fs'

import {runCli} from '../helpers/cli.js'

interface ManifestCommand {
  description?: string
  summary?: string
}

const root = new URL('../../', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('oclif.manifest.json', root), 'utf8')) as {commands: Record<string, ManifestCommand>}
const topics = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {oclif: {topics: Record<string, {description: string}>}}).oclif.topics

/** What oclif shows beside a command in a list: its `summary`, else the first line of its description. */
function summaryOf(command: ManifestCommand): string {
  return command.summary ?? (command.description ?? '').split('\n')[0]
}

/** A sentence ends at . ! or ? followed by a space and a capital letter. */
const SECOND_SENTENCE = /[.!?]\s+[A-Z]/

function expectOneSentence(text: string): void {
  expect(text).toMatch(/^[A-Z].*\.$/)
  expect(text).not.toMatch(SECOND_SENTENCE)
}

/**
 * The entries of one section of oclif's help (COMMANDS, TOPICS): a line "  name  text", and the lines under it
 * indented further carry on its text. Returns each name with its whole text, the lines joined.
 */
function sectionEntries(help: string, section: string): Map<string, string> {
  const lines = help.split('\n')
  const start = lines.indexOf(section)
  expect(start).toBeGreaterThanOrEqual(0)
  const entries = new Map<string, string>()
  let current: string | undefined
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break
    const entry = /^ {2}(\S+(?: \S+)?) {2,}(\S.*)$/.exec(line)
    if (entry && !line.startsWith('   ')) {
      current = entry[1]
      entries.set(current, entry[2].trim())
    } else if (current !== undefined) {
      entries.set(current, `${entries.get(current)} ${line.trim()}`)
    }
  }

  return entries
}

describe('command summaries', () => {
  it('are one sentence for every command, ending in a period (the first line of the description)', () => {
    for (const [id, command] of Object.entries(manifest.commands)) {
      const summary = summaryOf(command)
      try {
        expectOneSentence(summary)
      } catch (error) {
        throw new Error(`${id}: ${String(error)}`, {cause: error})
      }
    }
  })

  it('are one sentence for every topic too', () => {
    for (const topic of Object.values(topics)) expectOneSentence(topic.description.split('\n')[0])
  })

  // Through a pipe the help is as wide as COLUMNS says, like the tables (80 without it).
  for (const columns of ['80', '120']) {
    it(`are shown whole in ccp --help at ${columns} columns, every one a finished sentence`, async () => {
      const {code, stdout} = await runCli(['--help'], {COLUMNS: columns})
      expect(code).toBe(0)
      for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(Number(columns))
      const commands = sectionEntries(stdout, 'COMMANDS')
      const shown = Object.keys(manifest.commands).filter((id) => !id.includes(':'))
      expect([...commands.keys()]).toEqual(expect.arrayContaining(shown))
      for (const [name, text] of commands) {
        expect(text).toMatch(/\.$/)
        expect(text).not.toMatch(SECOND_SENTENCE)
        // Never cut: the whole summary is there (help and autocomplete are oclif's own commands).
        if (manifest.commands[name]) expect(text).toBe(summaryOf(manifest.commands[name]))
      }

      const shownTopics = sectionEntries(stdout, 'TOPICS')
      expect([...shownTopics.keys()].sort()).toEqual(Object.keys(topics).sort())
      for (const [name, text] of shownTopics) expect(text).toBe(topics[name].description.split('\n')[0])
    })
  }

  it('are shown whole in the help of each topic', async () => {
    for (const topic of Object.keys(topics)) {
      const {code, stdout} = await runCli([topic, '--help'], {COLUMNS: '80'})
      expect(code).toBe(0)
      const commands = sectionEntries(stdout, 'COMMANDS')
      expect(commands.size).toBeGreaterThan(0)
      for (const [name, text] of commands) expect(text).toBe(summaryOf(manifest.commands[name.replace(' ', ':')]))
    }
  })

  it('follow COLUMNS through a pipe, as the tables do', async () => {
    const narrow = await runCli(['award', '--help'], {COLUMNS: '66'})
    const wide = await runCli(['award', '--help'], {COLUMNS: '150'})
    expect(Math.max(...narrow.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(66)
    expect(Math.max(...wide.stdout.split('\n').map((line) => line.length))).toBeGreaterThan(80)
  })

  it("open a command's own help, with the rest of the description below it", async () => {
    const {code, stdout} = await runCli(['list', '--help'], {COLUMNS: '80'})
    expect(code).toBe(0)
    const [first, ...rest] = (manifest.commands.list.description ?? '').split('\n')
    expect(stdout.split('\n')[0]).toBe(first)
    expect(rest.length).toBeGreaterThan(0)
    expect(stdout.slice(stdout.indexOf('DESCRIPTION')).replaceAll(/\s+/g, ' ')).toContain(rest.join(' '))
  })
})
