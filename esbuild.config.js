/**
 * Builds what bin/run.js loads: dist/ccp.cjs, the CLI in one CommonJS file (src/cli-bundle.ts), and
 * dist/launch.cjs, which starts it from V8's code cache (src/cli/launch.ts). CommonJS because V8's code cache
 * can be kept for a script but not for an ES module on node 20.
 *
 * Everything ccp runs is inside, better-sqlite3's JavaScript too (its native addon is loaded from where it
 * was installed, src/store/open.ts), because code from a code cache cannot import(): a dynamic import() in
 * src must name a module of ccp's or a bundled package, never a node builtin or an outside file (checked
 * below). Left outside: ws's optional native helpers, and TypeScript and ts-node, which oclif only looks for
 * in development.
 */
import {build} from 'esbuild'

const {metafile} = await build({
  banner: {js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;"},
  bundle: true,
  define: {'import.meta.url': 'importMetaUrl'},
  entryPoints: {ccp: 'src/cli-bundle.ts', launch: 'src/cli/launch.ts'},
  external: ['bufferutil', 'utf-8-validate', 'typescript', 'ts-node'],
  format: 'cjs',
  logLevel: 'warning',
  metafile: true,
  outExtension: {'.js': '.cjs'},
  outdir: 'dist',
  platform: 'node',
  target: 'node20',
})

const leftOutside = Object.entries(metafile.inputs)
  .filter(([path]) => path.startsWith('src/'))
  .flatMap(([path, {imports}]) => imports.filter((entry) => entry.kind === 'dynamic-import' && entry.external).map((entry) => `${path}: import('${entry.path}')`))
if (leftOutside.length > 0) {
  console.error(`These import() calls would fail in the bundle, which runs from a code cache; import the module statically, or import() a module of ccp's that does:\n  ${leftOutside.join('\n  ')}`)
  process.exit(1)
}
