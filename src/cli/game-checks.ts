import {nextScheduledTime} from '../core/recap/period.js'
import {localTimeAt} from '../core/recap/zoned-time.js'
import type {Settings} from '../core/settings.js'

/** A line of `ccp doctor` about how the game is set up (the same shape as doctor's own checks). */
export interface GameCheck {
  detail: string
  name: string
  status: 'ok'
}

/** Which reactions award what, or that reactions are off. */
export function reactionsCheck(settings: Settings, stored: Readonly<Record<string, string>>): GameCheck {
  const {size} = settings.reactions
  const detail = size === 0 ? 'off (ccp config set reactions "👍=1,🔥=2" turns them on)' : `${stored.reactions ?? ''} award the reacted-to message's author`
  return {detail, name: 'Reactions', status: 'ok'}
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
