/**
 * JSON-in-JSON: the server sends `config`, `summaryMetrics`, `systemMetrics` (and more) as JSON
 * strings, sometimes with bare `NaN` / `Infinity` tokens or raw control characters. These
 * helpers parse them leniently and convert run config between its stored `{ value, desc }`
 * form and plain objects.
 *
 * @example
 * ```ts
 * parseJsonString('{"loss": NaN}', 'summaryMetrics'); // { loss: NaN }
 * unwrapConfig({ lr: { value: 0.1, desc: null } }); // { lr: 0.1 }
 * ```
 * @module
 */

import { ValidationError, WandbError } from '../../errors/index.js';
import { isPlainObject } from './validate.js';

// The check of values sent as JSON has its own file (what a draft checks at once needs no parser).
export { checkSendableJson } from './sendable.js';

const IDENT_CHAR = /[A-Za-z0-9_$]/;
const NON_FINITE: ReadonlyArray<[token: string, value: number]> = [
  ['-Infinity', -Infinity],
  ['Infinity', Infinity],
  ['NaN', NaN],
];

/**
 * Rewrites text that is almost JSON into JSON: raw control characters inside strings are
 * escaped, and bare `NaN` / `Infinity` / `-Infinity` tokens become marker strings.
 */
function sanitize(text: string, marker: string): string {
  const out: string[] = [];
  let inString = false;
  let from = 0; // start of the pending unmodified run
  const flush = (to: number): void => {
    if (to > from) out.push(text.slice(from, to));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        i++; // keep the escaped character as is
      } else if (c === 0x22 /* " */) {
        inString = false;
      } else if (c < 0x20) {
        flush(i);
        out.push(`\\u${c.toString(16).padStart(4, '0')}`);
        from = i + 1;
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c !== 0x4e /* N */ && c !== 0x49 /* I */ && c !== 0x2d /* - */) continue;
    for (const [token] of NON_FINITE) {
      if (text.startsWith(token, i) && !IDENT_CHAR.test(text.charAt(i + token.length))) {
        flush(i);
        out.push(JSON.stringify(marker + token));
        i += token.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  flush(text.length);
  return out.join('');
}

/**
 * Parses JSON the way W&B writes it: strict `JSON.parse` first; if that fails, again after
 * escaping raw control characters inside strings and mapping bare `NaN`, `Infinity` and
 * `-Infinity` to the numbers.
 *
 * @param what - what is parsed, for the error message (e.g. `"summaryMetrics of run abc"`).
 * @throws {@link WandbError} naming `what` when the text is not JSON even leniently.
 * @example
 * ```ts
 * parseJsonLenient('[1, -Infinity]', 'history row'); // [1, -Infinity]
 * ```
 */
export function parseJsonLenient(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (strictError) {
    const marker = `__wandb_json_${Math.random().toString(36).slice(2)}_`;
    const values = new Map(NON_FINITE.map(([token, value]) => [marker + token, value]));
    try {
      return JSON.parse(sanitize(text, marker), (_key, v: unknown) =>
        typeof v === 'string' && v.startsWith(marker) ? (values.get(v) ?? v) : v,
      ) as unknown;
    } catch {
      throw new WandbError(`Could not parse ${what} as JSON: ${(strictError as Error).message}`, 'UNKNOWN', {
        cause: strictError,
      });
    }
  }
}

/**
 * Sets an own enumerable property, even for the key `__proto__` (which plain assignment would
 * not: it would change the object's prototype instead).
 *
 * @example
 * ```ts
 * const out: Record<string, unknown> = {};
 * setOwn(out, '__proto__', 1);
 * Object.keys(out); // ['__proto__']
 * ```
 */
export function setOwn<V>(obj: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Parses a JSON-object string from the server (`config`, `summaryMetrics`, `systemMetrics`,
 * ...) leniently (see {@link parseJsonLenient}). `null`, `undefined`, `''` and `'null'` give
 * `{}`; an already-parsed object is returned as is.
 *
 * @param what - what is parsed, for the error message.
 * @throws {@link WandbError} naming `what` when the text is not JSON or not an object.
 * @example
 * ```ts
 * parseJsonString('{"acc": 0.9, "best": Infinity}', 'summaryMetrics'); // { acc: 0.9, best: Infinity }
 * parseJsonString(null, 'config'); // {}
 * ```
 */
export function parseJsonString(value: string | null | undefined, what: string): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'string') {
    if (isPlainObject(value)) return value;
    throw new WandbError(`Could not parse ${what}: expected a JSON string, got ${typeof value}`);
  }
  const text = value.trim();
  if (text === '' || text === 'null') return {};
  const parsed = parseJsonLenient(text, what);
  if (parsed === null) return {};
  if (!isPlainObject(parsed)) {
    throw new WandbError(
      `Could not parse ${what}: expected a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`,
    );
  }
  return parsed;
}

/**
 * Config keys W&B keeps for itself; {@link unwrapConfig} drops them.
 *
 * @example
 * ```ts
 * RESERVED_CONFIG_KEYS.includes('_wandb'); // true
 * ```
 */
export const RESERVED_CONFIG_KEYS: readonly string[] = ['_wandb', 'wandb_version'];

/**
 * Converts a run config as stored (`{ key: { value, desc } }`) to plain `{ key: value }`,
 * dropping `_wandb` and `wandb_version`. Entries that are not `{ value }` objects are kept as is.
 *
 * @example
 * ```ts
 * unwrapConfig({ lr: { value: 0.1, desc: null }, _wandb: { value: {} }, epochs: 3 }); // { lr: 0.1, epochs: 3 }
 * ```
 */
export function unwrapConfig(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isPlainObject(raw)) return out;
  for (const [key, v] of Object.entries(raw)) {
    if (RESERVED_CONFIG_KEYS.includes(key)) continue;
    setOwn(out, key, isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, 'value') ? v.value : v);
  }
  return out;
}

/**
 * The stored form of one config entry.
 *
 * @example
 * ```ts
 * const entry: WrappedConfigValue = { value: 0.1, desc: null };
 * ```
 */
export interface WrappedConfigValue {
  /** The config value. */
  value: unknown;
  /** Its description (always null when written by this client). */
  desc: string | null;
}

/**
 * Converts a plain config to the stored form `{ key: { value, desc: null } }`, the inverse of
 * {@link unwrapConfig}. `_wandb` is carried over from `previousRaw` (the config as last read
 * from the server); reserved keys in `plain` are ignored, and so are keys whose value is
 * `undefined`.
 *
 * @throws {@link ValidationError} (`parameter` `"config"`) when `plain` is not a plain object.
 * @example
 * ```ts
 * wrapConfig({ lr: 0.2 }, { lr: { value: 0.1, desc: null }, _wandb: { value: { t: 1 }, desc: null } });
 * // { _wandb: { value: { t: 1 }, desc: null }, lr: { value: 0.2, desc: null } }
 * ```
 */
export function wrapConfig(
  plain: Record<string, unknown>,
  previousRaw?: Record<string, unknown>,
): Record<string, WrappedConfigValue> {
  if (!isPlainObject(plain)) throw new ValidationError('config', 'expected a plain object of config values');
  const out: Record<string, WrappedConfigValue> = {};
  if (previousRaw && isPlainObject(previousRaw) && previousRaw._wandb !== undefined) {
    const w = previousRaw._wandb;
    const value = isPlainObject(w) && Object.prototype.hasOwnProperty.call(w, 'value') ? w.value : w;
    out._wandb = { value, desc: null };
  }
  for (const [key, value] of Object.entries(plain)) {
    if (RESERVED_CONFIG_KEYS.includes(key) || value === undefined) continue;
    setOwn(out, key, { value, desc: null });
  }
  return out;
}
