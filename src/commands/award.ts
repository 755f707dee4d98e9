import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {OPERATOR} from '../core/actor.js'
import {UsageError} from '../core/errors.js'
import {formatPoints, parseTypedPoints, signedPoints} from '../core/points.js'
import {tierChange} from '../core/tiers.js'
import type {AwardView} from '../core/views.js'

export default class Award extends CcpCommand {
  static description = `Award points to members, or dock them with a negative number.
Several names get the same points, all or nothing. The operator at the terminal is exempt from the chat rules (award.max, cooldowns, hourly caps).`

  static examples = [
    '<%= config.bin %> <%= command.id %> alice 10 --reason "kept the wifi up"',
    '<%= config.bin %> <%= command.id %> bob -5 --reason "late again"',
    '<%= config.bin %> <%= command.id %> bob carol 5 --reason "the cake"',
  ]

  static flags = {
    reason: Flags.string({char: 'r', description: 'Why, in one line (at most 200 characters).'}),
  }

  // NAME... POINTS: oclif has no variadic argument before a last one, so the words are read here.
  static strict = false

  static usage = '<%= command.id %> NAME... POINTS [--reason TEXT]'

  async run(): Promise<AwardView | AwardView[]> {
    const {argv, flags} = await this.parse(Award)
    const words = argv as string[]
    const unknown = words.find((word) => word.startsWith('--'))
    if (unknown) throw new UsageError('USAGE', `Nonexistent flag: ${unknown}. See more help with --help.`)
    if (words.length < 2) throw new UsageError('USAGE', 'Give at least one name and then the points, like: ccp award alice 10')
    refuseWordsAfterPoints(words)
    const points = parseTypedPoints(words.at(-1)!)
    const awards = this.openLedger(flags.db, 'change').awardMany(OPERATOR, {points, reason: flags.reason, targets: words.slice(0, -1).map((name) => ({name}))})
    for (const award of awards) {
      const reason = award.reason ? ` (${award.reason})` : ''
      this.log(`${signedPoints(award.points)} for ${award.name}${reason}: ${formatPoints(award.total)} points, rank ${award.rank}. Entry #${award.id}.${tierChange(award)}`)
    }

    return awards.length === 1 ? awards[0] : awards
  }
}

/** `ccp award alice 5 for the cake`: names are never numbers, so the first number ends them; words after it were meant as the reason. */
function refuseWordsAfterPoints(words: string[]): void {
  const last = words.findIndex((word) => POINTS_LIKE.test(word.trim()))
  if (last <= 0 || last === words.length - 1) return
  const names = words.slice(0, last).join(' ')
  const reason = words.slice(last + 1).join(' ')
  throw new UsageError(
    'REASON_WITHOUT_FLAG',
    `The points come last, and ${JSON.stringify(reason)} came after them; to give a reason, use --reason: ccp award ${names} ${words[last]} --reason ${JSON.stringify(reason)}`,
  )
}

const POINTS_LIKE = /^[+-]?[0-9]+$/
