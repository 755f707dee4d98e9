import {CcpError, UsageError} from '../core/errors.js'

/** oclif's parse errors, told apart by their shape: @oclif/core does not export their classes. */
type ParseError = Error & {args?: {name: string}[] | string[]; flags?: string[]; parse?: unknown}

/** What a usage message needs to know about the command that was run. */
export interface CommandShape {
  args?: Record<string, {required?: boolean}>
  /** How the user gave a flag ("--mode", or CCP_MODE when oclif read it from there): givenAs in flags.ts. */
  givenAs?: (flag: string) => string
  id?: string
  usage?: string | string[]
}

/**
 * oclif's parse errors (a missing argument, one too many, an unknown flag, a bad flag value) as one ccp
 * sentence, like every other ccp error, instead of oclif's indented block with its help text.
 */
export function usageErrorFromParse(error: unknown, command: CommandShape): CcpError {
  const parseError = error as ParseError
  const message = parseError?.message ?? String(error)
  const parsing = /^Parsing --(\S+) \n\t([\s\S]*?)(\nSee more help with --help)?$/.exec(message)
  // A value oclif read from an env var is named by that variable: the user never typed the flag.
  const given = (flag: string): string => command.givenAs?.(flag) ?? `--${flag}`
  // oclif rewrites the message of whatever a flag's own parser threw; a ccp error keeps its own words.
  if (error instanceof CcpError) return parsing ? new CcpError(error.code, `${given(parsing[1])}: ${parsing[2]}`, error.exitCode) : error
  const name = `ccp ${(command.id ?? '').replaceAll(':', ' ')}`.trim()
  const help = `See ${name} --help.`
  if (message.startsWith('Nonexistent flag') && Array.isArray(parseError.flags)) {
    const flags = parseError.flags.map(String)
    const dashed = flags.find((flag) => /^-[^-]{2,}/.test(flag))
    const hint = dashed ? dashNameHint(name, command, dashed) : ''
    return new UsageError('UNKNOWN_FLAG', `${name} has no flag ${flags.join(', ')}.${hint} ${help}`)
  }

  if (message.startsWith('Missing ') && Array.isArray(parseError.args)) {
    const missing = (parseError.args as {name: string}[]).map((arg) => arg.name.toUpperCase())
    return new UsageError('MISSING_ARGUMENT', `Missing ${joinWords(missing)}: ${usageLine(name, command)}.`)
  }

  if (message.startsWith('Unexpected argument') && Array.isArray(parseError.args)) {
    const extra = parseError.args.map((arg) => JSON.stringify(String(arg)))
    return new UsageError('UNEXPECTED_ARGUMENT', `Too many arguments: ${joinWords(extra)} ${extra.length === 1 ? 'is' : 'are'} more than ${usageLine(name, command)} takes.`)
  }

  const notAnOption = /^Expected --([^=\s]+)=([\s\S]*) to be one of: ([^\n]*)/.exec(message)
  if (notAnOption) return new UsageError('INVALID_FLAG', `${given(notAnOption[1])} must be one of ${notAnOption[3]}; not ${JSON.stringify(notAnOption[2])}.`)
  if (/^The following errors? occurred:/.test(message)) {
    const reasons = oneLine(withoutHelpLine(message).replace(/^The following errors? occurred:/, ''))
    return new UsageError('INVALID_FLAG', `${reasons.replaceAll(/(--[\w-]+)=\S* cannot also be provided when using (--[\w-]+)/g, '$1 cannot be used with $2')}. ${help}`)
  }

  if (parsing) return new UsageError('INVALID_FLAG', `${given(parsing[1])} ${valueProblem(parsing[2])}.`)
  return new UsageError('USAGE', `${oneLine(withoutHelpLine(message))}. ${help}`)
}

/** oclif's integer messages ("Expected an integer but received: x") said as what the value must be. */
function valueProblem(text: string): string {
  const line = oneLine(text)
  const notInteger = /^Expected an integer but received: (.*)$/.exec(line)
  if (notInteger) return `must be a whole number, not ${JSON.stringify(notInteger[1])}`
  const tooSmall = /^Expected an integer greater than or equal to (\S+) but received: (.*)$/.exec(line)
  if (tooSmall) return `must be at least ${tooSmall[1]}, not ${tooSmall[2]}`
  const tooLarge = /^Expected an integer less than or equal to (\S+) but received: (.*)$/.exec(line)
  if (tooLarge) return `must be at most ${tooLarge[1]}, not ${tooLarge[2]}`
  return `is not valid: ${line}`
}

/** "ccp config set KEY VALUE", from the command's own usage line or its arguments. */
export function usageLine(name: string, command: CommandShape): string {
  const usage = Array.isArray(command.usage) ? command.usage[0] : command.usage
  if (usage) return `ccp ${usage.replaceAll('<%= command.id %>', (command.id ?? '').replaceAll(':', ' '))}`
  const args = Object.entries(command.args ?? {}).map(([arg, definition]) => (definition.required ? arg.toUpperCase() : `[${arg.toUpperCase()}]`))
  return [name, ...args].join(' ')
}

/** A word such as -bob, taken for a flag: a member's name, named after -- (a new member cannot have such a name). */
function dashNameHint(name: string, command: CommandShape, dashed: string): string {
  if (name === 'ccp adduser') return ' A name cannot start with a dash.'
  const example = name === 'ccp award' ? `ccp award -- ${dashed} 5` : `${name} -- ${dashed}${Object.keys(command.args ?? {}).length > 1 ? ' …' : ''}`
  return ` If ${dashed} is a name, put -- before it (and any flags before the --): ${example}.`
}

function withoutHelpLine(message: string): string {
  return message.replace(/\n?See more help with --help\s*$/, '')
}

/** Several lines (oclif indents its lists) as one, without a closing full stop (the caller adds its own). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replaceAll(/\u001B\[[0-9;]*m/g, '').replaceAll(/\s+/g, ' ').trim().replace(/[.:]$/, '')
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}
