import type {CommandSpool, ReceivedCommand} from '../core/queue.js'

/** A spool that lives as long as the process: for a database in memory, and for tests. */
export class MemorySpool implements CommandSpool {
  readonly durable = false
  private held: ReceivedCommand[] = []

  get size(): number {
    return this.held.length
  }

  append(commands: readonly ReceivedCommand[]): void {
    this.held.push(...commands)
  }

  drain(store: (commands: readonly ReceivedCommand[]) => void): void {
    if (this.held.length === 0) return
    store(this.held)
    this.held = []
  }
}
