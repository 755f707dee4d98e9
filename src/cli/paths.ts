import {UsageError} from '../core/errors.js'

/** The flag and argument definitions that name a file (marked by `filePath`). */
const PATHS = new WeakSet<object>()

/** Marks a flag or argument definition as a file path: a blank one is refused when the command parses. */
export function filePath<T extends object>(definition: T): T {
  PATHS.add(definition)
  return definition
}

/**
 * Refuses a blank file path, as an unset shell variable (`--output "$OUT"`) gives: it would quietly mean
 * something else, such as the export on stdout instead of in a file.
 */
export function checkPaths(definitions: Record<string, object> | undefined, values: Record<string, unknown>, label: (name: string) => string): void {
  for (const [name, definition] of Object.entries(definitions ?? {})) {
    const value = values[name]
    if (PATHS.has(definition) && typeof value === 'string' && value.trim() === '') {
      throw new UsageError('EMPTY_PATH', `${label(name)} is empty: name a file.`)
    }
  }
}
