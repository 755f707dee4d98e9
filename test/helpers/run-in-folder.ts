import {type CliResult, RUN_JS, runCli} from './cli.js'

/** Runs the real `bin/run.js` in a working folder of the test's choosing, as a user in that folder would. */
export function runCliIn(cwd: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return runCli(args, env, input, RUN_JS, cwd)
}
