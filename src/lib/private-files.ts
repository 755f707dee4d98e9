import {chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

/**
 * ccp's files hold phone numbers and who said what: every file it creates is 0600 and every folder 0700.
 * These are the modes asked of the kernel, so a user's umask can narrow them further, never widen them.
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_FOLDER_MODE = 0o700

/** Makes `folder` and any missing parents, each private. Folders that exist already are left as they are. */
export function makePrivateFolder(folder: string): void {
  makeFolders(folder)
}

/**
 * Makes `folder` and any missing parents, each exactly 0700 whatever the umask: a file must then be written
 * inside, and a umask such as 0277 would leave a folder its own owner cannot write in. Folders that exist
 * already keep their mode.
 */
export function makeMissingFoldersPrivate(folder: string): void {
  for (const created of makeFolders(folder)) chmodSync(created, PRIVATE_FOLDER_MODE)
}

/**
 * Makes the missing folders on the way to `folder`, outermost first, one mkdir each, and returns them. Not
 * mkdir's own `recursive`: where the kernel answers ENOENT for a parent that exists (under /proc), node's
 * recursive mkdir retries for ever; here the first failure is the error.
 */
function makeFolders(folder: string): string[] {
  const missing: string[] = []
  for (let path = resolve(folder); !existsSync(path); path = dirname(path)) {
    missing.unshift(path)
    if (path === dirname(path)) break
  }

  const made = missing.filter((path) => makeFolder(path))
  if (!statSync(folder).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${folder}'`), {code: 'ENOTDIR'})
  return made
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
 * Creates `file` empty and private, unless something is there already (then false, and nothing changes).
 * O_EXCL also refuses a symbolic link planted at the path, so nothing is written through one.
 */
export function createPrivateFile(file: string): boolean {
  try {
    closeSync(openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, PRIVATE_FILE_MODE))
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
