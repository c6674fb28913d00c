/**
 * Pure helpers of the retry policy: which HTTP statuses are worth another attempt, how long to
 * wait before it, and how to read a `Retry-After` header. No timers, no I/O.
 *
 * @example
 * ```ts
 * import { computeDelay, isRetryableStatus, parseRetryAfter } from './backoff.js';
 * isRetryableStatus(503); // true
 * computeDelay(3, { initialDelayMs: 1000, maxDelayMs: 30_000 }, Math.random); // 4000..5000
 * parseRetryAfter('2', Date.now()); // 2000
 * ```
 * @module
 */

/** The part of the retry options that shapes a delay. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms (before jitter). */
  initialDelayMs: number;
  /** No computed delay exceeds this, in ms (jitter included). */
  maxDelayMs: number;
}

/** Jitter adds up to this fraction of the exponential delay (so 1 s becomes 1 s to 1.25 s). */
export const JITTER_FRACTION = 0.25;

/**
 * The delay before the next attempt, once `attempt` attempts have failed:
 * `initialDelayMs * 2^(attempt - 1)`, plus up to {@link JITTER_FRACTION} of it as random jitter,
 * capped at `maxDelayMs`.
 *
 * @param attempt - attempts made so far (1 after the first failure); values below 1 count as 1.
 * @param opts - `initialDelayMs` and `maxDelayMs`.
 * @param random - a source of numbers in [0, 1), `Math.random` in production.
 * @returns milliseconds, an integer in `[0, maxDelayMs]`.
 *
 * @example
 * ```ts
 * computeDelay(1, { initialDelayMs: 100, maxDelayMs: 1000 }, () => 0); // 100
 * computeDelay(2, { initialDelayMs: 100, maxDelayMs: 1000 }, () => 0.5); // 225
 * computeDelay(9, { initialDelayMs: 100, maxDelayMs: 1000 }, () => 0); // 1000
 * ```
 */
export function computeDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const initial = Math.max(0, opts.initialDelayMs);
  const cap = Math.max(0, opts.maxDelayMs);
  // 2^(n-1) overflows to Infinity for huge n; Math.min below brings it back to the cap.
  const base = initial * Math.pow(2, n - 1);
  const r = Math.min(Math.max(random(), 0), 1);
  const withJitter = base * (1 + JITTER_FRACTION * r);
  const capped = Math.min(withJitter, cap);
  return Number.isFinite(capped) ? Math.round(capped) : cap;
}

const DELAY_SECONDS = /^\d+(?:\.\d+)?$/;
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT")
// and asctime ("Sun Nov  6 08:49:37 1994"): all start with a day name and carry an hh:mm:ss time.
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .*\b\d{1,2}:\d{2}:\d{2}\b/;

/**
 * Reads a `Retry-After` header value (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
 *
 * @param headerValue - the raw header value; `null`/`undefined` when absent.
 * @param now - the current time in ms since the epoch (`Date.now()`), used for dates.
 * @returns how long to wait in ms (0 for dates in the past), or `undefined` when absent or unparseable.
 *
 * @example
 * ```ts
 * parseRetryAfter('120', Date.now()); // 120000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60000
 * parseRetryAfter('soon', Date.now()); // undefined
 * ```
 */
export function parseRetryAfter(headerValue: string | null | undefined, now: number): number | undefined {
  if (headerValue == null) return undefined;
  const value = headerValue.trim();
  if (value === '') return undefined;
  if (DELAY_SECONDS.test(value)) {
    const ms = Math.ceil(Number(value) * 1000);
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (!HTTP_DATE.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil(at - now));
}

const NEVER_RETRIED = new Set([400, 401, 403, 404, 409, 410, 413, 422, 501]);

/**
 * Whether an HTTP status is worth another attempt: 408 (request timeout), 429 (rate limited) and
 * every 5xx except 501 (not implemented). Everything else — in particular 400, 401, 403, 404, 409,
 * 410, 413 and 422 — is final.
 *
 * @example
 * ```ts
 * isRetryableStatus(429); // true
 * isRetryableStatus(501); // false
 * isRetryableStatus(404); // false
 * ```
 */
export function isRetryableStatus(status: number): boolean {
  if (!Number.isInteger(status) || NEVER_RETRIED.has(status)) return false;
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}
