/**
 * The runnable parts of a markdown page, for the docs runner (test/docs/docs.test.ts).
 *
 * A ```console block is a shell session: a line starting with `$ ` is a command, the lines up to the next command
 * are what it prints. A block is steered by an HTML comment on the line before its fence:
 *   <!-- docs-runner: skip (why) -->                       not run; listed by name in a test title
 *   <!-- docs-runner: write FILE -->                       (any block) its text is written to FILE in the page's folder
 *   <!-- docs-runner: chat from +E164 in GROUP -->         (a ```text block) each `> ` line is sent to the running bot
 *                                                          through the fake Signal server; the lines after it are the reply
 */

export interface Block {
  /** The comment's directive, if any: `skip (why)`, `write FILE`, `chat from ...`. */
  directive?: string
  language: string
  /** 1-based line of the opening fence: the block's name is `<file>:<line>`. */
  line: number
  lines: string[]
}

export interface Step {
  command: string
  expected: string[]
  /** 1-based line of the command in the page. */
  line: number
  /** 1-based line of the first line of output shown (where the command's last line ends). */
  outputLine: number
}

const DIRECTIVE = /^<!--\s*docs-runner:\s*(.*?)\s*-->$/

/** Every fenced block of a page, with the directive written just before it. */
export function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n')
  const blocks: Block[] = []
  for (let index = 0; index < lines.length; index++) {
    const fence = /^(\s*)(`{3,})(\S*)\s*$/.exec(lines[index])
    if (!fence) continue
    const [, indent, ticks, language] = fence
    const end = lines.findIndex((line, at) => at > index && line.startsWith(`${indent}${ticks}`) && line.trim() === ticks)
    if (end === -1) throw new Error(`line ${index + 1}: a ${ticks}${language} block that is never closed`)
    const before = index > 0 ? DIRECTIVE.exec(lines[index - 1].trim()) : null
    blocks.push({directive: before?.[1], language, line: index + 1, lines: lines.slice(index + 1, end).map((line) => line.slice(indent.length))})
    index = end
  }

  const stray = lines.findIndex((line, index) => DIRECTIVE.test(line.trim()) && !/^\s*`{3}/.test(lines[index + 1] ?? ''))
  if (stray !== -1) throw new Error(`line ${stray + 1}: a docs-runner comment must sit on the line just before a code fence`)
  return blocks
}

/** The commands of a console block, each with the output shown under it; a line ending in ` \` goes on in the next. */
export function consoleSteps(block: Block): Step[] {
  const steps: Step[] = []
  for (let index = 0; index < block.lines.length; index++) {
    const text = block.lines[index]
    if (text.startsWith('$ ')) {
      let command = text.slice(2)
      const line = block.line + 1 + index
      while (command.endsWith(' \\') && index + 1 < block.lines.length) command = `${command.slice(0, -1)}${block.lines[++index].trim()}`
      steps.push({command, expected: [], line, outputLine: block.line + 2 + index})
    } else if (steps.length === 0) {
      throw new Error(`line ${block.line + 1 + index}: output before the first "$ " command`)
    } else {
      steps.at(-1)!.expected.push(text)
    }
  }

  return steps
}

export interface ChatTurn {
  expected: string[]
  line: number
  text: string
}

/** The messages of a chat block (`> ` lines) and the reply shown under each. */
export function chatTurns(block: Block): ChatTurn[] {
  const turns: ChatTurn[] = []
  block.lines.forEach((text, index) => {
    if (text.startsWith('> ')) turns.push({expected: [], line: block.line + 1 + index, text: text.slice(2)})
    else if (turns.length === 0) throw new Error(`line ${block.line + 1 + index}: a reply before the first "> " message`)
    else turns.at(-1)!.expected.push(text)
  })
  return turns
}

export interface ShellCommand {
  /** VAR=value words before the program. */
  assignments: Record<string, string>
  background: boolean
  /** What `echo ... |` feeds the program, if anything. */
  input?: string
  program: string[]
  /** `> FILE`: stdout goes to this file. */
  redirect?: string
}

/**
 * The small part of sh that the docs use: words in '…' or "…" (a `\` in "…" escapes ", \, $ and `), a `# comment`,
 * `VAR=value` before the program, `echo WORDS |` in front, `> FILE` and `&` at the end. Anything else (a `$`
 * expansion, `;`, `&&`, backquotes) is refused, so a page cannot show a command the runner would read otherwise.
 */
export function parseShell(line: string): ShellCommand {
  const words: (string | {operator: string})[] = []
  let word: null | string = null
  for (let at = 0; at < line.length; at++) {
    const char = line[at]
    if (char === "'") {
      const end = line.indexOf("'", at + 1)
      if (end === -1) throw new Error(`an unclosed ' in: ${line}`)
      word = (word ?? '') + line.slice(at + 1, end)
      at = end
    } else if (char === '"') {
      word = word ?? ''
      for (at++; at < line.length && line[at] !== '"'; at++) {
        if (line[at] === '\\' && '"\\$`'.includes(line[at + 1])) word += line[++at]
        else if ('$`'.includes(line[at]) && !(line[at] === '$' && line[at + 1] === '?')) throw new Error(`the docs runner does not expand ${line[at]} in: ${line}`)
        else word += line[at]
      }

      if (at >= line.length) throw new Error(`an unclosed " in: ${line}`)
    } else if (char === '\\') {
      word = (word ?? '') + line[++at]
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word)
      word = null
    } else if (char === '#' && word === null) {
      break
    } else if ('|&>'.includes(char)) {
      if (word !== null) words.push(word)
      word = null
      if (line[at + 1] === char || (char === '&' && line[at + 1] === '>')) throw new Error(`the docs runner does not run ${char}${line[at + 1]} in: ${line}`)
      words.push({operator: char})
    } else if (';`$<('.includes(char) && !(char === '$' && line[at + 1] === '?')) {
      throw new Error(`the docs runner does not run ${char} in: ${line}`)
    } else {
      word = (word ?? '') + char
    }
  }

  if (word !== null) words.push(word)
  return shellCommand(words, line)
}

function shellCommand(words: (string | {operator: string})[], line: string): ShellCommand {
  const command: ShellCommand = {assignments: {}, background: false, program: []}
  let rest = words
  const pipe = rest.findIndex((word) => typeof word !== 'string' && word.operator === '|')
  if (pipe !== -1) {
    const [echo, ...text] = rest.slice(0, pipe)
    if (echo !== 'echo' || text.some((word) => typeof word !== 'string')) throw new Error(`only "echo WORDS | ..." may feed a command: ${line}`)
    command.input = `${text.join(' ')}\n`
    rest = rest.slice(pipe + 1)
  }

  const last = rest.at(-1)
  if (typeof last !== 'string' && last?.operator === '&') {
    command.background = true
    rest = rest.slice(0, -1)
  }

  const redirect = rest.findIndex((word) => typeof word !== 'string' && word.operator === '>')
  if (redirect !== -1) {
    if (redirect !== rest.length - 2 || typeof rest[redirect + 1] !== 'string') throw new Error(`"> FILE" must end the command: ${line}`)
    command.redirect = rest[redirect + 1] as string
    rest = rest.slice(0, redirect)
  }

  if (rest.some((word) => typeof word !== 'string')) throw new Error(`the docs runner cannot run: ${line}`)
  const plain = rest as string[]
  while (plain.length > 1 && /^[A-Z_][A-Z0-9_]*=/.test(plain[0])) {
    const [name, ...value] = plain.shift()!.split('=')
    command.assignments[name] = value.join('=')
  }

  command.program = plain
  return command
}
