import {existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'

import {EnvironmentError, RuleError} from '../core/errors.js'
import {fileKind} from '../lib/file-kind.js'
import {crypto} from '../lib/crypto.js'
import {writeNewPrivateFile} from '../lib/private-files.js'

/** Reads a text file, or fails with a sentence that names it. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new EnvironmentError('FILE_READ', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`)
  }
}

/**
 * Where a file that replaces `file` whole is written: `file` itself when nothing is there, else the file a
 * symbolic link leads to (so the link stays). Anything but a regular file is refused before a byte is
 * written: renaming over /dev/null or a folder is no way to write to it. So is a link that leads nowhere: writing
 * through it would make a file somewhere else, replacing it would lose the link; which was meant, it cannot say.
 */
export function replaceableTarget(file: string): string {
  let stats
  try {
    stats = statSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new EnvironmentError('FILE_WRITE', `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`)
    }

    if (!somethingAt(file)) return file
    throw new EnvironmentError(
      'FILE_WRITE',
      `Cannot write ${file}: it is a symbolic link to ${readlinkSync(file)}, which does not exist; nothing was written. Create the file it leads to, remove the link, or choose another file.`,
    )
  }

  if (!stats.isFile()) throw new EnvironmentError('FILE_WRITE', `Cannot write ${file}: it is a ${fileKind(stats)}, not a file; nothing was written. Choose a file.`)
  return realpathSync(file)
}

/** Whether anything is at `path`, a symbolic link that leads nowhere included (existsSync follows links, and says no). */
export function somethingAt(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/**
 * Refuses to write over the database a command uses, or over the files SQLite keeps beside it: an export
 * or a backup written there would replace the ledger it was made from.
 */
export function refuseDatabaseFiles(file: string, database: string | undefined): void {
  if (database === undefined || database === ':memory:' || !existsSync(database)) return
  const real = realPath(file)
  const realDatabase = realpathSync(database)
  if (['', '-wal', '-shm', '-journal'].some((suffix) => real === realDatabase + suffix)) {
    throw new RuleError('SAME_FILE', `${file} is the database ${database} itself, or a file SQLite keeps beside it; write to another file.`)
  }
}

/** The path with symbolic links resolved, as far as they lead to something. */
function realPath(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return resolve(file)
  }
}

/** A new sibling path for writing a file before it replaces `file` in one rename. */
export function temporarySibling(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`)
}

/** Writes a private file through a temporary file and a rename, so a reader never sees half a file. */
export function writeFileAtomically(file: string, content: string | Uint8Array): void {
  const target = replaceableTarget(file)
  const temporary = temporarySibling(target)
  try {
    writeNewPrivateFile(temporary, content)
    renameSync(temporary, target)
  } catch (error) {
    // EEXIST: the temporary path was someone else's file, which is not ours to remove.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temporary, {force: true})
    throw new EnvironmentError('FILE_WRITE', `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the folder and its permissions.`)
  }
}
