import {type CcpError, RuleError, UsageError} from '../errors.js'
import {personName} from '../person-name.js'
import {parsePoints} from '../points.js'
import {MentionMismatch, MentionRecords} from './mention-records.js'
import {MENTION_PLACEHOLDER, type ChatMention} from './message.js'

/** Whom a command names: a member by name, or someone by mention. */
export type ChatTarget = {kind: 'mention'; mention: ChatMention} | {kind: 'name'; name: string}

export type ChatCommand =
  | {kind: 'adduser'; mention: ChatMention | null; name: null | string}
  | {kind: 'award'; points: number; reason: null | string; targets: ChatTarget[]}
  | {kind: 'chart'; target: ChatTarget | null; window: 'month' | 'week' | null}
  | {kind: 'gloriousleader'}
  | {kind: 'help'}
  | {kind: 'history'; target: ChatTarget | null}
  | {kind: 'invalid'; error: CcpError; usage: UsageKey}
  | {kind: 'listall'}
  | {kind: 'score'; target: ChatTarget | null}
  | {count: number; kind: 'top'; window: 'month' | 'week' | null}
  | {kind: 'undo'}

export type UsageKey = keyof typeof USAGE

/** One line per command, in the order help lists them; `{p}` is the configured prefix. */
export const USAGE = {
  adduser: '{p} adduser <name> [@mention]',
  award: '{p} <name|@mention> [@mention...] <points> [reason]',
  listall: '{p} listall',
  top: '{p} top [N] [week|month]',
  score: '{p} score [name|@mention]',
  history: '{p} history [name|@mention]',
  chart: '{p} chart [week|month|name|@mention]',
  undo: '{p} undo',
  gloriousleader: '{p} gloriousleader',
  help: '{p} help',
} as const

export const DEFAULT_TOP = 5
export const MAX_TOP = 50

export interface Token {
  start: number
  text: string
}

/**
 * Reads a chat message as a command, or returns null when it is not one (it does not start with the
 * prefix as a whole word). The prefix and subcommands match whatever their case; any whitespace separates.
 */
export function parseChatCommand(text: string, mentions: readonly ChatMention[], prefix: string): ChatCommand | null {
  const body = afterPrefix(text, prefix)
  if (body === null) return null
  const tokens = tokenize(text, body)
  const [first, ...rest] = tokens
  if (!first) return invalid('help', 'Say what to do.')
  try {
    const records = new MentionRecords(text, mentions)
    const command = parseTokens(text, first, rest, records)
    if (command.kind !== 'invalid') records.checkAllUsed()
    return command
  } catch (error) {
    if (error instanceof UnknownMention) return {error, kind: 'invalid', usage: error.usage}
    if (error instanceof MentionMismatch) return {error, kind: 'invalid', usage: usageOf(first)}
    throw error
  }
}

/** The usage line for a command that starts with `first`. */
function usageOf(first: Token): UsageKey {
  const word = first.text.toLowerCase()
  return Object.hasOwn(USAGE, word) ? (word as UsageKey) : 'award'
}

class UnknownMention extends RuleError {
  constructor(readonly usage: UsageKey) {
    super('UNKNOWN_MENTION', 'I could not tell who was mentioned (Signal sent no record of the mention); write their name instead.')
  }
}

function parseTokens(text: string, first: Token, rest: Token[], mentions: MentionRecords): ChatCommand {
  const target = (token: Token, usage: UsageKey): ChatTarget => toTarget(token, mentions, usage)
  switch (first.text.toLowerCase()) {
    case 'adduser': {
      return parseAddUser(rest, mentions)
    }

    case 'gloriousleader':
    case 'help':
    case 'listall':
    case 'undo': {
      const kind = first.text.toLowerCase() as 'gloriousleader' | 'help' | 'listall' | 'undo'
      return rest.length === 0 ? {kind} : invalid(kind, 'This command takes nothing after it.')
    }

    case 'history':
    case 'score': {
      const kind = first.text.toLowerCase() as 'history' | 'score'
      if (rest.length > 1) return invalid(kind, 'Name one member at most.')
      return {kind, target: rest[0] ? target(rest[0], kind) : null}
    }

    case 'top': {
      return parseTop(rest)
    }

    case 'chart': {
      return parseChart(rest, (token) => target(token, 'chart'))
    }

    default: {
      return parseAward(text, [first, ...rest], mentions)
    }
  }
}

function parseAddUser(args: Token[], mentions: MentionRecords): ChatCommand {
  const isMention = (token: Token | undefined): boolean => token?.text === MENTION_PLACEHOLDER
  const [a, b] = args
  if (args.length === 1 && isMention(a)) return {kind: 'adduser', mention: mentionAt(a, mentions, 'adduser'), name: null}
  if (args.length === 1) return {kind: 'adduser', mention: null, name: plainName(a.text)}
  if (args.length === 2 && !isMention(a) && isMention(b)) return {kind: 'adduser', mention: mentionAt(b, mentions, 'adduser'), name: plainName(a.text)}
  return invalid('adduser', 'Give one name, a mention, or a name and then a mention.')
}

function parseTop(args: Token[]): ChatCommand {
  let count = DEFAULT_TOP
  let window: 'month' | 'week' | null = null
  for (const arg of args) {
    const word = arg.text.toLowerCase()
    if ((word === 'week' || word === 'month') && window === null) window = word
    else if (/^\d+$/.test(word) && count === DEFAULT_TOP && Number(word) >= 1 && Number(word) <= MAX_TOP) count = Number(word)
    else return invalid('top', `Give N (1 to ${MAX_TOP}) and/or week or month.`)
  }

  return {count, kind: 'top', window}
}

/** The standings, the points of a window (week or month), or one member's story; `@week` names a member called week. */
function parseChart(args: Token[], target: (token: Token) => ChatTarget): ChatCommand {
  if (args.length > 1) return invalid('chart', 'Give week, month, or one member.')
  const [arg] = args
  if (!arg) return {kind: 'chart', target: null, window: null}
  const word = arg.text.toLowerCase()
  if (word === 'week' || word === 'month') return {kind: 'chart', target: null, window: word}
  // No member is named by a number: this is points for a member named chart, from before the command took the word.
  if (/^[+-]?\d+$/u.test(word)) return invalid('chart', 'A chart is of week, month or one member; to give points to a member named chart, write @chart before the points.')
  return {kind: 'chart', target: target(arg), window: null}
}

/** Targets are the first word and any mentions (or @names) after it; then come the points and the reason. */
function parseAward(text: string, tokens: Token[], mentions: MentionRecords): ChatCommand {
  let next = 1
  while (next < tokens.length && /^[@\uFFFC]/u.test(tokens[next].text)) next++
  const targets = tokens.slice(0, next).map((token) => toTarget(token, mentions, 'award'))
  const amount = tokens[next]
  if (!amount) return invalid('award', 'Give the points after the name.')
  let points: number
  try {
    points = parsePoints(amount.text)
  } catch (error) {
    return {error: error as CcpError, kind: 'invalid', usage: 'award'}
  }

  const firstReason = tokens[next + 1]
  const reason = firstReason ? readableReason(text.slice(firstReason.start), firstReason.start, mentions) : null
  return {kind: 'award', points, reason, targets}
}

/** The text after the prefix, or null when the message is no command. */
function afterPrefix(text: string, prefix: string): null | number {
  const start = text.length - text.trimStart().length
  const candidate = text.slice(start, start + prefix.length)
  if (candidate.toLowerCase() !== prefix.toLowerCase()) return null
  const next = text.charAt(start + prefix.length)
  if (next !== '' && !/\s/u.test(next)) return null
  return start + prefix.length
}

/** Words, split at whitespace; a mention's U+FFFC is a word of its own, so two mentions written together name two people. */
export function tokenize(text: string, from: number): Token[] {
  return [...text.slice(from).matchAll(/\uFFFC|[^\s\uFFFC]+/gu)].map((match) => ({start: from + match.index, text: match[0]}))
}

function toTarget(token: Token, mentions: MentionRecords, usage: UsageKey): ChatTarget {
  if (token.text !== MENTION_PLACEHOLDER) return {kind: 'name', name: plainName(token.text)}
  return {kind: 'mention', mention: mentionAt(token, mentions, usage)}
}

/** The mention record for the U+FFFC of the token; never a guess. */
function mentionAt(token: Token, mentions: MentionRecords, usage: UsageKey): ChatMention {
  const mention = mentions.take(token.start)
  if (!mention || !(mention.uuid || mention.number)) throw new UnknownMention(usage)
  return mention
}

/** "@bob" typed as plain text (not a Signal mention) names bob. */
export function plainName(text: string): string {
  return text.startsWith('@') && text.length > 1 ? text.slice(1) : text
}

/** A reason as people read it: whitespace folded to single spaces, mentions written as @name. */
export function readableReason(reason: string, offset: number, mentions: MentionRecords): string {
  let readable = ''
  for (let i = 0; i < reason.length; i++) {
    if (reason[i] !== MENTION_PLACEHOLDER) {
      readable += reason[i]
      continue
    }

    readable += `@${personName(mentions.take(offset + i)?.name) ?? 'someone'}`
  }

  return readable.replaceAll(/\s+/gu, ' ').trim()
}

function invalid(usage: UsageKey, problem: string): ChatCommand {
  return {error: new UsageError('CHAT_USAGE', problem), kind: 'invalid', usage}
}

/** The word after the prefix, as typed (a subcommand, or the name an award starts with); null when there is none. */
export function firstWord(text: string, prefix: string): null | string {
  const body = afterPrefix(text, prefix)
  return body === null ? null : (tokenize(text, body)[0]?.text ?? null)
}

/** Whether text is addressed to the bot at all: it starts with the prefix as a whole word. */
export function isCommand(text: string, prefix: string): boolean {
  return afterPrefix(text, prefix) !== null
}
