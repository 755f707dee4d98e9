import {CcpError} from '../core/errors.js'

/** The exit code of a bug: anything ccp did not expect, so that a script can tell it from a refusal (1). */
export const INTERNAL_ERROR_EXIT = 4

/** How a failure is reported: a stable code, one sentence, and the exit code. */
export interface Failure {
  code: string
  exitCode: number
  message: string
}

/** An error ccp did not expect, as one sentence; its stack only when DEBUG is set (see `debugStack`). */
export function internalFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error)
  return {
    code: 'INTERNAL',
    exitCode: INTERNAL_ERROR_EXIT,
    message: `Internal error: ${oneLine(message)}. This is a bug in ccp; run again with DEBUG=ccp set to see where it happened.`,
  }
}

/** The stack of an unexpected error, for stderr, when the DEBUG environment variable is set (to anything). */
export function debugStack(error: unknown): string | undefined {
  if (!process.env.DEBUG) return undefined
  return error instanceof Error && error.stack ? error.stack : String(error)
}

/** A failure of the operating system (a file that cannot be read, a full disk) that no ccp code described. */
export function systemFailure(error: unknown): Failure | undefined {
  const {code, syscall} = error as {code?: unknown; syscall?: unknown}
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined
  return {code: 'SYSTEM', exitCode: 3, message: oneLine((error as Error).message)}
}

export function ccpFailure(error: CcpError): Failure {
  return {code: error.code, exitCode: error.exitCode, message: error.message}
}

/** Prints a failure the one way ccp does: a sentence on stderr, and with --json the error object on stdout. */
export function printFailure(failure: Failure, json: boolean, stack?: string): void {
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
