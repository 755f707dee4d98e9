import type {ChatActor} from '../../src/core/actor.js'
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
