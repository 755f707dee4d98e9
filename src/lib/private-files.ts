import {chmodSync, closeSync, constants, mkdirSync, openSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

/**
 * ccp's files hold phone numbers and who said what: every file it creates is 0600 and every folder 0700.
 * These are the modes asked of the kernel, so a user's umask can narrow them further, never widen them.
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_FOLDER_MODE = 0o700

/** Makes `folder` and any missing parents, each private. Folders that exist already are left as they are. */
export function makePrivateFolder(folder: string): void {
  mkdirSync(folder, {mode: PRIVATE_FOLDER_MODE, recursive: true})
}

/**
 * Makes `folder` and any missing parents, each exactly 0700 whatever the umask: a file must then be written
 * inside, and a umask such as 0277 would leave a folder its own owner cannot write in. Folders that exist
 * already keep their mode.
 */
export function makeMissingFoldersPrivate(folder: string): void {
  const first = mkdirSync(folder, {mode: PRIVATE_FOLDER_MODE, recursive: true})
  if (first === undefined) return
  const top = resolve(first)
  for (let created = resolve(folder); ; created = dirname(created)) {
    chmodSync(created, PRIVATE_FOLDER_MODE)
    if (created === top || created === dirname(created)) return
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
