export {run} from '@oclif/core'
export {Ledger} from './core/ledger.js'
export {SqliteStore} from './store/sqlite-store.js'
