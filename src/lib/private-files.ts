import {chmodSync, closeSync, constants, existsSync, fchmodSync, mkdirSync, openSync, statSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

/**
 * ccp's files hold phone numbers and who said what: every file it creates is 0600 and every folder 0700.
 * These are the modes asked of the kernel, so a user's umask can narrow them further, never widen them.
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_FOLDER_MODE = 0o700

/** Makes `folder` and any missing parents, each private. Folders that exist already are left as they are. */
export function makePrivateFolder(folder: string): void {
  makeFolders(folder, false)
}

/**
 * Makes `folder` and any missing parents, each exactly 0700 whatever the umask: a file must then be written
 * inside, and a umask such as 0277 would leave a folder its own owner cannot write in. Folders that exist
 * already keep their mode.
 */
export function makeMissingFoldersPrivate(folder: string): void {
  makeFolders(folder, true)
}

/**
 * Makes the missing folders on the way to `folder`, outermost first, one mkdir each (`exact`: each chmod 0700
 * before the next goes inside it, where a umask of 0277 would leave a 0500 parent only root could go on in). Not
 * mkdir's own `recursive`: where the kernel answers ENOENT for a parent that exists (under /proc), node's
 * recursive mkdir retries for ever; here the first failure is the error.
 */
function makeFolders(folder: string, exact: boolean): void {
  const missing: string[] = []
  for (let path = resolve(folder); !existsSync(path); path = dirname(path)) {
    missing.unshift(path)
    if (path === dirname(path)) break
  }

  for (const path of missing) if (makeFolder(path) && exact) chmodSync(path, PRIVATE_FOLDER_MODE)
  if (!statSync(folder).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${folder}'`), {code: 'ENOTDIR'})
}

/** Makes one folder; false if another process made it first (then it is theirs, mode and all). */
function makeFolder(path: string): boolean {
  try {
    mkdirSync(path, {mode: PRIVATE_FOLDER_MODE})
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(path).isDirectory()) return false
    throw error
  }
}

/**
 * Creates `file` empty and exactly 0600 whatever the umask, unless something is there already (then false, and
 * nothing changes): SQLite opens it afterwards to write it, which a umask such as 0277 (0400) would forbid its
 * owner. O_EXCL also refuses a symbolic link planted at the path, so nothing is written through one.
 */
export function createPrivateFile(file: string): boolean {
  try {
    const descriptor = openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, PRIVATE_FILE_MODE)
    try {
      fchmodSync(descriptor, PRIVATE_FILE_MODE)
    } finally {
      closeSync(descriptor)
    }

    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** Writes a new private file; fails if anything is already at `file`. */
export function writeNewPrivateFile(file: string, content: string | Uint8Array): void {
  writeFileSync(file, content, {flag: 'wx', mode: PRIVATE_FILE_MODE})
}
