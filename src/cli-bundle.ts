/**
 * The entry of dist/ccp.cjs, the one-file build that bin/run.js starts: oclif's runner and ccp's commands,
 * bundled so that a command loads one file instead of some three hundred modules.
 */
export {COMMANDS} from './commands.js'
export {main} from './cli/main.js'
export {COMMAND_NOT_FOUND} from './cli/command-not-found.js'
