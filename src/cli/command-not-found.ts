import type {Config} from '@oclif/core/interfaces'
import type {Hook} from '@oclif/core/hooks'

import {editDistance} from '../core/edit-distance.js'
import {UsageError} from '../core/errors.js'

/**
 * oclif's command_not_found hook (package.json "oclif.hooks"): says which word is not a command, and which
 * command was probably meant. oclif joins every word before the first flag into the id ("awrd alice 5" is
 * "awrd:alice:5"); only the first word that is neither a topic nor a command is the mistake.
 *
 * It never asks "run it instead?" (as oclif's plugin-not-found does, Enter meaning yes): `ccp remve bob` must
 * not remove bob on a stray Enter. The suggestion is printed, ccp exits 2, and the user types the command.
 */
export const COMMAND_NOT_FOUND: Hook<'command_not_found'> = async function (options) {
  const {config} = options
  const words = options.id.split(':')
  // "ccp list extra": oclif joins words past a command that takes no arguments; its parser says what is wrong.
  const command = commandPrefix(config, words)
  if (command) return config.runCommand(command, [...words.slice(command.split(':').length), ...(options.argv ?? [])])
  if (words[0].startsWith('-')) throw flagFirst(config, [...words, ...(options.argv ?? [])])

  const known = topicDepth(config, words)
  const wrongId = words.slice(0, known + 1).join(':')
  throw notFound(config, wrongId, closestCommand(config, wrongId))
}

/** The longest run of leading words that names a command, if any does. */
function commandPrefix(config: Config, words: string[]): string | undefined {
  for (let length = words.length - 1; length >= 1; length--) {
    const id = words.slice(0, length).join(':')
    if (config.findCommand(id)) return id
  }

  return undefined
}

/** `ccp --json list`: a flag before any command. */
function flagFirst(config: Config, words: string[]): UsageError {
  const flags = words.filter((word) => word.startsWith('-'))
  const word = words.find((candidate) => !candidate.startsWith('-'))
  const command = word && (config.findCommand(word) ? word : closestCommand(config, word))
  const example = `${config.bin} ${command ? command.replaceAll(':', ' ') : 'COMMAND'} ${flags.join(' ')}`
  return new UsageError('UNKNOWN_COMMAND', `Give the command first, then its flags, like: ${example}. See ${config.bin} --help for the list.`)
}

/** The refusal of an unknown command id (words joined with ":"), with the nearest command, for `ccp help` too. */
export function unknownCommand(config: Config, id: string): UsageError {
  const words = id.split(':')
  const wrongId = words.slice(0, topicDepth(config, words) + 1).join(':')
  return notFound(config, wrongId, closestCommand(config, wrongId))
}

/** How many of the words name a topic ("config" in config:sett): the word after them is the unknown one. */
function topicDepth(config: Config, words: string[]): number {
  let depth = 0
  while (depth < words.length - 1 && config.findTopic(words.slice(0, depth + 1).join(':'))) depth++
  return depth
}

function notFound(config: Config, id: string, suggestion: string | undefined): UsageError {
  const spoken = id.replaceAll(':', ' ')
  const didYouMean = suggestion ? ` Did you mean ${config.bin} ${suggestion.replaceAll(':', ' ')}?` : ''
  return new UsageError('UNKNOWN_COMMAND', `${JSON.stringify(spoken)} is not a ${config.bin} command.${didYouMean} See ${config.bin} --help for the list.`)
}

/** The visible command (or topic) at the same level that is nearest to `id` by edit distance, if any is near. */
export function closestCommand(config: Config, id: string): string | undefined {
  const depth = id.split(':').length
  const hidden = new Set(config.commands.filter((command) => command.hidden).map((command) => command.id))
  const candidates = new Set<string>()
  for (const commandId of config.commandIDs) {
    if (hidden.has(commandId)) continue
    candidates.add(commandId.split(':').slice(0, depth).join(':'))
  }

  let best: {distance: number; id: string} | undefined
  for (const candidate of candidates) {
    const distance = editDistance(id, candidate)
    if (!best || distance < best.distance) best = {distance, id: candidate}
  }

  const word = id.split(':').at(-1) ?? ''
  // One typo in a short word, two in a long one: more would suggest unrelated commands.
  return best && best.distance <= Math.max(1, Math.min(2, Math.floor(word.length / 3))) ? best.id : undefined
}
