import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {normalizeItem} from '../../src/signal/envelope.js'
import {parseGroupId} from '../../src/core/group-id.js'
import {toRestGroupId} from '../../src/signal/group-id.js'
import {GROUP_ID} from '../fake-signal/server.js'
import {envelopeFixture} from '../helpers/envelopes.js'

const ACCOUNT = '+15550000000'
const ALICE = {kind: 'chat', number: '+15551110001', profileName: 'Alice', uuid: '11111111-1111-4111-8111-111111111111'}
const GROUP = {groupId: GROUP_ID, kind: 'group'}

describe('receive items become chat messages', () => {
  it('reads a group command', () => {
    expect(normalizeItem(envelopeFixture('group-text'), ACCOUNT)).toEqual({
      message: {chat: GROUP, mentions: [], sender: ALICE, text: '/CCP adduser bob', timestamp: 1_764_100_000_000, viaSync: false},
      type: 'message',
    })
  })

  it('keeps mentions with their UUIDs and UTF-16 offsets', () => {
    const normalized = normalizeItem(envelopeFixture('group-mention'), ACCOUNT)
    // signal-cli puts the number (or the UUID) in `name`: that is not a name to show in the group.
    expect(normalized).toMatchObject({message: {mentions: [{length: 1, name: null, number: '+15551110002', start: 5, uuid: '22222222-2222-4222-8222-222222222222'}], text: '/CCP \uFFFC 5 for fixing the wifi'}})
    expect(normalizeItem(envelopeFixture('group-mention-hidden-number'), ACCOUNT)).toMatchObject({message: {mentions: [{name: null, number: null, uuid: '33333333-3333-4333-8333-333333333333'}]}})
    expect(normalizeItem(envelopeFixture('group-mention-missing-record'), ACCOUNT)).toMatchObject({message: {mentions: [], text: '/CCP \uFFFC 10'}})
  })

  it('knows a sender who hides their number by UUID alone', () => {
    expect(normalizeItem(envelopeFixture('group-text-hidden-number'), ACCOUNT)).toMatchObject({
      message: {sender: {number: null, profileName: 'Carol', uuid: '33333333-3333-4333-8333-333333333333'}},
    })
  })

  it('reads a direct message as a chat with its sender', () => {
    expect(normalizeItem(envelopeFixture('dm-text'), ACCOUNT)).toMatchObject({
      message: {chat: {kind: 'direct', number: '+15551110001', uuid: '11111111-1111-4111-8111-111111111111'}, text: '/CCP listall'},
    })
  })

  it("reads the owner's message from their phone as sent by the account itself", () => {
    expect(normalizeItem(envelopeFixture('sync-sent-group'), ACCOUNT)).toEqual({
      message: {
        chat: GROUP,
        mentions: [],
        sender: {kind: 'chat', number: ACCOUNT, profileName: 'Owner', uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'},
        text: '/CCP bob 10',
        timestamp: 1_764_100_005_000,
        viaSync: true,
      },
      type: 'message',
    })
  })

  it('reads a sync message as the owner only when the envelope comes from the account itself, by number or UUID', () => {
    const fromOther = envelopeFixture('sync-sent-group') as {envelope: Record<string, unknown>}
    Object.assign(fromOther.envelope, {source: '+15551110004', sourceName: 'Dave', sourceNumber: '+15551110004', sourceUuid: '44444444-4444-4444-8444-444444444444'})
    expect(normalizeItem(fromOther, ACCOUNT)).toEqual({type: 'ignored', why: 'sync from another account'})
    const hidden = structuredClone(fromOther)
    Object.assign(hidden.envelope, {source: '44444444-4444-4444-8444-444444444444', sourceNumber: null})
    expect(normalizeItem(hidden, ACCOUNT)).toEqual({type: 'ignored', why: 'sync from another account'})
    const ownUuid = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
    const byUuid = structuredClone(fromOther)
    Object.assign(byUuid.envelope, {source: ownUuid, sourceNumber: null, sourceUuid: ownUuid})
    expect(normalizeItem(byUuid, ACCOUNT)).toEqual({type: 'ignored', why: 'sync from another account'})
    expect(normalizeItem(byUuid, {number: ACCOUNT, uuid: ownUuid})).toMatchObject({message: {sender: {number: ACCOUNT, uuid: ownUuid}, viaSync: true}, type: 'message'})
  })

  it('keeps only well-formed identities, so a malformed one is never repeated', () => {
    const item = envelopeFixture('group-mention') as {envelope: {dataMessage: {mentions: Record<string, unknown>[]}; sourceNumber: unknown; sourceUuid: unknown}}
    item.envelope.sourceNumber = '15551110001 '
    item.envelope.dataMessage.mentions[0] = {...item.envelope.dataMessage.mentions[0], name: 'Bob', number: 'call me', uuid: 'not-a-uuid'}
    expect(normalizeItem(item, ACCOUNT)).toMatchObject({
      message: {mentions: [{name: 'Bob', number: null, uuid: null}], sender: {number: null, uuid: '11111111-1111-4111-8111-111111111111'}},
    })
  })

  it('cuts a profile name of a page to a few words', () => {
    const item = envelopeFixture('group-text') as {envelope: Record<string, unknown>}
    item.envelope.sourceName = 'A'.repeat(64 * 1024)
    const normalized = normalizeItem(item, ACCOUNT)
    expect(normalized.type === 'message' && normalized.message.sender.profileName!.length).toBe(100)
  })

  it('reads a quote reply by its own text, and a message from another group as that group', () => {
    expect(normalizeItem(envelopeFixture('quote-reply'), ACCOUNT)).toMatchObject({message: {text: '/CCP listall'}})
    expect(normalizeItem(envelopeFixture('other-group'), ACCOUNT)).toMatchObject({message: {chat: {groupId: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='}}})
  })

  it('reads a reaction as a message with no text, naming its target by author and timestamp', () => {
    const BOB = {kind: 'chat', number: '+15551110002', profileName: 'Bob', uuid: '22222222-2222-4222-8222-222222222222'}
    expect(normalizeItem(envelopeFixture('reaction'), ACCOUNT)).toEqual({
      message: {
        chat: GROUP,
        mentions: [],
        reaction: {emoji: '👍', remove: false, targetAuthor: {number: '+15551110001', uuid: '11111111-1111-4111-8111-111111111111'}, targetTimestamp: 1_764_100_000_000},
        sender: BOB,
        text: '',
        timestamp: 1_764_100_006_000,
        viaSync: false,
      },
      type: 'message',
    })
  })

  it("reads the owner's reaction from their phone as the account's own, like their commands; only from the account itself", () => {
    expect(normalizeItem(envelopeFixture('sync-sent-reaction'), ACCOUNT)).toEqual({
      message: {
        chat: GROUP,
        mentions: [],
        reaction: {emoji: '👍', remove: false, targetAuthor: {number: '+15551110002', uuid: '22222222-2222-4222-8222-222222222222'}, targetTimestamp: 1_764_100_001_000},
        sender: {kind: 'chat', number: ACCOUNT, profileName: 'Owner', uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'},
        text: '',
        timestamp: 1_764_100_007_000,
        viaSync: true,
      },
      type: 'message',
    })
    const fromOther = envelopeFixture('sync-sent-reaction') as {envelope: Record<string, unknown>}
    Object.assign(fromOther.envelope, {source: '+15551110004', sourceNumber: '+15551110004', sourceUuid: '44444444-4444-4444-8444-444444444444'})
    expect(normalizeItem(fromOther, ACCOUNT)).toEqual({type: 'ignored', why: 'sync from another account'})
    const broken = envelopeFixture('sync-sent-reaction') as {envelope: {syncMessage: {sentMessage: {reaction: Record<string, unknown>}}}}
    broken.envelope.syncMessage.sentMessage.reaction.targetSentTimestamp = null
    expect(normalizeItem(broken, ACCOUNT)).toEqual({type: 'ignored', why: 'unreadable reaction'})
  })

  it('reads a removed reaction, a target known by UUID alone, and refuses a reaction it cannot read', () => {
    const reactionWith = (changes: Record<string, unknown>) => {
      const item = envelopeFixture('reaction') as {envelope: {dataMessage: {reaction: Record<string, unknown>}}}
      Object.assign(item.envelope.dataMessage.reaction, changes)
      return item
    }

    expect(normalizeItem(reactionWith({isRemove: true}), ACCOUNT)).toMatchObject({message: {reaction: {remove: true}}})
    const hidden = normalizeItem(reactionWith({targetAuthor: '33333333-3333-4333-8333-333333333333', targetAuthorNumber: null, targetAuthorUuid: null}), ACCOUNT)
    expect(hidden).toMatchObject({message: {reaction: {targetAuthor: {number: null, uuid: '33333333-3333-4333-8333-333333333333'}}}})
    for (const broken of [{emoji: ''}, {targetSentTimestamp: 'yesterday'}, {targetAuthor: 'Alice', targetAuthorNumber: 'Alice', targetAuthorUuid: null}]) {
      expect(normalizeItem(reactionWith(broken), ACCOUNT)).toEqual({type: 'ignored', why: 'unreadable reaction'})
    }
  })

  it('reads a reaction only when its emoji is one emoji and isRemove is true or false: nothing else is guessed or kept', () => {
    const reactionWith = (changes: Record<string, unknown>) => {
      const item = envelopeFixture('reaction') as {envelope: {dataMessage: {reaction: Record<string, unknown>}}}
      Object.assign(item.envelope.dataMessage.reaction, changes)
      return normalizeItem(item, ACCOUNT)
    }

    for (const emoji of ['👍🏽', '❤', '❤️', '🇩🇪', '1️⃣', '👨‍👩‍👧']) expect(reactionWith({emoji})).toMatchObject({message: {reaction: {emoji}}, type: 'message'})
    for (const unreadable of [{isRemove: 'true'}, {isRemove: 1}, {isRemove: null}, {isRemove: undefined}, {emoji: '+15551110009'}, {emoji: 'ok'}, {emoji: '👍👍'}, {emoji: '👍 '}]) {
      expect(reactionWith(unreadable)).toEqual({type: 'ignored', why: 'unreadable reaction'})
    }
  })

  it.each([
    ['receipt', 'receipt'],
    ['typing', 'typing'],
    ['sync-read', 'sync'],
    ['group-update', 'group update'],
    ['remote-delete', 'remote delete'],
    ['attachment-only', 'no text'],
    ['exception', 'undecryptable message'],
    ['edit', 'edit'],
  ])('ignores %s', (file, why) => {
    expect(normalizeItem(envelopeFixture(file), ACCOUNT)).toEqual({type: 'ignored', why})
  })

  it('reads a whole receive batch', () => {
    const batch = envelopeFixture('receive-batch') as unknown as unknown[]
    const read = batch.map((item) => {
      const normalized = normalizeItem(item, ACCOUNT)
      if (normalized.type === 'ignored') return normalized.why
      return normalized.message.reaction ? `reaction ${normalized.message.reaction.emoji}` : normalized.message.text
    })
    expect(read).toEqual(['/CCP adduser bob', 'typing', '/CCP \uFFFC 5 for fixing the wifi', 'reaction 👍', 'receipt', '/CCP listall', 'undecryptable message'])
  })

  it('has a test for every example envelope', () => {
    const names = readdirSync(new URL('../fixtures/envelopes/', import.meta.url)).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5))
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8')
    expect(names.length).toBeGreaterThanOrEqual(20)
    expect(names.filter((name) => !source.includes(`'${name}'`))).toEqual([])
  })

  it.each([null, 42, 'text', [], {}, {envelope: null}, {envelope: {dataMessage: {message: 5}}}, {envelope: {sourceUuid: 7, dataMessage: {message: '/CCP x', timestamp: 'now'}}}, {error: 'boom'}])(
    'ignores a malformed item %j without throwing',
    (item) => {
      expect(normalizeItem(item, ACCOUNT).type).toBe('ignored')
    },
  )
})

describe('group ids', () => {
  it("converts between the internal and the REST form, as in the account's group list", () => {
    const groups = envelopeFixture('groups') as unknown as {id: string; internal_id: string}[]
    for (const group of groups) {
      expect(toRestGroupId(group.internal_id)).toBe(group.id)
      expect(parseGroupId(group.id)).toBe(group.internal_id)
      expect(parseGroupId(group.internal_id)).toBe(group.internal_id)
    }
  })

  it.each(['', 'group.', 'group.!!!', 'abc', 'group.YWJj', '+15551110001', 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd'])('refuses %j', (id) => {
    expect(parseGroupId(id)).toBeNull()
  })
})
