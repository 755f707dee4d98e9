import {CcpError, type ExitCode} from '../core/errors.js'
import {SignalError} from '../signal/errors.js'

/** The exit code of a bug: anything ccp did not expect, so that a script can tell it from a refusal (1). */
export const INTERNAL_ERROR_EXIT = 4

/** How a failure is reported: a stable code, one sentence, and the exit code. */
export interface Failure {
  code: string
  exitCode: number
  message: string
}

/**
 * A failure the command has reported itself before throwing it (ccp doctor prints its checks, each with its fix):
 * only its exit code is left to set.
 */
export class ReportedFailure extends CcpError {
  constructor(code: string, message: string, exitCode: ExitCode) {
    super(code, message, exitCode)
  }
}

/**
 * The one place where whatever a command (or oclif around it) throws is reported: one sentence on stderr, with
 * --json the error object on stdout, the stack of a bug only under DEBUG. Returns the exit code to end with.
 */
export function reportFailure(error: unknown, json: boolean): number {
  if (error instanceof ReportedFailure) return error.exitCode
  const failure = failureOf(error)
  printFailure(failure, json, failure.code === 'INTERNAL' ? debugStack(error) : undefined)
  return failure.exitCode
}

/** What a thrown error means for the user: ccp's own errors say it themselves; anything unexpected is a bug (exit 4). */
export function failureOf(error: unknown): Failure {
  if (error instanceof SignalError) return signalFailure(error)
  if (error instanceof CcpError) return {code: error.code, exitCode: error.exitCode, message: error.message}
  return oclifFailure(error) ?? systemFailure(error) ?? internalFailure(error)
}

/** An error ccp did not expect, as one sentence; its stack only when DEBUG is set (see `debugStack`). */
function internalFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error)
  return {
    code: 'INTERNAL',
    exitCode: INTERNAL_ERROR_EXIT,
    message: `Internal error: ${oneLine(message)}. This is a bug in ccp; run again with DEBUG=ccp set to see where it happened.`,
  }
}

/** The stack of an unexpected error, for stderr, when the DEBUG environment variable is set (to anything). */
function debugStack(error: unknown): string | undefined {
  if (!process.env.DEBUG) return undefined
  return error instanceof Error && error.stack ? error.stack : String(error)
}

/** A failure of the operating system (a file that cannot be read, a full disk) that no ccp code described. */
function systemFailure(error: unknown): Failure | undefined {
  const {code, syscall} = error as {code?: unknown; syscall?: unknown}
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined
  return {code: 'SYSTEM', exitCode: 3, message: oneLine((error as Error).message)}
}

/** An error oclif raised on purpose (it carries an exit code): a usage error such as `ccp help nosuch`. */
function oclifFailure(error: unknown): Failure | undefined {
  const oclifError = error as (Error & {oclif?: {exit?: number}}) | undefined
  if (oclifError?.oclif?.exit === undefined) return undefined
  return {code: 'USAGE', exitCode: 2, message: oclifError.message.replace(/\n?See more help with --help\s*$/, '').replaceAll(/\s+/g, ' ').trim()}
}

/** The Signal API failed: what it said, and where ccp looked for it. */
function signalFailure(error: SignalError): Failure {
  const advice = error.failure === 'network' || error.failure === 'timeout' ? 'runs there, or point --signal-url (CCP_SIGNAL_URL) at it' : 'runs at --signal-url (CCP_SIGNAL_URL)'
  return {code: error.code, exitCode: error.exitCode, message: `${error.message}. Check that signal-cli-rest-api ${advice}.`}
}

/** Prints a failure the one way ccp does: a sentence on stderr, and with --json the error object on stdout. */
function printFailure(failure: Failure, json: boolean, stack?: string): void {
  if (json) process.stdout.write(`${JSON.stringify({error: {code: failure.code, exitCode: failure.exitCode, message: failure.message}}, null, 2)}\n`)
  process.stderr.write(`Error: ${failure.message}\n`)
  if (stack) process.stderr.write(`${stack}\n`)
}

/** --json (or --json=...) among the arguments, before any `--` (after it, it is a name or a value). */
export function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some((word) => word === '--json' || word.startsWith('--json='))
}

function oneLine(text: string): string {
  return text.replaceAll(/\s+/g, ' ').trim().replace(/\.$/, '')
}
