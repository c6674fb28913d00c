/**
 * Times as the emulator stores and answers them (`DateTime`: RFC 3339 UTC, second precision).
 *
 * @example
 * ```ts
 * import { toTimestamp } from './time.js';
 * toTimestamp(new Date(0)); // '1970-01-01T00:00:00Z'
 * ```
 * @module
 */

/**
 * Formats a time the way the emulator answers `DateTime` fields: RFC 3339 UTC, second precision.
 *
 * @example
 * ```ts
 * toTimestamp(new Date(0)); // '1970-01-01T00:00:00Z'
 * ```
 */
export function toTimestamp(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The creation time of users and entities the store makes on its own.
 *
 * @example
 * ```ts
 * store.viewer.createdAt === EPOCH; // true
 * ```
 */
export const EPOCH = '2024-01-01T00:00:00Z';
