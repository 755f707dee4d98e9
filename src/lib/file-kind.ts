import type {Stats} from 'node:fs'

/** What is at a path, in the words an error message uses ("/dev/null is a character device"). */
export function fileKind(stats: Stats): string {
  if (stats.isFile()) return 'file'
  if (stats.isDirectory()) return 'folder'
  if (stats.isCharacterDevice()) return 'character device'
  if (stats.isBlockDevice()) return 'block device'
  if (stats.isFIFO()) return 'named pipe'
  if (stats.isSocket()) return 'socket'
  return 'special file'
}
