import {SettingsService} from '../core/settings-service.js'
import {Ledger} from '../core/ledger.js'
import type {LedgerDatabase, LedgerStore} from '../core/ports.js'
import type {BotQueue, CommandSpool} from '../core/queue.js'
import {LedgerTransfer} from '../core/transfer.js'
import {FileSpool, type FileSpoolOptions} from '../store/file-spool.js'
import {SqliteQueue, type SqliteQueueOptions} from '../store/queue-store.js'
import {SqliteStore} from '../store/sqlite-store.js'

/** What a command may do with the database: the core's services on it, never the store itself. */
export interface Services {
  /** The file: copied by `ccp backup`, checked by `ccp doctor`. */
  database: LedgerDatabase
  ledger: Ledger
  /** How the bot tells who a Signal identity is, for its log lines. */
  members: Pick<LedgerStore, 'activeMemberByNumber' | 'activeMemberByUuid'>
  settings: SettingsService
  transfer: LedgerTransfer
  /**
   * The bot's inbox and outbox, on the same database, and the spool that holds received commands before it
   * (none for `:memory:`).
   */
  openBotQueue(options: FileSpoolOptions & SqliteQueueOptions): {queue: BotQueue; spool?: CommandSpool}
}

/** The one place that opens a database, for base-command.ts: the services on it, and how to close it. */
export function openServices(path: string, options: {mustExist: boolean}): {close(): void; services: Services} {
  const store = SqliteStore.open(path, options)
  const services: Services = {
    database: store,
    ledger: new Ledger(store),
    members: store,
    openBotQueue: ({lockWaitMs, ...spool}) => ({
      queue: new SqliteQueue(store.db, {lockWaitMs}),
      // Received commands reach this file, fsynced, before the database: a lock held elsewhere cannot lose them.
      spool: store.db.memory ? undefined : FileSpool.besideDatabase(store.db.name, spool),
    }),
    settings: new SettingsService(store),
    transfer: new LedgerTransfer(store),
  }
  return {close: () => store.close(), services}
}

/** Whether there is a file (of any kind) at the database path: a missing one is for a writing command to create. */
export {databaseExists} from '../store/open.js'
