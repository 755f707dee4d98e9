import type {LedgerStore} from './ports.js'
import {type CheckedSnapshot, restoreSnapshot, type RestoreResult, type Snapshot, takeSnapshot} from './snapshot.js'

/** Export and import: the whole ledger out to a document, or a checked document into an empty ledger. */
export class LedgerTransfer {
  constructor(private readonly store: LedgerStore) {}

  /** Every member and entry, the seasons and the settings, read in one consistent view. */
  export(): Snapshot {
    return takeSnapshot(this.store)
  }

  /** Loads a document `checkSnapshot` passed into an empty ledger, all or nothing. */
  import(snapshot: CheckedSnapshot): RestoreResult {
    return restoreSnapshot(this.store, snapshot)
  }
}
