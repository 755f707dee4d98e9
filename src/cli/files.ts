import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'

import {EnvironmentError} from '../core/errors.js'

/** Reads a text file, or fails with a sentence that names it. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new EnvironmentError('FILE_READ', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`)
  }
}

/** A sibling path for writing a file before it replaces `file` in one rename. */
export function temporarySibling(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeFileAtomically(file: string, content: string): void {
  const temporary = temporarySibling(file)
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw new EnvironmentError('FILE_WRITE', `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the folder and its permissions.`)
  }
}
