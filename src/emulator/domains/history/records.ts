/**
 * History rows as the store keeps them (`RunRecord.history`, `RunRecord.events`).
 *
 * @example
 * ```ts
 * import type { HistoryRecord } from './records.js';
 * const row: HistoryRecord = { _step: 3, loss: 0.25 };
 * ```
 * @module
 */

/**
 * One history (or system metrics) row: metric names to logged values.
 *
 * @example
 * ```ts
 * const row: HistoryRecord = { _step: 3, loss: 0.25, _runtime: 12.5 };
 * ```
 */
export type HistoryRecord = Record<string, unknown>;
