/**
 * What W&B accepts in artifact aliases and tags (the official client's `_validators.py`; protocol
 * notes §1.3–§1.5), checked before any request: each rule throws a {@link ValidationError} naming
 * the parameter. The rules of type names, metadata and TTLs are in `rules.ts`.
 *
 * @example
 * ```ts
 * checkAliases(['best', 'prod'], 'aliases'); // ['best', 'prod']
 * checkAliases(['a/b'], 'aliases'); // throws ValidationError: may not contain "/"
 * checkTags(['train set', 'v2-clean'], 'tags'); // ['train set', 'v2-clean']
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { describeValue } from '../core/validate.js';
import { checkLength } from './rules.js';

/** The most tags one collection tag mutation may carry. */
export const MAX_COLLECTION_TAGS_PER_CALL = 20;

/**
 * Whether an alias is a version alias (`v` and one or more digits, as `wandb/util.py`
 * `alias_is_version_index`): the server's own names of versions, `v0`, `v1`, ...
 *
 * @example
 * ```ts
 * isVersionAlias('v12'); // true
 * isVersionAlias('latest'); // false
 * ```
 */
export function isVersionAlias(alias: string): boolean {
  return /^v\d+$/.test(alias);
}

function stringList(value: unknown, parameter: string, what: string): string[] {
  if (!Array.isArray(value) && !(value instanceof Set)) {
    throw new ValidationError(
      parameter,
      `expected an array of ${what} (strings), got ${describeValue(value)}`,
    );
  }
  const list = [...(value as Iterable<unknown>)];
  list.forEach((item, i) => {
    if (typeof item !== 'string') {
      throw new ValidationError(
        `${parameter}[${i}]`,
        `expected ${what.replace(/s$/, '')} (a string), got ${describeValue(item)}`,
      );
    }
  });
  return [...new Set(list as string[])];
}

/**
 * Checks artifact aliases and returns them without duplicates (first kept): each a non-empty
 * string of at most 128 characters without `/` or `:`, and not a version alias (`v3`: the server
 * names versions itself).
 *
 * @throws {@link ValidationError} naming `parameter` (or `parameter[i]`).
 * @example
 * ```ts
 * checkAliases(['prod', 'prod', 'best'], 'aliases'); // ['prod', 'best']
 * checkAliases(['v3'], 'aliases'); // throws: version aliases are the server's
 * ```
 */
export function checkAliases(value: unknown, parameter = 'aliases'): string[] {
  const aliases = stringList(value, parameter, 'aliases');
  aliases.forEach((alias, i) => {
    const at = `${parameter}[${i}]`;
    checkLength(alias, at, 'an alias');
    const bad = ['/', ':'].find((c) => alias.includes(c));
    if (bad !== undefined) {
      throw new ValidationError(
        at,
        `the alias ${JSON.stringify(alias)} may not contain "${bad}" (aliases may not contain "/" or ":")`,
      );
    }
    if (isVersionAlias(alias)) {
      throw new ValidationError(
        at,
        `${JSON.stringify(alias)} is a version alias: the server names versions (v0, v1, ...) itself; choose another alias`,
      );
    }
  });
  return aliases;
}

// Python's `\w` on str: Unicode letters and digits, and `_`.
const WORD = '[-\\p{L}\\p{N}_]';
const TAG = new RegExp(`^${WORD}+( +${WORD}+)*$`, 'u');

/**
 * Checks artifact or collection tags and returns them without duplicates (first kept): each at
 * most 128 characters of letters, digits, `-` and `_`, in words separated by single or repeated
 * spaces (`^[-\w]+( +[-\w]+)*$`, `\w` as in Python: any Unicode letter or digit).
 *
 * @throws {@link ValidationError} naming `parameter` (or `parameter[i]`).
 * @example
 * ```ts
 * checkTags(['train set', 'daten-ü'], 'tags'); // ['train set', 'daten-ü']
 * checkTags(['a,b'], 'tags'); // throws ValidationError
 * ```
 */
export function checkTags(value: unknown, parameter = 'tags'): string[] {
  const tags = stringList(value, parameter, 'tags');
  tags.forEach((tag, i) => {
    const at = `${parameter}[${i}]`;
    checkLength(tag, at, 'a tag');
    if (!TAG.test(tag)) {
      throw new ValidationError(
        at,
        `the tag ${JSON.stringify(tag)} is not allowed: tags are letters, digits, "-" and "_", in words separated by spaces (no leading or trailing space)`,
      );
    }
  });
  return tags;
}

/**
 * A value's JSON form that keeps `NaN` and `±Infinity` apart from `null`, to tell whether a
 * metadata object changed since it was loaded.
 *
 * @example
 * ```ts
 * comparableJson({ a: NaN }) === comparableJson({ a: null }); // false
 * ```
 */
export function comparableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `\u0000${String(v)}` : v,
  );
}
