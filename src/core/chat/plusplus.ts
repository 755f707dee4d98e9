import {type ChatTarget, plainName, readableReason, type Token, tokenize} from './grammar.js'
import {MentionMismatch, MentionRecords} from './mention-records.js'
import {MENTION_PLACEHOLDER, type ChatMention} from './message.js'

/** `alice++ for the cake`, `@bob @carol --`: whom it names, which way, and why. */
export interface PlusPlus {
  reason: null | string
  sign: -1 | 1
  targets: ChatTarget[]
}

/** More names than this before a ++ is a sentence, not an award. */
const MAX_TARGETS = 10
const OPERATOR = /^(\+\+|--)$/u
const ENDS_WITH_OPERATOR = /^(.+?)(\+\+|--)$/u

/**
 * Reads `name++ [reason]` (chat.plusplus): one or more targets (words or mentions), then ++ or -- (joined to
 * the last target or standing alone), then an optional reason. Null when the text has no such shape, or a
 * mention in it has no record: such a message is no command. Whether the targets are members is the caller's
 * to check, as the grammar knows nobody.
 */
export function parsePlusPlus(text: string, mentions: readonly ChatMention[]): null | PlusPlus {
  const tokens = tokenize(text, 0).slice(0, MAX_TARGETS + 2)
  const end = operatorAt(tokens)
  if (end === null) return null
  const {joined, sign, targetTokens} = end
  let records: MentionRecords
  try {
    records = new MentionRecords(text, mentions)
  } catch (error) {
    if (error instanceof MentionMismatch) return null
    throw error
  }

  const targets: ChatTarget[] = []
  for (const [i, token] of targetTokens.entries()) {
    const word = i === targetTokens.length - 1 && joined ? token.text.slice(0, -2) : token.text
    if (word === MENTION_PLACEHOLDER) {
      const mention = records.take(token.start)
      if (!mention || !(mention.uuid || mention.number)) return null
      targets.push({kind: 'mention', mention})
    } else {
      targets.push({kind: 'name', name: plainName(word)})
    }
  }

  const after = tokens[targetTokens.length + (joined ? 0 : 1)]
  const reason = after ? readableReason(text.slice(after.start), after.start, records) || null : null
  return {reason, sign, targets}
}

/** Whether text has the shape of `name++`, before anyone is looked up: the bot keeps only such messages (and commands). */
export function looksLikePlusPlus(text: string): boolean {
  return operatorAt(tokenize(text, 0).slice(0, MAX_TARGETS + 2)) !== null
}

/** Where the ++ or -- is: joined to a word (`alice++`) or a word of its own (`@bob ++`), within the first few words. */
function operatorAt(tokens: Token[]): null | {joined: boolean; sign: -1 | 1; targetTokens: Token[]} {
  for (const [i, token] of tokens.entries()) {
    if (i > MAX_TARGETS) return null
    if (OPERATOR.test(token.text)) return i === 0 ? null : {joined: false, sign: token.text === '++' ? 1 : -1, targetTokens: tokens.slice(0, i)}
    const joined = ENDS_WITH_OPERATOR.exec(token.text)
    if (joined) return {joined: true, sign: joined[2] === '++' ? 1 : -1, targetTokens: tokens.slice(0, i + 1)}
  }

  return null
}
