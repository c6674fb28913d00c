/**
 * The Parquet history export's switches, settings and state (`store.parquetHistory`); what it
 * serves is `parquet.ts`.
 *
 * @example
 * ```ts
 * import { createParquetHistoryState } from './parquet-records.js';
 * const state = createParquetHistoryState(1000); // files of 1,000 rows
 * ```
 * @module
 */

/**
 * The switch of `Run.parquetHistory` itself: off, the field does not exist (an older server).
 * On by default; not listed by `serverInfo { features }`.
 *
 * @example
 * ```ts
 * await startEmulator({ features: { [PARQUET_HISTORY_FIELD_FEATURE]: false } }); // = parquetHistory: 'unsupported'
 * ```
 */
export const PARQUET_HISTORY_FIELD_FEATURE = 'RUN_PARQUET_HISTORY';

/**
 * The switch of the Parquet export: off, `Run.parquetHistory` answers no files and no live data
 * for every run. On by default; not listed by `serverInfo { features }`.
 *
 * @example
 * ```ts
 * await startEmulator({ features: { [PARQUET_HISTORY_FILES_FEATURE]: false } }); // = parquetHistory: false
 * ```
 */
export const PARQUET_HISTORY_FILES_FEATURE = 'RUN_PARQUET_HISTORY_FILES';

/**
 * Rows per exported file by default (`startEmulator({ parquetHistoryRowsPerFile })`).
 *
 * @example
 * ```ts
 * await startEmulator({ parquetHistoryRowsPerFile: DEFAULT_PARQUET_ROWS_PER_FILE / 10 });
 * ```
 */
export const DEFAULT_PARQUET_ROWS_PER_FILE = 100_000;

/**
 * Rows per row group in the files.
 *
 * @example
 * ```ts
 * PARQUET_ROW_GROUP_SIZE; // 10_000
 * ```
 */
export const PARQUET_ROW_GROUP_SIZE = 10_000;

/**
 * How the emulator serves Parquet history: `true` (files and live data), `false` (no files, no
 * live data: clients read everything live) or `'unsupported'` (no `Run.parquetHistory` field).
 *
 * @example
 * ```ts
 * const mode: ParquetHistoryMode = 'unsupported';
 * ```
 */
export type ParquetHistoryMode = boolean | 'unsupported';

/**
 * The Parquet export's settings and its file cache (`store.parquetHistory`).
 *
 * @example
 * ```ts
 * store.parquetHistory.rowsPerFile; // 100_000
 * ```
 */
export interface ParquetHistoryState {
  /** Rows per exported file. */
  rowsPerFile: number;
  /** Encoded files (or their encoding under way) by `<run id>:<first>-<last>:<rows>`, oldest first. */
  readonly files: Map<string, Promise<Uint8Array>>;
}

/**
 * Checks a rows-per-file setting: a positive integer.
 *
 * @throws Error naming the setting.
 * @example
 * ```ts
 * checkRowsPerFile(1000); // 1000
 * ```
 */
export function checkRowsPerFile(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`parquetHistoryRowsPerFile must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * A fresh export state.
 *
 * @example
 * ```ts
 * const state = createParquetHistoryState(1000);
 * ```
 */
export function createParquetHistoryState(rowsPerFile = DEFAULT_PARQUET_ROWS_PER_FILE): ParquetHistoryState {
  return { rowsPerFile: checkRowsPerFile(rowsPerFile), files: new Map() };
}
