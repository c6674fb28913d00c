/**
 * The typed errors of a failed HTTP attempt outside GraphQL — a storage transfer's or a
 * `file_stream` post's: {@link storageStatusError} for a status, {@link failedAttemptError} for
 * the last failed attempt, {@link attemptsOrError} around a retry loop, {@link bodyDetail} for
 * what a server said. A module of its own, so that the `file_stream` posts (`postJson.ts`) need
 * not load the storage transfers (`storage.ts`, loaded with the first one).
 *
 * @example
 * ```ts
 * throw storageStatusError(403, { what: 'Download of "a.txt"', request, attempts: 1 });
 * ```
 * @module
 */
import {
  AuthenticationError,
  ConflictError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  type RedactedRequest,
  ServerError,
  TimeoutError,
  WandbError,
  scrubSecrets,
} from '../errors/index.js';
import { errorCode, scrubError } from './resultError.js';
import { type AttemptOutcome, type FailedAttempt, type RetryLoopOptions, withRetries } from './retryLoop.js';

/**
 * What {@link storageStatusError} needs besides the status.
 *
 * @example
 * ```ts
 * const ctx: StorageErrorContext = { what: 'Download of "a.txt"', request: { url, method: 'GET', headers: {} }, attempts: 1 };
 * ```
 */
export interface StorageErrorContext {
  /** What was being done, e.g. `Download of "a.txt"`. */
  what: string;
  /** The request, redacted. */
  request: RedactedRequest;
  /** A short, scrubbed explanation from the response body, if any. */
  detail?: string;
  /** The server's `Retry-After`, in ms. */
  retryAfterMs?: number;
  /** Attempts made. */
  attempts: number;
  /** Who answered, for messages. Default `storage server`; e.g. `W&B server` for a request to the base URL. */
  server?: string;
}

/**
 * The typed error for a storage response with a failing status: 401 `AuthenticationError`, 403
 * `PermissionError` (a signed URL refused, often because it expired), 404 `NotFoundError`, 408
 * `TimeoutError`, 409 `ConflictError`, 429 `RateLimitError`, 5xx `ServerError`, anything else a
 * `WandbError`. `status` is set on each.
 *
 * @example
 * ```ts
 * storageStatusError(403, { what: 'Download of "a.txt"', request, attempts: 1 }) instanceof PermissionError; // true
 * ```
 */
export function storageStatusError(status: number, ctx: StorageErrorContext): WandbError {
  const at = ` at ${ctx.request.url}`;
  const after = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  const detail = ctx.detail ? `: ${ctx.detail}` : '';
  const opts = { status, request: ctx.request };
  const head = `${ctx.what} failed`;
  const server = ctx.server ?? 'storage server';
  const signed = ctx.server === undefined ? '; a signed URL may have expired' : '';
  if (status === 401)
    return new AuthenticationError(`${head}: not authorized by the ${server} (HTTP 401)${at}${detail}`, opts);
  if (status === 403)
    return new PermissionError(
      `${head}: access denied by the ${server} (HTTP 403)${at}${signed}${detail}`,
      opts,
    );
  if (status === 404) return new NotFoundError(`${head}: not found (HTTP 404)${at}${detail}`, opts);
  if (status === 408)
    return new TimeoutError(`${head}: the ${server} timed out (HTTP 408)${after}${at}`, opts);
  if (status === 409) return new ConflictError(`${head}: conflict (HTTP 409)${at}${detail}`, opts);
  if (status === 429) {
    const wait =
      ctx.retryAfterMs === undefined
        ? ''
        : `; the server asked to wait ${Math.ceil(ctx.retryAfterMs / 1000)} s`;
    return new RateLimitError(`${head}: rate limited (HTTP 429)${after}${wait}${at}`, {
      ...opts,
      ...(ctx.retryAfterMs === undefined ? {} : { retryAfterMs: ctx.retryAfterMs }),
    });
  }
  if (status >= 500 && status <= 599)
    return new ServerError(`${head}: ${server} error (HTTP ${status})${after}${at}${detail}`, opts);
  return new WandbError(`${head}: HTTP ${status}${at}${detail}`, 'UNKNOWN', opts);
}

const MAX_DETAIL = 200;

/**
 * A short explanation from an error body: a JSON `errors[0].message` / `message`, an XML
 * `<Message>`, or plain text; scrubbed of `secrets` and cut at 200 characters.
 *
 * @example
 * ```ts
 * bodyDetail('{"message":"run is finished"}', []); // 'run is finished'
 * ```
 */
export function bodyDetail(text: string, secrets: readonly string[]): string | undefined {
  let detail: string | undefined;
  try {
    const json = JSON.parse(text) as { errors?: { message?: unknown }[]; message?: unknown; error?: unknown };
    const m = json?.errors?.[0]?.message ?? json?.message ?? json?.error;
    if (typeof m === 'string') detail = m;
  } catch {
    const xml = /<Message>([\s\S]*?)<\/Message>/i.exec(text);
    if (xml?.[1]) detail = xml[1];
    else if (!/^\s*</.test(text)) detail = text;
  }
  if (!detail) return undefined;
  const clean = scrubSecrets(detail, secrets).replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  return clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL)}…` : clean;
}

/**
 * Runs `attempt` with {@link withRetries} and resolves with its value, or rejects with the typed
 * error of the last failed attempt ({@link failedAttemptError}).
 *
 * @example
 * ```ts
 * const res = await attemptsOrError(() => once(url), { target: 'storage', what, retry }, { what, request, secrets, timeoutMs });
 * ```
 */
export async function attemptsOrError<T>(
  attempt: () => Promise<AttemptOutcome<T>>,
  loop: RetryLoopOptions,
  ctx: FailedAttemptContext,
): Promise<T> {
  const outcome = await withRetries(attempt, loop);
  if (outcome.ok) return outcome.value;
  throw failedAttemptError(outcome.failure, outcome.attempts, ctx);
}

/**
 * What {@link failedAttemptError} needs to describe a failure.
 *
 * @example
 * ```ts
 * const ctx: FailedAttemptContext = { what: 'Download of "a.txt"', request, secrets: [], timeoutMs: 30_000 };
 * ```
 */
export interface FailedAttemptContext {
  /** What was being done, e.g. `Download of "a.txt"`. */
  what: string;
  /** The request, redacted. */
  request: RedactedRequest;
  /** Strings scrubbed from the causes. */
  secrets: readonly string[];
  /** The per-attempt timeout, for the message of a timeout. */
  timeoutMs: number;
  /** Who answered; see {@link StorageErrorContext.server}. */
  server?: string;
}

/**
 * The typed error of a request's last failed attempt: {@link storageStatusError} for a status, a
 * {@link TimeoutError} for the per-attempt timeout, a {@link NetworkError} for no response; causes
 * are scrubbed of `secrets`.
 *
 * @example
 * ```ts
 * throw failedAttemptError(outcome.failure, outcome.attempts, { what, request, secrets, timeoutMs: 30_000 });
 * ```
 */
export function failedAttemptError(
  failure: FailedAttempt,
  attempts: number,
  ctx: {
    what: string;
    request: RedactedRequest;
    secrets: readonly string[];
    timeoutMs: number;
    server?: string;
  },
): WandbError {
  const after = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (failure.kind === 'status') {
    return storageStatusError(failure.status, {
      what: ctx.what,
      request: ctx.request,
      attempts,
      ...(ctx.server === undefined ? {} : { server: ctx.server }),
      ...(failure.detail === undefined ? {} : { detail: failure.detail }),
      ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    });
  }
  const cause = scrubError(failure.error, ctx.secrets);
  const url = ctx.request.url;
  if (failure.kind === 'timeout') {
    return new TimeoutError(
      `${ctx.what} failed: no response from ${url} within ${ctx.timeoutMs} ms${after}`,
      {
        request: ctx.request,
        cause,
      },
    );
  }
  const code = errorCode(failure.error);
  return new NetworkError(`${ctx.what} failed: could not reach ${url}${after}${code ? ` (${code})` : ''}`, {
    request: ctx.request,
    cause,
  });
}
