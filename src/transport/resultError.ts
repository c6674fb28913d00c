/**
 * Turns a failed urql `OperationResult` into the typed error a caller should see.
 *
 * | failure                          | error                                       |
 * | -------------------------------- | ------------------------------------------- |
 * | HTTP 401                         | `AuthenticationError`                       |
 * | HTTP 403                         | `PermissionError`                           |
 * | HTTP 404                         | `NotFoundError`                             |
 * | HTTP 408, per-attempt timeout    | `TimeoutError`                              |
 * | HTTP 409                         | `ConflictError`                             |
 * | HTTP 429                         | `RateLimitError` (with `retryAfterMs`)      |
 * | HTTP 5xx                         | `ServerError`                               |
 * | other HTTP status                | `GraphQLRequestError` if the body had GraphQL errors, else `WandbError` |
 * | no response, malformed 2xx body  | `NetworkError`                              |
 * | GraphQL `errors` in a 2xx        | `GraphQLRequestError` (with partial `data`) |
 *
 * Messages start with the operation name (`RunsPage failed: ...`); server text is scrubbed of
 * credentials with {@link scrubSecrets} and shortened; causes are scrubbed copies.
 *
 * @module
 */
import type { OperationResult } from '@urql/core';
import {
  AuthenticationError,
  ConflictError,
  type GraphQLErrorEntry,
  GraphQLRequestError,
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
import { classify } from './classify.js';
import { retryStateOf } from './retryExchange.js';

/** What {@link resultError} needs to know besides the result. */
export interface ResultErrorContext {
  /** The operation's name, e.g. `RunsPage`. */
  operationName: string;
  /** The request, already redacted. */
  request: RedactedRequest;
  /** Strings that must never appear in an error (API key, token). */
  secrets: readonly string[];
  /** Per-attempt timeout in ms, for the message. */
  timeoutMs: number;
  /** What the credential is called in messages, e.g. `API key`. */
  credentialName: string;
  /** Clock, for `Retry-After` dates. Default `Date.now()`. */
  now?: number;
}

const MAX_DETAIL = 300;

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_DETAIL ? `${t.slice(0, MAX_DETAIL)}…` : t;
}

/** A copy of an error (and its causes) with secrets scrubbed from message and stack, keeping name and code. */
export function scrubError(e: unknown, secrets: readonly string[], depth = 0): unknown {
  if (depth > 4 || e === undefined || e === null) return undefined;
  if (typeof e === 'string') return scrubSecrets(e, secrets);
  if (!(e instanceof Error)) return undefined;
  const copy = new Error(scrubSecrets(e.message, secrets));
  copy.name = e.name;
  copy.stack = e.stack === undefined ? undefined : scrubSecrets(e.stack, secrets);
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  const cause = scrubError(e.cause, secrets, depth + 1);
  if (cause !== undefined) copy.cause = cause;
  return copy;
}

/** A JSON-safe deep copy of `value` with secrets scrubbed from every string, or `undefined` if not serializable. */
export function scrubJson<T>(value: T, secrets: readonly string[]): T | undefined {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : (JSON.parse(scrubSecrets(json, secrets)) as T);
  } catch {
    return undefined;
  }
}

/**
 * The first `code` (e.g. `ECONNREFUSED`) in an error's cause chain.
 *
 * @example
 * ```ts
 * errorCode(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })); // 'ECONNRESET'
 * ```
 */
export function errorCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 5) return undefined;
  const { code, cause } = e as { code?: unknown; cause?: unknown };
  return typeof code === 'string' ? code : errorCode(cause, depth + 1);
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Builds the typed error for a failed result. Call only when `result.error` is set. */
export function resultError(result: OperationResult, ctx: ResultErrorContext): Error {
  const scrub = (s: string): string => shorten(scrubSecrets(s, ctx.secrets));
  const error = result.error;
  const failure = classify(result, ctx.now ?? Date.now());
  const attempts = retryStateOf(result.operation.context)?.attempt ?? 1;
  const after = attempts > 1 ? ` after ${attempts} attempts` : '';
  const op = ctx.operationName;
  const graphQLErrors: GraphQLErrorEntry[] = (error?.graphQLErrors ?? []).map((g) => {
    const entry: GraphQLErrorEntry = { message: scrubSecrets(String(g.message), ctx.secrets) };
    if (g.path) entry.path = [...g.path];
    if (g.extensions && Object.keys(g.extensions).length > 0) {
      const ext = scrubJson(g.extensions as Record<string, unknown>, ctx.secrets);
      if (ext) entry.extensions = ext;
    }
    return entry;
  });
  const gqlText = graphQLErrors.map((g) => g.message).join('; ');
  const detailText = gqlText || (error?.networkError ? error.networkError.message : '');
  const detail = detailText ? `: ${scrub(detailText)}` : '';
  const status = failure.status;
  const opts = { status, request: ctx.request };
  const withCause = { ...opts, cause: scrubError(error?.networkError, ctx.secrets) };

  switch (failure.kind) {
    case 'http': {
      const s = status as number;
      const wait =
        failure.retryAfterMs === undefined
          ? ''
          : `; the server asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s`;
      if (s === 401)
        return new AuthenticationError(
          `${op} failed: the ${ctx.credentialName} was rejected (HTTP 401); check WANDB_API_KEY or the apiKey option${detail}`,
          opts,
        );
      if (s === 403) return new PermissionError(`${op} failed: permission denied (HTTP 403)${detail}`, opts);
      if (s === 404)
        return new NotFoundError(
          `${op} failed: not found (HTTP 404) at ${ctx.request.url}; check the base URL${detail}`,
          opts,
        );
      if (s === 408)
        return new TimeoutError(`${op} failed: the server timed out (HTTP 408)${after}${detail}`, opts);
      if (s === 409) return new ConflictError(`${op} failed: conflict (HTTP 409)${detail}`, opts);
      if (s === 429)
        return new RateLimitError(
          `${op} failed: rate limited (HTTP 429)${after}${wait}; try again later${detail}`,
          {
            ...opts,
            ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
          },
        );
      if (s >= 500 && s <= 599)
        return new ServerError(`${op} failed: server error (HTTP ${s})${after}${wait}${detail}`, opts);
      if (graphQLErrors.length > 0)
        return new GraphQLRequestError(
          `${op} failed (HTTP ${s}): ${gqlText}`,
          graphQLErrors,
          result.data,
          opts,
        );
      return new WandbError(`${op} failed: HTTP ${s}${detail}`, 'UNKNOWN', opts);
    }
    case 'malformed':
      return new NetworkError(
        `${op} failed: the response from ${ctx.request.url} (HTTP ${status}) is not a GraphQL response${detail}`,
        withCause,
      );
    case 'timeout':
      return new TimeoutError(
        `${op} failed: no complete response within ${ctx.timeoutMs} ms${attempts > 1 ? ` (${attempts} attempts)` : ''}`,
        withCause,
      );
    case 'abort':
      return new DOMException(`${op} was aborted`, 'AbortError');
    case 'network': {
      const code = errorCode(error?.networkError);
      return new NetworkError(
        `${op} failed: could not reach ${origin(ctx.request.url)}${after}${detail}${code ? ` (${code})` : ''}`,
        withCause,
      );
    }
    default:
      return new GraphQLRequestError(
        `${op} failed: ${gqlText || 'unknown error'}`,
        graphQLErrors,
        result.data,
        opts,
      );
  }
}
