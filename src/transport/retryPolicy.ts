/**
 * The retry policy shared by GraphQL requests ({@link retryExchange}), storage transfers and other
 * HTTP requests (the retry loop): its bounds and their defaults, and the events reported to
 * `onRetry`. No urql here, so the HTTP paths do not carry it.
 *
 * @example
 * ```ts
 * const bounds = resolveRetryOptions({ maxAttempts: 3 });
 * reportRetry(onRetry, retryEvent('storage', 'Download of "a.txt"', 1, bounds.initialDelayMs, failure));
 * ```
 * @module
 */
import type { Failure } from './classify.js';

/**
 * Bounds of the retry policy. Every field is optional; each one's default is given with it.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { maxAttempts: 3, maxElapsedMs: 10_000, onRetry: (e) => console.warn(e.what) };
 * const api = new Api({ retry });
 * ```
 */
export interface RetryOptions {
  /**
   * Most attempts per operation, the first one included; `1` disables retries.
   * @defaultValue 5
   */
  maxAttempts?: number;
  /**
   * Most attempts per operation while the server answers HTTP 429 (rate limited), counted apart
   * from {@link RetryOptions.maxAttempts}: a 429 means "slow down", not "this request is broken",
   * and the client already slows down for it (the limiter halves its width, `Retry-After` is
   * obeyed), so it gets a larger budget, as the official client does (its Go transport retries 20
   * times). An operation gives up at its `maxAttempts`-th failure of another kind or at its
   * `maxRateLimitAttempts`-th 429, whichever comes first, and always within `maxElapsedMs`.
   * @defaultValue 20, or `maxAttempts` when that is given (so `{ maxAttempts: 3 }` still means at most 3 attempts)
   * @example
   * ```ts
   * new Api({ retry: { maxAttempts: 3, maxRateLimitAttempts: 10 } });
   * ```
   */
  maxRateLimitAttempts?: number;
  /**
   * Delay before the first retry, in ms; it doubles with each attempt, plus up to 25 % jitter.
   * @defaultValue 1_000
   */
  initialDelayMs?: number;
  /**
   * Cap on a computed backoff delay, in ms (a server's `Retry-After` is not capped by it).
   * @defaultValue 30_000
   */
  maxDelayMs?: number;
  /**
   * Budget from the first attempt, in ms: no attempt starts later than this. The attempt in flight
   * is bounded by the per-attempt timeout, so a call lasts at most about `maxElapsedMs + timeoutMs`.
   * @defaultValue 60_000
   */
  maxElapsedMs?: number;
  /**
   * Called each time a retry is scheduled — for a GraphQL request or a storage transfer (file
   * download or upload) — just before the wait, e.g. to log it. What it throws is ignored.
   * @defaultValue none
   * @example
   * ```ts
   * new Api({ retry: { onRetry: (e) => console.warn(`${e.what}: attempt ${e.attempt} failed (${e.status ?? e.reason}), retrying in ${e.delayMs} ms`) } });
   * ```
   */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * The numeric bounds of {@link RetryOptions}, every one set.
 *
 * @example
 * ```ts
 * const bounds: RetryBounds = resolveRetryOptions({ maxAttempts: 3 });
 * ```
 */
export type RetryBounds = Required<Omit<RetryOptions, 'onRetry'>>;

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY: Readonly<RetryBounds> = Object.freeze({
  maxAttempts: 5,
  maxRateLimitAttempts: 20,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxElapsedMs: 60_000,
});

/**
 * One scheduled retry, as reported to {@link RetryOptions.onRetry}.
 *
 * @example
 * ```ts
 * const log = (e: RetryEvent) => console.warn(`${e.what} failed (attempt ${e.attempt}); next try in ${e.delayMs} ms`);
 * ```
 */
export interface RetryEvent {
  /**
   * What is retried: `'graphql'` (an API request), `'storage'` (a file download or upload) or
   * `'http'` (another request to the API base URL, such as a run's `file_stream` post).
   */
  target: 'graphql' | 'storage' | 'http';
  /** The GraphQL operation's name (`"RunsPage"`), or the storage transfer (`'Download of "a.txt"'`). */
  what: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** How long the client waits before the next attempt, in ms: the server's `Retry-After` when it gave one, else the backoff. */
  delayMs: number;
  /** Why the attempt failed: a retryable HTTP status, the per-attempt timeout, or no response at all. */
  reason: 'http' | 'timeout' | 'network';
  /** The HTTP status, when there was a response. */
  status?: number;
  /** The wait the server asked for with `Retry-After`, in ms, when it did. */
  retryAfterMs?: number;
}

/**
 * The {@link RetryEvent} of a failure about to be retried.
 *
 * @example
 * ```ts
 * retryEvent('graphql', 'Viewer', 1, 1000, { kind: 'http', status: 503, retryAfterMs: 1000, notSent: false });
 * // { target: 'graphql', what: 'Viewer', attempt: 1, delayMs: 1000, reason: 'http', status: 503, retryAfterMs: 1000 }
 * ```
 */
export function retryEvent(
  target: RetryEvent['target'],
  what: string,
  attempt: number,
  delayMs: number,
  failure: Pick<Failure, 'kind' | 'status' | 'retryAfterMs'>,
): RetryEvent {
  const reason = failure.kind === 'http' || failure.kind === 'timeout' ? failure.kind : 'network';
  return {
    target,
    what,
    attempt,
    delayMs,
    reason,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
  };
}

/**
 * Calls a caller's `onRetry` hook; what it throws is ignored (a logging hook must not break the request).
 *
 * @example
 * ```ts
 * reportRetry(options.onRetry, event);
 * ```
 */
export function reportRetry(onRetry: RetryOptions['onRetry'], event: RetryEvent): void {
  try {
    onRetry?.(event);
  } catch {
    // ignored, see above
  }
}

function positive(n: number | undefined, fallback: number): number {
  return n !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * Whether a failed attempt has used up its budget: the `maxRateLimitAttempts`-th 429, or the
 * `maxAttempts`-th failure of any other kind. `attempt` is the number of the attempt that failed
 * (1 for the first); `rateLimited` how many attempts, this one included, were answered 429.
 *
 * @example
 * ```ts
 * attemptsExhausted({ maxAttempts: 5, maxRateLimitAttempts: 20 }, 5, 5, true); // false: 5 of 20 429s
 * attemptsExhausted({ maxAttempts: 5, maxRateLimitAttempts: 20 }, 7, 2, false); // true: the 5th other failure
 * ```
 */
export function attemptsExhausted(
  bounds: Pick<RetryBounds, 'maxAttempts' | 'maxRateLimitAttempts'>,
  attempt: number,
  rateLimited: number,
  isRateLimit: boolean,
): boolean {
  return isRateLimit
    ? rateLimited >= bounds.maxRateLimitAttempts
    : attempt - rateLimited >= bounds.maxAttempts;
}

/**
 * The retry bounds in force for `options`: each field as given when it is a finite number >= 0
 * (`maxAttempts` and `maxRateLimitAttempts` rounded down, at least 1; `maxElapsedMs` may also be
 * `Infinity`), else its default from {@link DEFAULT_RETRY} (`maxRateLimitAttempts` defaults to
 * `maxAttempts` when that is given). GraphQL requests and storage requests both use it.
 *
 * @example
 * ```ts
 * resolveRetryOptions({ maxAttempts: 3 }); // { maxAttempts: 3, maxRateLimitAttempts: 3, initialDelayMs: 1000, maxDelayMs: 30000, maxElapsedMs: 60000 }
 * resolveRetryOptions({}).maxRateLimitAttempts; // 20
 * ```
 */
export function resolveRetryOptions(options: RetryOptions = {}): RetryBounds {
  const maxAttempts = Math.max(1, Math.floor(positive(options.maxAttempts, DEFAULT_RETRY.maxAttempts)));
  const rateLimitDefault =
    options.maxAttempts === undefined ? DEFAULT_RETRY.maxRateLimitAttempts : maxAttempts;
  return {
    maxAttempts,
    maxRateLimitAttempts: Math.max(1, Math.floor(positive(options.maxRateLimitAttempts, rateLimitDefault))),
    initialDelayMs: positive(options.initialDelayMs, DEFAULT_RETRY.initialDelayMs),
    maxDelayMs: positive(options.maxDelayMs, DEFAULT_RETRY.maxDelayMs),
    maxElapsedMs:
      options.maxElapsedMs === Infinity
        ? Infinity
        : positive(options.maxElapsedMs, DEFAULT_RETRY.maxElapsedMs),
  };
}
