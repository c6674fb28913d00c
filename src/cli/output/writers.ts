/**
 * Streaming row writers of the CLI: CSV (with `csv-stringify`), JSON Lines and Parquet (with
 * `hyparquet-writer`), over a {@link ByteSink} (a file written atomically, or stdout).
 *
 * - Columns: given (`columns`), or fixed by the first `inferRows` rows (CSV and Parquet need them
 *   before the first byte; JSON Lines writes each row as it is). A later row with a value in a
 *   column that is not there fails with a message saying how to name the columns.
 * - Parquet column types come from the first row group: numbers `DOUBLE` (NaN and ±Infinity
 *   kept), booleans `BOOLEAN`, strings `STRING`, dates `TIMESTAMP` (ms, UTC), anything else or a
 *   mix `JSON`. The output is deterministic: the same rows give the same bytes (no timestamps;
 *   `created_by` is `wandb-api`).
 * - Cells as {@link csvCell} and {@link jsonLine} say (strict JSON, ISO dates).
 *
 * @example
 * ```ts
 * const writer = createRowWriter('csv', streamSink(process.stdout), { columns: ['name', 'summary.loss'] });
 * await writer.write({ name: 'baseline', 'summary.loss': 0.2 });
 * await writer.close();
 * ```
 * @module
 */
import { stringify } from 'csv-stringify/sync';
import {
  ByteWriter,
  ParquetWriter,
  schemaFromColumnData,
  type BasicType,
  type ColumnSource,
} from 'hyparquet-writer';
import { ValidationError } from '../../node.js';
import { csvCell, jsonLine, toStrictJson, type Row } from './cells.js';
import type { ByteSink } from './sink.js';

/**
 * The row formats the writers produce.
 *
 * @example
 * ```ts
 * const format: RowFormat = 'parquet';
 * ```
 */
export type RowFormat = 'csv' | 'jsonl' | 'parquet';

/**
 * Every {@link RowFormat}.
 *
 * @example
 * ```ts
 * ROW_FORMATS; // ['parquet', 'csv', 'jsonl']
 * ```
 */
export const ROW_FORMATS: readonly RowFormat[] = ['parquet', 'csv', 'jsonl'];

/**
 * The file extension of a format (`.parquet`, `.csv`, `.jsonl`).
 *
 * @example
 * ```ts
 * `runs${extensionOf('csv')}`; // 'runs.csv'
 * ```
 */
export function extensionOf(format: RowFormat): string {
  return `.${format}`;
}

/**
 * A `--format` value checked against the formats a command allows.
 *
 * @throws {@link ValidationError} naming the parameter and the allowed values.
 * @example
 * ```ts
 * parseRowFormat('csv'); // 'csv'
 * parseRowFormat('xlsx'); // throws: Invalid --format: "xlsx" is not one of parquet, csv, jsonl
 * ```
 */
export function parseRowFormat<F extends string = RowFormat>(
  value: unknown,
  allowed: readonly F[] = ROW_FORMATS as unknown as readonly F[],
  parameter = '--format',
): F {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as F;
  throw new ValidationError(parameter, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}

/**
 * Options of {@link createRowWriter}.
 *
 * @example
 * ```ts
 * const options: RowWriterOptions = { columns: ['_step', 'loss'], rowGroupSize: 50_000 };
 * ```
 */
export interface RowWriterOptions {
  /**
   * The columns, in order: each row is written with exactly these (missing ones empty; other
   * keys of the row left out). Default: fixed by the first `inferRows` rows (see `inferColumns`);
   * JSON Lines then writes every row as it is.
   */
  columns?: readonly string[] | undefined;
  /** How many rows CSV and Parquet look at to fix the columns when none are given. @defaultValue 10000 */
  inferRows?: number;
  /** The order of inferred columns. Default: the order in which the keys first appear. */
  inferColumns?: (rows: readonly Row[]) => string[];
  /** Parquet: rows per row group. @defaultValue 10000 */
  rowGroupSize?: number;
  /**
   * Parquet: which columns get statistics (min, max, null count; what readers such as DuckDB skip
   * row groups by): `true` every column, or only those named (a third faster to write without).
   * @defaultValue true
   */
  statistics?: boolean | readonly string[];
}

/**
 * A writer of rows in one format to one sink. Call {@link RowWriter.close} to complete the
 * output, or {@link RowWriter.abort} to give it up (a file then never appears).
 *
 * @example
 * ```ts
 * const writer = createRowWriter('jsonl', fileSink('rows.jsonl'));
 * try { for (const row of rows) await writer.write(row); await writer.close(); } catch (e) { await writer.abort(); throw e; }
 * ```
 */
export interface RowWriter {
  /** Rows taken so far. */
  readonly rows: number;
  /** Takes a row (it may be buffered until its group is complete). */
  write(row: Row): Promise<void>;
  /** Writes what is buffered and completes the output. */
  close(): Promise<void>;
  /** Drops what is buffered and gives the output up; never rejects. */
  abort(): Promise<void>;
}

const DEFAULT_INFER_ROWS = 10_000;
const DEFAULT_ROW_GROUP = 10_000;
/** CSV rows stringified and written at once. */
const CSV_BATCH = 1_000;

/** The keys of rows in the order they first appear. */
function keysInOrder(rows: readonly Row[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

/** Fails for a row with a value in a column that is not one of the fixed columns. */
function checkNoNewColumn(row: Row, known: ReadonlySet<string>, index: number, first: number): void {
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined || known.has(key)) continue;
    throw new Error(
      `column ${JSON.stringify(key)} first appears in row ${index + 1}, after the first ${first} rows fixed the columns: ` +
        'name the columns (e.g. --keys / --columns), or use --format jsonl',
    );
  }
}

/**
 * What every writer shares: counting, the buffer until the columns are known, and the end.
 * `flush(rows, final)` writes buffered rows once the columns are fixed.
 */
abstract class BufferedWriter implements RowWriter {
  rows = 0;
  protected columns: string[] | undefined;
  protected buffer: Row[] = [];
  #known: Set<string> | undefined;
  #closed = false;
  readonly #inferRows: number;
  readonly #inferColumns: (rows: readonly Row[]) => string[];
  readonly #given: boolean;

  constructor(
    protected readonly sink: ByteSink,
    options: RowWriterOptions,
    protected readonly batch: number,
  ) {
    this.columns = options.columns ? [...options.columns] : undefined;
    this.#given = options.columns !== undefined;
    this.#inferRows = options.inferRows ?? DEFAULT_INFER_ROWS;
    this.#inferColumns = options.inferColumns ?? keysInOrder;
  }

  async write(row: Row): Promise<void> {
    if (this.#closed) throw new Error('row written after close');
    if (this.columns && !this.#given)
      checkNoNewColumn(row, (this.#known ??= new Set(this.columns)), this.rows, this.#inferRows);
    this.buffer.push(row);
    this.rows++;
    if (!this.columns && this.buffer.length >= this.#inferRows)
      this.columns = this.#inferColumns(this.buffer);
    if (this.columns && this.buffer.length >= this.batch) await this.#flush(false);
  }

  async #flush(final: boolean): Promise<void> {
    const rows = this.buffer;
    this.buffer = [];
    await this.flush(rows, final);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.columns ??= this.#inferColumns(this.buffer);
      await this.#flush(true);
      await this.sink.close();
    } catch (error) {
      await this.sink.abort();
      throw error;
    }
  }

  async abort(): Promise<void> {
    this.#closed = true;
    this.buffer = [];
    await this.sink.abort();
  }

  /** Writes `rows` (columns fixed); `final` on close. */
  protected abstract flush(rows: Row[], final: boolean): Promise<void>;
}

class JsonlWriter extends BufferedWriter {
  constructor(sink: ByteSink, options: RowWriterOptions) {
    // Without columns, nothing to infer: `columns` stays undefined and rows pass as they are.
    super(sink, { ...options, inferRows: Infinity, inferColumns: () => [] }, CSV_BATCH);
  }

  override async write(row: Row): Promise<void> {
    this.buffer.push(row);
    this.rows++;
    if (this.buffer.length >= this.batch) {
      const rows = this.buffer;
      this.buffer = [];
      await this.flush(rows);
    }
  }

  protected async flush(rows: Row[]): Promise<void> {
    if (!rows.length) return;
    const columns = this.columns?.length ? this.columns : undefined;
    let text = '';
    for (const row of rows) {
      let out = row;
      if (columns) {
        out = {};
        for (const c of columns) out[c] = row[c];
      }
      text += `${jsonLine(out)}\n`;
    }
    await this.sink.write(text);
  }
}

class CsvWriter extends BufferedWriter {
  #header = false;

  constructor(sink: ByteSink, options: RowWriterOptions) {
    super(sink, options, CSV_BATCH);
  }

  protected async flush(rows: Row[]): Promise<void> {
    const columns = this.columns!;
    const records = rows.map((row) => columns.map((c) => csvCell(row[c])));
    if (!this.#header) {
      this.#header = true;
      if (columns.length) records.unshift([...columns]);
    }
    if (!records.length) return;
    await this.sink.write(stringify(records, { eof: true, record_delimiter: 'unix' }));
  }
}

/** The Parquet type of a column from its values (see the module). */
function parquetType(values: readonly unknown[]): BasicType {
  let type: BasicType | undefined;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const t: BasicType =
      typeof v === 'number'
        ? 'DOUBLE'
        : typeof v === 'boolean'
          ? 'BOOLEAN'
          : typeof v === 'string'
            ? 'STRING'
            : v instanceof Date
              ? 'TIMESTAMP'
              : 'JSON';
    if (type === undefined) type = t;
    else if (type !== t) return 'JSON';
    if (t === 'JSON') return 'JSON';
  }
  return type ?? 'STRING';
}

const TYPE_NAMES: Partial<Record<BasicType, string>> = {
  DOUBLE: 'numbers',
  BOOLEAN: 'booleans',
  STRING: 'strings',
  TIMESTAMP: 'dates',
};

/** A value ready for its column of `type`, or an error when it does not fit. */
function parquetCell(value: unknown, type: BasicType, column: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'JSON') return toStrictJson(value);
  const fits =
    (type === 'DOUBLE' && typeof value === 'number') ||
    (type === 'BOOLEAN' && typeof value === 'boolean') ||
    (type === 'STRING' && typeof value === 'string') ||
    (type === 'TIMESTAMP' && value instanceof Date);
  if (fits) return value;
  throw new Error(
    `column ${JSON.stringify(column)} holds ${TYPE_NAMES[type] ?? type} (fixed by the first row group) but a later row has ${JSON.stringify(toStrictJson(value))}: ` +
      'use --format jsonl or csv for columns of mixed types',
  );
}

class ParquetRowWriter extends BufferedWriter {
  #writer: ParquetWriter | undefined;
  #bytes = new ByteWriter();
  #types: BasicType[] | undefined;
  #pending: Promise<void> = Promise.resolve();

  readonly #statistics: boolean | readonly string[];

  constructor(sink: ByteSink, options: RowWriterOptions) {
    super(sink, options, options.rowGroupSize ?? DEFAULT_ROW_GROUP);
    this.#statistics = options.statistics ?? true;
    // Every complete row group goes to the sink as soon as it is encoded.
    Object.assign(this.#bytes, { flush: () => this.#drain() });
  }

  #drain(): Promise<void> {
    const w = this.#bytes;
    if (w.index === 0) return this.#pending;
    const chunk = new Uint8Array(w.buffer, 0, w.index).slice();
    w.index = 0;
    this.#pending = this.#pending.then(() => this.sink.write(chunk));
    return this.#pending;
  }

  protected async flush(rows: Row[], final: boolean): Promise<void> {
    const columns = this.columns!;
    if (!this.#types) this.#types = columns.map((c) => parquetType(rows.map((r) => r[c])));
    const types = this.#types;
    const stats = this.#statistics;
    if (rows.length || !this.#writer) {
      const columnData: ColumnSource[] = columns.map((name, i) => ({
        name,
        type: types[i]!,
        nullable: true,
        // Metrics are floats that rarely repeat: trying a dictionary for them costs more time
        // (hyparquet-writer samples every column) than it saves bytes.
        ...(types[i] === 'DOUBLE' ? { encoding: 'PLAIN' as const } : {}),
        statistics: stats === true || (Array.isArray(stats) && stats.includes(name)),
        data: rows.map((r) => parquetCell(r[name], types[i]!, name)),
      }));
      this.#writer ??= new ParquetWriter({
        writer: this.#bytes,
        schema: schemaFromColumnData({ columnData }),
        createdBy: 'wandb-api',
      });
      if (rows.length) await this.#writer.write({ columnData, rowGroupSize: this.batch });
    }
    if (final) {
      await this.#writer.finish();
      await this.#drain();
    }
  }
}

/**
 * A streaming writer of rows in `format` to `sink` (see the module for columns and types).
 *
 * @example
 * ```ts
 * const writer = createRowWriter('parquet', fileSink('history.parquet'), { columns: ['_step', 'loss'] });
 * for (const row of rows) await writer.write(row);
 * await writer.close();
 * ```
 */
export function createRowWriter(
  format: RowFormat,
  sink: ByteSink,
  options: RowWriterOptions = {},
): RowWriter {
  switch (format) {
    case 'csv':
      return new CsvWriter(sink, options);
    case 'jsonl':
      return new JsonlWriter(sink, options);
    case 'parquet':
      return new ParquetRowWriter(sink, options);
  }
}

/**
 * Writes every row of `rows` in `format` to `sink` and completes it (or gives it up on an
 * error, which is rethrown); resolves to the number of rows.
 *
 * @example
 * ```ts
 * await writeRows('csv', fileSink('runs.csv'), runs.map(flattenRun), { columns });
 * ```
 */
export async function writeRows(
  format: RowFormat,
  sink: ByteSink,
  rows: Iterable<Row> | AsyncIterable<Row>,
  options: RowWriterOptions = {},
): Promise<number> {
  const writer = createRowWriter(format, sink, options);
  try {
    for await (const row of rows) await writer.write(row);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.rows;
}
