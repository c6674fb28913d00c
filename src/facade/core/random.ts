/**
 * Random ids of `[a-z0-9]`, as the official client makes them (run ids, artifact client ids), from
 * `crypto.getRandomValues` (browsers and Node 20+), without modulo bias.
 *
 * @example
 * ```ts
 * randomId(8); // e.g. 'k3x9a0qz'
 * ```
 * @module
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** The largest multiple of the alphabet size below 256: bytes at or above it are drawn again (no bias). */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/**
 * A random id of `length` characters of `[a-z0-9]`.
 *
 * @example
 * ```ts
 * randomId(8); // e.g. 'k3x9a0qz'
 * randomId(128).length; // 128 (the official client's artifact client ids)
 * ```
 */
export function randomId(length: number): string {
  let id = '';
  const bytes = new Uint8Array(Math.max(16, length * 2));
  while (id.length < length) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte >= UNBIASED_LIMIT) continue;
      id += ALPHABET.charAt(byte % ALPHABET.length);
      if (id.length === length) break;
    }
  }
  return id;
}
