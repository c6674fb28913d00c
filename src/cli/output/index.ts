/**
 * The CLI's output: row writers (CSV, JSON Lines, Parquet), sinks (atomic files, stdout), cell
 * conversions and run columns. Every command writes rows through here.
 *
 * @example
 * ```ts
 * import { createRowWriter, fileSink, flattenRun, runColumns } from './output/index.js';
 * ```
 * @module
 */
export * from './cells.js';
export * from './columns.js';
export * from './sink.js';
export * from './writers.js';
