import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {renameSync, rmSync, statSync} from 'node:fs'
import {dirname} from 'node:path'

import {CcpCommand} from '../base-command.js'
import {somethingAt, temporarySibling} from '../cli/files.js'
import {filePath} from '../cli/paths.js'
import {countOf} from '../cli/text.js'
import {CcpError, EnvironmentError, RuleError} from '../core/errors.js'
import {makeMissingFoldersPrivate} from '../lib/private-files.js'

export interface BackupResult {
  bytes: number
  entries: number
  file: string
  members: number
}

export default class Backup extends CcpCommand {
  static args = {
    file: filePath(Args.string({description: 'Where to write the copy.', required: true})),
  }

  static description = `Copy the database, safely even while the bot runs.
SQLite's online backup makes a consistent copy. Missing folders on the way to FILE are created, private (0700). Restore by pointing --db (or CCP_DB) at the copy, or by copying it over the database while nothing runs.`

  static examples = ['<%= config.bin %> <%= command.id %> ~/backups/ccp-$(date +%F).db']

  static flags = {
    force: Flags.boolean({description: 'Replace FILE if it exists.'}),
  }

  async run(): Promise<BackupResult> {
    const {args, flags} = await this.parse(Backup)
    const {database} = this.openServices(flags.db, 'read')
    const target = this.outputFile(args.file)
    if (somethingAt(target) && !flags.force) {
      throw new RuleError('FILE_EXISTS', `${args.file} already exists; choose a new file, or pass --force to replace it.`)
    }

    try {
      makeMissingFoldersPrivate(dirname(target))
    } catch (error) {
      throw new EnvironmentError('BACKUP_FAILED', `Cannot create the folder ${dirname(args.file)} for the backup: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check its parent folder and its permissions.`)
    }

    const temporary = temporarySibling(target)
    try {
      // The store cleans up after a copy that failed, and says why in a CcpError.
      await database.backup(temporary)
      renameSync(temporary, target)
    } catch (error) {
      if (!(error instanceof CcpError)) rmSync(temporary, {force: true})
      throw new EnvironmentError('BACKUP_FAILED', `Cannot write the backup ${args.file}: ${(error as Error).message}. Check the folder and its permissions.`)
    }

    const counts = database.counts()
    const result = {bytes: statSync(args.file).size, entries: counts.entries, file: args.file, members: counts.members}
    this.log(`Backed up ${countOf(result.members, 'member')} and ${countOf(result.entries, 'entry', 'entries')} to ${args.file} (${Math.ceil(result.bytes / 1024)} KiB).`)
    return result
  }
}
