import {readFileSync} from 'node:fs'

import type {ChatActor} from '../../src/core/actor.js'
import {GROUP_ID} from '../fake-signal/server.js'
import {signalText} from './chat.js'

export function envelopeFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/envelopes/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>
}

let clock = 1_764_200_000_000

/** A receive item for a text message from `from`, in the Citizens group unless `groupId` says otherwise (null: a direct message). */
export function textItem(from: ChatActor, text: string, options: {groupId?: null | string; people?: ChatActor[]; timestamp?: number} = {}) {
  const {mentions, text: message} = signalText(text, options.people ?? [])
  return dataItem(from, {message, ...(mentions.length > 0 ? {mentions} : {})}, options)
}

/** A receive item carrying `from`'s data message with `content` (its text or reaction), as signal-cli-rest-api delivers one. */
function dataItem(from: ChatActor, content: Record<string, unknown>, options: {groupId?: null | string; timestamp?: number}) {
  const timestamp = options.timestamp ?? ++clock
  const groupId = options.groupId === undefined ? GROUP_ID : options.groupId
  return {
    account: '+15550000000',
    envelope: {
      dataMessage: {
        expiresInSeconds: 0,
        isExpirationUpdate: false,
        timestamp,
        viewOnce: false,
        ...content,
        ...(groupId ? {groupInfo: {groupId, groupName: 'Citizens', revision: 7, type: 'DELIVER'}} : {}),
      },
      serverDeliveredTimestamp: timestamp + 121,
      serverReceivedTimestamp: timestamp + 120,
      source: from.number ?? from.uuid,
      sourceDevice: 1,
      sourceName: from.profileName,
      sourceNumber: from.number,
      sourceUuid: from.uuid,
      timestamp,
    },
  }
}

/** The account owner's own message to the Citizens group, typed on their phone (a sync of a sent message). */
export function syncItem(text: string, timestamp = ++clock) {
  const item = envelopeFixture('sync-sent-group') as {envelope: {syncMessage: {sentMessage: Record<string, unknown>}; timestamp: number}}
  item.envelope.timestamp = timestamp
  Object.assign(item.envelope.syncMessage.sentMessage, {message: text, timestamp})
  return item
}

/**
 * A receive item for `from`'s reaction to the message `target.author` sent at `target.timestamp`, in the Citizens
 * group unless `groupId` says otherwise (null: a direct message); `remove` takes the reaction back.
 */
export function reactionItem(
  from: ChatActor,
  emoji: string,
  target: ReactionTarget,
  options: {groupId?: null | string; remove?: boolean; timestamp?: number} = {},
) {
  return dataItem(from, {message: null, reaction: reactionTo(emoji, target, options.remove)}, options)
}

interface ReactionTarget {
  author: {number: null | string; uuid: null | string}
  timestamp: number
}

/** A reaction as signal-cli-rest-api delivers it, to the message `target.author` sent at `target.timestamp`. */
function reactionTo(emoji: string, target: ReactionTarget, remove = false) {
  return {
    emoji,
    isRemove: remove,
    targetAuthor: target.author.number ?? target.author.uuid,
    targetAuthorNumber: target.author.number,
    targetAuthorUuid: target.author.uuid,
    targetSentTimestamp: target.timestamp,
  }
}

/** The account owner's reaction, on their phone, to the message `target.author` sent at `target.timestamp` in the Citizens group. */
export function syncReactionItem(emoji: string, target: ReactionTarget, options: {remove?: boolean} = {}) {
  const timestamp = ++clock
  const item = envelopeFixture('sync-sent-reaction') as {envelope: {syncMessage: {sentMessage: Record<string, unknown>}; timestamp: number}}
  item.envelope.timestamp = timestamp
  Object.assign(item.envelope.syncMessage.sentMessage, {reaction: reactionTo(emoji, target, options.remove), timestamp})
  return item
}
