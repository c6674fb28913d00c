/**
 * The Parquet source of `scanHistory` (wandb-ops.md §7.1 `scan_history`, the official reader's
 * `RunParquetHistory`): reads a run's exported history files from their signed URLs with
 * `hyparquet`, which runs in browsers too. This module, and `hyparquet` with it, is loaded on
 * first use (`await import('./parquet-history.js')`), so neither weighs on the initial bundle.
 *
 * - Files are read by HTTP Range through `ctx.storage` (no credentials to another host, the
 *   storage retries) inside `ctx.transfer` (the Api's bounded storage pool): one request for the
 *   footer (the last 512 KiB, the whole of a small file), then one per row group that holds steps
 *   in range, spanning just the columns asked for. A store that ignores `Range` answers the
 *   whole file, which is then read from memory.
 * - Row groups are ordered by their `_step` statistics, across files, decoded a few ahead of the
 *   reader, and merged by step when their ranges overlap, so memory stays at a few row groups;
 *   each step is yielded once (the first file's row wins).
 * - Cells: INT64 bigints become numbers, `null` cells are left out (the row lacks the key), JSON
 *   columns are parsed (NaN and ±Infinity tokens included).
 *
 * @example
 * ```ts
 * const { readParquetHistory } = await import('./parquet-history.js');
 * for await (const row of readParquetHistory(ctx, urls, { from: 0, below: Infinity, what: 'history' })) console.log(row);
 * ```
 * @module
 */
import type { FileMetaData, ParquetRow, RowGroup } from 'hyparquet';
import { WandbError } from '../../errors/index.js';
import { abortable } from '../core/concurrency.js';
import type { FacadeContext } from '../core/context.js';
import { parseJsonLenient } from '../core/json.js';
import { throwIfAborted } from '../core/pagination.js';
import type { HistoryRow } from './history.js';
import { orderedAhead } from './ordered.js';

/** Row groups fetched and decoded ahead of the reader (so memory holds at most this many plus one). */
const ROW_GROUPS_AHEAD = 4;

/** Most bytes of small whole files kept in memory after their footers are read; others are read again by row group. */
const KEPT_BYTES = 16 * 1024 * 1024;

/** hyparquet, loaded on first use (an ES module: `import()` also loads it from the CommonJS build). */
type Hyparquet = typeof import('hyparquet');
let hyparquet: Promise<Hyparquet> | undefined;
const loadHyparquet = (): Promise<Hyparquet> => {
  hyparquet ??= import('hyparquet');
  hyparquet.catch(() => (hyparquet = undefined)); // a failed load is tried again next time
  return hyparquet;
};

/** Bytes asked for first, from the end of a file: its footer (metadata), or all of a small file. */
const TAIL_BYTES = 512 * 1024;

/**
 * What {@link readParquetHistory} reads.
 *
 * @example
 * ```ts
 * const options: ParquetReadPlan = { keys: ['loss'], from: 0, below: 5000, what: 'history of run acme/vision/a1' };
 * ```
 */
export interface ParquetReadPlan {
  /** Only rows holding all of these keys, with `_step` and these keys; default every key. */
  keys?: readonly string[] | undefined;
  /** First step (inclusive). */
  from: number;
  /** End step (exclusive): the end of the scan, or where the live (not exported) rows begin. */
  below: number;
  /** Stops the reading; pending downloads are cancelled. */
  signal?: AbortSignal | undefined;
  /** What is read, for messages, e.g. `history of run acme/vision/a1b2c3d4`. */
  what: string;
}

/**
 * What {@link readParquetHistory} answers when done.
 *
 * @example
 * ```ts
 * const { lastExportedStep } = yield* readParquetHistory(ctx, urls, plan);
 * ```
 */
export interface ParquetReadResult {
  /** The largest `_step` the files hold (by their statistics, else by the rows read); -Infinity without rows. */
  lastExportedStep: number;
}

/** A byte range of a remote file, held in memory. */
interface Span {
  start: number;
  bytes: ArrayBuffer;
}

/** A remote Parquet file read by HTTP Range, as hyparquet's `AsyncBuffer`. */
class RemoteFile {
  readonly spans: Span[] = [];

  private constructor(
    private readonly ctx: Pick<FacadeContext, 'storage' | 'transfer'>,
    private readonly url: string,
    readonly byteLength: number,
    private readonly signal: AbortSignal | undefined,
    private readonly what: string,
  ) {}

  /** Opens the file: one request for its last {@link TAIL_BYTES} (and so its length). */
  static async open(
    ctx: Pick<FacadeContext, 'storage' | 'transfer'>,
    url: string,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<RemoteFile> {
    const { res, bytes } = await get(ctx, url, `bytes=-${TAIL_BYTES}`, signal, what);
    if (res.status !== 206) {
      // The store ignored Range: this is the whole file.
      const file = new RemoteFile(ctx, url, bytes.byteLength, signal, what);
      file.spans.push({ start: 0, bytes });
      return file;
    }
    const total = /\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '');
    if (!total) throw new WandbError(`${what}: the store answered a range without its total length`);
    const length = Number(total[1]);
    const file = new RemoteFile(ctx, url, length, signal, what);
    file.spans.push({ start: length - bytes.byteLength, bytes });
    return file;
  }

  /** The bytes [start, end) when a span in memory holds them. */
  private local(start: number, end: number): ArrayBuffer | undefined {
    for (const span of this.spans) {
      if (start >= span.start && end <= span.start + span.bytes.byteLength) {
        return span.bytes.slice(start - span.start, end - span.start);
      }
    }
    return undefined;
  }

  /** Fetches [start, end) and keeps it in memory until {@link RemoteFile.drop}. */
  async load(start: number, end: number): Promise<Span> {
    const held = this.local(start, end);
    if (held) return { start, bytes: held };
    const { res, bytes } = await get(this.ctx, this.url, `bytes=${start}-${end - 1}`, this.signal, this.what);
    const span = res.status === 206 ? { start, bytes } : { start: 0, bytes };
    this.spans.push(span);
    return span;
  }

  drop(span: Span): void {
    const i = this.spans.indexOf(span);
    if (i >= 0) this.spans.splice(i, 1);
  }

  async slice(start: number, end = this.byteLength): Promise<ArrayBuffer> {
    const held = this.local(start, end);
    if (held) return held;
    const { res, bytes } = await get(this.ctx, this.url, `bytes=${start}-${end - 1}`, this.signal, this.what);
    return res.status === 206 ? bytes : bytes.slice(start, end);
  }
}

/** One GET of a signed URL with a Range header, in the storage pool, body read. */
async function get(
  ctx: Pick<FacadeContext, 'storage' | 'transfer'>,
  url: string,
  range: string,
  signal: AbortSignal | undefined,
  what: string,
): Promise<{ res: Response; bytes: ArrayBuffer }> {
  return ctx.transfer(async () => {
    const res = await ctx.storage(url, {
      method: 'GET',
      headers: { Range: range },
      signal,
      what: `Download of the Parquet ${what}`,
    });
    return { res, bytes: await res.arrayBuffer() };
  }, signal);
}

/** One row group to decode, with the step range its statistics give. */
interface Chunk {
  file: RemoteFile;
  metadata: FileMetaData;
  group: RowGroup;
  rowStart: number;
  min: number;
  max: number;
  columns: string[];
}

function statNumber(value: unknown): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isNaN(value)) return value;
  return undefined;
}

/** The `_step` range of a row group by its statistics (unbounded where they are missing). */
function stepRange(group: RowGroup): [number, number] {
  const stats = group.columns.find((c) => c.meta_data?.path_in_schema[0] === '_step')?.meta_data?.statistics;
  return [
    statNumber(stats?.min_value ?? stats?.min) ?? -Infinity,
    statNumber(stats?.max_value ?? stats?.max) ?? Infinity,
  ];
}

/** The byte range of a row group's column chunks for `columns`. */
function byteSpan(group: RowGroup, columns: readonly string[]): [number, number] | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const column of group.columns) {
    const meta = column.meta_data;
    if (!meta || !columns.includes(meta.path_in_schema[0] ?? '')) continue;
    const first = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
    start = Math.min(start, first);
    end = Math.max(end, first + Number(meta.total_compressed_size));
  }
  return start < end ? [start, end] : undefined;
}

/** The chunks of one file that may hold rows of the plan (by their `_step` statistics). */
function chunksOf(
  { parquetSchema }: Hyparquet,
  file: RemoteFile,
  metadata: FileMetaData,
  plan: ParquetReadPlan,
): Chunk[] {
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  if (!names.includes('_step')) {
    throw new WandbError(`Could not read the Parquet ${plan.what}: a file has no _step column`);
  }
  if (plan.keys && !plan.keys.every((k) => names.includes(k))) return []; // no row holds every key
  const columns = plan.keys ? ['_step', ...plan.keys.filter((k) => k !== '_step')] : names;
  const chunks: Chunk[] = [];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const [min, max] = stepRange(group);
    if (max >= plan.from && min < plan.below && group.num_rows > 0n) {
      chunks.push({ file, metadata, group, rowStart, min, max, columns });
    }
    rowStart += Number(group.num_rows);
  }
  return chunks;
}

const utf8 = new TextDecoder();

/** A decoded Parquet row as a history row, keys in `columns` order: bigints as numbers, null cells left out. */
function toRow(cells: ParquetRow, columns: readonly string[]): HistoryRow {
  const row: HistoryRow = {};
  for (const key of columns) {
    const value: unknown = cells[key];
    if (value === null || value === undefined) continue;
    row[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  return row;
}

/** Decodes one row group into the rows of the plan's range, sorted by step. */
async function decode(
  { parquetReadObjects }: Hyparquet,
  chunk: Chunk,
  plan: ParquetReadPlan,
): Promise<Array<{ step: number; row: HistoryRow }>> {
  const span = byteSpan(chunk.group, chunk.columns);
  const held = span ? await chunk.file.load(span[0], span[1]) : undefined;
  try {
    const cells = await parquetReadObjects({
      file: chunk.file,
      metadata: chunk.metadata,
      columns: chunk.columns,
      rowStart: chunk.rowStart,
      rowEnd: chunk.rowStart + Number(chunk.group.num_rows),
      parsers: { jsonFromBytes: (bytes: Uint8Array) => parseJsonLenient(utf8.decode(bytes), plan.what) },
    });
    const rows: Array<{ step: number; row: HistoryRow }> = [];
    for (const cell of cells) {
      const row = toRow(cell, chunk.columns);
      const step = row._step;
      if (typeof step !== 'number' || !(step >= plan.from && step < plan.below)) continue;
      if (plan.keys && !plan.keys.every((k) => Object.hasOwn(row, k))) continue;
      rows.push({ step, row });
    }
    return rows.sort((a, b) => a.step - b.step);
  } finally {
    if (held) chunk.file.drop(held);
  }
}

/** Merges two step-sorted lists (stable: `a` first on equal steps). */
function merge<T extends { step: number }>(a: T[], b: T[]): T[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length)
    out.push((b[j] as T).step < (a[i] as T).step ? (b[j++] as T) : (a[i++] as T));
  while (i < a.length) out.push(a[i++] as T);
  while (j < b.length) out.push(b[j++] as T);
  return out;
}

/**
 * The rows of steps [plan.from, plan.below) held by the Parquet files at `urls`, in step order,
 * each step once (see the module's description). Returns the last exported step.
 *
 * @example
 * ```ts
 * const rows = readParquetHistory(ctx, run.parquetUrls, { keys: ['loss'], from: 0, below: 1000, what: 'history' });
 * for await (const row of rows) console.log(row._step, row.loss);
 * ```
 */
export async function* readParquetHistory(
  ctx: Pick<FacadeContext, 'storage' | 'transfer'>,
  urls: readonly string[],
  plan: ParquetReadPlan,
): AsyncGenerator<HistoryRow, ParquetReadResult, undefined> {
  const { signal } = plan;
  const lib = await abortable(loadHyparquet(), signal);
  // Footers in parallel (the storage pool bounds them); the files' order does not matter.
  const opened = await abortable(
    Promise.all(
      urls.map(async (url) => {
        const file = await RemoteFile.open(ctx, url, signal, plan.what);
        return { file, metadata: await lib.parquetMetadataAsync(file) };
      }),
    ),
    signal,
  );
  // Small files arrived whole with their footer: keep them (up to a budget), drop the other tails.
  let kept = 0;
  for (const { file } of opened) {
    const whole = file.spans[0]?.bytes.byteLength === file.byteLength;
    if (whole && kept + file.byteLength <= KEPT_BYTES) kept += file.byteLength;
    else file.spans.length = 0;
  }
  let lastExportedStep = -Infinity;
  const chunks: Chunk[] = [];
  for (const { file, metadata } of opened) {
    for (const group of metadata.row_groups) {
      const max = stepRange(group)[1];
      if (Number.isFinite(max)) lastExportedStep = Math.max(lastExportedStep, max);
    }
    chunks.push(...chunksOf(lib, file, metadata, plan));
  }
  chunks.sort((a, b) => a.min - b.min);

  let previous = -Infinity; // the last step yielded
  let pending: Array<{ step: number; row: HistoryRow }> = [];
  let next = 0; // the index of the next chunk to merge in
  const decoded = orderedAhead(chunks, (chunk) => decode(lib, chunk, plan), {
    width: () => ROW_GROUPS_AHEAD,
    signal,
  });
  const reader = decoded[Symbol.asyncIterator]();
  try {
    for (;;) {
      // A pending row may go out once no chunk still to merge can hold a smaller step.
      const bound = next < chunks.length ? (chunks[next] as Chunk).min : Infinity;
      let emitted = 0;
      while (emitted < pending.length && (pending[emitted] as { step: number }).step < bound) emitted++;
      const out = pending.slice(0, emitted);
      pending = pending.slice(emitted);
      for (const { step, row } of out) {
        if (step <= previous) continue;
        previous = step;
        lastExportedStep = Math.max(lastExportedStep, step);
        throwIfAborted(signal);
        yield row;
      }
      if (next >= chunks.length) break;
      const r = await reader.next();
      if (r.done) break;
      next++;
      pending = merge(pending, r.value);
    }
  } finally {
    await reader.return?.();
  }
  return { lastExportedStep };
}
