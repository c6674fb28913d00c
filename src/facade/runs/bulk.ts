/**
 * Bulk reads across the runs of a listing: {@link runHistories}, behind `runs.histories()`. The
 * histories are fetched in parallel (through the Api's one request limiter) and handed back in
 * listing order, a bounded number ahead of the caller. A module of its own, so that a bundle can
 * load it on first use.
 *
 * @example
 * ```ts
 * for await (const { run, rows } of runHistories(ctx, runs, { keys: ['loss'] })) console.log(run.name, rows.length);
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { optionalBoolean, optionalPositive, optionalSignal, optionsObject } from '../core/validate.js';
import type { HistoryRow, HistorySource, ScanHistoryOptions } from './history.js';
import { parseHistoryOptions, parseScanOptions } from './history-options.js';
import { orderedAhead } from './ordered.js';
import type { Run } from './run.js';

/**
 * Options of {@link Runs.histories}.
 *
 * @example
 * ```ts
 * const sampled: RunHistoriesOptions = { keys: ['loss'], samples: 200, concurrency: 16 };
 * const every: RunHistoriesOptions = { scan: true, keys: ['loss'], pageSize: 5000 };
 * ```
 */
export interface RunHistoriesOptions {
  /**
   * Only rows that have all of these keys, with `_step` and these keys. A non-empty array of
   * non-empty strings. Default: every key of every row.
   */
  keys?: readonly string[];
  /** Without `scan`: most rows per run, sampled evenly by the server (as `run.history()`). @defaultValue 500 */
  samples?: number;
  /** `true` reads every row of every run (`run.scanHistory()`), `false` sampled rows (`run.history()`). @defaultValue false */
  scan?: boolean;
  /**
   * Most runs read at once (and so most histories held ahead of the loop); every request still
   * goes through the Api's limiter. A positive integer. Default: the Api's `concurrency()`.
   */
  concurrency?: number;
  /** With `scan`: steps per window request (see {@link ScanHistoryOptions.pageSize}). @defaultValue 1000 */
  pageSize?: number;
  /** With `scan`: first step (inclusive). @defaultValue 0 */
  minStep?: number;
  /** With `scan`: end step (exclusive). Default: each run's last step + 1. */
  maxStep?: number;
  /** With `scan`: where rows come from (see {@link ScanHistoryOptions.source}). @defaultValue 'auto' */
  source?: HistorySource;
  /** Stops everything: the histories in flight are cancelled and the loop rejects with the reason. */
  signal?: AbortSignal | undefined;
}

/**
 * One run's history, as {@link Runs.histories} yields it.
 *
 * @example
 * ```ts
 * const entry: RunHistory = { run, rows: [{ _step: 0, loss: 1 }] };
 * ```
 */
export interface RunHistory<R = Run> {
  /** The run, as the listing gave it. */
  run: R;
  /** Its history rows, in step order. */
  rows: HistoryRow[];
}

/** Options of `scanHistory` a `histories()` call may carry only with `scan: true`. */
const SCAN_ONLY = ['pageSize', 'minStep', 'maxStep', 'source'] as const;

/**
 * The history of every run of `runs`, in their order, fetched in parallel (see {@link Runs.histories}).
 * Checks the options here, before any request.
 * @internal Users call `runs.histories()`.
 * @example
 * ```ts
 * for await (const { run, rows } of runHistories(ctx, api.runs('acme/vision'), { samples: 100 })) console.log(run.id, rows.length);
 * ```
 */
export function runHistories<R extends Pick<Run, 'history' | 'scanHistory'>>(
  ctx: FacadeContext,
  runs: (signal: AbortSignal | undefined) => AsyncIterable<R>,
  options?: RunHistoriesOptions,
): AsyncIterable<RunHistory<R>> {
  const o = optionsObject(options);
  const scan = optionalBoolean(o.scan, 'scan') ?? false;
  const concurrency = optionalPositive(o.concurrency, 'concurrency', { integer: true });
  const signal = optionalSignal(o.signal);
  let read: (run: R, signal: AbortSignal) => Promise<HistoryRow[]>;
  if (scan) {
    if (o.samples !== undefined) {
      throw new ValidationError(
        'samples',
        'is for sampled histories: leave it out with scan: true (every row is read)',
      );
    }
    const scanOptions: ScanHistoryOptions = {
      keys: o.keys,
      pageSize: o.pageSize,
      minStep: o.minStep,
      maxStep: o.maxStep,
      source: o.source,
    };
    parseScanOptions(scanOptions); // checks them
    read = async (run, runSignal) => {
      const rows: HistoryRow[] = [];
      for await (const row of run.scanHistory({ ...scanOptions, signal: runSignal })) rows.push(row);
      return rows;
    };
  } else {
    for (const name of SCAN_ONLY) {
      if (o[name] !== undefined) {
        throw new ValidationError(name, 'is an option of scanned histories: pass scan: true with it');
      }
    }
    parseHistoryOptions({ keys: o.keys, samples: o.samples });
    read = (run, runSignal) => run.history({ keys: o.keys, samples: o.samples, signal: runSignal });
  }
  const width = (): number => concurrency ?? ctx.concurrency();
  return {
    [Symbol.asyncIterator]: () =>
      orderedAhead(runs(signal), async (run, runSignal) => ({ run, rows: await read(run, runSignal) }), {
        width,
        signal,
      }),
  };
}
