/**
 * Small helpers of the demo seed: drawing from the seed's PRNG, rounding.
 *
 * @example
 * ```ts
 * import { pick, round } from './util.js';
 * pick(random, ['adam', 'sgd']); // one of them, from the seed's sequence
 * round(0.123456); // 0.1235
 * ```
 * @module
 */
import type { Prng } from '../store/random.js';

/**
 * One of `items`, drawn from the seed's PRNG.
 *
 * @example
 * ```ts
 * pick(random, ['adam', 'sgd']);
 * ```
 */
export function pick<T>(random: Prng, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * `value` rounded to `digits` decimals.
 *
 * @example
 * ```ts
 * round(0.123456); // 0.1235
 * ```
 */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * `length` hexadecimal digits drawn from the seed's PRNG (a git commit, say).
 *
 * @example
 * ```ts
 * hex(random, 40).length; // 40
 * ```
 */
export function hex(random: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/**
 * A JSON-like row (config, summary, history).
 *
 * @example
 * ```ts
 * const row: Row = { _step: 0, loss: 1 };
 * ```
 */
export type Row = Record<string, unknown>;
