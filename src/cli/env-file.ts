import {readFileSync} from 'node:fs'
import {parseEnv} from 'node:util'

import {CcpError} from '../core/errors.js'

/** Why the env file could not be used: `exitCode` 2 for a bad name or line (a setting), 3 for a file that cannot be read. */
export class EnvFileError extends CcpError {
  constructor(code: string, message: string, exitCode: 2 | 3) {
    super(code, message, exitCode)
  }
}

const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_]\w*\s*=(.*)$/
const QUOTES = new Set(['"', "'", '`'])

/**
 * Sets the variables of the file CCP_ENV_FILE names into `env`, as systemd's EnvironmentFile= does for the
 * service, so that the operator's commands and cron jobs act on the service's data and settings. A variable
 * already set in the environment wins over the file (even set empty): `CCP_GROUPS=... ccp announce` still
 * says where. Returns the file, or undefined when CCP_ENV_FILE is not set.
 *
 * (No --env-file flag: node itself reads an argument by that name, even after the script's name, and exits 9
 * with its own message when the file is missing, before ccp can say anything.)
 */
export function applyEnvFile(env: NodeJS.ProcessEnv): string | undefined {
  const file = env.CCP_ENV_FILE
  if (file === undefined) return undefined
  if (file.trim() === '') throw new EnvFileError('MISSING_ENV_FILE', 'CCP_ENV_FILE is empty; name the env file (like /etc/ccp/ccp.env), or unset CCP_ENV_FILE.', 2)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new EnvFileError('ENV_FILE_UNREADABLE', `Cannot read the env file ${file} (CCP_ENV_FILE): ${why}. Check the path, and that this user may read it.`, 3)
  }

  const bad = badLine(text)
  if (bad !== undefined) {
    // The line itself is not shown: it may hold a phone number.
    throw new EnvFileError('ENV_FILE_INVALID', `The env file ${file} (CCP_ENV_FILE) has a line that is not NAME=value, line ${bad}; write one NAME=value a line (# starts a comment).`, 2)
  }

  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (!Object.hasOwn(env, name)) env[name] = value
  }

  return file
}

/**
 * The number of the first line that is neither blank, a # comment, nor NAME=value (`export ` allowed; a quoted
 * value may go on over lines until its closing quote). Node's parseEnv skips such lines without a word; a line
 * meant as a setting and skipped would leave the setting out unseen.
 */
function badLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/u)
  let openQuote: string | undefined
  for (const [index, line] of lines.entries()) {
    if (openQuote !== undefined) {
      if (line.includes(openQuote)) openQuote = undefined
      continue
    }

    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const assignment = ASSIGNMENT.exec(line)
    if (!assignment) return index + 1
    const value = assignment[1].trim()
    if (QUOTES.has(value[0]) && !value.slice(1).includes(value[0])) openQuote = value[0]
  }

  return undefined
}
