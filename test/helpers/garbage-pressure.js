// Preloaded into `ccp serve` by test/e2e/gc.test.ts (node --expose-gc --import): keeps the garbage collector busy
// the way a long-lived bot does, with finished better-sqlite3 statements among the garbage. With better-sqlite3
// 12 on Node 24.19+, collecting such a statement outside JavaScript aborted the process (SIGABRT, "Assertion
// failed: (env) != nullptr" in Statement::~Statement).
import {createRequire} from 'node:module'

const Database = createRequire(process.argv[1])('better-sqlite3')
const scratch = new Database(':memory:')
let kept = []
let ticks = 0

setInterval(() => {
  for (let i = 0; i < 200; i++) scratch.prepare(`SELECT ${i % 10}`)
  kept.push(Array.from({length: 20_000}, (_, i) => ({i, text: `garbage ${i}`})))
  if (kept.length > 40) kept = kept.slice(1)
  if (++ticks % 25 === 0) globalThis.gc()
  if (ticks % 100 === 0) process.stderr.write(`test: ${ticks} rounds of garbage\n`)
}, 1).unref()
