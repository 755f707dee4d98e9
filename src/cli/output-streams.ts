/**
 * What happens when ccp's own output cannot be written. oclif rethrows any stdout error but EPIPE, which
 * printed a raw stack and exit 1 for `ccp export > /dev/full`; a closed stderr (`ccp serve 2>&1 | head -1`)
 * had no listener at all and took the bot down.
 */
export function guardOutputStreams(): void {
  process.stdout.removeAllListeners('error')
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader has gone (`ccp history | head`): what it wanted, it has.
    if (error.code === 'EPIPE') return
    process.stderr.write(`Error: Cannot write the output: ${error.code ?? error.message}${error.code === 'ENOSPC' ? ' (the disk is full)' : ''}. Nothing more was written.\n`)
    process.exit(3)
  })
  // Nowhere left to report a failure of stderr itself; the work goes on without its log lines.
  process.stderr.on('error', () => {})
}
