/**
 * Stable keys for the hooks' arguments: the same arguments, written inline on every render or not,
 * give the same key, so that a hook neither refetches in a loop nor asks twice for one thing.
 *
 * @example
 * ```ts
 * argsKey('useRuns', ['acme/vision', { order: '-created_at', filters: { state: 'finished' } }]);
 * // the same string for `{ filters: { state: 'finished' }, order: '-created_at' }`
 * ```
 * @module
 */

/** Identity tokens of the objects that are not plain data (class instances, functions). */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

function identity(value: object): string {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return `#${id}`;
}

/** Whether `value` is an array or an object literal (its prototype is `Object.prototype` or null). */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `value` as canonical JSON: object keys sorted, `undefined` members left out (as `JSON.stringify`
 * does), dates as their ISO text, and anything that is not plain data (a class instance, a function,
 * a signal) by identity. Cycles are cut (`"#cycle"`).
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, undefined] }) === canonicalJson({ a: [2, undefined], b: 1 }); // true
 * ```
 */
export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown): string => {
    if (v === undefined) return 'null';
    if (typeof v === 'bigint') return `"${v}n"`;
    if (typeof v === 'function' || typeof v === 'symbol') return JSON.stringify(identity(v as object));
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    if (v instanceof Date) return JSON.stringify(`@date:${v.toISOString()}`);
    if (v instanceof RegExp) return JSON.stringify(`@regexp:${String(v)}`);
    if (!isPlain(v)) return JSON.stringify(identity(v));
    if (seen.has(v)) return '"#cycle"';
    seen.add(v);
    let out: string;
    if (Array.isArray(v)) out = `[${v.map(walk).join(',')}]`;
    else {
      const record = v as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${walk(record[k])}`);
      out = `{${members.join(',')}}`;
    }
    seen.delete(v);
    return out;
  };
  return walk(value);
}

/**
 * The registry key of one hook call: the hook's name and its arguments by value.
 *
 * @example
 * ```ts
 * const key = argsKey('useRun', ['acme/vision/a1b2c3d4', { pollMs: 5000 }]);
 * ```
 */
export function argsKey(hook: string, args: readonly unknown[]): string {
  return `${hook}:${canonicalJson(args)}`;
}
