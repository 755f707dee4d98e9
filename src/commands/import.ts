import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {readTextFile} from '../cli/files.js'
import {filePath} from '../cli/paths.js'
import {countOf} from '../cli/text.js'
import {readExportFile} from '../core/export/files.js'
import type {RestoreResult} from '../core/export/restore.js'
import {validateExport} from '../core/export/validate.js'

export default class Import extends CcpCommand {
  static args = {
    file: filePath(Args.string({description: 'A file written by ccp export (JSON or CSV).', required: true})),
  }

  static description = `Load an export into an empty database.
The same standings and history come back. A file with an error changes nothing, and the error names its line. A member row whose points differ from the sum of its entries (a hand-written file, say) gets an "opening balance" entry for the difference.`

  static examples = [
    '<%= config.bin %> <%= command.id %> standings.json --db restored.db',
    '<%= config.bin %> <%= command.id %> ledger.csv',
  ]

  async run(): Promise<RestoreResult & {file: string}> {
    const {args, flags} = await this.parse(Import)
    // Checked whole before the database is opened: a refused file creates no database either.
    const document = validateExport(readExportFile(readTextFile(args.file)))
    const result = this.openServices(flags.db).transfer.import(document)
    const extras = [
      result.seasons > 0 ? countOf(result.seasons, 'season') : '',
      result.settings > 0 ? countOf(result.settings, 'setting') : '',
      result.openingBalances > 0 ? countOf(result.openingBalances, 'opening balance') : '',
      result.reactions > 0 ? countOf(result.reactions, 'reaction') : '',
    ].filter(Boolean)
    const plus = extras.length > 0 ? `, plus ${extras.join(', ')}` : ''
    this.log(`Imported ${countOf(result.members, 'member')} and ${countOf(result.entries, 'entry', 'entries')} from ${args.file}${plus}.`)
    return {...result, file: args.file}
  }
}
