/**
 * SQL `LIKE` matching of file names (`Run.files(pattern)`).
 *
 * @example
 * ```ts
 * import { likeMatcher } from './like.js';
 * likeMatcher('%.json')('tables/a.json'); // true
 * ```
 * @module
 */

/**
 * A test of whole file names against an SQL `LIKE` pattern (`Run.files(pattern)`, wandb-ops.md
 * §7.1): `%` matches any run of characters (none included), `_` exactly one character (a code
 * point), every other character only itself — no escape character, so `\`, `.`, `*`, `(` are
 * literal. Matching is case-sensitive. The real server's `LIKE` may differ on the last two points
 * (its database's escape character and collation); the reference does not say.
 *
 * @example
 * ```ts
 * const isJson = likeMatcher('%.json');
 * isJson('tables/a.json'); // true
 * likeMatcher('ckpt_.pt')('ckpt10.pt'); // false: `_` is one character
 * ```
 */
export function likeMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'su');
  return (name) => re.test(name);
}
