import {UsageError} from '../core/errors.js'

/** What each of the bot's variables must hold, for the message that refuses it set empty. */
const WHAT_GOES_IN = {
  CCP_ADMINS: "the admins' Signal ACI UUIDs or +E164 numbers, comma-separated (like +15551110001)",
  CCP_GROUPS: 'the ids of the groups to answer in, comma-separated (ccp groups lists them)',
  CCP_SIGNAL_NUMBER: "the bot's Signal number in E.164 form (like +15550000000)",
} as const

export type BotVariable = keyof typeof WHAT_GOES_IN

/**
 * Why a bot variable that is set but empty is refused (and what to put there), or undefined when it is unset or
 * says something. An empty value is a line of the example env file left unfilled, not a choice: to mean "not
 * set" (for CCP_GROUPS: every group, unless chat.groups says otherwise), remove the line.
 */
export function emptyVariable(name: BotVariable, env: NodeJS.ProcessEnv): undefined | {fix: string; problem: string} {
  const value = env[name]
  if (value === undefined || value.trim() !== '') return undefined
  return {fix: `Set ${name} to ${WHAT_GOES_IN[name]}, or remove the line to leave it unset.`, problem: `${name} is set but empty`}
}

/** Refuses (exit 2) the first of `names` that is set but empty. */
export function refuseEmptyVariables(names: readonly BotVariable[], env: NodeJS.ProcessEnv): void {
  for (const name of names) {
    const empty = emptyVariable(name, env)
    if (empty) throw new UsageError('EMPTY_VARIABLE', `${empty.problem}. ${empty.fix}`)
  }
}
