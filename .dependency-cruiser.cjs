/**
 * The dependency rule (docs/development.md, "Layers"): imports only point down.
 *
 *   commands, cli, base-command.ts, commands.ts, cli-bundle.ts, index.ts   the top: wires adapters together
 *   bot                                                                    core, signal, lib; the store only through ports
 *   render                                                                 core, lib: draws charts (ChartRenderer)
 *   store, signal                                                          core, lib
 *   lib                                                                    neutral utilities: only itself
 *   core                                                                   only itself, no package either
 *
 * `npm run lint` runs it; test/architecture.test.ts shows that a planted back edge fails it.
 */
const TOP = '^src/(commands|cli)/|^src/(base-command|commands|cli-bundle|index)\\.ts$'

/** A layer may import only its own folder and the ones named (and any package, unless `packages: false`). */
function layer(name, folder, allowed) {
  return {
    comment: `${folder} may import only ${[folder, ...allowed].join(', ')}`,
    from: {path: `^src/${folder}/`},
    name,
    severity: 'error',
    to: {path: '^src/', pathNot: `^src/(${[folder, ...allowed].join('|')})/`},
  }
}

module.exports = {
  forbidden: [
    {
      comment: 'An import cycle: the modules in it cannot be understood, tested or moved one at a time.',
      from: {},
      name: 'no-circular',
      severity: 'error',
      to: {circular: true},
    },
    {
      comment: 'The core is the domain: it depends on ports it declares, never on a package, node or another layer.',
      from: {path: '^src/core/'},
      name: 'core-imports-only-core',
      severity: 'error',
      to: {pathNot: '^src/core/'},
    },
    {
      comment: "The core's own modules sit below its chat: the chat uses the settings and the ledger, not the other way round (the chat message, an item type of the queue ports, excepted).",
      from: {path: '^src/core/[^/]+\\.ts$'},
      name: 'core-below-chat',
      severity: 'error',
      to: {path: '^src/core/chat/', pathNot: '^src/core/chat/message\\.ts$'},
    },
    layer('lib-imports-only-lib', 'lib', []),
    layer('store-imports-core-and-lib', 'store', ['core', 'lib']),
    layer('signal-imports-core-and-lib', 'signal', ['core', 'lib']),
    layer('bot-imports-core-signal-and-lib', 'bot', ['core', 'signal', 'lib']),
    layer('render-imports-core-and-lib', 'render', ['core', 'lib']),
    {
      comment: 'cli holds the helpers of the commands: it does not import them (or their base class).',
      from: {path: '^src/cli/'},
      name: 'cli-below-commands',
      severity: 'error',
      to: {path: '^src/commands/|^src/base-command\\.ts$'},
    },
    {
      comment: 'One door: the top reaches the database through the services src/cli/services.ts builds (for base-command.ts), never the store itself; index.ts exports the store for library users.',
      from: {path: TOP, pathNot: '^src/cli/services\\.ts$|^src/index\\.ts$'},
      name: 'one-door-to-the-store',
      severity: 'error',
      to: {path: '^src/store/'},
    },
    {
      comment: "index.ts is the library's door for other programs; inside ccp it would be a way round the one door.",
      from: {pathNot: '^src/index\\.ts$'},
      name: 'nothing-imports-index',
      severity: 'error',
      to: {path: '^src/index\\.ts$'},
    },
    {
      comment: 'Every module belongs to a layer: a new folder (or file at the top of src) would stand outside every rule.',
      from: {path: '^src/', pathNot: `^src/(core|store|signal|bot|render|lib)/|${TOP}`},
      name: 'every-module-in-a-layer',
      severity: 'error',
      to: {},
    },
    {
      comment: 'SQLite belongs to the store adapters alone.',
      from: {pathNot: '^src/store/'},
      name: 'sqlite-only-in-store',
      severity: 'error',
      to: {path: '(^|/)node_modules/(@types/)?better-sqlite3/'},
    },
    {
      comment: 'Nothing below the top imports it.',
      from: {pathNot: TOP},
      name: 'nothing-imports-the-top',
      severity: 'error',
      to: {path: TOP},
    },
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    // CommonJS too (require, createRequire(...)(path) is not followed by any tool): a .cjs file must obey the rule.
    moduleSystems: ['es6', 'cjs'],
    // Type-only imports count: a type from a higher layer is a dependency on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: {fileName: 'tsconfig.json'},
  },
}
