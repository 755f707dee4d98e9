import {closeSync, constants, fdatasyncSync, fstatSync, fsyncSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'

import type {ChatMessage, ChatReaction} from '../core/chat/message.js'
import type {SignalIdentity} from '../core/identity.js'
import {type Clock, systemClock} from '../core/ports.js'
import {type CommandSpool, type ReceivedCommand, senderKey} from '../core/queue.js'
import {crypto} from '../lib/crypto.js'
import {PRIVATE_FILE_MODE} from '../lib/private-files.js'
import {fileKind} from '../lib/file-kind.js'
import {NotARegularFile, openRegularFile} from '../lib/regular-file.js'

export interface FileSpoolOptions {
  /** The clock that ages the file taking appends (default: the system's). */
  now?: Clock['now']
  /** Told how many lines of a spool file could not be read (a write cut short by a crash, a damaged disk). */
  onUnreadable?: (lines: number, file: string) => void
  /** A claimed file that is not this user's private regular file, or cannot be read, was renamed to `file` and not read. */
  onSetAside?: (file: string, why: string) => void
  /** The file taking appends is handed over and started afresh once it is this large, */
  rotateBytes?: number
  /** or this old, so that it never grows for long with commands the database already holds. */
  rotateMs?: number
}

interface OpenFile {
  /** Its size as far as this process knows. */
  bytes: number
  dev: number
  fd: number
  ino: number
  openedAt: number
  /** What this process wrote to it; with `startSize` 0 and no other writer, all of it. */
  ownBytes: number
  startSize: number
}

const CLAIMED = '.claimed'

/**
 * Received commands on disk, one JSON line each, fdatasynced before `append` returns, so that they
 * survive a stop or a crash while the database is locked. `<db>-spool` takes the appends. To empty it,
 * a process renames it to `<db>-spool.<token>.claimed` (atomic: later appends create a new file),
 * stores what the claimed files hold, and deletes them. Any number of processes may share one spool:
 * one that appended to a file which was renamed meanwhile writes the lines again to the new file (the
 * claimer may have read the file before the write landed), and a command stored twice is stored once
 * (the inbox ignores the same sender and timestamp again). A claimed file a crash left is taken by the
 * next drain with `all`.
 */
/** Far beyond what a rotation lets a spool file grow to, and below what one string can hold. */
const MAX_SPOOL_FILE_BYTES = 256 * 1024 * 1024

export class FileSpool implements CommandSpool {
  readonly durable = true
  private file: null | OpenFile = null
  private held: ReceivedCommand[] = []
  /** Commands read from claimed files and not yet stored. */
  private found = 0
  /** Look for claimed files at the next drain: at the first, and after one that failed. */
  private lookAround = true
  private readonly now: Clock['now']
  private readonly rotateBytes: number
  private readonly rotateMs: number

  constructor(
    readonly path: string,
    private readonly options: FileSpoolOptions = {},
  ) {
    this.now = options.now ?? systemClock.now
    this.rotateBytes = options.rotateBytes ?? 1024 * 1024
    this.rotateMs = options.rotateMs ?? 60_000
  }

  /** The spool of a database file. */
  static besideDatabase(databasePath: string, options?: FileSpoolOptions): FileSpool {
    return new FileSpool(`${databasePath}-spool`, options)
  }

  get size(): number {
    return this.held.length + this.found
  }

  append(commands: readonly ReceivedCommand[]): void {
    if (commands.length === 0) return
    // Memory first: if the disk fails, this process still stores them.
    this.held.push(...commands)
    this.write(Buffer.from(commands.map((command) => `${JSON.stringify({message: command.message, receivedAt: command.receivedAt})}\n`).join('')))
  }

  drain(store: (commands: readonly ReceivedCommand[]) => void, options: {all?: boolean} = {}): void {
    const claiming = options.all || this.lookAround || this.rotationDue()
    const own = claiming ? this.handOver() : null
    const claimed = claiming ? this.claimedFiles() : []
    // A file that holds only this process's lines needs no reading: each of them is stored, or still held.
    const fromFiles = claimed
      .flatMap((file) => (file === own?.path && own.bytes === sizeOf(file) ? [] : this.read(file)))
      .sort((a, b) => a.receivedAt - b.receivedAt)
    const commands = unique([...fromFiles, ...this.held])
    this.found = commands.length - this.held.length
    if (commands.length > 0) {
      try {
        store(commands)
      } catch (error) {
        this.lookAround = true
        throw error
      }
    }

    this.held = []
    this.found = 0
    this.lookAround = false
    for (const file of claimed) removeQuietly(file)
  }

  private rotationDue(): boolean {
    return this.file !== null && (this.file.bytes >= this.rotateBytes || this.now() - this.file.openedAt >= this.rotateMs)
  }

  /**
   * Renames the file taking appends to a claimed name: appends from now on go to a new file. Returns the
   * claimed name, with the bytes this process wrote when it made the file (else -1).
   */
  private handOver(): {bytes: number; path: string} {
    const own = this.file && this.stillAtPath(this.file) && this.file.startSize === 0 ? this.file.ownBytes : -1
    this.close()
    const path = `${this.path}.${crypto().randomBytes(6).toString('hex')}${CLAIMED}`
    try {
      renameSync(this.path, path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }

    return {bytes: own, path}
  }

  private claimedFiles(): string[] {
    const folder = dirname(this.path)
    const prefix = `${basename(this.path)}.`
    return readdirSync(folder)
      .filter((name) => name.startsWith(prefix) && name.endsWith(CLAIMED))
      .map((name) => join(folder, name))
  }

  private read(file: string): ReceivedCommand[] {
    let text: string
    try {
      text = readOwnSpoolFile(file)
    } catch (error) {
      // Another process stored and removed it meanwhile.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      // Not a private file of this user's, or one that cannot be read: its lines are not obeyed, and it no
      // longer blocks the drain; it stays on disk, renamed, for the operator to look at.
      this.setAside(file, (error as Error).message)
      return []
    }

    const commands: ReceivedCommand[] = []
    let unreadable = 0
    for (const line of text.split('\n')) {
      if (line === '') continue
      const command = parseLine(line)
      if (command) commands.push(command)
      else unreadable++
    }

    if (unreadable > 0) this.options.onUnreadable?.(unreadable, file)
    return commands
  }

  private setAside(file: string, why: string): void {
    const aside = `${file.slice(0, -CLAIMED.length)}.set-aside`
    try {
      renameSync(file, aside)
    } catch {
      return
    }

    this.options.onSetAside?.(aside, why)
  }

  private write(data: Buffer): void {
    for (let attempt = 1; ; attempt++) {
      const file = this.file ?? this.open()
      for (let offset = 0; offset < data.length;) offset += writeSync(file.fd, data, offset)
      fdatasyncSync(file.fd)
      file.bytes += data.length
      file.ownBytes += data.length
      if (this.stillAtPath(file)) return
      // Another process claimed this file, maybe before the write landed: write it again to the file now at the path.
      this.close()
      if (attempt === 3) throw new Error(`${this.path} was taken over three times in a row while writing to it`)
    }
  }

  private open(): OpenFile {
    // Private like the database; O_NOFOLLOW: never written through a link planted at the path.
    const fd = openSync(this.path, constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_NOFOLLOW, PRIVATE_FILE_MODE)
    try {
      const stats = fstatSync(fd)
      if (!stats.isFile()) throw new NotARegularFile(this.path, fileKind(stats))
      if (stats.size === 0) {
        // A new file: its name must survive a crash too.
        syncFolder(dirname(this.path))
      } else if (!endsWithNewline(fd, stats.size)) {
        // A line cut short by a crash: end it, so the next line is not glued to it.
        writeSync(fd, '\n')
      }

      this.file = {bytes: stats.size, dev: stats.dev, fd, ino: stats.ino, openedAt: this.now(), ownBytes: 0, startSize: stats.size}
      return this.file
    } catch (error) {
      closeSync(fd)
      throw error
    }
  }

  private stillAtPath(file: OpenFile): boolean {
    try {
      const stats = statSync(this.path)
      return stats.ino === file.ino && stats.dev === file.dev
    } catch {
      return false
    }
  }

  private close(): void {
    if (!this.file) return
    closeSync(this.file.fd)
    this.file = null
  }
}

function unique(commands: ReceivedCommand[]): ReceivedCommand[] {
  const seen = new Set<string>()
  return commands.filter(({message}) => {
    const key = `${senderKey(message)}:${message.timestamp}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * The text of a spool file, read only if it is a regular file (never a pipe, a folder or a link) that this user
 * owns and nobody else may read or write: lines anyone else could have planted are never obeyed as commands.
 */
function readOwnSpoolFile(file: string): string {
  const {fd, stats} = openRegularFile(file, {followLinks: false})
  try {
    if (stats.uid !== process.getuid?.() || (stats.mode & 0o077) !== 0) throw new Error(`${file} is not a private file of this user's`)
    if (stats.size > MAX_SPOOL_FILE_BYTES) throw new Error(`${file} is larger than a spool file can be (${stats.size} bytes)`)
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return -1
  }
}

function endsWithNewline(fd: number, size: number): boolean {
  const last = Buffer.alloc(1)
  readSync(fd, last, 0, 1, size - 1)
  return last[0] === 0x0a
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems cannot sync a folder; the file's own sync still holds its content.
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // Already removed by another process that stored it too.
  }
}

/** A spooled command, checked as carefully as anything read from disk: a damaged line is dropped, never handled. */
function parseLine(line: string): null | ReceivedCommand {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }

  const {message, receivedAt} = (value ?? {}) as {message?: unknown; receivedAt?: unknown}
  return Number.isSafeInteger(receivedAt) && isChatMessage(message) ? {message, receivedAt: receivedAt as number} : null
}

function isReaction(value: unknown): boolean {
  const reaction = value as Partial<ChatReaction> | null
  if (typeof reaction !== 'object' || reaction === null) return false
  const author = reaction.targetAuthor as null | Partial<SignalIdentity> | undefined
  const optionalText = (field: unknown): boolean => field === null || typeof field === 'string'
  if (typeof author !== 'object' || author === null || !optionalText(author.uuid) || !optionalText(author.number)) return false
  return typeof reaction.emoji === 'string' && typeof reaction.remove === 'boolean' && Number.isSafeInteger(reaction.targetTimestamp)
}

function isChatMessage(value: unknown): value is ChatMessage {
  const message = value as Partial<ChatMessage> | null
  if (typeof message !== 'object' || message === null) return false
  const {chat, mentions, reaction, sender, text, timestamp, viaSync} = message
  const optionalText = (field: unknown): boolean => field === null || typeof field === 'string'
  return (
    typeof text === 'string' &&
    (reaction === undefined || isReaction(reaction)) &&
    Number.isSafeInteger(timestamp) &&
    typeof viaSync === 'boolean' &&
    Array.isArray(mentions) &&
    mentions.every((mention) => typeof mention === 'object' && mention !== null && Number.isSafeInteger(mention.start) && Number.isSafeInteger(mention.length)) &&
    typeof sender === 'object' &&
    sender !== null &&
    sender.kind === 'chat' &&
    optionalText(sender.uuid) &&
    optionalText(sender.number) &&
    optionalText(sender.profileName) &&
    (sender.uuid !== null || sender.number !== null) &&
    typeof chat === 'object' &&
    chat !== null &&
    ((chat.kind === 'group' && typeof chat.groupId === 'string') || (chat.kind === 'direct' && optionalText(chat.number) && optionalText(chat.uuid)))
  )
}
