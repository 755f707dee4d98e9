/** Exponential backoff with full jitter: attempt 1 waits up to `baseMs`, doubling up to `capMs`. */
export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

export const NETWORK_BACKOFF: BackoffPolicy = {baseMs: 500, capMs: 10_000}
export const SEND_BACKOFF: BackoffPolicy = {baseMs: 1000, capMs: 60_000}
/** Signal's rate limits last minutes; hammering them makes them longer. */
export const RATE_LIMIT_BACKOFF: BackoffPolicy = {baseMs: 30_000, capMs: 600_000}

export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  // Half fixed, half random: never a zero wait, and concurrent clients spread out.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** A sleep that ends early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }

    signal?.addEventListener('abort', done, {once: true})
  })
}
