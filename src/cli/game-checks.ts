import {nextScheduledTime} from '../core/recap/period.js'
import {localTimeAt} from '../core/recap/zoned-time.js'
import type {Settings} from '../core/settings.js'

/**
 * A line of `ccp doctor` about how the game is set up (the same shape as doctor's own checks). A warning is a
 * setting that works against another; it does not fail doctor.
 */
export interface GameCheck {
  detail: string
  fix?: string
  name: string
  status: 'ok' | 'warn'
}

/**
 * Which reactions award what, or that reactions are off; a warning for those the award rules always refuse (more
 * than award.max, or negative with award.negative off), since the bot stays silent on reactions.
 */
export function reactionsCheck(settings: Settings, stored: Readonly<Record<string, string>>): GameCheck {
  const {awardMax, awardNegative, reactions} = settings
  if (reactions.size === 0) return {detail: 'off (ccp config set reactions "👍=1,🔥=2" turns them on)', name: 'Reactions', status: 'ok'}
  const detail = `${stored.reactions ?? ''} award the reacted-to message's author`
  const pairs = (keep: (points: number) => boolean): string => [...reactions].filter(([, points]) => keep(points)).map(([emoji, points]) => `${emoji}=${points}`).join(', ')
  const tooBig = pairs((points) => Math.abs(points) > awardMax)
  const negative = awardNegative ? '' : pairs((points) => points < 0)
  if (tooBig === '' && negative === '') return {detail, name: 'Reactions', status: 'ok'}
  const problems = [
    ...(tooBig === '' ? [] : [`${tooBig} exceed${tooBig.includes(',') ? '' : 's'} award.max (${awardMax})`]),
    ...(negative === '' ? [] : [`${negative} take${negative.includes(',') ? '' : 's'} points while award.negative is off`]),
  ]
  const fixes = [
    ...(tooBig === '' ? [] : ['Keep each reaction within award.max, or raise it.']),
    ...(negative === '' ? [] : ['Turn award.negative on, or leave the taking reactions out.']),
  ]
  return {detail: `${detail}, but ${problems.join(' and ')}: those reactions change nothing`, fix: fixes.join(' '), name: 'Reactions', status: 'warn'}
}

/** A warning when name++ is on but gives more than award.max lets any award give: then every name++ is refused. */
export function plusplusChecks(settings: Settings): GameCheck[] {
  const {awardMax, plusplus, plusplusPoints} = settings
  if (!plusplus || plusplusPoints <= awardMax) return []
  return [{
    detail: `name++ gives ${plusplusPoints} points, but award.max is ${awardMax}: every name++ is refused`,
    fix: 'Lower chat.plusplus.points to award.max or less, or raise award.max.',
    name: 'name++',
    status: 'warn',
  }]
}

/** When the bot posts its next recap, in the schedule's own zone, or that it posts none. */
export function recapCheck(settings: Settings, now: number): GameCheck {
  const {recapSchedule: schedule, recapTimeZone: zone} = settings
  if (schedule.kind === 'off') return {detail: 'off (ccp config set recap.schedule "weekly Mon 09:00" posts one each week)', name: 'Recap', status: 'ok'}
  const next = localTimeAt(nextScheduledTime(schedule, now, zone), zone)
  const two = (value: number): string => String(value).padStart(2, '0')
  const when = `${next.year}-${two(next.month)}-${two(next.day)} ${two(next.hour)}:${two(next.minute)}`
  return {detail: `${schedule.kind}, next at ${when} ${zone} (top ${settings.recapTop})`, name: 'Recap', status: 'ok'}
}
