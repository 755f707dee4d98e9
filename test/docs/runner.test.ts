import {chatTurns, consoleSteps, fencedBlocks, parseShell} from '../helpers/markdown-blocks.js'
import {normalise} from './normalise.js'
import {DocSession} from './session.js'

describe('the docs runner reads pages as written', () => {
  const page = [
    '# A page',
    '',
    '```console',
    '$ ccp adduser alice     # a comment',
    'Added alice.',
    '$ ccp award alice 5 \\',
    '    --reason "the cake"',
    '+5 for alice (the cake): 5 points, rank 1. Entry #1.',
    '```',
    '',
    '<!-- docs-runner: skip (needs Docker) -->',
    '```console',
    '$ docker compose up -d',
    '```',
    '',
    '- a list item:',
    '  ```console',
    '  $ ccp list',
    '  ```',
  ].join('\n')

  it('finds each block by its line, with the comment before it, indented ones too', () => {
    const blocks = fencedBlocks(page)
    expect(blocks.map(({directive, language, line}) => ({directive, language, line}))).toEqual([
      {directive: undefined, language: 'console', line: 3},
      {directive: 'skip (needs Docker)', language: 'console', line: 12},
      {directive: undefined, language: 'console', line: 17},
    ])
    expect(blocks[2].lines).toEqual(['$ ccp list'])
  })

  it('splits a console block into commands and the output under each, joining continued lines', () => {
    expect(consoleSteps(fencedBlocks(page)[0])).toEqual([
      {command: 'ccp adduser alice     # a comment', expected: ['Added alice.'], line: 4, outputLine: 5},
      {command: 'ccp award alice 5 --reason "the cake"', expected: ['+5 for alice (the cake): 5 points, rank 1. Entry #1.'], line: 6, outputLine: 8},
    ])
  })

  it('reads a chat block as messages and replies', () => {
    const [block] = fencedBlocks('<!-- docs-runner: chat from +15551110001 in G= -->\n```text\n> /CCP listall\nUser Scores:\nalice: 5 points\n```')
    expect(block.directive).toBe('chat from +15551110001 in G=')
    expect(chatTurns(block)).toEqual([{expected: ['User Scores:', 'alice: 5 points'], line: 3, text: '/CCP listall'}])
  })

  it('refuses a steering comment that is not just before a fence, and a block never closed', () => {
    expect(() => fencedBlocks('<!-- docs-runner: skip (why) -->\n\n```console\n$ ccp list\n```')).toThrow(/just before a code fence/)
    expect(() => fencedBlocks('```console\n$ ccp list\n')).toThrow(/never closed/)
  })

  it('reads the shell the pages use, and refuses what it would not run as sh does', () => {
    expect(parseShell(`echo "/CCP bob 5 \\"the cake\\"" | ccp chat --as +15551110001 # try it`)).toEqual({
      assignments: {},
      background: false,
      input: '/CCP bob 5 "the cake"\n',
      program: ['ccp', 'chat', '--as', '+15551110001'],
    })
    expect(parseShell(`NO_COLOR=1 ccp export --format csv > 'my ledger.csv'`)).toEqual({
      assignments: {NO_COLOR: '1'},
      background: false,
      program: ['ccp', 'export', '--format', 'csv'],
      redirect: 'my ledger.csv',
    })
    expect(parseShell('ccp serve --number +15550000000 &')).toMatchObject({background: true, program: ['ccp', 'serve', '--number', '+15550000000']})
    for (const line of ['ccp backup b-$(date +%F).db', 'ccp list && ccp stats', 'ccp list; ccp stats', 'echo $HOME', 'ccp list 2>&1', 'ccp import < file']) {
      expect(() => parseShell(line)).toThrow(/docs runner|must end|only/)
    }
  })
})

describe('the docs runner compares exactly', () => {
  it('forgives times, dates and the version line, and nothing else', () => {
    expect(normalise(['│ 6 │ 2026-11-28 11:27 │ bob │', 'ccp/0.1.0 linux-x64 node-v24.21.0', 'since 2026-11-01  '])).toBe(
      normalise(['│ 6 │ 2025-01-02 03:04 │ bob │', 'ccp/0.1.0 darwin-arm64 node-v22.14.0', 'since 2025-12-31']),
    )
    expect(normalise(['bob: 5 points'])).not.toBe(normalise(['bob: 6 points']))
    expect(normalise(['│ 1 │ bob │'])).not.toBe(normalise(['│ 1 │ bob  │']))
    expect(normalise(['Added alice.', ''])).not.toBe(normalise(['', 'Added alice.']))
  })

  it('runs a command in a fresh folder and fails a block whose shown output is stale', async () => {
    const session = await DocSession.start()
    try {
      const printed = await session.run('ccp adduser alice')
      expect(normalise(printed)).toBe(normalise(['Added alice.']))
      expect(normalise(printed)).not.toBe(normalise(['Added alice!']))
      expect((await session.run('ccp adduser alice')).join('\n')).toMatch(/^Error: "alice" is already a member/)
      expect(await session.run('echo $?')).toEqual(['1'])
      expect(session.shown(`${session.home}/x.db`)).toBe('~/x.db')
      await expect(session.run('ls -l')).rejects.toThrow(/runs only ccp/)
    } finally {
      await session.stop()
    }
  })
})
