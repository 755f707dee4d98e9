import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {dirname, join, normalize} from 'node:path'
import {fileURLToPath} from 'node:url'

import {fencedBlocks} from '../helpers/markdown-blocks.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)]
const read = (page: string) => readFileSync(join(root, page), 'utf8')

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as dashes. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replaceAll(/[^\p{L}\p{N}\s_-]/gu, '')
    .replaceAll(' ', '-')
}

/** The page's text outside code blocks. */
function withoutBlocks(markdown: string): string {
  return markdown.replaceAll(/^([ \t]*)(`{3,})[^\n]*\n[\s\S]*?\n\1\2[ \t]*$/gm, '')
}

/** The page's text outside code blocks and code spans, where links are links. */
function prose(markdown: string): string {
  return withoutBlocks(markdown).replaceAll(/`[^`\n]*`/g, '')
}

function anchors(markdown: string): Set<string> {
  return new Set(withoutBlocks(markdown).split('\n').filter((line) => /^#{1,6} /.test(line)).map((line) => anchor(line.replace(/^#+ /, ''))))
}

describe('README', () => {
  it('starts with the two quick-start lines as its first code block', () => {
    const [first] = fencedBlocks(read('README.md'))
    expect(first).toMatchObject({language: 'sh', lines: ['npm install && npx ccp demo', 'npm test']})
  })

  it('stays about a screenful: at most 150 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(150)
  })

  it('links to every page of docs/', () => {
    const readme = read('README.md')
    for (const page of pages.filter((page) => page !== 'README.md')) expect(readme).toContain(`](${page})`)
  })
})

describe.each(pages)('the links of %s', (page) => {
  it('lead to files and headings that exist', () => {
    const targets = [...prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/.test(target))
    const broken = targets.filter((target) => {
      const [file, hash] = target.split('#')
      const path = file === '' ? page : normalize(join(dirname(page), file))
      if (!existsSync(join(root, path))) return true
      return hash !== undefined && path.endsWith('.md') && !anchors(read(path)).has(hash)
    })
    expect(broken).toEqual([])
  })
})
