import {closeSync, constants, mkdirSync, openSync, writeFileSync} from 'node:fs'

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
