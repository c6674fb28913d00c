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
import {
  attemptsExhausted,
  reportRetry,
  resolveRetryOptions,
  retryEvent,
  type RetryOptions,
} from './retryPolicy.js';

export {
  attemptsExhausted,
  DEFAULT_RETRY,
  reportRetry,
  resolveRetryOptions,
  retryEvent,
} from './retryPolicy.js';
export type { RetryBounds, RetryEvent, RetryOptions } from './retryPolicy.js';

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
