import {closeSync, readFileSync} from 'node:fs'
import {parseEnv} from 'node:util'

import {CcpError} from '../core/errors.js'
import {editDistance} from '../core/edit-distance.js'
import {NotARegularFile, openRegularFile} from '../lib/regular-file.js'

/** Why the env file could not be used: `exitCode` 2 for a bad name or line (a setting), 3 for a file that cannot be read. */
export class EnvFileError extends CcpError {
  constructor(code: string, message: string, exitCode: 2 | 3) {
    super(code, message, exitCode)
  }
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=(.*)$/
const QUOTES = new Set(['"', "'", '`'])

/**
 * Sets the variables of the file CCP_ENV_FILE names into `env`, as systemd's EnvironmentFile= does for the
 * service, so that the operator's commands and cron jobs act on the service's data and settings. A variable
 * already set in the environment wins over the file (even set empty): `CCP_GROUPS=... ccp announce` still
 * says where. Every variable in the file is set (DEBUG, XDG_DATA_HOME...), but a CCP_ name that ccp does not
 * read (`ccpVariables`, asked only when there is a file: see ccp-variables.ts) is refused: a misspelled CCP_ADMINS would leave the bot without admins,
 * unseen. Returns the file, or undefined when CCP_ENV_FILE is not set.
 *
 * (No --env-file flag: node itself reads an argument by that name, even after the script's name, and exits 9
 * with its own message when the file is missing, before ccp can say anything.)
 */
export function applyEnvFile(env: NodeJS.ProcessEnv, ccpVariables?: () => ReadonlySet<string> | undefined): string | undefined {
  const file = env.CCP_ENV_FILE
  if (file === undefined) return undefined
  if (file.trim() === '') throw new EnvFileError('MISSING_ENV_FILE', 'CCP_ENV_FILE is empty; name the env file (like /etc/ccp/ccp.env), or unset CCP_ENV_FILE.', 2)
  // A byte order mark (Windows editors write one) would otherwise become part of the first name.
  const text = readEnvFile(file).replace(/^\uFEFF/u, '')
  const {bad, names} = scanLines(text)
  if (bad !== undefined) {
    // The line itself is not shown: it may hold a phone number.
    throw new EnvFileError('ENV_FILE_INVALID', `The env file ${file} (CCP_ENV_FILE) has a line that is not NAME=value, line ${bad}; write one NAME=value a line (# starts a comment).`, 2)
  }

  const known = ccpVariables?.()
  const unknown = known && names.find(({name}) => name.startsWith('CCP_') && !known.has(name))
  if (unknown) {
    // The name is safe to show; the value (a phone number, say) is not.
    throw new EnvFileError('ENV_FILE_UNKNOWN_VARIABLE', `The env file ${file} (CCP_ENV_FILE) sets ${unknown.name} on line ${unknown.line}, which ccp does not read; ${suggestion(unknown.name, known)}`, 2)
  }

  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (!Object.hasOwn(env, name)) env[name] = value
  }

  return file
}

/** The file's text, only from a regular file: a named pipe or a device would hold the command forever. */
function readEnvFile(file: string): string {
  let fd: number
  try {
    fd = openRegularFile(file).fd
  } catch (error) {
    if (error instanceof NotARegularFile) {
      throw new EnvFileError('ENV_FILE_NOT_A_FILE', `The env file ${file} (CCP_ENV_FILE) is a ${error.what}, not a file; name the file of NAME=value lines (like /etc/ccp/ccp.env).`, 3)
    }

    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new EnvFileError('ENV_FILE_UNREADABLE', `Cannot read the env file ${file} (CCP_ENV_FILE): ${why}. Check the path, and that this user may read it.`, 3)
  }

  try {
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

/** "did you mean CCP_ADMINS?" for a name one or two typos away from one of ccp's, else the list of them. */
function suggestion(name: string, known: ReadonlySet<string>): string {
  const [nearest] = [...known].map((candidate) => ({candidate, distance: editDistance(name, candidate)})).sort((a, b) => a.distance - b.distance)
  if (nearest && nearest.distance <= 2) return `did you mean ${nearest.candidate}? Fix the name, or remove the line.`
  return `ccp's variables are ${[...known].sort().join(', ')}. Fix the name, or remove the line.`
}

/**
 * The names the file sets, with their line numbers, and the number of the first line that is neither blank, a
 * # comment, nor NAME=value (`export ` allowed; a quoted value may go on over lines until its closing quote).
 * Node's parseEnv skips such lines without a word; a line meant as a setting and skipped would leave the
 * setting out unseen.
 */
function scanLines(text: string): {bad?: number; names: {line: number; name: string}[]} {
  const lines = text.split(/\r?\n/u)
  const names: {line: number; name: string}[] = []
  let openQuote: string | undefined
  for (const [index, line] of lines.entries()) {
    if (openQuote !== undefined) {
      if (line.includes(openQuote)) openQuote = undefined
      continue
    }

    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const assignment = ASSIGNMENT.exec(line)
    if (!assignment) return {bad: index + 1, names}
    names.push({line: index + 1, name: assignment[1]})
    const value = assignment[2].trim()
    if (QUOTES.has(value[0]) && !value.slice(1).includes(value[0])) openQuote = value[0]
  }

  return {names}
}
