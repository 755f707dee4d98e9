import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {writeFileAtomically} from '../cli/files.js'
import {filePath} from '../cli/paths.js'
import {countOf} from '../cli/text.js'
import type {LedgerExport} from '../core/export/document.js'
import {EXPORT_FORMATS, formatExportCsv, formatExportJson} from '../core/export/files.js'

export interface ExportResult {
  entries: number
  format: string
  members: number
  output: string
}

export default class Export extends CcpCommand {
  static description = `Write every member and ledger entry to a file, or to stdout.
For a spreadsheet (CSV) or for ccp import. With --json and no --output, the export itself is the JSON result.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --output standings.json',
    '<%= config.bin %> <%= command.id %> --format csv > ledger.csv',
  ]

  static flags = {
    format: Flags.string({default: 'json', description: 'File format.', options: [...EXPORT_FORMATS]}),
    output: filePath(Flags.string({char: 'o', description: 'Write to this file (replaced whole) instead of stdout.'})),
  }

  async run(): Promise<ExportResult | LedgerExport> {
    const {flags} = await this.parse(Export)
    const document = this.openServices(flags.db, 'read').transfer.export()
    if (this.jsonEnabled() && !flags.output) return document
    const text = flags.format === 'csv' ? formatExportCsv(document) : formatExportJson(document, new Date())
    const result = {entries: document.entries.length, format: flags.format, members: document.members.length, output: flags.output ?? '-'}
    if (flags.output) {
      writeFileAtomically(this.outputFile(flags.output), text)
      this.log(`Exported ${countOf(result.members, 'member')} and ${countOf(result.entries, 'entry', 'entries')} to ${flags.output}.`)
    } else {
      process.stdout.write(text)
    }

    return result
  }
}
