import {Config} from '@oclif/core/config'
import {flush} from '@oclif/core/flush'
import type {LoadOptions} from '@oclif/core/interfaces'
import {run} from '@oclif/core/run'

import {unknownCommand} from './command-not-found.js'
import {reportFailure, wantsJson} from './failure.js'

type OclifError = Error & {code?: string; oclif?: {exit?: number}}

/**
 * Runs the CLI as oclif's `execute` does, but reports what fails outside a command (an unknown command, a
 * failure while oclif loads) the way commands report theirs: one sentence, JSON on stdout with --json, and
 * exit 4 for what nobody expected. `ownCommands`: the ids of ccp's own commands (see `withoutPlugins`).
 */
export async function main(args: string[], loadOptions: LoadOptions, ownCommands: readonly string[] = []): Promise<unknown> {
  let config: Config | undefined
  try {
    config = await Config.load(namesOwnCommand(args, ownCommands) ? withoutPlugins(loadOptions) : loadOptions)
    const result = await run(args, config)
    await flush()
    return result
  } catch (error) {
    return report(helpFor(error, config), args)
  }
}

/** Whether the command line starts with one of ccp's own commands (`list`, or `config list` for config:list). */
function namesOwnCommand(args: string[], ownCommands: readonly string[]): boolean {
  return ownCommands.includes(args[0]) || (args.length > 1 && ownCommands.includes(`${args[0]}:${args[1]}`))
}

/**
 * The options without oclif's plugins (help and autocomplete): they add only commands of their own, so one of
 * ccp's commands runs the same without them, and finding and reading them cost every command some 5 ms.
 */
function withoutPlugins(loadOptions: LoadOptions): LoadOptions {
  if (typeof loadOptions !== 'object' || loadOptions instanceof Config || !loadOptions.pjson) return loadOptions
  const {pjson} = loadOptions
  return {...loadOptions, pjson: {...pjson, oclif: {...pjson.oclif, plugins: []}}}
}

/** `ccp help lsit` (and `ccp lsit -h`): oclif's help says "Command lsit not found."; ccp says what it says for `ccp lsit`. */
function helpFor(error: unknown, config: Config | undefined): unknown {
  const subject = /^Command (\S+) not found\.$/.exec((error as Error)?.message ?? '')?.[1]
  return subject && config ? unknownCommand(config, subject) : error
}

async function report(error: unknown, args: string[]): Promise<void> {
  const oclifError = error as OclifError
  // this.exit() in a command: its failure has been reported already.
  if (oclifError?.code === 'EEXIT') return exit(oclifError.oclif?.exit ?? 1)
  return exit(reportFailure(error, wantsJson(args)))
}

/** Ends the process as oclif's handler does (a timer or socket left open must not keep a failed command alive), once stdout is written. */
async function exit(code: number): Promise<void> {
  await flush()
  process.exit(code)
}
