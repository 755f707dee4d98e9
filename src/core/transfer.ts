import type {CheckedExport, LedgerExport} from './export/document.js'
import {exportLedger} from './export/export.js'
import {restoreExport, type RestoreResult} from './export/restore.js'
import {type Clock, type LedgerStore, systemClock} from './ports.js'

/** Export and import: the whole ledger out to a document, or a checked document into an empty ledger. */
export class LedgerTransfer {
  constructor(
    private readonly store: LedgerStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Every member and entry, the seasons and the settings, read in one consistent view. */
  export(): LedgerExport {
    return exportLedger(this.store)
  }

  /** Loads a document `validateExport` passed into an empty ledger, all or nothing. */
  import(document: CheckedExport): RestoreResult {
    return restoreExport(this.store, document, this.clock)
  }
}
