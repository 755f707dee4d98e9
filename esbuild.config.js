/**
 * Builds what bin/run.js loads: dist/ccp.cjs, the CLI in one CommonJS file (src/cli-bundle.ts), and
 * dist/launch.cjs, which starts it from V8's code cache (src/cli/launch.ts). CommonJS because V8's code cache
 * can be kept for a script but not for an ES module on node 20.
 *
 * Everything ccp runs is inside, better-sqlite3's JavaScript too (its native addon is loaded from where it
 * was installed, src/store/open.ts), because code from a code cache cannot import(): a dynamic import() in
 * src must name a module of ccp's or a bundled package, never a node builtin or an outside file. Left outside:
 * ws's optional native helpers, and TypeScript and ts-node, which oclif only looks for in development.
 */
import {build} from 'esbuild'

await build({
  banner: {js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;"},
  bundle: true,
  define: {'import.meta.url': 'importMetaUrl'},
  entryPoints: {ccp: 'src/cli-bundle.ts', launch: 'src/cli/launch.ts'},
  external: ['bufferutil', 'utf-8-validate', 'typescript', 'ts-node'],
  format: 'cjs',
  logLevel: 'warning',
  outExtension: {'.js': '.cjs'},
  outdir: 'dist',
  platform: 'node',
  target: 'node20',
})
