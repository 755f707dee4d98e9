import {UsageError} from './errors.js'
import {excerpt} from './excerpt.js'

// Signal ACIs are version-4 style UUIDs; signal-cli prints them lowercase.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const E164 = /^\+[1-9]\d{6,14}$/

/** A person on Signal: their ACI (the stable key for a person), their phone number, either unknown. */
export interface SignalIdentity {
  number: null | string
  uuid: null | string
}

export function isUuid(text: string): boolean {
  return UUID.test(text)
}

export function isPhoneNumber(text: string): boolean {
  return E164.test(text)
}

// A UUID, or seven digits or more with anything but letters between them (spaces, dots, slashes, underscores,
// invisible characters, up to three in a row): a phone number, however it is written.
const IDENTITY_INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\+?\p{Nd}(?:[^\p{L}\p{Nd}]{0,3}\p{Nd}){6,}/giu
export const IDENTITY_HIDDEN = '[number hidden]'

/** Whether text holds something that could be a person's phone number or UUID: never shown in a chat, where it would expose someone. */
export function looksLikeIdentity(text: string): boolean {
  return hideIdentities(text) !== text
}

/** `text` with whatever could be a phone number or a UUID replaced by "[number hidden]". */
export function hideIdentities(text: string): string {
  return text.replaceAll(IDENTITY_INSIDE, IDENTITY_HIDDEN)
}

/** Normalizes a Signal ACI UUID to lowercase, or refuses it. */
export function parseUuid(text: string): string {
  const value = text.trim()
  if (!isUuid(value)) {
    throw new UsageError('INVALID_UUID', `${JSON.stringify(excerpt(value))} is not a Signal ACI UUID; it looks like 11111111-1111-4111-8111-111111111111.`)
  }

  return value.toLowerCase()
}

/** Accepts a phone number in E.164 form (+ country code, digits only). */
export function parsePhoneNumber(text: string): string {
  const value = text.trim()
  if (!isPhoneNumber(value)) {
    throw new UsageError('INVALID_NUMBER', `${JSON.stringify(excerpt(value))} is not a phone number in E.164 form; write it like +15551110001.`)
  }

  return value
}
