/**
 * An urql exchange that retries failed operations with exponential backoff and jitter, honouring
 * `Retry-After`, within a bounded number of attempts and a bounded total time.
 *
 * What is retried:
 * - **Queries**: no HTTP response (connection refused/reset, DNS failure), a per-attempt timeout,
 *   and HTTP 408, 429 and 5xx except 501 (see {@link isRetryableStatus}).
 * - **Mutations**: only when repeating them is safe — the connection was never established
 *   (connection refused, DNS failure: the server cannot have seen the request), or the operation
 *   context says `idempotent: true`, in which case they are retried like queries.
 * - Never: HTTP 400, 401, 403, 404, 409, 410, 413, 422, 501, other 4xx, GraphQL `errors` in a 2xx
 *   response, malformed 2xx bodies, caller aborts.
 *
 * How often: at most `maxAttempts` attempts, except that 429s count against their own, larger
 * budget, `maxRateLimitAttempts` (default 20, as the official client's Go transport).
 *
 * When to retry: after `Retry-After` if the response has one (exactly that long, not capped),
 * else after {@link computeDelay}`(attempt)`. No attempt starts after `maxElapsedMs` from the
 * first one: if the wait would end past that budget, the last failed result is delivered at once.
 *
 * A pending retry is dropped when the operation is torn down (or re-dispatched), and its timer is
 * cleared with it: an aborted request never fires again and leaves no timer behind (so nothing
 * keeps a Node process alive for the rest of a long `Retry-After`).
 *
 * Each scheduled retry is reported to `onRetry` (a {@link RetryEvent}: the attempt, the delay, why),
 * which is how tests and logs see the delays without measuring time.
 *
 * @example
 * ```ts
 * new Client({ url, exchanges: [retryExchange({ maxAttempts: 3 }), fetchExchange] });
 * client.mutation(doc, vars, { idempotent: true }); // retried like a query
 * ```
 * @module
 */
import type { Exchange, Operation, OperationContext, OperationResult } from '@urql/core';
import { getOperationName, makeOperation } from '@urql/core';
import { filter, make, makeSubject, map, merge, mergeMap, pipe, share, type Source, takeUntil } from 'wonka';
import { computeDelay, isRetryableStatus } from './backoff.js';
import { type Failure, classify } from './classify.js';

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

/**
 * A source that emits `value` once after `ms`, then ends. Closing it before then (a teardown)
 * clears its timer, which wonka's `delay` does not: it leaves its timers running.
 */
function after<T>(value: T, ms: number): Source<T> {
  return make<T>((observer) => {
    const timer = setTimeout(() => {
      observer.next(value);
      observer.complete();
    }, ms);
    return () => clearTimeout(timer);
  });
}

/** Options of {@link retryExchange}. */
export interface RetryExchangeOptions extends RetryOptions {
  /** Source of jitter in [0, 1). Default: `Math.random`. */
  random?: () => number;
  /** Clock in ms since the epoch. Default: `Date.now`. */
  now?: () => number;
}

/** Per-operation retry bookkeeping, kept in `operation.context.retryState`. */
export interface RetryState {
  /** Number of the attempt this operation is (1 for the first). */
  attempt: number;
  /** When the first attempt started, ms since the epoch. */
  startedAt: number;
  /** How many of the failed attempts so far were answered 429 (see {@link RetryOptions.maxRateLimitAttempts}). */
  rateLimited?: number;
}

/** Reads `context.retryState`, if our exchange put one there. */
export function retryStateOf(context: OperationContext): RetryState | undefined {
  const s: unknown = context.retryState;
  if (typeof s !== 'object' || s === null) return undefined;
  const { attempt, startedAt, rateLimited } = s as {
    attempt?: unknown;
    startedAt?: unknown;
    rateLimited?: unknown;
  };
  if (typeof attempt !== 'number' || typeof startedAt !== 'number') return undefined;
  return typeof rateLimited === 'number' ? { attempt, startedAt, rateLimited } : { attempt, startedAt };
}

/** Whether the operation context marks the operation safe to repeat (`idempotent: true`). */
export function isIdempotent(operation: Operation): boolean {
  return operation.kind === 'query' || (operation.context.idempotent as unknown) === true;
}

/** Whether a failure of `operation` may be retried at all (budget aside). */
export function isRetryable(failure: Failure, operation: Operation): boolean {
  const safe = isIdempotent(operation);
  switch (failure.kind) {
    case 'http':
      return safe && failure.status !== undefined && isRetryableStatus(failure.status);
    case 'timeout':
      return safe;
    case 'network':
      return safe || failure.notSent;
    default:
      return false;
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

/**
 * Creates the retry exchange. See the module description for the policy.
 *
 * @example
 * ```ts
 * new Client({ url, exchanges: [retryExchange({ maxAttempts: 3, onRetry: (e) => console.warn(e) }), fetchExchange] });
 * ```
 */
export function retryExchange(options: RetryExchangeOptions = {}): Exchange {
  const bounds = resolveRetryOptions(options);
  const { initialDelayMs, maxDelayMs, maxElapsedMs } = bounds;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  return ({ forward }) =>
    (operations$) => {
      const ops$ = pipe(operations$, share);
      const { source: retries$, next: scheduleRetry } = makeSubject<{
        operation: Operation;
        delayMs: number;
      }>();

      const fresh$ = pipe(
        ops$,
        map((op: Operation): Operation =>
          op.kind === 'query' || op.kind === 'mutation'
            ? makeOperation(op.kind, op, { ...op.context, retryState: { attempt: 1, startedAt: now() } })
            : op,
        ),
      );

      const delayed$ = pipe(
        retries$,
        mergeMap(({ operation, delayMs }) => {
          // A teardown, or the same query dispatched again, cancels the pending retry.
          const cancel$ = pipe(
            ops$,
            filter((op) => op.key === operation.key && (op.kind === 'teardown' || op.kind === 'query')),
          );
          return pipe(after(operation, delayMs), takeUntil(cancel$));
        }),
      );

      return pipe(
        merge([fresh$, delayed$]),
        forward,
        share,
        filter((result: OperationResult) => {
          const op = result.operation;
          if (!result.error || (op.kind !== 'query' && op.kind !== 'mutation')) return true;
          const t = now();
          const failure = classify(result, t);
          if (!isRetryable(failure, op)) return true;
          const state = retryStateOf(op.context) ?? { attempt: 1, startedAt: t };
          const isRateLimit = failure.kind === 'http' && failure.status === 429;
          const rateLimited = (state.rateLimited ?? 0) + (isRateLimit ? 1 : 0);
          if (attemptsExhausted(bounds, state.attempt, rateLimited, isRateLimit)) return true;
          const delayMs =
            failure.retryAfterMs ?? computeDelay(state.attempt, { initialDelayMs, maxDelayMs }, random);
          if (t + delayMs - state.startedAt > maxElapsedMs) return true;
          const next = makeOperation(op.kind, op, {
            ...op.context,
            retryState: { attempt: state.attempt + 1, startedAt: state.startedAt, rateLimited },
          });
          // Scheduled before it is reported, so a hook that aborts the call cancels the timer too.
          scheduleRetry({ operation: next, delayMs });
          const what = getOperationName(op.query) ?? `Anonymous ${op.kind}`;
          reportRetry(options.onRetry, retryEvent('graphql', what, state.attempt, delayMs, failure));
          return false;
        }),
      );
    };
}
