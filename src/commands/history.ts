import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {outputWidth} from '../cli/output-width.js'
import {historyTable} from '../cli/tables.js'
import type {EntryView} from '../core/views.js'

export default class History extends CcpCommand {
  static args = {
    name: Args.string({description: "Only this member's entries."}),
  }

  static description = 'Show the ledger, newest entry first: awards, undos and imports.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> alice --limit 5', '<%= config.bin %> <%= command.id %> --limit 1000 --json']

  static flags = {
    limit: Flags.integer({default: 20, description: 'Show at most N entries.', max: Number.MAX_SAFE_INTEGER, min: 1}),
  }

  async run(): Promise<EntryView[]> {
    const {args, flags} = await this.parse(History)
    const entries = this.openLedger(flags.db, 'read').history({limit: flags.limit, target: args.name === undefined ? undefined : {name: args.name}})
    this.show(() => (entries.length === 0 ? 'No entries yet.' : historyTable(entries, this.style, outputWidth())))
    return entries
  }
}
