import {hideIdentities} from './identity.js'
import type {ResolvedScope} from './standings.js'

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/**
 * The line above the standings that says which points they count: `All-time standings`, `Season "Spring"
 * standings (since 2026-11-01)`, or `Points gained since 2026-11-21 09:30 UTC`.
 */
export function standingsTitle(scope: ResolvedScope): string {
  if (scope.kind === 'season') {
    const when = scope.until === null ? `since ${day(scope.since)}` : `${day(scope.since)} until ${day(scope.until)}`
    // A season named before such names were refused may hold a phone number; the title goes on charts and into the chat.
    return `Season ${JSON.stringify(hideIdentities(scope.name))} standings (${when})`
  }

  if (scope.kind === 'window') return `Points gained since ${new Date(scope.since).toISOString().slice(0, 16).replace('T', ' ')} UTC`
  return 'All-time standings'
}
