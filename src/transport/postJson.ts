/**
 * A JSON `POST` to a path under the API base URL (such as a run's `file_stream`), with the
 * transport's retry policy: network errors, per-attempt timeouts, 408, 429 and 5xx but 501 are
 * retried with backoff and jitter, `Retry-After` honoured ({@link withRetries}); every other status
 * is final. Only use it for requests that are safe to repeat: a lost response is sent again.
 *
 * The `fetch` given is expected to add the credentials (the transport passes its authenticated
 * one, which adds them only under the base URL). Each attempt, body included, is bounded by the
 * per-attempt timeout. Failures are typed errors whose message, request and cause never show a
 * secret.
 *
 * @example
 * ```ts
 * const answer = await postJson('https://api.wandb.ai/files/acme/vision/a1b2/file_stream', '{"files":{}}', {
 *   fetch: authenticatedFetch,
 *   what: 'file_stream of acme/vision/a1b2',
 * });
 * ```
 * @module
 */
import { type RedactedRequest, TimeoutError, redactHeaders } from '../errors/index.js';
import { parseRetryAfter } from './backoff.js';
import { abortReason, DEFAULT_TIMEOUT_MS, fetchWithTimeout } from './fetchWithTimeout.js';
import type { Limiter } from './limiter.js';
import type { RetryOptions } from './retryPolicy.js';
import type { AttemptOutcome } from './retryLoop.js';
import { attemptsOrError, bodyDetail } from './attempts.js';

/**
 * Per-call options of `Transport.postJson`.
 *
 * @example
 * ```ts
 * const call: PostJsonCall = { signal: AbortSignal.timeout(600_000), what: 'file_stream of acme/vision/a1b2', timeoutMs: 180_000 };
 * ```
 */
export interface PostJsonCall {
  /** Cancels the request (and any wait for a retry): it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** What is being done, for messages and retry events. Default `POST <path>`. */
  what?: string;
  /** Per-attempt timeout, in ms. Default: the transport's `timeoutMs`. */
  timeoutMs?: number;
  /**
   * Retry bounds for this call (`maxAttempts`, `maxElapsedMs`, ...), over the transport's retry
   * policy (its `onRetry` is kept). Ignored when the transport's policy is `false` (no retries).
   * Default: the transport's policy as it is.
   */
  retryBounds?: Omit<RetryOptions, 'onRetry'>;
}

/**
 * Options of {@link postJson}.
 *
 * @example
 * ```ts
 * const options: PostJsonOptions = { fetch, what: 'file_stream of acme/vision/a1b2', retry: { maxAttempts: 3 } };
 * ```
 */
export interface PostJsonOptions {
  /** The `fetch` to call (the authenticated one for the base URL). */
  fetch: typeof fetch;
  /** What is being done, for messages and {@link RetryEvent.what}. Default `POST <path>`. */
  what?: string;
  /** Cancels the request (and any wait for a retry): it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Longest time one attempt may take, body included, in ms; `0` or `Infinity` for none.
   * @defaultValue 30_000
   */
  timeoutMs?: number;
  /** Retry bounds, or `false` for a single attempt. Default {@link DEFAULT_RETRY}. */
  retry?: RetryOptions | false;
  /** Strings that must never appear in an error (the API key). */
  secrets?: readonly string[];
  /** Headers to show in an error's request (redacted). Default `Content-Type` only. */
  shownHeaders?: Record<string, string>;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
  /**
   * A limiter each attempt waits for (the transport's request limiter); its per-attempt timeout
   * starts once it has a slot. Default: none.
   */
  limiter?: Pick<Limiter, 'wrap'>;
  /** Clock in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * Posts `body` (a JSON text) to `url` and resolves with the parsed JSON answer (`undefined` for an
 * empty or non-JSON 2xx body), or rejects with a typed error: `AuthenticationError` (401),
 * `PermissionError` (403), `NotFoundError` (404), `ConflictError` (409), `RateLimitError` (429),
 * `ServerError` (5xx), `TimeoutError`, `NetworkError`, `WandbError` for other statuses; with the
 * signal's reason when `signal` aborts.
 *
 * @example
 * ```ts
 * await postJson(`${baseUrl}/files/acme/vision/a1b2/file_stream`, JSON.stringify({ complete: true, exitcode: 0 }), { fetch });
 * ```
 */
export async function postJson(url: string, body: string, options: PostJsonOptions): Promise<unknown> {
  const what = options.what ?? `POST ${new URL(url).pathname}`;
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const signal = options.signal;
  const timed = fetchWithTimeout(options.fetch, { timeoutMs });
  const send = options.limiter ? options.limiter.wrap(timed) : timed;
  const request: RedactedRequest = {
    url,
    method: 'POST',
    headers: redactHeaders(options.shownHeaders ?? { 'Content-Type': 'application/json' }),
  };

  const attempt = async (): Promise<AttemptOutcome<unknown>> => {
    let res: Response;
    try {
      res = await send(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      return error instanceof TimeoutError ? { kind: 'timeout', error } : { kind: 'network', error };
    }
    // fetchWithTimeout has read the body already: this cannot hang.
    const text = await res.text();
    if (!res.ok) {
      return {
        kind: 'status',
        status: res.status,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now()),
        detail: bodyDetail(text, secrets),
      };
    }
    if (text.trim() === '') return { kind: 'ok', value: undefined };
    try {
      return { kind: 'ok', value: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'ok', value: undefined };
    }
  };

  return attemptsOrError(
    attempt,
    { retry: options.retry, target: 'http', what, signal, now, random: options.random },
    { what, request, secrets, timeoutMs, server: 'W&B server' },
  );
}
