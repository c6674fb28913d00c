/**
 * Run history as the emulator serves it (wandb-ops.md §7.1 `history` / `scan_history`, §10 item 10):
 * deterministic sampling, step windows, `sampledHistory` specs and the `historyKeys` statistics.
 * Pure functions over stored rows; the resolvers turn them into GraphQL answers.
 *
 * Conventions, as the W&B server has them:
 * - `history(minStep, maxStep)` selects steps in `[minStep, maxStep)` (exclusive end), while a
 *   `sampledHistory` spec's `maxStep` is **inclusive**.
 * - Sampling keeps every row when there are at most `samples`, otherwise `samples` evenly spaced
 *   rows that always include the first and the last one. It is deterministic: the same rows and
 *   `samples` give the same answer.
 *
 * @example
 * ```ts
 * import { historyRows, sampledHistory, parseSampledHistorySpec } from './sampling.js';
 * const rows = [{ _step: 0, loss: 1 }, { _step: 1, loss: 0.5 }, { _step: 2, acc: 0.9 }];
 * historyRows(rows, { minStep: 0, maxStep: 2 }); // the rows of steps 0 and 1
 * sampledHistory(rows, parseSampledHistorySpec('{"keys": ["_step", "loss"], "samples": 10}'));
 * // [{ _step: 0, loss: 1 }, { _step: 1, loss: 0.5 }]
 * ```
 * @module
 */
import { parseJsonString, setOwn } from '../../graphql/json-string.js';
import type { HistoryRecord } from './records.js';
import { stepSlice } from './steps.js';

/**
 * Rows answered when a request names no `samples` (the Python client's default too).
 *
 * @example
 * ```ts
 * sampleRows(rows, DEFAULT_HISTORY_SAMPLES);
 * ```
 */
export const DEFAULT_HISTORY_SAMPLES = 500;

/**
 * The indices kept when sampling `count` rows down to `samples`: all of them when
 * `count <= samples`, else `samples` evenly spaced indices from `0` to `count - 1` (so the first
 * and the last row are kept; with `samples === 1` only the first). Strictly increasing.
 *
 * @throws Error when `samples` is not a positive integer.
 * @example
 * ```ts
 * sampleIndices(10, 4); // [0, 3, 6, 9]
 * sampleIndices(3, 500); // [0, 1, 2]
 * ```
 */
export function sampleIndices(count: number, samples: number): number[] {
  if (!Number.isInteger(samples) || samples < 1) {
    throw new Error(`samples must be a positive integer, got ${String(samples)}`);
  }
  if (count <= samples) return Array.from({ length: count }, (_, i) => i);
  // The spacing (count - 1) / (samples - 1) is > 1 here, so rounding never repeats an index.
  const spacing = samples === 1 ? 0 : (count - 1) / (samples - 1);
  return Array.from({ length: samples }, (_, i) => Math.round(i * spacing));
}

/**
 * Samples rows with {@link sampleIndices}, keeping their order.
 *
 * @example
 * ```ts
 * sampleRows(['a', 'b', 'c', 'd', 'e'], 3); // ['a', 'c', 'e']
 * ```
 */
export function sampleRows<T>(rows: readonly T[], samples: number): T[] {
  return sampleIndices(rows.length, samples).map((i) => rows[i] as T);
}

/** The `_step` of a row, or `undefined` when it has no numeric one. */
function rowStep(row: HistoryRecord): number | undefined {
  const step = row._step;
  return typeof step === 'number' && Number.isFinite(step) ? step : undefined;
}

/**
 * Arguments of `Run.history`.
 *
 * @example
 * ```ts
 * const args: HistoryArgs = { samples: 1000, minStep: 0, maxStep: 1000 };
 * ```
 */
export interface HistoryArgs {
  /** Most rows answered; default {@link DEFAULT_HISTORY_SAMPLES}. */
  samples?: number | null;
  /** First step answered (inclusive). */
  minStep?: number | null;
  /** End of the steps answered (**exclusive**). */
  maxStep?: number | null;
}

function integerArg(value: unknown, name: string, min: number): number | null {
  if (value === undefined || value === null) return null;
  // Int64 values may arrive as numbers or as decimal strings.
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Reads and checks the GraphQL arguments of `Run.history` (or `Run.events`, which only has
 * `samples`): `samples` a positive integer, `minStep` / `maxStep` integers (numbers or decimal
 * strings, as `Int64` allows).
 *
 * @param field - names the field in error messages, e.g. `"Run.history"`.
 * @throws Error naming the bad argument.
 * @example
 * ```ts
 * historyArgs({ samples: 10, minStep: '0', maxStep: 10 }, 'Run.history'); // { samples: 10, minStep: 0, maxStep: 10 }
 * ```
 */
export function historyArgs(args: Record<string, unknown>, field: string): HistoryArgs {
  return {
    samples: integerArg(args.samples, `${field}(samples)`, 1),
    minStep: integerArg(args.minStep, `${field}(minStep)`, Number.MIN_SAFE_INTEGER),
    maxStep: integerArg(args.maxStep, `${field}(maxStep)`, Number.MIN_SAFE_INTEGER),
  };
}

/**
 * `Run.history`: the rows whose `_step` is in `[minStep, maxStep)` (either bound optional),
 * sampled down to `samples`. Without bounds every row takes part in the sampling.
 *
 * @example
 * ```ts
 * historyRows(rows, { samples: 500 }); // at most 500 rows, first and last included
 * historyRows(rows, { minStep: 100, maxStep: 200, samples: 100 }); // steps 100..199
 * ```
 */
export function historyRows(rows: readonly HistoryRecord[], args: HistoryArgs = {}): HistoryRecord[] {
  const samples = args.samples ?? DEFAULT_HISTORY_SAMPLES;
  const { minStep, maxStep } = args;
  if (minStep == null && maxStep == null) return sampleRows(rows, samples);
  return sampleRows(stepSlice(rows, minStep, maxStep), samples);
}

/**
 * One parsed `sampledHistory` spec.
 *
 * @example
 * ```ts
 * const spec: SampledHistorySpec = { keys: ['_step', 'loss'], samples: 500, minStep: 0, maxStep: 99 };
 * ```
 */
export interface SampledHistorySpec {
  /** Keys a row must have all of; answered rows hold exactly these keys. */
  keys: string[];
  /** Most rows answered. */
  samples: number;
  /** First step answered (inclusive), if any. */
  minStep: number | undefined;
  /** Last step answered (**inclusive**), if any. */
  maxStep: number | undefined;
}

const SPEC_FIELDS = new Set(['keys', 'samples', 'minStep', 'maxStep']);

/**
 * Parses one `sampledHistory(specs)` entry: a JSON object with `keys` (a non-empty array of
 * strings), optional `samples` (a positive integer, default {@link DEFAULT_HISTORY_SAMPLES}) and
 * optional integer `minStep` / `maxStep` (both inclusive). Other fields are refused rather than
 * ignored, so a client relying on them notices.
 *
 * @throws Error with a message that says what is wrong (answered as a GraphQL error).
 * @example
 * ```ts
 * parseSampledHistorySpec('{"keys": ["_step", "loss"], "minStep": 0, "maxStep": 9, "samples": 10}');
 * // { keys: ['_step', 'loss'], samples: 10, minStep: 0, maxStep: 9 }
 * ```
 */
export function parseSampledHistorySpec(spec: unknown): SampledHistorySpec {
  let parsed: unknown = spec;
  if (typeof spec === 'string') {
    try {
      parsed = parseJsonString(spec);
    } catch (e) {
      throw new Error(`Invalid sampledHistory spec: not JSON (${(e as Error).message})`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      'Invalid sampledHistory spec: expected a JSON object such as {"keys": ["_step", "loss"]}',
    );
  }
  const obj = parsed as Record<string, unknown>;
  for (const field of Object.keys(obj)) {
    if (!SPEC_FIELDS.has(field)) {
      throw new Error(`The emulator does not implement sampledHistory spec field "${field}"`);
    }
  }
  const { keys, samples, minStep, maxStep } = obj;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string')) {
    throw new Error('Invalid sampledHistory spec: "keys" must be a non-empty array of strings');
  }
  const integer = (value: unknown, name: string, min: number): number | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      throw new Error(
        `Invalid sampledHistory spec: "${name}" must be an integer >= ${min}, got ${JSON.stringify(value)}`,
      );
    }
    return value;
  };
  return {
    keys: [...new Set(keys as string[])],
    samples: integer(samples, 'samples', 1) ?? DEFAULT_HISTORY_SAMPLES,
    minStep: integer(minStep, 'minStep', Number.MIN_SAFE_INTEGER),
    maxStep: integer(maxStep, 'maxStep', Number.MIN_SAFE_INTEGER),
  };
}

/**
 * Answers one `sampledHistory` spec: the rows that have every key of the spec, whose `_step` is
 * in `[minStep, maxStep]` (**inclusive**, either bound optional), projected to the spec's keys
 * and sampled down to `samples`.
 *
 * @example
 * ```ts
 * sampledHistory(rows, { keys: ['_step', 'acc'], samples: 10, minStep: 0, maxStep: 2 });
 * // [{ _step: 2, acc: 0.9 }] for the rows of the module example
 * ```
 */
export function sampledHistory(rows: readonly HistoryRecord[], spec: SampledHistorySpec): HistoryRecord[] {
  const { keys, minStep, maxStep } = spec;
  const bounded = minStep !== undefined || maxStep !== undefined;
  // Spec bounds are integers: an inclusive maxStep is the exclusive end maxStep + 1.
  const candidates = bounded
    ? stepSlice(rows, minStep, maxStep === undefined ? undefined : maxStep + 1)
    : rows;
  const matching = candidates.filter((row) => keys.every((key) => Object.hasOwn(row, key)));
  return sampleRows(matching, spec.samples).map((row) => {
    const projected: HistoryRecord = {};
    for (const key of keys) setOwn(projected, key, row[key]);
    return projected;
  });
}

/**
 * Statistics of one history key in {@link HistoryKeysStats}.
 *
 * @example
 * ```ts
 * const stats: HistoryKeyStats = { typeCounts: [{ type: 'number', count: 100 }] };
 * ```
 */
export interface HistoryKeyStats {
  /** How many rows hold a value of each type (`number`, `string`, `boolean`, `object`, `array`, `nil`). */
  typeCounts: { type: string; count: number }[];
}

/**
 * The `historyKeys` answer.
 *
 * @example
 * ```ts
 * const stats: HistoryKeysStats = { keys: { loss: { typeCounts: [{ type: 'number', count: 3 }] } }, lastStep: 2 };
 * ```
 */
export interface HistoryKeysStats {
  /** Per key, the types of the values logged. */
  keys: Record<string, HistoryKeyStats>;
  /** The largest `_step` logged, `-1` when there is no history. */
  lastStep: number;
}

/** The {@link historyKeys} of each history, with how many of its rows they count. */
const countedKeys = new WeakMap<readonly HistoryRecord[], { length: number; stats: HistoryKeysStats }>();

/**
 * `Run.historyKeys`: per-key type counts and `lastStep` (the largest `_step`, `-1` without rows).
 *
 * @example
 * ```ts
 * historyKeys([{ _step: 0, loss: 1 }, { _step: 5, loss: NaN }]).lastStep; // 5
 * ```
 */
export function historyKeys(rows: readonly HistoryRecord[]): HistoryKeysStats {
  // Counted once per history and extended as rows are appended (file_stream), not per request.
  let counted = countedKeys.get(rows);
  if (!counted || counted.length > rows.length) {
    counted = { length: 0, stats: { keys: {}, lastStep: -1 } };
    countedKeys.set(rows, counted);
  }
  const { keys } = counted.stats;
  for (let i = counted.length; i < rows.length; i++) {
    const row = rows[i] as HistoryRecord;
    const step = rowStep(row);
    if (step !== undefined && step > counted.stats.lastStep) counted.stats.lastStep = step;
    for (const key of Object.keys(row)) {
      const value = row[key];
      const type = value === null ? 'nil' : Array.isArray(value) ? 'array' : typeof value;
      if (!Object.hasOwn(keys, key)) setOwn(keys, key, { typeCounts: [] });
      const entry = keys[key] as HistoryKeyStats;
      const counter = entry.typeCounts.find((c) => c.type === type);
      if (counter) counter.count++;
      else entry.typeCounts.push({ type, count: 1 });
    }
  }
  counted.length = rows.length;
  // A copy: the counts go on growing with the history.
  const copy: Record<string, HistoryKeyStats> = {};
  for (const key of Object.keys(keys)) {
    setOwn(copy, key, { typeCounts: (keys[key] as HistoryKeyStats).typeCounts.map((c) => ({ ...c })) });
  }
  return { keys: copy, lastStep: counted.stats.lastStep };
}
