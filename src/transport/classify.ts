/**
 * Reads an urql `OperationResult` the way the retry policy and `request()` need it: what kind of
 * failure it is, the HTTP status, and the `Retry-After` delay.
 *
 * How failures surface from urql's `fetchExchange` (@urql/core 6):
 * - `fetch` rejected (refused, reset, DNS, CORS, our timeout, abort): `error.networkError` is the
 *   rejection and there is no `error.response`;
 * - any response whose body is JSON with `data` or `errors`, whatever its status: `error.graphQLErrors`
 *   (if any) with `error.response` set, and no `networkError`;
 * - any other body (HTML error pages, empty or malformed JSON): `error.networkError` (the status text
 *   for non-2xx responses, else the parse error) with `error.response` set.
 *
 * @module
 */
import type { CombinedError, OperationResult } from '@urql/core';
import { TimeoutError } from '../errors/index.js';
import { parseRetryAfter } from './backoff.js';
import { isAbortError } from './fetchWithTimeout.js';

/** What went wrong with a result, coarsely. */
export type FailureKind =
  /** No error. */
  | 'ok'
  /** A 2xx response with GraphQL `errors`. */
  | 'graphql'
  /** A non-2xx HTTP response. */
  | 'http'
  /** A 2xx response whose body was not a GraphQL response. */
  | 'malformed'
  /** The attempt timed out (our per-attempt timeout). */
  | 'timeout'
  /** The request was aborted by the caller. */
  | 'abort'
  /** No HTTP response at all: refused, reset, DNS, CORS. */
  | 'network';

/** The classification of one result. */
export interface Failure {
  kind: FailureKind;
  /** HTTP status, when there was a response. */
  status?: number;
  /** The delay the server asked for with `Retry-After`, in ms, when it did. */
  retryAfterMs?: number;
  /** True when the request certainly never reached the server (connection refused, DNS failure). */
  notSent: boolean;
}

/** The minimal `Response` surface we read; urql types it as `any`. */
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
}

/** The `Response` urql attached to an error, if it looks like one. */
export function responseOf(error: CombinedError | undefined): ResponseLike | undefined {
  const r: unknown = error?.response;
  if (typeof r !== 'object' || r === null) return undefined;
  const { status, headers } = r as { status?: unknown; headers?: { get?: unknown } };
  if (typeof status !== 'number' || typeof headers?.get !== 'function') return undefined;
  return r as ResponseLike;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Whether an error (or one of its causes) says the connection was never established, so the server
 * cannot have seen the request. Only Node-style error codes are recognised; browsers do not say.
 */
export function isNotSentError(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 5) return false;
  const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((x) => isNotSentError(x, depth + 1)))
    return true;
  return isNotSentError(cause, depth + 1);
}

/**
 * Classifies a result.
 *
 * @param now - current time in ms since the epoch, for `Retry-After` dates.
 */
export function classify(result: Pick<OperationResult, 'error'>, now: number): Failure {
  const error = result.error;
  if (!error) return { kind: 'ok', notSent: false };
  const response = responseOf(error);
  if (response) {
    const status = response.status;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    const base = { status, notSent: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    if (status < 200 || status > 299) return { kind: 'http', ...base };
    return { kind: error.networkError ? 'malformed' : 'graphql', ...base };
  }
  const ne = error.networkError;
  if (!ne) return { kind: 'graphql', notSent: false };
  if (ne instanceof TimeoutError || ne.name === 'TimeoutError') return { kind: 'timeout', notSent: false };
  if (isAbortError(ne)) return { kind: 'abort', notSent: false };
  return { kind: 'network', notSent: isNotSentError(ne) };
}
