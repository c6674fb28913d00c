/**
 * Parquet history (wandb-ops.md §7.1 `scan_history`; wandb-core
 * `core/internal/runhistoryreader/`): `Run.parquetHistory(liveKeys)` answers the signed URLs of
 * the run's exported history files (`parquetUrls`) and, for each row not exported yet, its
 * `_step` and the `liveKeys` it has (`liveData`), which a reader then asks `history(minStep,
 * maxStep)` for. The files are written on first request with hyparquet-writer (loaded then, so
 * the emulator starts fast), cached per (run, step range), and served on signed storage URLs with
 * byte ranges.
 *
 * Which rows are exported: with a boundary set (`emu.seed.run({ historyExportedThrough })`,
 * `emu.history.export(path, { throughStep })`), the rows with `_step <=` it; else all rows of a
 * run in a final state (`finished`, `crashed`, `failed`, ... anything but `running`, `pending` and
 * `preempting`) and none of a running one; rows written to a run after it was exported (by
 * `file_stream`, or once `upsertBucket` runs it again) are live until exported
 * ({@link freezeHistoryExport}). A history not in step order exports nothing.
 *
 * Files: the exported rows, `rowsPerFile` at a time (`startEmulator({ parquetHistoryRowsPerFile
 * })`, default `DEFAULT_PARQUET_ROWS_PER_FILE`), each a contiguous range of steps in step
 * order, at `/storage/history/<run id>/<first step>-<last step>.parquet`. `parquetUrls` lists them
 * newest first: the order is not guaranteed by the real server either. Columns (SNAPPY, row groups
 * of `PARQUET_ROW_GROUP_SIZE` rows), one per top-level key the file's rows hold a non-null
 * value for, `_step` first, the others in sorted order:
 * - `_step`: INT64 (hyparquet reads it as a `bigint`), with min / max statistics per row group
 *   (the other columns have none);
 * - a key whose values are all numbers: DOUBLE (NaN and ±Infinity are DOUBLE values too);
 * - all booleans: BOOLEAN; all strings: STRING (UTF-8 BYTE_ARRAY);
 * - anything else (objects, arrays, mixed types): JSON (BYTE_ARRAY, `converted_type: JSON`), the
 *   value's JSON text (a non-finite number nested in it is `null` there: JSON has none);
 * - a row lacking the key, or holding `null`: null.
 * So a row read back with its nulls dropped (and `_step` as a number) is the row `history` answers.
 *
 * The URLs take no API key: a bad signature or another method (`HEAD` included, as a URL signed
 * for S3 GET refuses it) is refused with 403, an expired one with 403 `Request has expired`, a run
 * or range with no rows with 404. `GET` answers the file with `Content-Length`, or with
 * `Range: bytes=a-b` its bytes a..b with 206 and `Content-Range` (what hyparquet's
 * `asyncBufferFromUrl` reads by). `latencyMs` and storage faults apply as for every storage URL.
 *
 * Switches: the feature `PARQUET_HISTORY_FILES_FEATURE` off (`startEmulator({
 * parquetHistory: false })`) answers `{ parquetUrls: [], liveData: [] }` for every run (what
 * wandb-core takes as "read everything live"); `PARQUET_HISTORY_FIELD_FEATURE` off
 * (`parquetHistory: 'unsupported'`) removes the field, as on an older server (`Cannot query field
 * "parquetHistory" on type "Run".`). Neither is listed by `serverInfo { features }`.
 *
 * @example
 * ```ts
 * import { parquetHistoryAnswer } from './parquet.js';
 * parquetHistoryAnswer(store, run, ['_step'], (path) => signer.signPath('GET', path, origin));
 * // { parquetUrls: ['http://127.0.0.1:8080/storage/history/1/0-99.parquet?expires=...'], liveData: [] }
 * ```
 * @module
 */
import type { ColumnSource } from 'hyparquet-writer';
import { setOwn } from '../../graphql/json-string.js';
import {
  signatureRefusal,
  storageError,
  type StorageResponse,
  type StorageSigner,
} from '../../http/storage.js';
import { rangedAnswer } from '../../http/ranges.js';
import type { EmulatorStore } from '../../store/store.js';
import type { RunRecord } from '../runs/records.js';
import type { HistoryRecord } from './records.js';
import {
  PARQUET_HISTORY_FILES_FEATURE,
  PARQUET_ROW_GROUP_SIZE,
  type ParquetHistoryState,
} from './parquet-records.js';
import { stepBounds } from './steps.js';

const LIVE_STATES = new Set(['running', 'pending', 'preempting']);

/**
 * The last step exported of a run: its boundary when one was set, else `Infinity` (everything)
 * for a run in a final state and `-1` (nothing) for a running one.
 *
 * @example
 * ```ts
 * exportedThrough({ ...run, state: 'running' }); // -1
 * ```
 */
export function exportedThrough(run: RunRecord): number {
  if (run.historyExportedThrough !== undefined) return run.historyExportedThrough;
  return LIVE_STATES.has(run.state) ? -1 : Number.POSITIVE_INFINITY;
}

/**
 * Keeps what is exported of a run as it is now, before its history grows or it runs again: a run
 * exported by default (in a final state) gets its last step as its boundary, so rows written
 * later are live until exported (`emu.history.export`), as on a server that exported the run
 * when it finished. A run with a boundary, or running, is left as it is.
 *
 * @example
 * ```ts
 * freezeHistoryExport(run); // before file_stream appends rows to a finished run
 * ```
 */
export function freezeHistoryExport(run: RunRecord): void {
  if (run.historyExportedThrough !== undefined || exportedThrough(run) < 0) return;
  const last = run.history.at(-1)?._step;
  run.historyExportedThrough = typeof last === 'number' && Number.isSafeInteger(last) ? last : -1;
}

/** How many rows (a prefix of the history) are exported; 0 for a history not in step order. */
function exportedRows(run: RunRecord): number {
  const through = exportedThrough(run);
  if (through < 0) return 0;
  const bounds = stepBounds(run.history, null, through === Number.POSITIVE_INFINITY ? null : through + 1);
  return bounds ? bounds[1] : 0;
}

function stepOf(row: HistoryRecord | undefined): number {
  return row?._step as number;
}

/**
 * The storage path of the exported rows of run `runId` from step `first` to `last` (inclusive).
 *
 * @example
 * ```ts
 * parquetHistoryPath(3, 0, 99); // '/storage/history/3/0-99.parquet'
 * ```
 */
export function parquetHistoryPath(runId: number, first: number, last: number): string {
  return `/storage/history/${runId}/${first}-${last}.parquet`;
}

/**
 * Whether a path is one of the Parquet history files.
 *
 * @example
 * ```ts
 * isParquetHistoryPath('/storage/history/3/0-99.parquet'); // true
 * ```
 */
export function isParquetHistoryPath(pathname: string): boolean {
  return pathname.startsWith('/storage/history/');
}

/**
 * The `Run.parquetHistory(liveKeys)` answer (see the module description): the exported files'
 * URLs (signed by `sign`, newest first) and, per row not exported, its `_step` and those of
 * `liveKeys` it has. With the export off, nothing.
 *
 * @example
 * ```ts
 * parquetHistoryAnswer(store, run, ['_step'], (path) => signer.signPath('GET', path, origin));
 * ```
 */
export function parquetHistoryAnswer(
  store: EmulatorStore,
  run: RunRecord,
  liveKeys: readonly string[],
  sign: (path: string) => string,
): { parquetUrls: string[]; liveData: HistoryRecord[] } {
  if (store.features.get(PARQUET_HISTORY_FILES_FEATURE) === false) return { parquetUrls: [], liveData: [] };
  const rows = run.history;
  const exported = exportedRows(run);
  const perFile = store.parquetHistory.rowsPerFile;
  const parquetUrls: string[] = [];
  for (let start = 0; start < exported; start += perFile) {
    const end = Math.min(start + perFile, exported);
    parquetUrls.push(sign(parquetHistoryPath(run.id, stepOf(rows[start]), stepOf(rows[end - 1]))));
  }
  parquetUrls.reverse();
  const keys = ['_step', ...liveKeys.filter((key) => key !== '_step')];
  const liveData: HistoryRecord[] = [];
  for (let i = exported; i < rows.length; i++) {
    const row = rows[i] as HistoryRecord;
    const step = row._step;
    if (typeof step !== 'number' || !Number.isFinite(step)) continue;
    const projected: HistoryRecord = {};
    for (const key of keys) if (Object.hasOwn(row, key)) setOwn(projected, key, row[key]);
    liveData.push(projected);
  }
  return { parquetUrls, liveData };
}

type ColumnKind = 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'JSON';

function kindOf(value: unknown): ColumnKind {
  if (typeof value === 'number') return 'DOUBLE';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'string') return 'STRING';
  return 'JSON';
}

/**
 * The columns of a file of `rows` (see the module description): `_step` (INT64) first, then one
 * per key with a non-null value, sorted, typed by its values; `null` where a row lacks the key.
 *
 * @example
 * ```ts
 * parquetColumns([{ _step: 0, loss: 1 }, { _step: 1, tag: 'a' }]);
 * // [{ name: '_step', type: 'INT64', data: [0n, 1n] }, { name: 'loss', type: 'DOUBLE', data: [1, null] },
 * //  { name: 'tag', type: 'STRING', data: [null, 'a'] }]
 * ```
 */
export function parquetColumns(rows: readonly HistoryRecord[]): ColumnSource[] {
  const kinds = new Map<string, ColumnKind>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (key === '_step') continue;
      const value = row[key];
      if (value === null || value === undefined) continue;
      const kind = kindOf(value);
      const seen = kinds.get(key);
      if (seen === undefined) kinds.set(key, kind);
      else if (seen !== kind) kinds.set(key, 'JSON');
    }
  }
  const columns: ColumnSource[] = [
    {
      name: '_step',
      type: 'INT64',
      nullable: false,
      statistics: true, // min / max per row group: readers skip the groups outside a step range
      data: rows.map((row) => BigInt(row._step as number)),
    },
  ];
  for (const key of [...kinds.keys()].sort()) {
    const data = rows.map((row) => {
      const value = Object.hasOwn(row, key) ? row[key] : undefined;
      return value === undefined ? null : value;
    });
    columns.push({ name: key, type: kinds.get(key) as ColumnKind, data });
  }
  return columns;
}

/** How many bytes of encoded files the cache keeps (the oldest go first). */
const CACHED_BYTES = 256 * 1024 * 1024;

/** Encoded sizes of the cached files that are done, by key (the cache's accounting). */
const cachedSizes = new WeakMap<ParquetHistoryState, Map<string, number>>();

type Writer = typeof import('hyparquet-writer');
let writer: Promise<Writer> | undefined;

/** hyparquet-writer, imported on first use. */
function loadWriter(): Promise<Writer> {
  writer ??= import('hyparquet-writer');
  return writer;
}

/**
 * Starts importing hyparquet-writer (on the first `parquetHistory` request), so the first file
 * download does not wait for it; never rejects.
 *
 * @example
 * ```ts
 * preloadParquetWriter();
 * ```
 */
export function preloadParquetWriter(): void {
  loadWriter().catch(() => {
    writer = undefined; // tried again (and reported) when a file is asked for
  });
}

/**
 * Encodes history rows (in step order, each with a numeric `_step`) as one Parquet file.
 *
 * @example
 * ```ts
 * const bytes = await encodeHistoryParquet([{ _step: 0, loss: 1 }]);
 * ```
 */
export async function encodeHistoryParquet(rows: readonly HistoryRecord[]): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await loadWriter();
  const buffer = parquetWriteBuffer({
    columnData: parquetColumns(rows),
    rowGroupSize: PARQUET_ROW_GROUP_SIZE,
    statistics: false, // but for `_step`: a third faster to write
    createdBy: 'wandb-api emulator',
  });
  return new Uint8Array(buffer);
}

/** The rows of run `run` from step `first` to `last`, or `undefined` when there are none. */
function fileRows(run: RunRecord, first: number, last: number): HistoryRecord[] | undefined {
  const bounds = stepBounds(run.history, first, last + 1);
  if (!bounds || bounds[0] >= bounds[1]) return undefined;
  return run.history.slice(bounds[0], bounds[1]);
}

/** The cached encoding of a file, started when missing. */
function cachedFile(
  state: ParquetHistoryState,
  key: string,
  rows: readonly HistoryRecord[],
): Promise<Uint8Array> {
  const cached = state.files.get(key);
  if (cached) return cached;
  const encoding = encodeHistoryParquet(rows);
  state.files.set(key, encoding);
  encoding.then(
    (bytes) => {
      if (state.files.get(key) !== encoding) return;
      let sizes = cachedSizes.get(state);
      if (!sizes) cachedSizes.set(state, (sizes = new Map()));
      sizes.set(key, bytes.byteLength);
      let total = 0;
      for (const size of sizes.values()) total += size;
      for (const oldest of [...sizes.keys()]) {
        if (total <= CACHED_BYTES || oldest === key) break;
        total -= sizes.get(oldest) ?? 0;
        sizes.delete(oldest);
        state.files.delete(oldest);
      }
    },
    () => state.files.delete(key),
  );
  return encoding;
}

/**
 * Encodes the exported files of a run now (they are cached), so that the first download does not
 * wait for them, as on a server whose files were exported long before.
 *
 * @example
 * ```ts
 * await prepareParquetHistory(store, run);
 * ```
 */
export async function prepareParquetHistory(store: EmulatorStore, run: RunRecord): Promise<void> {
  const exported = exportedRows(run);
  const perFile = store.parquetHistory.rowsPerFile;
  const files: Promise<Uint8Array>[] = [];
  for (let start = 0; start < exported; start += perFile) {
    const end = Math.min(start + perFile, exported);
    const rows = run.history.slice(start, end);
    const key = `${run.id}:${stepOf(rows[0])}-${stepOf(rows.at(-1))}:${rows.length}`;
    files.push(cachedFile(store.parquetHistory, key, rows));
  }
  await Promise.all(files);
}

/**
 * Answers a request to a Parquet history URL (see the module description).
 *
 * @example
 * ```ts
 * const res = await handleParquetHistoryRequest(store, signer, { method: 'GET', url, range: 'bytes=0-7' });
 * res.status; // 206
 * ```
 */
export async function handleParquetHistoryRequest(
  store: EmulatorStore,
  signer: StorageSigner,
  req: { method: string; url: URL; range: string | undefined },
): Promise<StorageResponse> {
  const match = /^\/storage\/history\/([1-9][0-9]*)\/(0|[1-9][0-9]*)-(0|[1-9][0-9]*)\.parquet$/.exec(
    req.url.pathname,
  );
  if (!match) return storageError(404, `Not found: ${req.url.pathname}`);
  // Signed for GET only: like a URL signed for S3 GET, anything else (HEAD too) is refused.
  const refused = signatureRefusal(signer, req.method, req.url);
  if (refused) return refused;
  if (req.method !== 'GET') {
    return storageError(405, `Parquet history URLs accept GET, not ${req.method}`, { Allow: 'GET, OPTIONS' });
  }
  const [runId, first, last] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const run = store.runs.get(runId);
  if (!run) return storageError(404, 'The run of this history file no longer exists');
  const rows = fileRows(run, first, last);
  if (!rows) return storageError(404, `No history rows from step ${first} to ${last}`);
  const bytes = await cachedFile(store.parquetHistory, `${run.id}:${first}-${last}:${rows.length}`, rows);
  return rangedAnswer(bytes, req.range, {
    'Content-Type': 'application/vnd.apache.parquet',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-store',
  });
}
