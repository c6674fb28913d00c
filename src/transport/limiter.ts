/**
 * The request limiter of one {@link Transport} (one `Api`): every HTTP attempt to the W&B API
 * (GraphQL, and the `file_stream` posts of {@link Transport.postJson}) waits for one of its
 * slots, so however many calls run in parallel — history windows, `runs.histories()`, prefetched
 * pages, the user's own `Promise.all` — at most {@link Limiter.width} requests are on the wire.
 * Built on the bounded pool of `pool.ts` (`p-limit`), whose width it adapts:
 *
 * - it starts at `max` (the `concurrency` option, default 8);
 * - a `429 Too Many Requests` halves it (rounded down, at least 1) — once per burst: a 429 of a
 *   request that was sent before the last decrease is ignored, since that request could not
 *   have known about it;
 * - it grows back by one after each window of consecutive successful (2xx) requests sent since
 *   the last change, a window being as many requests as the current width, never above `max`.
 *   Any other failure (another status, a network error, a timeout) restarts the window; a
 *   request the caller aborted counts for nothing.
 *
 * The limiter bounds attempts, not calls: it wraps the `fetch` each attempt goes through, so a
 * retry waiting out its backoff holds no slot, and a call made while another one waits (nested
 * work) cannot deadlock. An attempt waiting for its slot whose signal aborts rejects at once with
 * the signal's reason and is never sent. Storage transfers (signed URLs on other hosts) do not go
 * through it; they have their own pool (`transferConcurrency`).
 *
 * @example
 * ```ts
 * const limiter = createLimiter(8);
 * const limited = limiter.wrap(globalThis.fetch);
 * await Promise.all(bodies.map((body) => limited('https://api.wandb.ai/graphql', { method: 'POST', body })));
 * console.log(limiter.width); // 4 if one of them was answered 429
 * ```
 * @module
 */
import { createPool } from './pool.js';

/**
 * What {@link createLimiter} returns: the current width and load, and {@link Limiter.wrap} to
 * bound a `fetch` by it.
 *
 * @example
 * ```ts
 * const limiter: Limiter = createLimiter(8);
 * const f = limiter.wrap(fetch);
 * ```
 */
export interface Limiter {
  /** How many attempts may be in flight now: from 1 to {@link max}. */
  readonly width: number;
  /** The widest it gets (the configured `concurrency`). */
  readonly max: number;
  /** Attempts in flight now. */
  readonly active: number;
  /** Attempts waiting for a slot (including ones whose signal aborted, until their turn comes). */
  readonly waiting: number;
  /**
   * A `fetch` that takes a slot for each call (until its response, body included when `inner`
   * reads it), and adapts the width to each outcome (see the module description). A call waiting
   * for its slot rejects at once with the reason of `init.signal` when it aborts, and is never sent.
   */
  wrap(inner: typeof fetch): typeof fetch;
}

/**
 * Creates a {@link Limiter} of at most `max` slots (a positive integer), starting at `max`.
 *
 * @example
 * ```ts
 * const limiter = createLimiter(8);
 * const transportFetch = limiter.wrap(fetchWithTimeout(authFetch(options)));
 * ```
 */
export function createLimiter(max: number): Limiter {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new RangeError(`createLimiter: max must be a positive integer, got ${String(max)}`);
  }
  const pool = createPool(max);
  // `epoch` counts width changes; an attempt only counts when none happened since it was sent.
  let epoch = 0;
  let successes = 0;

  const change = (width: number): void => {
    pool.width = width;
    epoch++;
    successes = 0;
  };

  const record = (sentIn: number, status: number | undefined): void => {
    if (sentIn !== epoch) return;
    if (status === 429) {
      change(Math.max(1, Math.floor(pool.width / 2)));
    } else if (status !== undefined && status >= 200 && status < 300) {
      successes++;
      if (successes >= pool.width) {
        if (pool.width < max) change(pool.width + 1);
        else successes = 0;
      }
    } else {
      successes = 0;
    }
  };

  return {
    get width() {
      return pool.width;
    },
    max,
    get active() {
      return pool.active;
    },
    get waiting() {
      return pool.waiting;
    },
    wrap(inner: typeof fetch): typeof fetch {
      return (input, init) => {
        const signal = init?.signal ?? undefined;
        return pool.run(async () => {
          const sentIn = epoch;
          try {
            const res = await inner(input, init);
            record(sentIn, res.status);
            return res;
          } catch (e) {
            if (!signal?.aborted) record(sentIn, undefined);
            throw e;
          }
        }, signal);
      };
    },
  };
}
