/**
 * The retry loop of the plain HTTP requests (storage transfers and JSON posts to the base URL):
 * it runs one attempt after another until one succeeds, the failure is final, or the bounds of
 * the retry policy ({@link RetryOptions}) are reached. Network errors, timeouts and the statuses
 * {@link isRetryableStatus} accepts are retried, after the server's `Retry-After` when it gave one,
 * else after {@link computeDelay}; each scheduled retry is reported to `onRetry`. The caller turns
 * the last failure into a typed error.
 *
 * @example
 * ```ts
 * const outcome = await withRetries(() => attemptOnce(), { retry: {}, target: 'storage', what: 'Download of "a.txt"' });
 * if (!outcome.ok) throw toError(outcome.failure, outcome.attempts);
 * ```
 * @module
 */
import { computeDelay, isRetryableStatus } from './backoff.js';
import { abortReason } from './fetchWithTimeout.js';
import {
  attemptsExhausted,
  DEFAULT_RETRY,
  reportRetry,
  resolveRetryOptions,
  retryEvent,
  type RetryEvent,
  type RetryOptions,
} from './retryPolicy.js';

/**
 * A failed attempt: a failing HTTP status (with the server's `Retry-After` and a short, scrubbed
 * explanation from its body), the per-attempt timeout, or no response at all.
 *
 * @example
 * ```ts
 * const failed: FailedAttempt = { kind: 'status', status: 503, retryAfterMs: 1_000, detail: 'busy' };
 * ```
 */
export type FailedAttempt =
  | { kind: 'status'; status: number; retryAfterMs: number | undefined; detail: string | undefined }
  | { kind: 'timeout'; error: unknown }
  | { kind: 'network'; error: unknown };

/**
 * What one attempt gave: a value, or a {@link FailedAttempt}.
 *
 * @example
 * ```ts
 * const done: AttemptOutcome<Response> = { kind: 'ok', value: response };
 * ```
 */
export type AttemptOutcome<T> = { kind: 'ok'; value: T } | FailedAttempt;

/**
 * Options of {@link withRetries}.
 *
 * @example
 * ```ts
 * const options: RetryLoopOptions = { retry: { maxAttempts: 3 }, target: 'http', what: 'POST /files/a/b/c/file_stream' };
 * ```
 */
export interface RetryLoopOptions {
  /** Retry bounds, or `false` for a single attempt. Default {@link DEFAULT_RETRY}. */
  retry?: RetryOptions | false | undefined;
  /** What {@link RetryEvent.target} says. */
  target: RetryEvent['target'];
  /** What is being done, for {@link RetryEvent.what}. */
  what: string;
  /** Stops the loop: it rejects with the signal's reason, also during a wait. */
  signal?: AbortSignal | undefined;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: (() => number) | undefined;
  /** Clock in ms since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts.
 *
 * @example
 * ```ts
 * await sleep(1_000, signal);
 * ```
 */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds or its failure is final (see the module description), and
 * resolves with the value, or with the last failure and the number of attempts made. Rejects
 * with the signal's reason when `signal` aborts (before an attempt, after one, or during a wait).
 *
 * @example
 * ```ts
 * const outcome = await withRetries(() => once(url), { retry: { maxAttempts: 3 }, target: 'storage', what, signal });
 * ```
 */
export async function withRetries<T>(
  attempt: () => Promise<AttemptOutcome<T>>,
  options: RetryLoopOptions,
): Promise<{ ok: true; value: T } | { ok: false; failure: FailedAttempt; attempts: number }> {
  const { signal, target, what } = options;
  const bounds =
    options.retry === false
      ? { ...DEFAULT_RETRY, maxAttempts: 1, maxRateLimitAttempts: 1 }
      : resolveRetryOptions(options.retry);
  const onRetry = options.retry === false ? undefined : options.retry?.onRetry;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const startedAt = now();

  let rateLimited = 0;
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw abortReason(signal);
    const result = await attempt();
    if (result.kind === 'ok') return { ok: true, value: result.value };
    if (signal?.aborted) throw abortReason(signal);

    const retryable = result.kind !== 'status' || isRetryableStatus(result.status);
    const isRateLimit = result.kind === 'status' && result.status === 429;
    if (isRateLimit) rateLimited++;
    const delayMs =
      (result.kind === 'status' ? result.retryAfterMs : undefined) ??
      computeDelay(n, { initialDelayMs: bounds.initialDelayMs, maxDelayMs: bounds.maxDelayMs }, random);
    if (
      retryable &&
      !attemptsExhausted(bounds, n, rateLimited, isRateLimit) &&
      now() + delayMs - startedAt <= bounds.maxElapsedMs
    ) {
      const failure =
        result.kind === 'status'
          ? { kind: 'http' as const, status: result.status, retryAfterMs: result.retryAfterMs }
          : { kind: result.kind };
      reportRetry(onRetry, retryEvent(target, what, n, delayMs, failure));
      await sleep(delayMs, signal);
      continue;
    }
    return { ok: false, failure: result, attempts: n };
  }
}
