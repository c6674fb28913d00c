/**
 * A `fetch` wrapper that bounds each attempt with a timeout.
 *
 * The timeout covers the whole attempt — connecting, waiting for the headers and reading the body —
 * because the body is read into memory before the `Response` is handed back (GraphQL responses are
 * small JSON documents; do not use this wrapper for large downloads). When the timeout fires the
 * request is aborted and the returned promise rejects with a {@link TimeoutError}. When the
 * caller's `init.signal` aborts first, the promise rejects with that signal's reason (an
 * `AbortError` `DOMException` unless the caller gave another reason), never with a `TimeoutError`.
 *
 * @example
 * ```ts
 * const fetch30s = fetchWithTimeout(globalThis.fetch, { timeoutMs: 30_000 });
 * await fetch30s('https://api.wandb.ai/graphql', { method: 'POST', body });
 * ```
 * @module
 */
import { TimeoutError } from '../errors/index.js';

/** Options of {@link fetchWithTimeout}. */
export interface FetchWithTimeoutOptions {
  /**
   * Longest time one call may take, in ms, body included. `0` or `Infinity` disables the timeout.
   * @defaultValue 30_000
   */
  timeoutMs?: number;
}

/** The default per-attempt timeout: 30 s, as the W&B Go client uses for each GraphQL attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Whether `e` is an abort (a `DOMException` or `Error` named `AbortError`). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/**
 * What an aborted signal rejects with: its `reason`, else a `DOMException` named `AbortError`.
 *
 * @example
 * ```ts
 * if (signal.aborted) throw abortReason(signal);
 * ```
 */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Resolves like `promise`, but rejects with the signal's reason as soon as `signal` aborts (at
 * once when it already has, and when it had by the time `promise` failed); `promise` itself goes on. For work shared by several callers, each
 * with its own signal.
 *
 * @example
 * ```ts
 * const manifest = await abortable(sharedManifestFetch, options.signal);
 * ```
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? abortReason(signal) : e);
      },
    );
  });
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Wraps `fetchImpl` so that every call is aborted after `timeoutMs` (default {@link DEFAULT_TIMEOUT_MS}).
 *
 * @param fetchImpl - the `fetch` to call; looked up on every call, so a lazily bound global works.
 * @param options - see {@link FetchWithTimeoutOptions}.
 */
export function fetchWithTimeout(
  fetchImpl: typeof fetch,
  options: FetchWithTimeoutOptions = {},
): typeof fetch {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const bounded = Number.isFinite(timeoutMs) && timeoutMs > 0;

  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const outer = init?.signal ?? undefined;
    if (outer?.aborted) throw abortReason(outer);
    const controller = new AbortController();
    let timedOut = false;
    const onOuterAbort = (): void => controller.abort(abortReason(outer as AbortSignal));
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const timer = bounded
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException('The attempt timed out.', 'TimeoutError'));
        }, timeoutMs)
      : undefined;
    try {
      const res = await fetchImpl(input, { ...init, signal: controller.signal });
      // Read the body under the same timeout, then hand back an equivalent, already-loaded Response.
      const body = NULL_BODY_STATUSES.has(res.status) ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
      if (timedOut) {
        throw new TimeoutError(`No complete response within ${timeoutMs} ms`, { cause: plainCause(e) });
      }
      if (outer?.aborted) throw abortReason(outer);
      throw e;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };
}

function plainCause(e: unknown): unknown {
  // The abort error of a timed-out fetch says nothing useful beyond its name; keep it small.
  return e instanceof Error ? { name: e.name, message: e.message } : e;
}
