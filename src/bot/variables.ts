import {UsageError} from '../core/errors.js'

/**
 * What goes in a variable, for the message that refuses it set empty, where its flag cannot say it (flags with
 * options or a number range do: see whatFlagTakes in src/cli/flags.ts).
 */
const WHAT_GOES_IN: Readonly<Record<string, string>> = {
  CCP_ADMINS: "the admins' Signal ACI UUIDs or +E164 numbers, comma-separated (like +15551110001)",
  CCP_GROUPS: 'the ids of the groups to answer in, comma-separated (ccp groups lists them)',
  CCP_HEALTH_HOST: 'the address /healthz and /metrics listen on (like 127.0.0.1)',
  CCP_PREFIX: 'the word that starts a chat command (like /CCP)',
  CCP_SIGNAL_NUMBER: "the bot's Signal number in E.164 form (like +15550000000)",
  CCP_SIGNAL_URL: "signal-cli-rest-api's address (like http://localhost:8080)",
}

export interface EmptyVariable {
  fix: string
  name: string
  problem: string
}

/**
 * Why a variable that is set but empty is refused (and what to put there), or undefined when it is unset or
 * says something. An empty value is a line of the example env file left unfilled, not a choice (oclif would
 * read it as unset): to mean "not set" (for CCP_GROUPS: every group, unless chat.groups says otherwise), remove
 * the line. `takes` says what goes in it when this file does not know.
 */
export function emptyVariable(name: string, env: NodeJS.ProcessEnv, takes = 'a value'): EmptyVariable | undefined {
  const value = env[name]
  if (value === undefined || value.trim() !== '') return undefined
  return {fix: `Set ${name} to ${WHAT_GOES_IN[name] ?? takes}, or remove the line to leave it unset.`, name, problem: `${name} is set but empty`}
}

/** The usage error (exit 2) for a variable set but empty. */
export function emptyVariableError(empty: EmptyVariable): UsageError {
  return new UsageError('EMPTY_VARIABLE', `${empty.problem}. ${empty.fix}`)
}
