import {closeSync, constants, fstatSync, openSync, type Stats} from 'node:fs'

import {fileKind} from './file-kind.js'

/** A path that holds something other than a regular file: ccp reads none of those (a named pipe would block it). */
export class NotARegularFile extends Error {
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path} is a ${what}, not a file`)
  }
}

/**
 * Opens a file for reading, and only a regular file: O_NONBLOCK so that a named pipe cannot hold the process at
 * the open, then fstat on what was opened (no race with a swap of the path). `followLinks: false` refuses a
 * symbolic link at the path itself. The caller closes the descriptor.
 */
export function openRegularFile(path: string, options: {followLinks?: boolean} = {}): {fd: number; stats: Stats} {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.followLinks === false ? constants.O_NOFOLLOW : 0)
  const fd = openSync(path, flags)
  const stats = fstatSync(fd)
  if (!stats.isFile()) {
    closeSync(fd)
    throw new NotARegularFile(path, fileKind(stats))
  }

  return {fd, stats}
}
