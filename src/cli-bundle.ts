/**
 * The entry of dist/ccp.cjs, the one-file build that bin/run.js starts: oclif's runner and ccp's commands,
 * bundled so that a command loads one file instead of some three hundred modules.
 */
export {execute} from '@oclif/core/execute'
export {COMMANDS} from './commands.js'
