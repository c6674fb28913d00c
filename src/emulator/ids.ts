/**
 * Identifiers, names and deterministic randomness for the emulator.
 *
 * @example
 * ```ts
 * import { globalId, createPrng } from './ids.js';
 * globalId('Run', 12); // 'UnVuOjEy'
 * const next = createPrng('demo');
 * next(); // a number in [0, 1), the same sequence for the same seed
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';

/**
 * The object kinds that get W&B-style global ids.
 *
 * @example
 * ```ts
 * const kind: GlobalIdKind = 'Run';
 * ```
 */
export type GlobalIdKind = 'User' | 'Entity' | 'Project' | 'Run' | 'Sweep' | 'View' | 'File';

/**
 * The opaque global id W&B gives an object: base64 of `"<Kind>:<integer id>"`.
 *
 * @example
 * ```ts
 * globalId('Project', 3); // 'UHJvamVjdDoz'
 * ```
 */
export function globalId(kind: GlobalIdKind, id: number): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64');
}

/**
 * Decodes a global id made by {@link globalId} into its integer id, or `undefined` when `value` is
 * not the global id of a `kind` object (another kind, not base64, not `"<Kind>:<integer>"`).
 *
 * @example
 * ```ts
 * parseGlobalId('UnVuOjEy', 'Run'); // 12
 * parseGlobalId('UnVuOjEy', 'Project'); // undefined
 * ```
 */
export function parseGlobalId(value: unknown, kind: GlobalIdKind): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]*)$/.exec(text);
  if (!match || match[1] !== kind) return undefined;
  const id = Number(match[2]);
  // Reject strings that only decode to the right text by accident (Buffer ignores invalid base64).
  return Number.isSafeInteger(id) && globalId(kind, id) === value ? id : undefined;
}

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
  return () => randomBytes(4).readUInt32BE(0) / 4294967296;
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

/**
 * The run and sweep ids the emulator accepts (seeded or created by `upsertBucket`): letters,
 * digits, `_`, `.` and `-`, nothing that would break a path or URL.
 *
 * @example
 * ```ts
 * RUN_ID_PATTERN.test('abc12345'); // true
 * RUN_ID_PATTERN.test('a/b'); // false
 * ```
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

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
