/**
 * Whether a user value can be sent as JSON exactly as it is ({@link checkSendableJson}), apart
 * from the parsers of `json.ts` (which re-exports it): `api.newArtifact()` checks metadata at
 * once, so a browser app loads this check with the page and the parsers with the domains.
 *
 * @example
 * ```ts
 * checkSendableJson({ lr: 0.1, at: new Date() }, 'config'); // ok
 * checkSendableJson({ m: new Map() }, 'config'); // throws ValidationError('config.m', ...)
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { isPlainObject } from './validate.js';

/** How a key extends a key path in messages: `.name`, `[3]`, or `["a.b"]` for other keys. */
function keyPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const SENDABLE = 'numbers, strings, booleans, null, arrays, plain objects and Dates';

/**
 * Checks that a user value can be sent as JSON exactly as it is, before it is encoded (a run's
 * `config` or `summary`): `JSON.stringify` would silently drop functions, symbols and symbol keys,
 * turn `Map`, `Set` and class instances into `{}`, an array's `undefined` or holes into `null`, and
 * fail on a `bigint` or a circular reference. Each of those is a {@link ValidationError} whose
 * `parameter` is the key path (`config.optimizer.schedule`, `summary.layers[2]`). Allowed: `null`,
 * booleans, strings, numbers (`NaN` and `±Infinity` included: W&B stores them), valid `Date`s
 * (sent as ISO-8601 strings), arrays and plain objects of those. A property whose value is
 * `undefined` counts as absent, as in `JSON.stringify`.
 *
 * @param path - the name of the value, the start of every key path (e.g. `"config"`).
 * @throws {@link ValidationError} naming the key path of the first value that cannot be sent.
 * @example
 * ```ts
 * checkSendableJson({ lr: 0.1, best: Infinity, at: new Date() }, 'config'); // ok
 * checkSendableJson({ optimizer: { schedule: () => 0.1 } }, 'config'); // throws: Invalid config.optimizer.schedule: ...
 * ```
 */
export function checkSendableJson(value: unknown, path: string): void {
  const active = new Set<object>();
  const visit = (v: unknown, at: string): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return;
    if (v === undefined) {
      throw new ValidationError(
        at,
        `undefined in an array would be sent as null; use null, or leave the item out`,
      );
    }
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
      const hint = typeof v === 'bigint' ? ' (convert it with Number() or String())' : '';
      throw new ValidationError(at, `a ${typeof v} cannot be sent to W&B${hint}; use ${SENDABLE}`);
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime()))
        throw new ValidationError(at, `an invalid Date cannot be sent; use ${SENDABLE}`);
      return;
    }
    const obj = v as object;
    const isArray = Array.isArray(obj);
    if (!isArray && !isPlainObject(obj)) {
      const hint =
        obj instanceof Map
          ? ' (Object.fromEntries(map) makes one a plain object)'
          : obj instanceof Set
            ? ' (use [...set])'
            : '';
      throw new ValidationError(
        at,
        `${describeObject(obj)} cannot be sent to W&B as it is${hint}; use ${SENDABLE}`,
      );
    }
    if (active.has(obj))
      throw new ValidationError(at, 'it refers to itself (a circular reference), which JSON cannot hold');
    active.add(obj);
    if (isArray) {
      const list = obj as unknown[];
      for (let i = 0; i < list.length; i++) {
        if (!(i in list))
          throw new ValidationError(
            keyPath(at, i),
            'an empty slot in an array would be sent as null; use null',
          );
        visit(list[i], keyPath(at, i));
      }
    } else {
      const symbols = Object.getOwnPropertySymbols(obj).filter((s) =>
        Object.prototype.propertyIsEnumerable.call(obj, s),
      );
      if (symbols.length > 0) {
        throw new ValidationError(
          at,
          `a symbol key (${String(symbols[0])}) cannot be sent to W&B; use string keys`,
        );
      }
      for (const [key, item] of Object.entries(obj)) if (item !== undefined) visit(item, keyPath(at, key));
    }
    active.delete(obj);
  };
  visit(value, path);
}

function describeObject(obj: object): string {
  const name = (obj as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a prototype';
}
