import {UsageError} from '../errors.js'

/**
 * When the bot posts its recap, in `recap.timezone`: weekday 0 (Sunday) to 6, day of the month 1–31 (in a month
 * without that day, its last day).
 */
export type RecapSchedule =
  | {at: ClockTime; day: number; kind: 'monthly'}
  | {at: ClockTime; kind: 'daily'}
  | {at: ClockTime; kind: 'weekly'; weekday: number}
  | {kind: 'off'}

export interface ClockTime {
  hour: number
  minute: number
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

const FORMS = 'off, daily HH:MM, weekly DAY HH:MM or monthly D HH:MM (D from 1 to 31; a month without day D has it on its last day)'

export function parseRecapSchedule(text: string): RecapSchedule {
  const words = text.trim().split(/\s+/u)
  const kind = words[0]?.toLowerCase()
  const refuse = (why: string): never => {
    throw new UsageError('INVALID_SCHEDULE', `${JSON.stringify(text)} is not a recap schedule: ${why}; write ${FORMS}, like "weekly Mon 09:00".`)
  }

  if (kind === 'off' && words.length === 1) return {kind: 'off'}
  if (kind === 'daily' && words.length === 2) return {at: parseClockTime(words[1], refuse), kind}
  if (kind === 'weekly' && words.length === 3) return {at: parseClockTime(words[2], refuse), kind, weekday: parseWeekday(words[1], refuse)}
  if (kind === 'monthly' && words.length === 3) {
    const day = /^\d{1,2}$/u.test(words[1]) ? Number(words[1]) : 0
    if (day < 1 || day > 31) refuse(`${JSON.stringify(words[1])} is not a day of the month from 1 to 31`)
    return {at: parseClockTime(words[2], refuse), day, kind}
  }

  return refuse('it does not have one of the forms')
}

/** A schedule as it is stored and shown: `off`, `daily 09:00`, `weekly Mon 09:00`, `monthly 31 09:00`. */
export function formatRecapSchedule(schedule: RecapSchedule): string {
  if (schedule.kind === 'off') return 'off'
  const two = (value: number): string => String(value).padStart(2, '0')
  const at = `${two(schedule.at.hour)}:${two(schedule.at.minute)}`
  if (schedule.kind === 'daily') return `daily ${at}`
  return schedule.kind === 'weekly' ? `weekly ${WEEKDAYS[schedule.weekday].slice(0, 3)} ${at}` : `monthly ${schedule.day} ${at}`
}

function parseClockTime(text: string, refuse: (why: string) => never): ClockTime {
  const match = /^(\d{1,2}):(\d{2})$/u.exec(text)
  const hour = Number(match?.[1])
  const minute = Number(match?.[2])
  if (!match || hour > 23 || minute > 59) refuse(`${JSON.stringify(text)} is not a time of day from 00:00 to 23:59`)
  return {hour, minute}
}

function parseWeekday(text: string, refuse: (why: string) => never): number {
  const word = text.toLowerCase()
  const index = WEEKDAYS.findIndex((name) => word.length >= 3 && name.toLowerCase().startsWith(word))
  if (index === -1) refuse(`${JSON.stringify(text)} is not a day of the week (Mon to Sun)`)
  return index
}
