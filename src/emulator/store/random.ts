/**
 * Deterministic randomness for seeds, and the random ids and names W&B generates.
 *
 * @example
 * ```ts
 * import { createPrng, randomRunId } from './random.js';
 * const next = createPrng('demo');
 * next(); // a number in [0, 1), the same sequence for the same seed
 * randomRunId(next); // e.g. 'k3x9a0qz'
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';

/**
 * A source of numbers in [0, 1).
 *
 * @example
 * ```ts
 * const random: Prng = createPrng('seed');
 * ```
 */
export type Prng = () => number;

/**
 * A small deterministic PRNG (mulberry32) seeded from a string, so seeds never depend on `Math.random`.
 *
 * @example
 * ```ts
 * const a = createPrng('x'), b = createPrng('x');
 * a() === b(); // true
 * ```
 */
export function createPrng(seed: string): Prng {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A {@link Prng} backed by the operating system's secure random source (for non-deterministic defaults).
 *
 * @example
 * ```ts
 * randomRunId(cryptoPrng()); // a different id every time
 * ```
 */
export function cryptoPrng(): Prng {
  // Random bytes fetched 4 KiB at a time: one call into the CSPRNG per 1,024 draws, not per draw.
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 4 > pool.length) {
      pool = randomBytes(4096);
      offset = 0;
    }
    const value = pool.readUInt32BE(offset) / 4294967296;
    offset += 4;
    return value;
  };
}

const RUN_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A W&B-style short run id: 8 characters of `[a-z0-9]`.
 *
 * @example
 * ```ts
 * randomRunId(createPrng('demo')); // e.g. 'k3x9a0qz'
 * ```
 */
export function randomRunId(random: Prng = cryptoPrng()): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += RUN_ID_ALPHABET[Math.floor(random() * RUN_ID_ALPHABET.length)];
  return id;
}

const ADJECTIVES = [
  'brisk',
  'calm',
  'dainty',
  'eager',
  'fancy',
  'gentle',
  'hardy',
  'icy',
  'jolly',
  'kind',
  'lively',
  'misty',
  'noble',
  'olive',
  'proud',
  'quiet',
  'rosy',
  'silver',
  'twilight',
  'usual',
  'vivid',
  'wise',
  'young',
  'zesty',
  'amber',
  'bright',
  'cosmic',
  'divine',
  'earthy',
  'fresh',
];
const NOUNS = [
  'forest',
  'river',
  'mountain',
  'sun',
  'moon',
  'star',
  'wave',
  'breeze',
  'meadow',
  'field',
  'snow',
  'rain',
  'cloud',
  'dream',
  'fire',
  'flower',
  'glade',
  'haze',
  'lake',
  'night',
  'ocean',
  'pine',
  'sky',
  'smoke',
  'spring',
  'stone',
  'thunder',
  'valley',
  'water',
  'wind',
];

/**
 * A display name like the ones W&B generates: `"<adjective>-<noun>-<number>"`.
 *
 * @example
 * ```ts
 * runDisplayName(createPrng('demo'), 12); // e.g. 'brisk-forest-12'
 * ```
 */
export function runDisplayName(random: Prng, number: number): string {
  const adjective = ADJECTIVES[Math.floor(random() * ADJECTIVES.length)] ?? 'brisk';
  const noun = NOUNS[Math.floor(random() * NOUNS.length)] ?? 'forest';
  return `${adjective}-${noun}-${number}`;
}
