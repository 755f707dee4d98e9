import type {ChatActor} from './actor.js'
import {RuleError} from './errors.js'
import {quote, shownName} from './names.js'
import type {GivenAward, MemberRecord} from './ports.js'
import {formatDuration, type Settings} from './settings.js'

const HOUR = 3_600_000

export interface ChatAwardCheck {
  actor: ChatActor
  /** Whether award.cooldown applies (a reaction is exempt: each message can be reacted to once). */
  cooldown?: boolean
  /** The giver's chat awards since `now` minus the longest window a rule looks at (see `lookback`). */
  given: GivenAward[]
  members: MemberRecord[]
  now: number
  points: number
  settings: Settings
}

/** How far back the rules look at a giver's awards (0: they need none, so none are read). */
export function lookback(settings: Settings): number {
  return Math.max(settings.awardCooldownMs, settings.awardHourly > 0 ? HOUR : 0)
}

/**
 * The rules for awards made from a chat (the operator at the terminal is exempt). Each refusal
 * names its rule, and says when to try again where time is the obstacle.
 */
export function checkChatAward({actor, cooldown = true, given, members, now, points, settings}: ChatAwardCheck): void {
  const self = members.find((member) => (member.uuid && member.uuid === actor.uuid) || (member.number && member.number === actor.number))
  if (self) throw new RuleError('SELF_AWARD', `Nobody awards themselves, and ${quote(self.name)} is you (a rule of the game).`)
  if (points < 0 && !settings.awardNegative) throw new RuleError('NEGATIVE_OFF', 'Chat awards cannot take points away here (award.negative is off).')
  if (Math.abs(points) > settings.awardMax) {
    throw new RuleError('AWARD_MAX', `A chat award is at most ${settings.awardMax} points either way (award.max).`)
  }

  for (const member of cooldown ? members : []) {
    const typed = given.filter((award) => award.memberId === member.id && award.source === 'chat')
    const last = Math.max(-Infinity, ...typed.map((award) => award.createdAt))
    const wait = last + settings.awardCooldownMs - now
    if (wait > 0) {
      throw new RuleError('COOLDOWN', `You can award ${shownName(member.name)} again in ${formatDuration(wait)} (award.cooldown is ${formatDuration(settings.awardCooldownMs)}).`)
    }
  }

  checkHourly(given, Math.abs(points) * members.length, settings.awardHourly, now)
}

function checkHourly(given: GivenAward[], request: number, hourly: number, now: number): void {
  if (hourly === 0) return
  if (request > hourly) throw new RuleError('HOURLY', `That moves ${request} points, more than the ${hourly} one person may move in an hour (award.hourly).`)
  const recent = given.filter((award) => award.createdAt > now - HOUR).sort((a, b) => a.createdAt - b.createdAt)
  let moved = recent.reduce((sum, award) => sum + Math.abs(award.points), 0)
  if (moved + request <= hourly) return
  const already = moved
  for (const award of recent) {
    moved -= Math.abs(award.points)
    if (moved + request <= hourly) {
      const wait = award.createdAt + HOUR - now
      throw new RuleError('HOURLY', `You have moved ${already} of the ${hourly} points allowed per hour; try again in ${formatDuration(wait)} (award.hourly).`)
    }
  }
}
