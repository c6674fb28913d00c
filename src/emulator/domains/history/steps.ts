/**
 * Step windows without scanning: the stored history of a run is in step order (seeds enforce it,
 * `file_stream` appends), so the rows of a step window are one slice of it, found by binary
 * search over a per-history index of steps. The index is kept beside the row array (a `WeakMap`,
 * nothing added to the record), extended when rows were appended, and rebuilt only when the
 * array shrank. A history whose steps are not increasing (rows without a numeric `_step`, or out
 * of order) is answered by scanning, as before, so the answer never depends on the index.
 *
 * @example
 * ```ts
 * import { stepSlice } from './steps.js';
 * const rows = [{ _step: 0 }, { _step: 5 }, { _step: 9 }];
 * stepSlice(rows, 1, 9); // [{ _step: 5 }]: steps in [1, 9)
 * ```
 * @module
 */
import type { HistoryRecord } from './records.js';

interface StepIndex {
  /** How many rows of the array the index covers. */
  length: number;
  /** The `_step` of each covered row. */
  steps: number[];
  /** Whether every covered row has a finite numeric `_step`, strictly increasing. */
  ordered: boolean;
}

const indexes = new WeakMap<readonly HistoryRecord[], StepIndex>();

function numericStep(row: HistoryRecord | undefined): number | undefined {
  const step = row?._step;
  return typeof step === 'number' && Number.isFinite(step) ? step : undefined;
}

/** The index of `rows`, brought up to date (appended rows added; rebuilt when the array shrank). */
function indexOf(rows: readonly HistoryRecord[]): StepIndex {
  let index = indexes.get(rows);
  if (!index || index.length > rows.length) {
    index = { length: 0, steps: [], ordered: true };
    indexes.set(rows, index);
  }
  // Rows rewritten in place at covered offsets (file_stream retries) carry the same step.
  for (let i = index.length; i < rows.length; i++) {
    const step = numericStep(rows[i]);
    if (step === undefined) {
      index.ordered = false;
      index.steps.push(Number.NaN);
      continue;
    }
    const previous = index.steps[index.steps.length - 1];
    if (previous !== undefined && !(step > previous)) index.ordered = false;
    index.steps.push(step);
  }
  index.length = rows.length;
  return index;
}

/** The first index in `steps` whose step is `>= target` (`steps.length` when none). */
function lowerBound(steps: readonly number[], target: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((steps[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The positions `[start, end)` of the rows whose `_step` is in `[minStep, maxStep)` (either bound
 * `null` / `undefined` for none), when the history is in step order; `undefined` when it is not
 * (then scan it).
 *
 * @example
 * ```ts
 * stepBounds([{ _step: 0 }, { _step: 5 }, { _step: 9 }], 1, 9); // [1, 2]
 * ```
 */
export function stepBounds(
  rows: readonly HistoryRecord[],
  minStep: number | null | undefined,
  maxStep: number | null | undefined,
): [number, number] | undefined {
  const index = indexOf(rows);
  if (!index.ordered) return undefined;
  const start = minStep == null ? 0 : lowerBound(index.steps, minStep);
  const end = maxStep == null ? index.steps.length : lowerBound(index.steps, maxStep);
  return [start, Math.max(start, end)];
}

/**
 * The rows whose `_step` is in `[minStep, maxStep)` (exclusive end; either bound optional), in
 * stored order, rows without a numeric `_step` dropped: a slice when the history is in step
 * order, else a scan.
 *
 * @example
 * ```ts
 * stepSlice(rows, 100, 200); // the rows of steps 100..199
 * ```
 */
export function stepSlice(
  rows: readonly HistoryRecord[],
  minStep: number | null | undefined,
  maxStep: number | null | undefined,
): HistoryRecord[] {
  const bounds = stepBounds(rows, minStep, maxStep);
  if (bounds) return rows.slice(bounds[0], bounds[1]);
  return rows.filter((row) => {
    const step = numericStep(row);
    return step !== undefined && (minStep == null || step >= minStep) && (maxStep == null || step < maxStep);
  });
}
