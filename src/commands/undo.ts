import * as Args from '@oclif/core/args'

import {CcpCommand} from '../base-command.js'
import {OPERATOR} from '../core/actor.js'
import {formatPoints, signedPoints} from '../core/points.js'
import {tierChange} from '../core/tiers.js'
import type {AwardView} from '../core/views.js'

export default class Undo extends CcpCommand {
  static args = {
    entry: Args.integer({description: 'The id of the entry to undo (see ccp history). Default: the latest one still in effect.', min: 1}),
  }

  static description = `Undo an award by recording its opposite; the original stays.
The history shows both entries.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> 42']

  async run(): Promise<AwardView> {
    const {args, flags} = await this.parse(Undo)
    const entry = this.openLedger(flags.db).undo(OPERATOR, {entryId: args.entry})
    this.log(`Undid entry #${entry.undoes} with ${signedPoints(entry.points)} for ${entry.name}: ${formatPoints(entry.total)} points, rank ${entry.rank}. Entry #${entry.id}.${tierChange(entry)}`)
    return entry
  }
}
