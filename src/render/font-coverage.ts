import {closeSync, openSync, readSync} from 'node:fs'

const covered = new Map<string, ReadonlySet<number>>()

/**
 * The characters a TrueType or OpenType font has a glyph for, read from its cmap table (formats 4 and 12, the
 * Unicode ones every shipped font carries). Read once per file and process.
 */
export function fontCoverage(file: string): ReadonlySet<number> {
  let characters = covered.get(file)
  if (!characters) {
    characters = readCoverage(file)
    covered.set(file, characters)
  }

  return characters
}

function readCoverage(file: string): Set<number> {
  const descriptor = openSync(file, 'r')
  try {
    const read = (position: number, length: number): DataView => {
      const bytes = Buffer.alloc(length)
      readSync(descriptor, bytes, 0, length, position)
      return new DataView(bytes.buffer, bytes.byteOffset, length)
    }

    const tables = read(4, 2).getUint16(0)
    const records = read(12, tables * 16)
    for (let index = 0; index < tables; index++) {
      const tag = String.fromCodePoint(...[0, 1, 2, 3].map((byte) => records.getUint8(index * 16 + byte)))
      if (tag === 'cmap') return cmapCoverage(read(records.getUint32(index * 16 + 8), records.getUint32(index * 16 + 12)))
    }

    return new Set()
  } finally {
    closeSync(descriptor)
  }
}

/** The union of the table's Unicode subtables (platform 0, or 3 with encoding 1 or 10): a character whose glyph is 0 is not covered. */
function cmapCoverage(cmap: DataView): Set<number> {
  const characters = new Set<number>()
  const subtables = cmap.getUint16(2)
  for (let index = 0; index < subtables; index++) {
    const platform = cmap.getUint16(4 + index * 8)
    const encoding = cmap.getUint16(6 + index * 8)
    if (platform !== 0 && !(platform === 3 && (encoding === 1 || encoding === 10))) continue
    const at = cmap.getUint32(8 + index * 8)
    const format = cmap.getUint16(at)
    if (format === 4) addFormat4(cmap, at, characters)
    if (format === 12) addFormat12(cmap, at, characters)
  }

  return characters
}

function addFormat4(cmap: DataView, at: number, characters: Set<number>): void {
  const segments = cmap.getUint16(at + 6) / 2
  const ends = at + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  for (let segment = 0; segment < segments; segment++) {
    const end = cmap.getUint16(ends + segment * 2)
    const start = cmap.getUint16(starts + segment * 2)
    const delta = cmap.getUint16(deltas + segment * 2)
    const rangeOffsetAt = rangeOffsets + segment * 2
    const rangeOffset = cmap.getUint16(rangeOffsetAt)
    for (let character = start; character <= end && character !== 0xff_ff; character++) {
      let glyph = rangeOffset === 0 ? character : cmap.getUint16(rangeOffsetAt + rangeOffset + (character - start) * 2)
      if (rangeOffset !== 0 && glyph === 0) continue
      glyph = (glyph + delta) & 0xff_ff
      if (glyph !== 0) characters.add(character)
    }
  }
}

function addFormat12(cmap: DataView, at: number, characters: Set<number>): void {
  const groups = cmap.getUint32(at + 12)
  for (let group = 0; group < groups; group++) {
    const start = cmap.getUint32(at + 16 + group * 12)
    const end = cmap.getUint32(at + 20 + group * 12)
    const firstGlyph = cmap.getUint32(at + 24 + group * 12)
    for (let character = start; character <= end; character++) if (firstGlyph + character - start !== 0) characters.add(character)
  }
}
