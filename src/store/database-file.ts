import {closeSync, readSync, realpathSync, statSync} from 'node:fs'

import {fileKind} from '../lib/file-kind.js'
import {EnvironmentError} from '../core/errors.js'
import {NotARegularFile, openRegularFile} from '../lib/regular-file.js'

/**
 * What is at a database path, read with plain reads before SQLite opens anything: SQLite cannot look at a
 * file without being able to change it (a read-write open recovers and checkpoints another program's WAL,
 * a read-only one leaves a -shm behind; either makes /dev/null-journal).
 */
export type DatabaseFile =
  | {kind: 'empty'}
  | {kind: 'missing'}
  | {kind: 'not-a-file'; what: string}
  | {kind: 'not-sqlite'}
  | {applicationId: number; hasSchema: boolean; kind: 'sqlite'; userVersion: number}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
/** The database header and the b-tree header of page 1, where the schema table starts. */
const HEADER_BYTES = 112
const LEAF_TABLE_PAGE = 0x0d

/**
 * Reads the header of the database at `path` as SQLite would see it: page 1 from the file, or from the WAL
 * where a committed transaction wrote it since the last checkpoint. `knownId` is the application id a
 * caller trusts as it stands in the file: with it there, the WAL is not read (it is for other files that
 * the WAL might show as something else).
 */
export function inspectDatabaseFile(path: string, knownId: number): DatabaseFile {
  let stats
  try {
    stats = statSync(path)
  } catch (error) {
    // ENOTDIR: a file stands where a folder on the way should be; making the folder will say so.
    const {code} = error as NodeJS.ErrnoException
    if (code === 'ENOENT' || code === 'ENOTDIR') return {kind: 'missing'}
    throw error
  }

  if (!stats.isFile()) return {kind: 'not-a-file', what: fileKind(stats)}
  const main = readStart(path, HEADER_BYTES)
  if (main.length > 0 && (main.length < MAGIC.length || !main.subarray(0, MAGIC.length).equals(MAGIC))) return {kind: 'not-sqlite'}
  const header = main.length >= HEADER_BYTES && main.readInt32BE(68) === knownId ? main : (committedPageOne(`${realpathSync(path)}-wal`) ?? main)
  if (header.length === 0) return {kind: 'empty'}
  if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) return {kind: 'not-sqlite'}
  return {
    applicationId: header.readInt32BE(68),
    hasSchema: header[100] !== LEAF_TABLE_PAGE || header.readUInt16BE(103) > 0,
    kind: 'sqlite',
    userVersion: header.readInt32BE(60),
  }
}

/** Up to `length` bytes from the start of a file. */
function readStart(path: string, length: number): Buffer {
  const {fd} = openRegularFile(path)
  try {
    const buffer = Buffer.alloc(length)
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0))
  } finally {
    closeSync(fd)
  }
}

const WAL_MAGIC_LITTLE_ENDIAN = 0x37_7f_06_82
const WAL_MAGIC_BIG_ENDIAN = 0x37_7f_06_83
const WAL_HEADER = 32
const FRAME_HEADER = 24

/**
 * The start of page 1 as the last committed transaction in a WAL file left it, or undefined when the WAL
 * is missing or holds no committed page 1. Frames count only while their salts and running checksum hold
 * (https://sqlite.org/fileformat.html#the_write_ahead_log), exactly as SQLite's recovery reads them.
 */
function committedPageOne(walPath: string): Buffer | undefined {
  let fd
  let size
  try {
    ;({fd, stats: {size}} = openRegularFile(walPath))
  } catch (error) {
    // A pipe or a folder where the WAL should be: SQLite could not use it either, and reading it would hang.
    if (error instanceof NotARegularFile) throw new EnvironmentError('DB_NOT_FILE', `${error.message}; ccp left it as it was. Remove it, or point --db elsewhere.`)
    return undefined
  }

  try {
    const header = Buffer.alloc(WAL_HEADER)
    if (readSync(fd, header, 0, WAL_HEADER, 0) < WAL_HEADER) return undefined
    const magic = header.readUInt32BE(0)
    if (magic !== WAL_MAGIC_LITTLE_ENDIAN && magic !== WAL_MAGIC_BIG_ENDIAN) return undefined
    const bigEndian = magic === WAL_MAGIC_BIG_ENDIAN
    const pageSize = header.readUInt32BE(8)
    if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) return undefined
    let sums = checksum(header.subarray(0, 24), bigEndian, [0, 0])
    if (sums[0] !== header.readUInt32BE(24) || sums[1] !== header.readUInt32BE(28)) return undefined

    const frame = Buffer.alloc(FRAME_HEADER + pageSize)
    let latest: Buffer | undefined
    let committed: Buffer | undefined
    for (let offset = WAL_HEADER; offset + frame.length <= size; offset += frame.length) {
      if (readSync(fd, frame, 0, frame.length, offset) < frame.length) break
      if (!frame.subarray(8, 16).equals(header.subarray(16, 24))) break
      sums = checksum(frame.subarray(FRAME_HEADER), bigEndian, checksum(frame.subarray(0, 8), bigEndian, sums))
      if (sums[0] !== frame.readUInt32BE(16) || sums[1] !== frame.readUInt32BE(20)) break
      if (frame.readUInt32BE(0) === 1) latest = Buffer.from(frame.subarray(FRAME_HEADER, FRAME_HEADER + HEADER_BYTES))
      if (frame.readUInt32BE(4) !== 0) committed = latest
    }

    return committed
  } finally {
    closeSync(fd)
  }
}

/** SQLite's WAL checksum: two running 32-bit sums over pairs of 32-bit words in the WAL's byte order. */
function checksum(data: Buffer, bigEndian: boolean, [first, second]: [number, number]): [number, number] {
  let s1 = first
  let s2 = second
  for (let i = 0; i < data.length; i += 8) {
    const a = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i)
    const b = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4)
    s1 = (s1 + a + s2) >>> 0
    s2 = (s2 + b + s1) >>> 0
  }

  return [s1, s2]
}
