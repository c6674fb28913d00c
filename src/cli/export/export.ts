/**
 * `wandb-api export`: a project's runs, their histories and files into a folder that DuckDB,
 * pandas or Spark read as tables (see `layout.ts`), resumable (`state.ts`) and shardable
 * (`shard.ts`).
 *
 * How it works: one listing of the project's runs with their config and summary (`lazy: false`,
 * so no request per run), in the listing's order; runs of other shards and runs finished by an
 * earlier invocation are passed over without a request; every other run has its history read
 * (`run.history()` sampled, or `run.scanHistory()` for all rows) and its files downloaded, at
 * most `concurrency` runs at once, every GraphQL request through the Api's one limiter (which
 * also backs off on 429s). A run is written (history, files, then its record) as soon as it is
 * read; `runs.<fmt>` is written last, from the records, in listing order, so the output is the
 * same however the work was interrupted and resumed.
 *
 * @example
 * ```ts
 * const summary = await exportProject(api, { project: 'acme/vision', out: 'export', format: 'parquet', history: 'sampled' });
 * console.log(`${summary.exported} runs exported, ${summary.skipped} already done`);
 * ```
 * @module
 */
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ValidationError, type Api, type HistoryRow, type Run, type RunFilter } from '../../node.js';
import {
  fileSink,
  flattenRun,
  historyColumns,
  runColumns,
  writeRows,
  type RowFormat,
} from '../output/index.js';
import { historyPath, partitionDir, runsPath } from './layout.js';
import { inShard, type Shard } from './shard.js';
import { openState, removeTemporaries, type ExportParams } from './state.js';

/**
 * What to export and where.
 *
 * @example
 * ```ts
 * const options: ExportOptions = { project: 'acme/vision', out: 'export', format: 'csv', history: 'all', keys: ['loss'], shard: { index: 1, count: 4 } };
 * ```
 */
export interface ExportOptions {
  /** `entity/project` (or `project` with the default entity). */
  project: string;
  /** The output folder. */
  out: string;
  /** Format of the runs file and the history files. */
  format: RowFormat;
  /** `none`: no history; `sampled`: up to `samples` rows per run; `all`: every row. */
  history: 'none' | 'sampled' | 'all';
  /** With `history: 'sampled'`: most rows per run. Default: the library's (500). */
  samples?: number | undefined;
  /** Only history rows that have all of these keys, with `_step` and these keys. */
  keys?: readonly string[] | undefined;
  /** A run filter (Mongo-style, as `api.runs()` takes it). */
  filter?: RunFilter | undefined;
  /** Download the run files whose names match this SQL LIKE pattern, under `files/run=<id>/`. */
  files?: string | undefined;
  /** Runs read at once. @defaultValue 16 */
  concurrency?: number | undefined;
  /** Only this shard's runs. */
  shard?: Shard | undefined;
  /** Discard a previous export of this part with other parameters instead of refusing. */
  force?: boolean | undefined;
  /** Stops the export: work in flight is cancelled, finished runs stay recorded; the call rejects with the reason. */
  signal?: AbortSignal | undefined;
  /** Called once with the first run that failed (the export then stops and rejects with its error). */
  onRunFailure?: ((path: string, error: unknown) => void) | undefined;
  /** Called after each run listed (counts so far). */
  onProgress?: ((progress: ExportProgress) => void) | undefined;
}

/**
 * Counts of an export, as {@link ExportOptions.onProgress} reports them and {@link exportProject} resolves.
 *
 * @example
 * ```ts
 * const p: ExportProgress = { listed: 10, total: 100, exported: 4, skipped: 2, otherShards: 3, historyRows: 2000, files: 0 };
 * ```
 */
export interface ExportProgress {
  /** Runs listed so far. */
  listed: number;
  /** Runs the listing has in all (the server's count), when known. */
  total: number | undefined;
  /** Runs exported by this invocation. */
  exported: number;
  /** Runs of this part finished by an earlier invocation. */
  skipped: number;
  /** Runs of other shards. */
  otherShards: number;
  /** History rows written by this invocation. */
  historyRows: number;
  /** Files downloaded by this invocation. */
  files: number;
}

/** Default {@link ExportOptions.concurrency}. */
export const DEFAULT_EXPORT_CONCURRENCY = 16;

/** Runs per listing page (the heavy fields included). */
const LISTING_PAGE = 100;

/** Reads a run's history as the options say. */
async function readHistory(run: Run, o: ExportOptions, signal: AbortSignal): Promise<HistoryRow[]> {
  if (o.history === 'none') return [];
  const keys = o.keys ? [...o.keys] : undefined;
  if (o.history === 'sampled') {
    return run.history({
      ...(keys ? { keys } : {}),
      ...(o.samples !== undefined ? { samples: o.samples } : {}),
      signal,
    });
  }
  const rows: HistoryRow[] = [];
  for await (const row of run.scanHistory({ ...(keys ? { keys } : {}), signal })) rows.push(row);
  return rows;
}

/**
 * Exports a project's runs into `options.out` (see the module). Resolves with the counts once
 * the runs file is written; rejects with the signal's reason when stopped (finished runs stay
 * recorded, so a rerun resumes), or with the first run's error (after the others in flight
 * settle).
 *
 * @throws {@link ValidationError} when `out` holds an export with other parameters (unless `force`).
 * @example
 * ```ts
 * await exportProject(new Api({ concurrency: 16 }), { project: 'acme/vision', out: 'export', format: 'parquet', history: 'sampled' });
 * ```
 */
export async function exportProject(api: Api, options: ExportOptions): Promise<ExportProgress> {
  const o = options;
  const params: ExportParams = {
    project: o.project,
    filter: o.filter ?? null,
    history: o.history,
    samples: o.history === 'sampled' ? (o.samples ?? null) : null,
    keys: o.keys ? [...o.keys] : null,
    files: o.files ?? null,
    format: o.format,
    shard: o.shard ?? null,
  };
  const width = o.concurrency ?? DEFAULT_EXPORT_CONCURRENCY;
  const state = await openState(o.out, o.shard, params, { force: o.force === true });
  const progress: ExportProgress = {
    listed: 0,
    total: undefined,
    exported: 0,
    skipped: 0,
    otherShards: 0,
    historyRows: 0,
    files: 0,
  };
  const report = (): void => o.onProgress?.({ ...progress });

  // Stops the runs in flight on the caller's signal or on the first failure.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // one listener per request in flight, by design
  const stop = (): void => controller.abort(o.signal?.reason);
  if (o.signal?.aborted) throw o.signal.reason;
  o.signal?.addEventListener('abort', stop, { once: true });
  const signal = controller.signal;

  let failure: { error: unknown } | undefined;
  const inFlight = new Set<Promise<void>>();
  const ids: string[] = [];

  const exportRun = async (run: Run): Promise<void> => {
    const rows = await readHistory(run, o, signal);
    if (state.resumed) await removeTemporaries(partitionDir(o.out, 'history', run.id));
    if (rows.length) {
      await mkdir(partitionDir(o.out, 'history', run.id), { recursive: true }); // a new folder: made here, not after a failed open in the sink
      await writeRows(o.format, fileSink(historyPath(o.out, run.id, o.format)), rows, {
        columns: historyColumns(rows),
        statistics: ['_step'], // what readers skip row groups by; the others would cost a third more time
      });
    }
    if (o.files !== undefined) {
      for await (const file of run.files({ pattern: o.files, signal })) {
        await file.download({ root: partitionDir(o.out, 'files', run.id), replace: true, signal });
        progress.files++;
      }
    }
    signal.throwIfAborted();
    await state.finish(run.id, flattenRun(run));
    progress.exported++;
    progress.historyRows += rows.length;
    report();
  };

  try {
    const listing = api.runs(o.project, {
      ...(o.filter !== undefined ? { filters: o.filter } : {}),
      lazy: false,
      perPage: LISTING_PAGE,
      signal,
    });
    for await (const run of listing) {
      if (failure) break;
      progress.listed++;
      if (progress.listed === 1) progress.total = await listing.totalCount().catch(() => undefined);
      if (!inShard(run.id, o.shard)) {
        progress.otherShards++;
        report();
        continue;
      }
      ids.push(run.id);
      if (state.done.has(run.id)) {
        progress.skipped++;
        report();
        continue;
      }
      const task: Promise<void> = exportRun(run).then(
        () => void inFlight.delete(task),
        (error: unknown) => {
          inFlight.delete(task);
          if (!failure && !signal.aborted) o.onRunFailure?.(run.path.join('/'), error);
          // Bad input was checked before the export began: a ValidationError now is about a run's
          // data (a file name that would leave its folder), a failure (exit 1), not a usage error.
          failure ??= {
            error:
              error instanceof ValidationError
                ? new Error(`run ${run.path.join('/')}: ${error.message}`, { cause: error })
                : error,
          };
          controller.abort(error);
        },
      );
      inFlight.add(task);
      if (inFlight.size >= width) await Promise.race(inFlight);
    }
  } catch (error) {
    failure ??= { error };
    controller.abort(error);
  } finally {
    await Promise.all(inFlight);
    o.signal?.removeEventListener('abort', stop);
  }
  if (o.signal?.aborted) throw o.signal.reason;
  if (failure) throw failure.error;

  const rows = await state.rows(ids);
  const runsFile = runsPath(o.out, o.shard, o.format);
  if (state.resumed) await removeTemporaries(dirname(runsFile), basename(runsFile));
  await writeRows(o.format, fileSink(runsFile), rows, {
    columns: runColumns(rows),
  });
  report();
  return { ...progress };
}
