const DAY = 86_400_000

/** The chat's windows, as `/CCP top week|month` and `/CCP chart week|month` count them: the last 7 or 30 days back from now, not calendar weeks. */
export const WINDOWS = {month: 30 * DAY, week: 7 * DAY} as const

export type ChatWindow = keyof typeof WINDOWS

/** How many days a window counts back. */
export function windowDays(window: ChatWindow): number {
  return WINDOWS[window] / DAY
}
