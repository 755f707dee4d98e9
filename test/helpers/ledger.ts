import {OPERATOR, type ChatActor} from '../../src/core/actor.js'
import {Ledger} from '../../src/core/ledger.js'
import type {Clock} from '../../src/core/ports.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'

/** A clock that moves only when told: rules that read the time stay deterministic. */
export class ManualClock implements Clock {
  constructor(private time = Date.parse('2026-01-01T12:00:00Z')) {}

  advance(ms: number): void {
    this.time += ms
  }

  now(): number {
    return this.time
  }
}

/** A ledger on a private in-memory SQLite database. */
export function memoryLedger(clock = new ManualClock()): {clock: ManualClock; ledger: Ledger; store: SqliteStore} {
  const store = SqliteStore.open(':memory:')
  return {clock, ledger: new Ledger(store, clock), store}
}

export const ALICE: ChatActor = {kind: 'chat', number: '+15551110001', profileName: 'Alice', uuid: '11111111-1111-4111-8111-111111111111'}

/**
 * A small ledger with every kind of record an export must carry: identities, a chat award with an
 * idempotency key, a reason with quotes and a comma, an undo, a removed member whose name and
 * identity a present member now holds, and a season.
 */
export function fillSampleLedger(ledger: Ledger): void {
  ledger.addMember({name: 'Alice', number: ALICE.number, uuid: ALICE.uuid})
  ledger.addMember({name: 'bob'})
  ledger.addMember({name: 'gone', uuid: '33333333-3333-4333-8333-333333333333'})
  ledger.award(OPERATOR, {points: 10, reason: 'kept the wifi up, "mostly"', target: {name: 'alice'}})
  ledger.award(ALICE, {idempotencyKey: 'chat-1', points: -5, reason: 'late', target: {name: 'bob'}})
  ledger.award(OPERATOR, {points: 3, target: {name: 'gone'}})
  ledger.undo(OPERATOR, {entryId: 1})
  ledger.award(OPERATOR, {points: 2, target: {name: 'alice'}})
  ledger.remove({name: 'gone'})
  ledger.addMember({name: 'Gone', uuid: '33333333-3333-4333-8333-333333333333'})
  ledger.startSeason('Spring 2026')
}
