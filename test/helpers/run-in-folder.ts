import {spawn} from 'node:child_process'

import {type CliResult, RUN_JS, userEnvironment} from './cli.js'

/** Runs the real `bin/run.js` in a working folder of the test's choosing, as a user in that folder would. */
export function runCliIn(cwd: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_JS, ...args], {cwd, env: userEnvironment(env)})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stderr, stdout}))
    child.stdin.end(input)
  })
}
