/**
 * What of a storage URL (a signed download or upload URL) is secret — the URL, its query string,
 * each signature value — and {@link scrubStorageError}, which removes them from an error: a module
 * of its own, light, for the code that reads content at once, while `storage.ts` loads with the
 * first storage transfer.
 *
 * @example
 * ```ts
 * throw new NetworkError('Download interrupted', { cause: scrubStorageError(e, file.directUrl) });
 * ```
 * @module
 */
import { scrubError } from './resultError.js';

/**
 * The parts of a URL that must never be shown: the whole URL, its query and each query value,
 * longest first.
 *
 * @example
 * ```ts
 * urlSecrets('https://bucket.example/k?sig=abcd'); // [the URL, '?sig=abcd', 'sig=abcd', 'abcd']
 * ```
 */
export function urlSecrets(url: string): string[] {
  const secrets = [url];
  try {
    const u = new URL(url);
    if (u.search.length > 1) secrets.push(u.search.slice(1), u.search);
    for (const value of u.searchParams.values()) {
      if (value.length >= 4) secrets.push(value, encodeURIComponent(value));
    }
    if (u.hash.length > 1) secrets.push(u.hash);
  } catch {
    // an unparseable URL is refused before any request; the whole text is scrubbed anyway
  }
  // Longest first, so a query is replaced whole before its values are.
  return secrets.sort((a, b) => b.length - a.length);
}

/**
 * A copy of an error (and its causes) safe to attach to another error: the URL, its query string
 * and each signature value are scrubbed from messages and stacks.
 *
 * @example
 * ```ts
 * throw new NetworkError('Download interrupted', { cause: scrubStorageError(e, file.directUrl) });
 * ```
 */
export function scrubStorageError(error: unknown, url: string): unknown {
  return scrubError(error, urlSecrets(url));
}
