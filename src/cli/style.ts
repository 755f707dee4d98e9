import {Chalk, type ChalkInstance, supportsColor} from 'chalk'

/**
 * Colour only for a person at a colour terminal: NO_COLOR (https://no-color.org), pipes and `--json`
 * get plain text. FORCE_COLOR still forces it, as chalk reads it.
 */
export function makeStyle(json: boolean): ChalkInstance {
  const noColor = Boolean(process.env.NO_COLOR)
  const level = json || noColor || !supportsColor ? 0 : supportsColor.level
  return new Chalk({level})
}
