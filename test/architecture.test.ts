import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import {useTempDir} from './helpers/temp.js'

/** The dependency rule (.dependency-cruiser.cjs, docs/development.md "Layers"), as `npm run lint` checks it. */
const ROOT = resolve(import.meta.dirname, '..')

function lint(folder: string): {output: string; status: null | number} {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'), 'src', '--config', '.dependency-cruiser.cjs'], {
    cwd: folder,
    encoding: 'utf8',
  })
  return {output: result.stdout + result.stderr, status: result.status}
}

/** Each planted file imports across a layer the wrong way; the rule it breaks, and the edge as the lint names it. */
const PLANTED = [
  {file: 'core/planted.ts', imports: '../store/open.js', rule: 'core-imports-only-core', target: 'src/store/open.ts'},
  {file: 'core/planted-chat.ts', imports: './chat/handler.js', rule: 'core-below-chat', target: 'src/core/chat/handler.ts'},
  {file: 'lib/planted.ts', imports: '../core/errors.js', rule: 'lib-imports-only-lib', target: 'src/core/errors.ts'},
  {file: 'store/planted.ts', imports: '../bot/log.js', rule: 'store-imports-core-and-lib', target: 'src/bot/log.ts'},
  {file: 'signal/planted.ts', imports: '../store/open.js', rule: 'signal-imports-core-and-lib', target: 'src/store/open.ts'},
  {file: 'bot/planted.ts', imports: '../store/sqlite-store.js', rule: 'bot-imports-core-signal-and-lib', target: 'src/store/sqlite-store.ts'},
  {file: 'render/planted.ts', imports: '../bot/log.js', rule: 'render-imports-core-and-lib', target: 'src/bot/log.ts'},
  {file: 'bot/planted-top.ts', imports: '../base-command.js', rule: 'nothing-imports-the-top', target: 'src/base-command.ts'},
  {file: 'cli/planted.ts', imports: '../commands/list.js', rule: 'cli-below-commands', target: 'src/commands/list.ts'},
  {file: 'cli/planted-store.ts', imports: '../store/sqlite-store.js', rule: 'one-door-to-the-store', target: 'src/store/sqlite-store.ts'},
  {file: 'commands/planted.ts', imports: '../store/open.js', rule: 'one-door-to-the-store', target: 'src/store/open.ts'},
  {file: 'commands/planted-index.ts', imports: '../index.js', rule: 'nothing-imports-index', target: 'src/index.ts'},
  {file: 'util/planted.ts', imports: '../store/sqlite-store.js', rule: 'every-module-in-a-layer', target: 'src/store/sqlite-store.ts'},
]

describe('the dependency rule', () => {
  const temp = useTempDir()

  test('the source tree keeps it: npm run lint finds no violation', () => {
    const {output, status} = lint(ROOT)
    expect(output).not.toMatch(/^\s*error /m)
    expect(status).toBe(0)
  })

  test('a planted back edge, a cycle or SQLite outside the store fails it, each named by its rule', () => {
    const copy = temp.path('tree')
    cpSync(join(ROOT, 'src'), join(copy, 'src'), {recursive: true})
    for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(ROOT, file), join(copy, file))
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'))
    for (const {file, imports} of PLANTED) {
      mkdirSync(dirname(join(copy, 'src', file)), {recursive: true})
      writeFileSync(join(copy, 'src', file), `import * as above from '${imports}'\nexport const planted = above\n`)
    }

    // CommonJS counts too: a .cjs module of the core that requires the store.
    writeFileSync(join(copy, 'src/core/planted-legacy.cjs'), "module.exports = require('../store/open.js')\n")
    writeFileSync(join(copy, 'src/lib/planted-a.ts'), "import {b} from './planted-b.js'\nexport const a = () => b\n")
    writeFileSync(join(copy, 'src/lib/planted-b.ts'), "import {a} from './planted-a.js'\nexport const b = () => a\n")
    writeFileSync(join(copy, 'src/cli/planted-sqlite.ts'), "import Database from 'better-sqlite3'\nexport const open = () => new Database(':memory:')\n")

    const {output, status} = lint(copy)
    expect(status).not.toBe(0)
    for (const {file, rule, target} of PLANTED) expect(output).toMatch(new RegExp(`(error|warn) ${rule}: src/${file} → ${target}`))
    expect(output).toMatch(/error core-imports-only-core: src\/core\/planted-legacy\.cjs → src\/store\/open\.ts/)
    expect(output).toMatch(/error no-circular: src\/lib\/planted-[ab]\.ts →/)
    expect(output).toMatch(/error sqlite-only-in-store: src\/cli\/planted-sqlite\.ts → \S*node_modules\/better-sqlite3\//)
  })
})
