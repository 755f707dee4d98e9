/**
 * Builds what bin/run.js loads: dist/ccp.cjs, the CLI in one CommonJS file (src/cli-bundle.ts), so that a
 * command loads one file instead of some three hundred modules, and dist/launch.cjs, which starts it with node's
 * compile cache (src/cli/launch.ts).
 *
 * Left outside: better-sqlite3, which finds its own native addon (prebuilt, or built from source) only from
 * where it was installed; ws's optional native helpers; the chart renderer's vega, vega-lite (ES modules, some
 * megabytes, loaded only by a chart) and resvg (a native addon); and TypeScript and ts-node, which oclif only looks for
 * in development.
 */
import {build} from 'esbuild'

await build({
  banner: {js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;"},
  bundle: true,
  define: {'import.meta.url': 'importMetaUrl'},
  entryPoints: {ccp: 'src/cli-bundle.ts', launch: 'src/cli/launch.ts'},
  external: ['better-sqlite3', 'got', 'ws', 'bufferutil', 'utf-8-validate', 'typescript', 'ts-node', 'vega', 'vega-lite', '@resvg/resvg-js'],
  format: 'cjs',
  logLevel: 'warning',
  outExtension: {'.js': '.cjs'},
  outdir: 'dist',
  platform: 'node',
  target: 'node22',
})
