import {UsageError} from './errors.js'
import {isPhoneNumber, isUuid} from './identity.js'
import {AWARD_RANGE, isAwardSize, parsePoints} from './points.js'

/** Skin-tone modifiers and variation selectors: Signal sends 👍🏽 and ❤ for what the list names 👍 and ❤️. */
const EMOJI_VARIANTS = /[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F/gu
// Made when first needed: the first Intl object of a process costs some 10 ms, which every command would pay at start.
let segmenter: Intl.Segmenter | undefined
/** A pictograph with its skin tone, variation selector or tag characters, or several joined by ZWJ (👩🏽‍💻, 🏳️‍🌈). */
const EMOJI_PART = String.raw`\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|[\u{E0020}-\u{E007F}])*`
const PICTOGRAPHS = new RegExp(`^${EMOJI_PART}(?:\u200D${EMOJI_PART})*$`, 'u')

/** One emoji as a person can react with: not a dangling ZWJ, a lone regional indicator, nor a keycap on a letter. */
export function isOneEmoji(text: string): boolean {
  segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'})
  if ([...segmenter.segment(text)].length !== 1) return false
  return /^[0-9#*]\uFE0F?\u20E3$/u.test(text) || /^\p{Regional_Indicator}{2}$/u.test(text) || PICTOGRAPHS.test(text)
}

/** An emoji as matched: whatever its skin tone or variation selector. */
export function emojiKey(emoji: string): string {
  return emoji.normalize('NFC').replaceAll(EMOJI_VARIANTS, '')
}

/**
 * The `reactions` setting, `👍=1,🔥=2,👎=-1`: each emoji's points, keyed by emojiKey. Empty turns reactions
 * as awards off. Each emoji is one emoji, named once; its points a valid award size.
 */
export function parseReactions(text: string): ReadonlyMap<string, number> {
  const points = new Map<string, number>()
  for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const split = pair.lastIndexOf('=')
    const emoji = split === -1 ? '' : pair.slice(0, split).trim()
    const value = split === -1 ? '' : pair.slice(split + 1).trim()
    if (emoji === '' || value === '') throw new UsageError('INVALID_REACTIONS', `${JSON.stringify(pair)} is not emoji=points; write the list like 👍=1,🔥=2,👎=-1.`)
    if (!isOneEmoji(emoji)) {
      throw new UsageError('INVALID_REACTIONS', `${JSON.stringify(emoji)} is not one emoji; write the list like 👍=1,🔥=2,👎=-1.`)
    }

    const award = parsePoints(value)
    if (!isAwardSize(award)) throw new UsageError('INVALID_REACTIONS', `${JSON.stringify(pair)}: ${AWARD_RANGE}.`)
    const key = emojiKey(emoji)
    if (points.has(key)) throw new UsageError('INVALID_REACTIONS', `${emoji} is named twice (skin tones and variation selectors count as the same emoji); name it once.`)
    points.set(key, award)
  }

  return points
}

/** The points a reaction gives under the setting, or null when its emoji earns none. */
export function reactionPoints(emoji: string, reactions: ReadonlyMap<string, number>): null | number {
  return reactions.get(emojiKey(emoji)) ?? null
}

/**
 * How the reactions the ledger remembers name a person: their UUID (lowercase), else their phone number; null
 * when neither is a valid one. An export carries these keys, and its import accepts exactly them.
 */
export function personKey(identity: {number?: null | string; uuid?: null | string}): null | string {
  if (identity.uuid && isUuid(identity.uuid)) return identity.uuid.toLowerCase()
  return identity.number && isPhoneNumber(identity.number) ? identity.number : null
}

/** Every key a person may be remembered by in the reactions (see personKey): each valid UUID and number given, once. */
export function personKeys(...identities: readonly ({number?: null | string; uuid?: null | string} | undefined)[]): string[] {
  const keys = identities.flatMap((identity) => [personKey({uuid: identity?.uuid}), personKey({number: identity?.number})])
  return [...new Set(keys.filter((key): key is string => key !== null))]
}
