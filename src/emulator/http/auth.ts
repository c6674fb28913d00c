/**
 * API keys: the random key an emulator accepts by default and the check of the `Authorization`
 * header on GraphQL requests (storage URLs are authorized by their signature instead, see
 * `storage.ts`).
 *
 * @example
 * ```ts
 * import { authenticate, randomApiKey } from './auth.js';
 * authenticate(`Basic ${btoa(`api:${key}`)}`, store); // the username the key belongs to
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorStore } from '../store/store.js';

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

/**
 * The key an `Authorization` header carries: `Basic base64("api:" + key)` or `Bearer <key>`;
 * `undefined` for any other form.
 *
 * @example
 * ```ts
 * presentedKey(`Basic ${btoa('api:k')}`); // 'k'
 * ```
 */
export function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(\w+)\s+(.+)$/.exec(header.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  const scheme = match[1].toLowerCase();
  if (scheme === 'bearer') return match[2];
  if (scheme !== 'basic') return undefined;
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  return decoded.startsWith('api:') ? decoded.slice('api:'.length) : undefined;
}

/**
 * The username whose key an `Authorization` header carries (compared in constant time with every
 * key of the store's key ring), or `undefined` when it carries none the emulator accepts.
 *
 * @example
 * ```ts
 * authenticate(`Bearer ${emu.apiKey}`, store); // the configured viewer
 * authenticate(undefined, store); // undefined
 * ```
 */
export function authenticate(header: string | undefined, store: EmulatorStore): string | undefined {
  const key = presentedKey(header);
  if (key === undefined || key === '') return undefined;
  const id = store.keyRing.lookup(key);
  const record = id === undefined ? undefined : store.apiKeys.get(id);
  return record && store.users.has(record.username) ? record.username : undefined;
}
