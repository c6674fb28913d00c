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

export function pick<T>(random: Prng, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function hex(random: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A JSON-like row (config, summary, history). */
export type Row = Record<string, unknown>;
