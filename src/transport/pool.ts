/**
 * A bounded pool for transfers: at most `width` tasks run at once, the rest wait in order. One
 * pool per `Api` bounds its storage transfers (file and artifact downloads and uploads), however
 * many calls start them. Built on `p-limit`.
 *
 * A task waiting for its turn whose `signal` aborts rejects at once with the signal's reason and
 * never starts; a running task is the task's own to cancel (pass it the same signal).
 *
 * @example
 * ```ts
 * const pool = createPool(16);
 * const sizes = await Promise.all(urls.map((url) => pool.run(async () => (await fetch(url)).arrayBuffer())));
 * ```
 * @module
 */
import pLimit from 'p-limit';

/**
 * A bounded pool of concurrent tasks (see {@link createPool}).
 *
 * @example
 * ```ts
 * const pool: Pool = createPool(4);
 * await pool.run(() => upload(part), signal);
 * ```
 */
export interface Pool {
  /**
   * Runs `task` when a slot is free; resolves or rejects as it does. With `signal`: rejects with
   * its reason at once if it aborts before the task started (the task then never runs).
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** How many tasks may run at once; can be changed while tasks run. */
  width: number;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

/**
 * Creates a {@link Pool} of `width` slots (a positive integer).
 *
 * @example
 * ```ts
 * const pool = createPool(2);
 * await Promise.all([1, 2, 3].map((n) => pool.run(async () => n * 2))); // at most two at a time
 * ```
 */
export function createPool(width: number): Pool {
  const limit = pLimit(width);
  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const queued = limit(() => (signal?.aborted ? Promise.reject(signal.reason) : task()));
      if (!signal) return queued;
      return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        queued.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    get width() {
      return limit.concurrency;
    },
    set width(n: number) {
      limit.concurrency = n;
    },
    get active() {
      return limit.activeCount;
    },
    get waiting() {
      return limit.pendingCount;
    },
  };
}
