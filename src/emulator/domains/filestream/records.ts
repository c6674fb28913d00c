/**
 * What the run `file_stream` endpoint keeps of a run besides its history, system metrics and
 * summary (which live on the run record): console lines, the other streamed files, the exit code
 * and the bookkeeping the clients send (wandb-ops.md §8.1).
 *
 * @example
 * ```ts
 * import { fileStreamOf } from './records.js';
 * fileStreamOf(store, run).lines.get('output.log')?.length; // console lines so far
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import type { RunRecord } from '../runs/records.js';

/**
 * The file names the endpoint knows (the official client's `core/internal/filestream/filestream.go`).
 *
 * @example
 * ```ts
 * body.files[HISTORY_FILE] = { offset: 0, content: ['{"_step":0,"loss":1}'] };
 * ```
 */
export const HISTORY_FILE = 'wandb-history.jsonl';
/**
 * System metrics, one JSON object per line (`Run.events`).
 *
 * @example
 * ```ts
 * body.files[EVENTS_FILE] = { offset: 0, content: ['{"system.cpu":12}'] };
 * ```
 */
export const EVENTS_FILE = 'wandb-events.jsonl';
/**
 * The whole summary as one JSON line (`Run.summaryMetrics`).
 *
 * @example
 * ```ts
 * body.files[SUMMARY_FILE] = { offset: 0, content: ['{"loss":0.1}'] };
 * ```
 */
export const SUMMARY_FILE = 'wandb-summary.json';
/**
 * Console output, one line per entry; also a run file of that name.
 *
 * @example
 * ```ts
 * body.files[OUTPUT_FILE] = { offset: 0, content: ['epoch 1'] };
 * ```
 */
export const OUTPUT_FILE = 'output.log';

/**
 * The file_stream state of one run.
 *
 * @example
 * ```ts
 * const state: FileStreamRecord = { lines: new Map(), exitcode: null, dropped: 0, uploaded: new Set(), requests: 0 };
 * ```
 */
export interface FileStreamRecord {
  /**
   * Lines of the streamed text files other than history, events and summary (`output.log` and
   * any other name), by file name; each is also stored as a run file of that name.
   */
  lines: Map<string, string[]>;
  /** The exit code of the last `complete: true` request, `null` before one. */
  exitcode: number | null;
  /** The latest `dropped` count a client reported (chunks it gave up sending). */
  dropped: number;
  /** Every file name a request listed in `uploaded`. */
  uploaded: Set<string>;
  /** How many requests were applied. */
  requests: number;
}

/**
 * The file_stream state of a run, created empty on first use.
 *
 * @example
 * ```ts
 * fileStreamOf(store, run).exitcode; // null until the run completes
 * ```
 */
export function fileStreamOf(store: EmulatorStore, run: RunRecord): FileStreamRecord {
  let record = store.fileStreams.get(run.id);
  if (!record) {
    record = { lines: new Map(), exitcode: null, dropped: 0, uploaded: new Set(), requests: 0 };
    store.fileStreams.set(run.id, record);
  }
  return record;
}
