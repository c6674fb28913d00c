/**
 * JSON text the way the W&B server writes its `JSONString` fields (`config`, `summaryMetrics`,
 * `systemMetrics`): standard JSON, except that non-finite numbers are bare `NaN`, `Infinity` and
 * `-Infinity` tokens (wandb-ops.md §7.1: clients need a lenient parser for these fields).
 *
 * @example
 * ```ts
 * import { stringifyJsonString } from './json.js';
 * stringifyJsonString({ loss: NaN, best: Infinity }); // '{"loss":NaN,"best":Infinity}'
 * ```
 * @module
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Serializes a value like `JSON.stringify`, but writes non-finite numbers as bare `NaN`,
 * `Infinity` and `-Infinity` tokens instead of `null`. Strings (values or keys) are never altered,
 * even when they contain the text used internally as a placeholder.
 *
 * @example
 * ```ts
 * stringifyJsonString({ a: [1, -Infinity], s: 'NaN' }); // '{"a":[1,-Infinity],"s":"NaN"}'
 * ```
 */
export function stringifyJsonString(value: unknown): string {
  const plain = JSON.stringify(value);
  // A placeholder that occurs nowhere in the plain text, so no user string can contain it.
  let n = 0;
  let placeholder = '__emulator_non_finite_0__';
  while (plain.includes(placeholder)) placeholder = `__emulator_non_finite_${++n}__`;
  let replaced = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      replaced = true;
      return `${placeholder}${String(v)}`;
    }
    return v;
  });
  if (!replaced) return plain;
  const token = new RegExp(`"${escapeRegExp(placeholder)}(NaN|-?Infinity)"`, 'g');
  return text.replace(token, (_match, name: string) => name);
}
