#!/usr/bin/env node
// oclif's bin/dev.js: ccp from its TypeScript sources, without a build (`./bin/dev.js list`). tsx compiles each
// module as it is loaded (with esbuild, as the build does) and checks no types: `npm run typecheck` does.
// CommonJS, as bin/package.json says.
const {join} = require('node:path')
const {pathToFileURL} = require('node:url')

const root = join(__dirname, '..')

const source = (file) => import(pathToFileURL(join(root, 'src', file)).href)

async function dev(argv) {
  // The ES module entry: the CommonJS one registers from a wrong path on Node.js 22.14.
  const {register} = await import('tsx/esm/api')
  register()
  const {prepareLaunch} = await source('cli/launch.ts')
  if (!prepareLaunch(root, argv)) return
  const {main} = await source('cli/main.ts')
  const {guardOutputStreams} = await source('cli/output-streams.ts')
  guardOutputStreams()
  // bin/run.js starts the one-file build (dist/ccp.cjs); here oclif takes the command map and the hook from the
  // sources, and the commands' flags and help from their classes rather than from oclif.manifest.json, which the build makes.
  const pjson = require('../package.json')
  pjson.oclif.commands.target = './src/commands.ts'
  pjson.oclif.hooks.command_not_found.target = './src/cli/command-not-found.ts'
  return main(argv, {ignoreManifest: true, pjson, root, userPlugins: false})
}

dev(process.argv.slice(2))
