/**
 * Reading mutation inputs the way the emulator's writes treat them: a field that is absent leaves
 * the stored value alone, an explicit `null` clears it.
 *
 * @example
 * ```ts
 * import { has, text } from './input.js';
 * text({ notes: null }, 'notes'); // null: clear the notes
 * text({}, 'notes'); // undefined: leave them
 * ```
 * @module
 */

/**
 * Whether the input has the field at all (`null` included).
 *
 * @example
 * ```ts
 * has({ tags: null }, 'tags'); // true
 * ```
 */
export function has<T extends object>(input: T, field: keyof T & string): boolean {
  return Object.hasOwn(input, field) && input[field] !== undefined;
}

/**
 * A string field: the string, `null` when explicitly null, `undefined` when absent.
 *
 * @example
 * ```ts
 * text({ name: 'vision' }, 'name'); // 'vision'
 * ```
 */
export function text<T extends object>(input: T, field: keyof T & string): string | null | undefined {
  if (!has(input, field)) return undefined;
  const value: unknown = input[field];
  return typeof value === 'string' ? value : null;
}
