/**
 * Parsers for option values, for commander: each throws commander's `InvalidArgumentError`, so a
 * bad value is a usage error (exit 2) naming the option.
 *
 * @example
 * ```ts
 * program.option('--limit <n>', 'at most n runs', positiveInt);
 * ```
 * @module
 */
import { InvalidArgumentError } from 'commander';

/**
 * A whole number ≥ 1.
 *
 * @example
 * ```ts
 * positiveInt('10'); // 10
 * ```
 */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a whole number of at least 1, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * A whole number ≥ 0.
 *
 * @example
 * ```ts
 * nonNegativeInt('0'); // 0
 * ```
 */
export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`expected a whole number of at least 0, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * A comma-separated list, empty items dropped.
 *
 * @example
 * ```ts
 * commaList('loss, acc'); // ['loss', 'acc']
 * ```
 */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Collects a repeatable option into an array.
 *
 * @example
 * ```ts
 * program.option('--alias <a>', 'repeatable', collect, []);
 * ```
 */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}
