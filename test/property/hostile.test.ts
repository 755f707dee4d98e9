import fc from 'fast-check'

import {parseChatCommand} from '../../src/core/chat/grammar.js'
import type {ChatMention} from '../../src/core/chat/message.js'
import {OPERATOR} from '../../src/core/actor.js'
import {normalizeItem} from '../../src/signal/envelope.js'
import {BOB, CAROL, chatFixture} from '../helpers/chat.js'
import {envelopeFixture} from '../helpers/envelopes.js'
import {ALICE} from '../helpers/ledger.js'

const RUNS = {numRuns: 10_000}

/** Text that looks like chat: the prefix in any case, words, numbers, mentions, control characters, look-alikes. */
const word = fc.oneof(
  fc.constantFrom('adduser', 'listall', 'top', 'score', 'history', 'undo', 'help', 'gloriousleader', 'week', 'month', 'bob', 'BOB', 'Ｂｏｂ', 'Ьob', 'b\u200Bob', '@bob'),
  fc.constantFrom('5', '-5', '+5', '0', '1.5', '1e3', '0x10', '１２', '99999999999999999999999', '-1000001', '007', 'five', '\uFFFC', '\uFFFC\uFFFC'),
  fc.string({maxLength: 12, unit: 'grapheme'}),
  fc.string({maxLength: 6, unit: fc.integer({max: 0x1f, min: 0}).map((code) => String.fromCodePoint(code))}),
)
const separator = fc.constantFrom(' ', '  ', '\t', '\n', '\u00A0', '\u3000', '')
const chatText = fc
  .tuple(fc.constantFrom('/CCP', '/ccp', '/CcP', '/CCPx', '', ' /CCP'), fc.array(fc.tuple(separator, word), {maxLength: 8}))
  .map(([prefix, words]) => prefix + words.map(([space, text]) => space + text).join(''))
const mention: fc.Arbitrary<ChatMention> = fc.record({
  length: fc.integer({max: 3, min: -1}),
  name: fc.option(fc.string({maxLength: 10})),
  number: fc.option(fc.constantFrom('+15551110002', '+15551110001', 'not a number', '')),
  start: fc.integer({max: 40, min: -2}),
  uuid: fc.option(fc.constantFrom(BOB.uuid!, CAROL.uuid!, ALICE.uuid!, 'not-a-uuid', '')),
})

describe('hostile chat input', () => {
  it('never makes the grammar throw', () => {
    fc.assert(
      fc.property(fc.oneof(chatText, fc.string({maxLength: 300, unit: 'binary'})), fc.array(mention, {maxLength: 4}), (text, mentions) => {
        parseChatCommand(text, mentions, '/CCP')
      }),
      RUNS,
    )
  })

  it('never lets a non-admin change anything', () => {
    const chat = chatFixture({}, {})
    chat.ledger.addMember(OPERATOR, {name: 'bob', uuid: BOB.uuid})
    const before = JSON.stringify([chat.store.allMembers(), chat.store.allEntries()])
    fc.assert(
      fc.property(chatText, fc.array(mention, {maxLength: 3}), fc.constantFrom(BOB, CAROL, {...CAROL, profileName: 'Alice'}), (text, mentions, sender) => {
        const outcome = chat.commands.respond({actor: sender, mentions, text})
        if (outcome && outcome.result === 'done') expect(['listall', 'top', 'score', 'history', 'help', 'gloriousleader']).toContain(outcome.command)
      }),
      RUNS,
    )
    expect(JSON.stringify([chat.store.allMembers(), chat.store.allEntries()])).toBe(before)
  })

  it('never awards anything for a command that is not well formed', () => {
    const chat = chatFixture({}, {'award.cooldown': '0', 'award.hourly': '0'})
    chat.ledger.addMember(OPERATOR, {name: 'bob', uuid: BOB.uuid})
    fc.assert(
      fc.property(chatText, fc.array(mention, {maxLength: 3}), (text, mentions) => {
        const entries = chat.store.counts().entries
        const outcome = chat.commands.respond({actor: ALICE, mentions, text})
        const awarded = chat.store.counts().entries - entries
        if (!outcome || outcome.result !== 'done' || !['award', 'undo'].includes(outcome.command)) expect(awarded).toBe(0)
        else expect(awarded).toBeLessThanOrEqual(Math.max(1, mentions.length + 1))
      }),
      RUNS,
    )
  })

  it('copes with a 64 KiB message and numbers too large to hold', () => {
    const chat = chatFixture()
    chat.ledger.addMember(OPERATOR, {name: 'bob'})
    const huge = `/CCP bob 5 ${'x'.repeat(64 * 1024)}`
    expect(chat.commands.respond({actor: ALICE, mentions: [], text: huge})).toMatchObject({result: 'refused'})
    expect(chat.commands.respond({actor: ALICE, mentions: [], text: `/CCP ${'b'.repeat(64 * 1024)} 5`})).toMatchObject({result: 'refused'})
    expect(chat.commands.respond({actor: ALICE, mentions: [], text: '/CCP bob 99999999999999999999999999'})).toMatchObject({result: 'refused'})
    expect(chat.ledger.history()).toEqual([])
  })
})

describe('hostile server replies', () => {
  const templates = ['group-text', 'group-mention', 'dm-text', 'sync-sent-group', 'reaction', 'edit', 'exception'].map((name) => envelopeFixture(name))

  /** An envelope with any of its values, at any depth, replaced by JSON of another type. */
  const mutated = fc.tuple(fc.constantFrom(...templates), fc.array(fc.tuple(fc.nat(), fc.jsonValue({maxDepth: 2})), {maxLength: 4})).map(([template, changes]) => {
    const copy = structuredClone(template) as Record<string, unknown>
    for (const [pick, value] of changes) {
      const paths: [Record<string, unknown>, string][] = []
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return
        for (const key of Object.keys(node)) {
          paths.push([node as Record<string, unknown>, key])
          walk((node as Record<string, unknown>)[key])
        }
      }

      walk(copy)
      const [parent, key] = paths[pick % paths.length]
      parent[key] = value
    }

    return copy
  })

  it('never make the normalizer throw, and what it reads is well typed', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.jsonValue(), fc.anything()), (item) => {
        const normalized = normalizeItem(item, '+15550000000')
        if (normalized.type === 'message') {
          expect(typeof normalized.message.text).toBe('string')
          expect(Number.isSafeInteger(normalized.message.timestamp)).toBe(true)
          expect(normalized.message.sender.uuid ?? normalized.message.sender.number).toEqual(expect.any(String))
          for (const m of normalized.message.mentions) expect(Number.isSafeInteger(m.start)).toBe(true)
        }
      }),
      RUNS,
    )
  })
})
