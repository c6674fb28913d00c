/**
 * Seeded history: checking and numbering the rows of `emu.seed.run({ history, systemMetrics })`,
 * and the latest system metrics of a stream.
 *
 * @example
 * ```ts
 * import { normalizeHistoryRows } from './seed.js';
 * normalizeHistoryRows([{ loss: 1 }, { loss: 0.5 }]); // [{ loss: 1, _step: 0 }, { loss: 0.5, _step: 1 }]
 * ```
 * @module
 */
import type { HistoryRecord } from './records.js';

/**
 * Copies seeded rows (history or the system metrics stream), checking that they are an array of
 * objects.
 *
 * @param what - names the input in error messages.
 * @throws Error when `rows` is not an array or a row is not an object.
 * @example
 * ```ts
 * copyRows([{ 'system.cpu': 10, _runtime: 1 }], 'seed.run: systemMetrics');
 * ```
 */
export function copyRows(rows: readonly HistoryRecord[], what: string): HistoryRecord[] {
  if (!Array.isArray(rows)) throw new Error(`${what} must be an array of row objects`);
  return rows.map((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new Error(`${what}[${index}] must be an object`);
    }
    return { ...row };
  });
}

/**
 * Copies seeded history rows and gives every row a `_step`: a row without one gets the previous
 * row's step plus one (`0` for the first row), like the W&B SDK numbers `wandb.log` calls. Steps
 * must be non-negative integers and strictly increasing, as the server keeps them. `_runtime` and
 * `_timestamp` are optional and never added.
 *
 * @param what - names the input in error messages.
 * @throws Error when a `_step` is not a non-negative integer or not larger than the previous one.
 * @example
 * ```ts
 * normalizeHistoryRows([{ loss: 1 }, { loss: 0.5 }, { _step: 10, loss: 0.2 }, { loss: 0.1 }]);
 * // [{ loss: 1, _step: 0 }, { loss: 0.5, _step: 1 }, { _step: 10, loss: 0.2 }, { loss: 0.1, _step: 11 }]
 * ```
 */
export function normalizeHistoryRows(
  rows: readonly HistoryRecord[],
  what = 'seed.run: history',
): HistoryRecord[] {
  let previous = -1;
  return copyRows(rows, what).map((copy, index) => {
    if (copy._step === undefined || copy._step === null) copy._step = previous + 1;
    const step = copy._step;
    if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) {
      throw new Error(`${what}[${index}]._step must be a non-negative integer, got ${JSON.stringify(step)}`);
    }
    if (step <= previous) {
      throw new Error(`${what}[${index}]._step ${step} must be larger than the previous step ${previous}`);
    }
    previous = step;
    return copy;
  });
}

/**
 * The latest system metrics (`Run.systemMetrics`) of a system metrics stream: its last row
 * without the bookkeeping keys that start with `_` (`_runtime`, `_timestamp`, `_wandb`). `{}` for
 * an empty stream.
 *
 * @example
 * ```ts
 * latestSystemMetrics([{ 'system.cpu': 10, _runtime: 1 }, { 'system.cpu': 12, _runtime: 2 }]);
 * // { 'system.cpu': 12 }
 * ```
 */
export function latestSystemMetrics(events: readonly HistoryRecord[]): HistoryRecord {
  const last = events.at(-1);
  if (!last) return {};
  return Object.fromEntries(Object.entries(last).filter(([key]) => !key.startsWith('_')));
}

/**
 * Checks a Parquet export boundary (`historyExportedThrough`, `emu.history.export`): an integer
 * step >= -1 (`-1`: nothing exported).
 *
 * @param what - names the input in error messages.
 * @throws Error when it is not one.
 * @example
 * ```ts
 * checkExportedThrough(99, 'seed.run: historyExportedThrough'); // 99
 * ```
 */
export function checkExportedThrough(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < -1) {
    throw new Error(
      `${what} must be an integer step >= -1 (-1: nothing exported), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
