/**
 * Run history (wandb-ops.md §7.1 `history` / `scan_history`, §10 item 10): server-sampled rows
 * ({@link fetchHistory}) and an exhaustive scan by step windows ({@link scanHistory}). The
 * {@link Run} methods `history()` and `scanHistory()` are thin wrappers over these.
 *
 * History is bulk data: every query here bypasses the query cache (nothing is read from it or
 * stored in it).
 *
 * @example
 * ```ts
 * const rows = await run.history({ keys: ['loss'], samples: 200 });
 * for await (const row of run.scanHistory({ keys: ['loss'] })) console.log(row._step, row.loss);
 * ```
 * @module
 */
import type { FacadeContext, GraphQLDocument, RequestOptions, Variables } from '../core/context.js';
// The documents load with the first request; `runs.histories()` (in the light `Runs`) checks its
// options at once with the checks of `history-options.ts`.
import { documents } from '../core/lazy.js';
import { GraphQLRequestError, UnsupportedError, WandbError } from '../../errors/index.js';
import { runNotFound } from '../core/notFound.js';
import { parseJsonLenient } from '../core/json.js';
import { throwIfAborted, type ListOptions } from '../core/pagination.js';
import { formatRunPath, type RunRef } from '../paths/paths.js';
import { orderedAhead } from './ordered.js';
import type { ParquetReadResult } from './parquet-history.js';
import { isPlainObject } from '../core/validate.js';
import { parseHistoryOptions, parseScanOptions } from './history-options.js';

/**
 * One history row: metric names to the values logged at one step. Rows of the default stream
 * carry `_step` (and usually `_runtime`, `_timestamp`).
 *
 * @example
 * ```ts
 * const row: HistoryRow = { _step: 10, loss: 0.25, _runtime: 31.2 };
 * ```
 */
export type HistoryRow = Record<string, unknown>;

/**
 * History in column form: for every key, one value per row (`null` where a row lacks the key).
 *
 * @example
 * ```ts
 * const cols: HistoryColumns = { _step: [0, 1, 2], loss: [1, 0.5, null] };
 * ```
 */
export type HistoryColumns = Record<string, unknown[]>;

/**
 * A history row of {@link Run.history} or {@link Run.scanHistory} called with `keys` written out
 * (`{ keys: ['loss', 'acc'] }`): the x axis `X` (default `_step`) as a number and each key of `K`
 * as a number or `null` (how `sampledHistory`, plain JSON, sends `NaN` and `±Infinity`). Keys
 * that hold something else than numbers (a string, a media object) come back as logged: type
 * them with `V`. With `keys` as a plain `string[]` it is {@link HistoryRow}.
 *
 * @example
 * ```ts
 * const rows = await run.history({ keys: ['loss', 'acc'] }); // HistoryRowOf<'loss' | 'acc'>[]
 * const row: HistoryRowOf<'loss'> = { _step: 10, loss: 0.25 };
 * const byEpoch: HistoryRowOf<'loss', 'epoch'> = { epoch: 3, loss: null };
 * ```
 */
export type HistoryRowOf<K extends string, X extends string = '_step', V = number | null> = string extends
  K | X
  ? HistoryRow
  : { [P in X | K]: P extends X ? number : V };

/**
 * {@link Run.history} with `keys` written out and `format: 'columns'`: one array per key, aligned
 * with the rows — the x axis `X` (default `_step`) as numbers, each key of `K` as numbers or
 * `null` (where a row lacks it). With `keys` as a plain `string[]` it is {@link HistoryColumns}.
 *
 * @example
 * ```ts
 * const { _step, loss } = await run.history({ keys: ['loss'], format: 'columns' }); // number[], (number | null)[]
 * const cols: HistoryColumnsOf<'loss'> = { _step: [0, 1], loss: [1, null] };
 * ```
 */
export type HistoryColumnsOf<
  K extends string,
  X extends string = '_step',
  V = number | null,
> = string extends K | X ? HistoryColumns : { [P in X | K]: P extends X ? number[] : V[] };

/**
 * Which history stream to read: `'default'` (what `wandb.log` wrote) or `'system'` (system
 * metrics: CPU, GPU, memory, ...).
 *
 * @example
 * ```ts
 * const stream: HistoryStream = 'system';
 * ```
 */
export type HistoryStream = 'default' | 'system';

/**
 * The shape {@link Run.history} answers in: `'rows'` (an array of row objects) or `'columns'`
 * (one array per key, see {@link HistoryColumns}).
 *
 * @example
 * ```ts
 * const format: HistoryFormat = 'columns';
 * ```
 */
export type HistoryFormat = 'rows' | 'columns';

/**
 * Options of {@link Run.history}.
 *
 * @example
 * ```ts
 * const options: HistoryOptions = { samples: 200, keys: ['loss', 'val_loss'], xAxis: '_step' };
 * ```
 */
export interface HistoryOptions extends Pick<RequestOptions, 'signal'> {
  /** Most rows the server answers (it samples evenly). A positive integer, at most 2³¹ − 1. @defaultValue 500 */
  samples?: number;
  /**
   * Only rows that have all of these keys, with just `xAxis` and these keys. A non-empty array of
   * non-empty strings; not with `stream: 'system'`. Default: every key of every row.
   */
  keys?: readonly string[];
  /** The key rows are placed by, included in every row when `keys` is given. @defaultValue '_step' */
  xAxis?: string;
  /** The stream to read. @defaultValue 'default' */
  stream?: HistoryStream;
  /** `'rows'` or `'columns'`. @defaultValue 'rows' */
  format?: HistoryFormat;
}

/**
 * Options of {@link Run.scanHistory}.
 *
 * @example
 * ```ts
 * const options: ScanHistoryOptions = { keys: ['loss'], pageSize: 500, minStep: 1000, maxStep: 2000 };
 * ```
 */
export interface ScanHistoryOptions extends Pick<ListOptions, 'signal'> {
  /**
   * Only rows that have all of these keys, with `_step` and these keys. A non-empty array of
   * non-empty strings. Default: every row, with every key.
   */
  keys?: readonly string[];
  /** Steps per request (one window of steps each). A positive integer, at most 2³¹ − 1. @defaultValue 1000 */
  pageSize?: number;
  /** First step (inclusive). A non-negative integer. @defaultValue 0 */
  minStep?: number;
  /**
   * End step (**exclusive**); clamped to just past the run's last step. A non-negative integer, not
   * below `minStep` (a `ValidationError`); equal to it, the range is empty: the scan yields
   * nothing and sends no request.
   */
  maxStep?: number;
  /**
   * Where the rows come from: `'windows'` (GraphQL step windows), `'parquet'` (the run's exported
   * Parquet history files, read from their signed URLs, then GraphQL windows for the rows not
   * exported yet), or `'auto'`: Parquet for a run that is not running, windows otherwise,
   * whenever the server offers no Parquet history, and for whatever the files fail to give (a
   * failed download, a compression this reader lacks: the rows after the last one read then
   * come by windows). The rows are the same either way, except that with `keys` windows answer
   * `NaN` and `±Infinity` as `null` (plain JSON) where files keep them. With `'parquet'`, a
   * server without Parquet history (an older server, or the feature off) makes the scan reject
   * with {@link UnsupportedError} before any row, and a file that cannot be read rejects it.
   * @defaultValue 'auto'
   */
  source?: HistorySource;
}

/**
 * Where {@link Run.scanHistory} reads rows from (see {@link ScanHistoryOptions.source}).
 *
 * @example
 * ```ts
 * const source: HistorySource = 'parquet';
 * ```
 */
export type HistorySource = 'auto' | 'parquet' | 'windows';

/** Where the run is, plus the context to reach it. */
interface HistoryTarget extends RunRef {
  ctx: FacadeContext;
}

/** Sends one history query, bypassing the query cache, and returns the run or a NotFoundError. */
async function requestRun<TData extends { project: { run: unknown } | null }, TVars extends Variables>(
  ref: HistoryTarget,
  doc: GraphQLDocument<TData, TVars>,
  variables: TVars,
  signal: AbortSignal | undefined,
): Promise<NonNullable<NonNullable<TData['project']>['run']>> {
  const data = await ref.ctx.request(doc, variables, { signal, cache: false, cacheIf: () => false });
  const run = data.project?.run as NonNullable<TData['project']>['run'] | undefined;
  if (run === null || run === undefined) {
    throw runNotFound(ref.entity, ref.project, ref.runId, data.project != null);
  }
  return run;
}

/**
 * Reads history rows: each an object, or a JSON string of one (`history` and `events` send JSON
 * strings, NaN and Infinity tokens included).
 */
function parseRows(rows: readonly unknown[], what: string): HistoryRow[] {
  return rows.map((row, i) => {
    const value = typeof row === 'string' ? parseJsonLenient(row, `${what} row ${i}`) : row;
    if (!isPlainObject(value))
      throw new WandbError(`Could not read ${what} row ${i}: expected a JSON object`);
    return value;
  });
}

/** The row list of the first `sampledHistory` entry (`[]` when there is none). */
function firstSampledList(lists: readonly unknown[], what: string): HistoryRow[] {
  let list = lists[0];
  if (list === undefined || list === null) return [];
  if (typeof list === 'string') list = parseJsonLenient(list, what);
  if (!Array.isArray(list)) throw new WandbError(`Could not read ${what}: expected a list of rows`);
  return parseRows(list, what);
}

/**
 * Turns rows into columns: `keys` first (each present, even when no row has it), then the rest
 * of the rows' keys in first-seen order, each an array aligned with the rows (`null` where a row
 * lacks the key).
 *
 * @example
 * ```ts
 * toColumns([{ _step: 0, a: 1 }, { _step: 1, b: 2 }]); // { _step: [0, 1], a: [1, null], b: [null, 2] }
 * toColumns([], ['_step', 'loss']); // { _step: [], loss: [] }
 * ```
 */
function toColumns(rows: readonly HistoryRow[], keys: readonly string[] = []): HistoryColumns {
  const columns = new Map<string, unknown[]>();
  for (const key of keys) {
    if (!columns.has(key)) columns.set(key, new Array<unknown>(rows.length).fill(null));
  }
  rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      let column = columns.get(key);
      if (!column) {
        column = new Array<unknown>(rows.length).fill(null);
        columns.set(key, column);
      }
      column[i] = value;
    }
  });
  return Object.fromEntries(columns);
}

/**
 * Server-sampled history of one run (see {@link Run.history}).
 * @internal Users call `run.history()`.
 * @example
 * ```ts
 * const rows = await fetchHistory(ctx, 'acme', 'vision', 'a1b2c3d4', { keys: ['loss'], samples: 100 });
 * ```
 */
export async function fetchHistory(
  ctx: FacadeContext,
  entity: string,
  project: string,
  runId: string,
  options?: HistoryOptions,
): Promise<HistoryRow[] | HistoryColumns> {
  const { samples, keys, xAxis, stream, format, signal } = parseHistoryOptions(options);
  const ref: HistoryTarget = { ctx, entity, project, runId };
  const base = { entity, project, name: runId };
  const what = `history of run ${formatRunPath(ref)}`;
  let rows: HistoryRow[];
  if (keys) {
    const spec = JSON.stringify({ keys: [...new Set([xAxis, ...keys])], samples });
    const run = await requestRun(
      ref,
      (await documents()).RunSampledHistoryDocument,
      { ...base, specs: [spec] },
      signal,
    );
    rows = firstSampledList(run.sampledHistory, what);
  } else if (stream === 'system') {
    const run = await requestRun(
      ref,
      (await documents()).RunSystemEventsDocument,
      { ...base, samples },
      signal,
    );
    rows = parseRows(run.events, `system metrics of run ${formatRunPath(ref)}`);
  } else {
    const run = await requestRun(ref, (await documents()).RunHistoryDocument, { ...base, samples }, signal);
    rows = parseRows(run.history, what);
  }
  if (format === 'rows') return rows;
  // With keys the columns are known: each is there (maybe empty) even when no row has it.
  return toColumns(rows, keys && [xAxis, ...keys]);
}

/** `historyKeys.lastStep` (a JSON object, or a JSON string of one), -1 when missing. */
function lastStepOf(historyKeys: unknown, what: string): number {
  const keys = typeof historyKeys === 'string' ? parseJsonLenient(historyKeys, what) : historyKeys;
  const lastStep = isPlainObject(keys) ? keys.lastStep : undefined;
  return typeof lastStep === 'number' && Number.isFinite(lastStep) ? Math.floor(lastStep) : -1;
}

/** A row's `_step` as a number (it may arrive as a float, or a numeric string), or NaN. */
function stepOf(row: HistoryRow): number {
  const step = row._step;
  if (typeof step === 'number') return step;
  if (typeof step === 'string' && step.trim() !== '') return Number(step);
  return NaN;
}

/**
 * Every history row of one run in step order, one window of steps per request (see
 * {@link Run.scanHistory}). Options are checked here, before any request; each iteration starts
 * over.
 * @internal Users call `run.scanHistory()`.
 * @example
 * ```ts
 * for await (const row of scanHistory(ctx, 'acme', 'vision', 'a1b2c3d4', { keys: ['loss'] })) console.log(row._step);
 * ```
 */
export function scanHistory(
  ctx: FacadeContext,
  entity: string,
  project: string,
  runId: string,
  options?: ScanHistoryOptions,
  state?: string,
): AsyncIterable<HistoryRow> {
  const { keys, source, pageSize, minStep, maxStep, signal } = parseScanOptions(options);
  const ref: HistoryTarget = { ctx, entity, project, runId };
  const base = { entity, project, name: runId };
  const what = `history of run ${formatRunPath(ref)}`;
  const specKeys = keys ? [...new Set([...keys, '_step'])] : undefined;
  const rowKeys = keys ? ['_step', ...keys.filter((k) => k !== '_step')] : undefined;

  /** The rows of steps [a, b), as the server answers them. */
  const window = async (a: number, b: number, windowSignal: AbortSignal): Promise<HistoryRow[]> => {
    if (!specKeys) {
      const vars = { ...base, minStep: a, maxStep: b, pageSize };
      const run = await requestRun(ref, (await documents()).HistoryPageDocument, vars, windowSignal);
      return parseRows(run.history, what);
    }
    // sampledHistory's maxStep is inclusive.
    const spec = JSON.stringify({ keys: specKeys, minStep: a, maxStep: b - 1, samples: b - a });
    const run = await requestRun(
      ref,
      (await documents()).SampledHistoryPageDocument,
      { ...base, spec },
      windowSignal,
    );
    return firstSampledList(run.sampledHistory, what);
  };

  /** The window starts of steps [from, end). */
  function* starts(from: number, end: number): Generator<number> {
    for (let a = from; a < end; a += pageSize) yield a;
  }

  /**
   * The rows of steps [from, end) with a step of at least `floor`, by windows of `pageSize` steps
   * fetched in parallel (up to `ctx.concurrency()` ahead of the reader), in step order, each step once.
   */
  async function* windows(
    from: number,
    end: number,
    floor: number,
    after = -Infinity,
  ): AsyncGenerator<HistoryRow, void, undefined> {
    let previous = after; // the last step yielded: each step is yielded once
    const fetched = orderedAhead(
      starts(from, end),
      async (a, windowSignal) => {
        const b = Math.min(a + pageSize, end);
        const lower = Math.max(a, floor);
        return (await window(a, b, windowSignal))
          .map((row) => ({ row, step: stepOf(row) }))
          .filter(({ step }) => step >= lower && step < b) // also drops rows without a numeric _step
          .sort((x, y) => x.step - y.step);
      },
      { width: () => ctx.concurrency(), signal },
    );
    for await (const rows of fetched) {
      for (const { row, step } of rows) {
        if (step <= previous) continue;
        if (keys && !keys.every((key) => Object.hasOwn(row, key))) continue;
        previous = step;
        throwIfAborted(signal);
        yield rowKeys ? pick(row, rowKeys) : row;
      }
    }
  }

  /** The run's Parquet history, or `undefined` where the server has none (no field, or nothing offered). */
  const parquetHistory = async (): Promise<ParquetOffer | undefined> => {
    try {
      const run = await requestRun(
        ref,
        (await documents()).RunParquetHistoryDocument,
        { ...base, liveKeys: ['_step'] },
        signal,
      );
      return readOffer(run.parquetHistory, what);
    } catch (e) {
      if (lacksParquetHistory(e)) return undefined;
      throw e;
    }
  };

  async function* scan(): AsyncGenerator<HistoryRow, void, undefined> {
    throwIfAborted(signal);
    if (maxStep === minStep) return; // an empty range: nothing to ask the server
    const parquet = source === 'parquet' || (source === 'auto' && state !== undefined && state !== 'running');
    const [run, offer] = await Promise.all([
      requestRun(ref, (await documents()).RunHistoryKeysDocument, base, signal),
      parquet ? parquetHistory() : undefined,
    ]);
    const lastStep = lastStepOf(run.historyKeys, `historyKeys of run ${formatRunPath(ref)}`);
    const end = Math.min(maxStep ?? Infinity, lastStep + 1);
    const offered = offer !== undefined && (offer.urls.length > 0 || offer.liveFrom !== undefined);
    if (source === 'parquet' && !offered && lastStep >= 0) {
      throw new UnsupportedError(
        `The server offers no Parquet history for run ${formatRunPath(ref)} (${
          offer
            ? 'it answered no files and no live steps: the feature is off'
            : 'it has no Run.parquetHistory'
        }); use source: 'windows' or 'auto'`,
      );
    }
    if (!offer || offer.urls.length === 0 || minStep >= end) {
      yield* windows(minStep, end, -Infinity); // nothing exported: every row is live
      return;
    }
    let last = -Infinity; // the last step read from the files
    let exported: ParquetReadResult;
    try {
      const { readParquetHistory } = await import('./parquet-history.js');
      const below = Math.min(end, offer.liveFrom ?? Infinity);
      const files = readParquetHistory(ctx, offer.urls, { keys, from: minStep, below, signal, what });
      try {
        for (;;) {
          const next = await files.next();
          if (next.done) {
            exported = next.value;
            break;
          }
          last = stepOf(next.value);
          yield next.value;
        }
      } finally {
        await files.return({ lastExportedStep: last });
      }
    } catch (e) {
      // 'auto' asked for rows, not for files: what the files could not give (a codec this reader
      // lacks, a broken download) comes by windows, after the last row read from them.
      if (source !== 'auto' || signal?.aborted) throw e;
      yield* windows(Math.max(minStep, Math.floor(last)), end, -Infinity, last);
      return;
    }
    // Rows from the first live step on (past the last exported one without live steps) are read live.
    const liveFrom = offer.liveFrom ?? exported.lastExportedStep + 1;
    yield* windows(Math.max(minStep, Math.floor(liveFrom)), end, liveFrom);
  }

  return { [Symbol.asyncIterator]: () => scan() };
}

/** What `Run.parquetHistory` offers: the files' signed URLs and the first live step (none: every row exported). */
interface ParquetOffer {
  urls: string[];
  liveFrom: number | undefined;
}

/** `parquetHistory { parquetUrls liveData }` read: the URLs and the smallest live `_step`. */
function readOffer(
  value: { parquetUrls: readonly string[]; liveData: readonly unknown[] },
  what: string,
): ParquetOffer {
  let liveFrom: number | undefined;
  for (const entry of value.liveData) {
    const data = typeof entry === 'string' ? parseJsonLenient(entry, `live steps of the ${what}`) : entry;
    const step = isPlainObject(data) ? stepOf(data) : NaN;
    if (Number.isFinite(step) && (liveFrom === undefined || step < liveFrom)) liveFrom = step;
  }
  return { urls: [...value.parquetUrls], liveFrom };
}

/** Whether a request failed because the server's schema has no `Run.parquetHistory` (an older server). */
function lacksParquetHistory(error: unknown): boolean {
  return (
    error instanceof GraphQLRequestError &&
    error.errors.some((e) => /Cannot query field "parquetHistory"/.test(e.message))
  );
}

/** The row restricted to `keys` (in that order), as a new object. */
function pick(row: HistoryRow, keys: readonly string[]): HistoryRow {
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(row, k)).map((k) => [k, row[k]]));
}
