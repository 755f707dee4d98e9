import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {OPERATOR} from '../core/actor.js'
import {UsageError} from '../core/errors.js'
import {formatPoints, signedPoints} from '../core/points.js'
import {tierChange} from '../core/tiers.js'
import type {AwardView} from '../core/views.js'

export default class Undo extends CcpCommand {
  static args = {
    entry: Args.custom<number>({description: 'The id of the entry to undo (see ccp history). Default: the latest one still in effect.', parse: async (text) => entryId(text)})(),
  }

  static description = `Undo an award by recording its opposite; the original stays.
The history shows both entries.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> 42']

  async run(): Promise<AwardView> {
    const {args, flags} = await this.parse(Undo)
    const entry = this.openLedger(flags.db, 'change').undo(OPERATOR, {entryId: args.entry})
    this.log(`Undid entry #${entry.undoes} with ${signedPoints(entry.points)} for ${entry.name}: ${formatPoints(entry.total)} points, rank ${entry.rank}. Entry #${entry.id}.${tierChange(entry)}`)
    return entry
  }
}

/** An entry id as typed: a whole number from 1, kept exact (an id past 2^53 names no entry, and is said so). */
function entryId(text: string): number {
  const value = text.trim()
  if (!/^[0-9]+$/.test(value) || /^0+$/.test(value)) {
    throw new UsageError('INVALID_ENTRY', `ENTRY is the number of an entry, such as 42 (see ccp history), not ${JSON.stringify(text)}.`)
  }

  const id = Number(value)
  if (!Number.isSafeInteger(id)) throw new UsageError('INVALID_ENTRY', `There is no entry #${value}: entry numbers stop at ${Number.MAX_SAFE_INTEGER}.`)
  return id
}
