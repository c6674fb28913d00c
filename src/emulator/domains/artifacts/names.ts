/**
 * The naming rules of artifacts as the emulator enforces them on seeds and writes: version
 * aliases, custom aliases, tags, collection and type names, and `collection:alias` names.
 *
 * The server is more lenient than the official client, which also refuses `/` and `:` in new
 * aliases: aliases already on a server may contain them, so the emulator stores them as given.
 *
 * @example
 * ```ts
 * import { isVersionAlias, splitMembershipName, tagNameProblem } from './names.js';
 * isVersionAlias('v12'); // true
 * splitMembershipName('mnist:prod/eu'); // { collection: 'mnist', alias: 'prod/eu' }
 * tagNameProblem('two words'); // undefined: fine
 * ```
 * @module
 */

/** The longest alias, tag, collection or type name accepted. */
const MAX_NAME_LENGTH = 128;

const VERSION_ALIAS = /^v[0-9]+$/;
// Python's `\w` on str patterns: Unicode letters, numbers and the underscore.
const TAG_NAME = /^[-\p{L}\p{N}_]+( +[-\p{L}\p{N}_]+)*$/u;

/**
 * Whether an alias is a version alias (`v` and one or more digits), which only the server assigns.
 *
 * @example
 * ```ts
 * isVersionAlias('v0'); // true
 * isVersionAlias('v1.0'); // false
 * ```
 */
export function isVersionAlias(alias: string): boolean {
  return VERSION_ALIAS.test(alias);
}

/**
 * What is wrong with a custom alias, or `undefined`: empty, longer than 128 characters, or a
 * version alias.
 *
 * @example
 * ```ts
 * aliasProblem('v3'); // 'is a version alias: versions get theirs from the server'
 * aliasProblem('production'); // undefined
 * ```
 */
export function aliasProblem(alias: string): string | undefined {
  if (alias === '') return 'is empty';
  if ([...alias].length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (isVersionAlias(alias)) return 'is a version alias: versions get theirs from the server';
  return undefined;
}

/**
 * What is wrong with a tag name, or `undefined`: tags are words of letters, digits, `_` and `-`
 * separated by single runs of spaces, at most 128 characters.
 *
 * @example
 * ```ts
 * tagNameProblem('bad!'); // 'must match ^[-\w]+( +[-\w]+)*$'
 * ```
 */
export function tagNameProblem(name: string): string | undefined {
  if ([...name].length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (!TAG_NAME.test(name)) return 'must match ^[-\\w]+( +[-\\w]+)*$';
  return undefined;
}

/**
 * What is wrong with a collection or artifact type name, or `undefined`: empty, longer than 128
 * characters, or containing `/` or `:`.
 *
 * @example
 * ```ts
 * nameProblem('mnist:v1'); // 'must not contain "/" or ":"'
 * ```
 */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if ([...name].length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (name.includes('/') || name.includes(':')) return 'must not contain "/" or ":"';
  return undefined;
}

/**
 * Splits `collection:alias` at the first `:` (the alias may contain `/` and more `:`); a name
 * without `:` names the collection's `latest`.
 *
 * @example
 * ```ts
 * splitMembershipName('mnist'); // { collection: 'mnist', alias: 'latest' }
 * splitMembershipName('mnist:v2'); // { collection: 'mnist', alias: 'v2' }
 * ```
 */
export function splitMembershipName(name: string): { collection: string; alias: string } {
  const colon = name.indexOf(':');
  if (colon < 0) return { collection: name, alias: 'latest' };
  return { collection: name.slice(0, colon), alias: name.slice(colon + 1) };
}

/**
 * Tag names without duplicates, the first occurrence kept.
 *
 * @example
 * ```ts
 * uniqueNames(['a', 'b', 'a']); // ['a', 'b']
 * ```
 */
export function uniqueNames(names: Iterable<string>): string[] {
  return [...new Set(names)];
}
