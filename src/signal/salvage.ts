/**
 * Recovers the receive items from a body that is not valid JSON because signal-cli printed a stack
 * trace into the middle of the list (signal-cli-rest-api #680). Returns every complete top-level
 * object of the list that parses; those messages were already deleted on the server, so dropping the
 * whole body would lose them.
 */
export function salvageItems(body: string): unknown[] {
  const items: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = body.indexOf('['); i >= 0 && i < body.length; i++) {
    const char = body[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"' || char === '\n') inString = false
      continue
    }

    if (char === '"' && depth >= 2) inString = true
    else if (char === '{') {
      if (depth === 1) start = i
      depth++
    } else if (char === '}' && depth > 1) {
      depth--
      if (depth === 1) items.push(...parseObject(body.slice(start, i + 1)))
    } else if (char === '[' && depth === 0) depth = 1
    else if (char === '\n' && depth > 1) {
      // A line break inside an object is no JSON that signal-cli prints: the object was cut by the trace.
      depth = 1
    }
  }

  return items
}

function parseObject(text: string): unknown[] {
  try {
    return [JSON.parse(text)]
  } catch {
    return []
  }
}
