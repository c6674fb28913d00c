/**
 * Requests to storage: the signed URLs W&B hands out to download run files (`directUrl`) and to
 * upload them (`uploadUrl`). A signed URL carries its own authorization (the signature in its
 * query string), so these requests never carry W&B credentials — only a URL relative to the
 * base URL (an on-prem proxy path, `/...`) is sent through the authenticated `fetch`.
 *
 * Each attempt without a body (a download) has a timeout for the response headers (the response
 * body, possibly large, is not timed); an upload is not timed at all, since its response only
 * comes once the whole body has been sent, which takes as long as the network needs (as W&B's own
 * clients do; cancel it with a signal);
 * network errors, timeouts, 408, 429 and 5xx but 501 are retried with the same backoff as GraphQL
 * (`Retry-After` honoured); an `AbortSignal` cancels the request, the body included. Failures are
 * typed errors ({@link storageStatusError}) whose message, request and cause show the URL without
 * its query string: signatures are secrets too.
 *
 * @example
 * ```ts
 * const res = await storageFetch(file.directUrl, { method: 'GET', what: 'Download of "a.txt"' }, { fetch });
 * const bytes = new Uint8Array(await res.arrayBuffer());
 * ```
 * @module
 */
import { NetworkError, REDACTED, type RedactedRequest, redactHeaders, redactUrl } from '../errors/index.js';
export { redactUrl } from '../errors/index.js';
import { parseRetryAfter } from './backoff.js';
import { abortReason, DEFAULT_TIMEOUT_MS } from './fetchWithTimeout.js';
import { scrubStorageError, urlSecrets } from './storage-secrets.js';

export { scrubStorageError };
import type { RetryOptions } from './retryPolicy.js';
import type { AttemptOutcome } from './retryLoop.js';
export { sleep } from './retryLoop.js';
import { attemptsOrError, bodyDetail } from './attempts.js';
// Moved to attempts.ts (which the `file_stream` posts use without loading this module).
export {
  attemptsOrError,
  bodyDetail,
  failedAttemptError,
  storageStatusError,
  type FailedAttemptContext,
  type StorageErrorContext,
} from './attempts.js';

/**
 * One request to a storage URL.
 *
 * @example
 * ```ts
 * const put: StorageRequest = { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'hi', what: 'Upload of "a.txt"' };
 * ```
 */
export interface StorageRequest {
  /** HTTP method. Default `GET`. */
  method?: 'GET' | 'PUT';
  /** Headers to send (e.g. those W&B lists in `uploadHeaders`). Default none. */
  headers?: Record<string, string>;
  /** Body of a `PUT`; sent again as is on a retry. */
  body?: Uint8Array | Blob | string;
  /** Cancels the request, including the reading of the body: it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** What is being done, for messages, e.g. `Download of "config.yaml"`. Default `<method> storage`. */
  what?: string;
}

/**
 * Options of {@link storageFetch}.
 *
 * @example
 * ```ts
 * const options: StorageFetchOptions = { fetch: globalThis.fetch, timeoutMs: 30_000, retry: { maxAttempts: 3 } };
 * ```
 */
export interface StorageFetchOptions {
  /** The `fetch` to call (already with or without credentials, as the URL requires). */
  fetch: typeof fetch;
  /**
   * Longest wait for the response headers of one attempt without a body (a `GET`), in ms; `0` or
   * `Infinity` for none. A request with a body (an upload) is not timed.
   * @defaultValue 30_000
   */
  timeoutMs?: number;
  /** Retry bounds (as for GraphQL), or `false` for a single attempt. Default {@link DEFAULT_RETRY}. */
  retry?: RetryOptions | false;
  /** More strings that must never appear in an error (the API key). The URL's query is always scrubbed. */
  secrets?: readonly string[];
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Clock in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * Where to send a storage URL the server gave: a URL starting with `/` is relative to the W&B
 * server (an on-prem proxy path) and is sent with W&B credentials; any other URL is used as is,
 * without credentials — even when it points at the W&B server itself.
 *
 * @example
 * ```ts
 * resolveStorageUrl('/storage/x?sig=1', 'https://wandb.example.com');
 * // { url: 'https://wandb.example.com/storage/x?sig=1', authenticated: true }
 * resolveStorageUrl('https://bucket.s3.amazonaws.com/k?sig=1', 'https://wandb.example.com');
 * // { url: 'https://bucket.s3.amazonaws.com/k?sig=1', authenticated: false }
 * ```
 */
export function resolveStorageUrl(url: string, baseUrl: string): { url: string; authenticated: boolean } {
  if (url.startsWith('/')) return { url: `${baseUrl.replace(/\/+$/, '')}${url}`, authenticated: true };
  return { url, authenticated: false };
}

/**
 * Headers as they may be shown: storage headers can carry keys (e.g. customer-provided
 * encryption keys), so only `Content-Type` / `Content-Length` keep their values.
 */
function shownHeaders(headers: Record<string, string>): Record<string, string> {
  const out = redactHeaders(headers);
  for (const k of Object.keys(out)) {
    if (!/^content-(type|length)$/i.test(k)) out[k] = REDACTED;
  }
  return out;
}

/** Hands back `res` with a body that calls `release` once it is read to the end, fails or is cancelled. */
function releasingBody(res: Response, release: () => void): Response {
  if (!res.body) {
    release();
    return res;
  }
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        release();
        throw e;
      }
      if (chunk.done) {
        release();
        controller.close();
      } else controller.enqueue(chunk.value);
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * Sends one storage request, retrying transient failures, and resolves with the (2xx) response
 * whose body the caller reads; or rejects with a typed error (see the module description), or
 * with the signal's reason when `request.signal` aborts.
 *
 * @example
 * ```ts
 * await storageFetch(uploadUrl, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'hi' }, { fetch });
 * ```
 */
export async function storageFetch(
  url: string,
  request: StorageRequest,
  options: StorageFetchOptions,
): Promise<Response> {
  const method = request.method ?? 'GET';
  const what = request.what ?? `${method} storage`;
  const signal = request.signal;
  const secrets = [...urlSecrets(url), ...(options.secrets ?? []).filter((s) => s.length > 0)];
  const redacted: RedactedRequest = {
    url: redactUrl(url),
    method,
    headers: shownHeaders(request.headers ?? {}),
  };
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new NetworkError(`${what} failed: the server gave an invalid storage URL (${redacted.url})`, {
      request: redacted,
    });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  return attemptsOrError(
    () => attemptOnce(url, request, options.fetch, timeoutMs, secrets, now),
    { retry: options.retry, target: 'storage', what, signal, now, random: options.random },
    { what, request: redacted, secrets, timeoutMs },
  );
}

async function attemptOnce(
  url: string,
  request: StorageRequest,
  fetchImpl: typeof fetch,
  timeoutMs: number,
  secrets: readonly string[],
  now: () => number,
): Promise<AttemptOutcome<Response>> {
  const outer = request.signal;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(abortReason(outer as AbortSignal));
  outer?.addEventListener('abort', onAbort, { once: true });
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    outer?.removeEventListener('abort', onAbort);
  };
  let timedOut = false;
  // An upload's response comes only once its whole body has been sent: the wait is not bounded.
  const timer =
    Number.isFinite(timeoutMs) && timeoutMs > 0 && request.body === undefined
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException('No response headers in time.', 'TimeoutError'));
        }, timeoutMs)
      : undefined;
  try {
    const init: RequestInit = {
      method: request.method ?? 'GET',
      signal: controller.signal,
      credentials: 'omit',
      redirect: 'follow',
    };
    if (request.headers) init.headers = request.headers;
    if (request.body !== undefined) init.body = request.body as BodyInit;
    const res = await fetchImpl(url, init);
    if (res.ok) {
      clearTimeout(timer);
      return { kind: 'ok', value: releasingBody(res, release) };
    }
    // An error body is small: read it under the same timeout, for a better message.
    let text = '';
    try {
      text = await res.text();
    } catch {
      // no body to explain the status; the status alone will do
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now());
    release();
    return { kind: 'status', status: res.status, retryAfterMs, detail: bodyDetail(text, secrets) };
  } catch (error) {
    release();
    if (timedOut) return { kind: 'timeout', error };
    return { kind: 'network', error };
  } finally {
    clearTimeout(timer);
  }
}
