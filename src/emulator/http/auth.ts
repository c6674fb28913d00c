/**
 * API keys: the random key an emulator accepts by default and the check of the `Authorization`
 * header on GraphQL requests (storage URLs are authorized by their signature instead, see
 * `storage.ts`).
 *
 * @example
 * ```ts
 * import { isAuthorized, randomApiKey } from './auth.js';
 * const key = randomApiKey();
 * isAuthorized(`Basic ${btoa(`api:${key}`)}`, key); // true
 * ```
 * @module
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The message of the 401 answer to a GraphQL request without a valid key.
 *
 * @example
 * ```ts
 * JSON.parse(body).errors[0].message === UNAUTHORIZED_MESSAGE; // true
 * ```
 */
export const UNAUTHORIZED_MESSAGE =
  'Unauthorized: send a valid API key as "Authorization: Basic base64(api:<key>)" or "Bearer <key>"';

/**
 * A random API key in the shape W&B accepts (40 characters of `[a-f0-9]`).
 *
 * @example
 * ```ts
 * randomApiKey().length; // 40
 * ```
 */
export function randomApiKey(): string {
  return randomBytes(20).toString('hex');
}

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * Whether an `Authorization` header carries the key: `Basic base64("api:" + key)` or `Bearer <key>`.
 *
 * @example
 * ```ts
 * isAuthorized(`Basic ${btoa('api:k')}`, 'k'); // true
 * ```
 */
export function isAuthorized(header: string | undefined, apiKey: string): boolean {
  if (!header) return false;
  const match = /^(\w+)\s+(.+)$/.exec(header.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return false;
  const scheme = match[1].toLowerCase();
  if (scheme === 'bearer') return safeEqual(match[2], apiKey);
  if (scheme === 'basic') return safeEqual(Buffer.from(match[2], 'base64').toString('utf8'), `api:${apiKey}`);
  return false;
}
