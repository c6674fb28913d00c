/**
 * What `run.update()` sends (wandb-ops.md §7.1 `update`): the JSON encodings the server expects
 * for `config` and `summaryMetrics` (the checks of values assigned to a run's editable fields are
 * in `run-checks.ts`).
 *
 * @example
 * ```ts
 * stringifyJsonWithNonFinite({ loss: NaN }, 'summary'); // '{"loss":NaN}'
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { RESERVED_CONFIG_KEYS, setOwn, wrapConfig, type WrappedConfigValue } from '../core/json.js';
import { isPlainObject } from '../core/validate.js';

/**
 * Serializes a value like `JSON.stringify`, but writes non-finite numbers as the bare `NaN`,
 * `Infinity` and `-Infinity` tokens the W&B server reads (and sends back) in `JSONString`
 * fields, where `JSON.stringify` would write `null`. Strings are never altered.
 *
 * @param parameter - named in the {@link ValidationError} when the value cannot be serialized.
 * @throws {@link ValidationError} for values JSON cannot hold (BigInt, circular references).
 * @example
 * ```ts
 * stringifyJsonWithNonFinite({ best: -Infinity, tags: ['NaN'] }, 'summary'); // '{"best":-Infinity,"tags":["NaN"]}'
 * ```
 */
export function stringifyJsonWithNonFinite(value: unknown, parameter: string): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    // A fresh random placeholder per attempt; a user string equal to it is detected below and retried.
    const placeholder = `__wandb_api_non_finite_${Math.random().toString(36).slice(2)}_`;
    let replaced = 0;
    let text: string | undefined;
    try {
      text = JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'number' && !Number.isFinite(v)) {
          replaced++;
          return placeholder + String(v);
        }
        return v;
      });
    } catch (error) {
      throw new ValidationError(
        parameter,
        `cannot be sent as JSON (${(error as Error).message}); use plain values: numbers, strings, booleans, null, arrays and objects`,
        { cause: error },
      );
    }
    if (text === undefined) throw new ValidationError(parameter, 'cannot be sent as JSON');
    if (replaced === 0) return text;
    let found = 0;
    // Whole JSON strings, escapes included, so matching stays aligned with the real string bounds.
    const out = text.replace(/"((?:[^"\\]|\\.)*)"/g, (match, body: string) => {
      if (!body.startsWith(placeholder)) return match;
      const token = body.slice(placeholder.length);
      if (token !== 'NaN' && token !== 'Infinity' && token !== '-Infinity') return match;
      found++;
      return token;
    });
    if (found === replaced) return out;
  }
  throw new ValidationError(parameter, 'could not encode its non-finite numbers (NaN, Infinity)');
}

/**
 * The `config` of an `UpdateRun` mutation: `plain` wrapped in the server's `{ key: { value, desc } }`
 * form, with the internal keys (`_wandb`, `wandb_version`) copied unchanged from `raw` (the config
 * as last read from the server) and each kept key's `desc` carried over, so nothing the client
 * does not show is lost.
 *
 * @throws {@link ValidationError} (`parameter` `"config"`) when `plain` is not a plain object or not serializable.
 * @example
 * ```ts
 * encodeConfig({ lr: 0.2 }, { lr: { value: 0.1, desc: 'rate' }, _wandb: { value: { t: 1 }, desc: null } });
 * // '{"_wandb":{"value":{"t":1},"desc":null},"lr":{"value":0.2,"desc":"rate"}}'
 * ```
 */
export function encodeConfig(plain: Record<string, unknown>, raw: Record<string, unknown>): string {
  const wrapped: Record<string, WrappedConfigValue | unknown> = wrapConfig(plain, raw);
  for (const key of RESERVED_CONFIG_KEYS) {
    if (Object.prototype.hasOwnProperty.call(raw, key)) setOwn(wrapped, key, raw[key]);
  }
  for (const [key, entry] of Object.entries(wrapped)) {
    if (RESERVED_CONFIG_KEYS.includes(key)) continue;
    const before = Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : undefined;
    if (isPlainObject(before) && typeof before.desc === 'string') {
      setOwn(wrapped, key, { ...(entry as WrappedConfigValue), desc: before.desc });
    }
  }
  return stringifyJsonWithNonFinite(wrapped, 'config');
}
