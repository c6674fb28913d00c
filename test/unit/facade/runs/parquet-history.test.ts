// scanHistory's Parquet source against files written here with hyparquet-writer (the column
// mapping of /work/notes/parquet-history-contract.md) and served by a fake storage with HTTP Range:
// order across files and row groups, live rows after the files, keys, step bounds, the source
// modes and their fallbacks, abort. The e2e side, against the emulator: test/e2e/history-parquet.test.ts.
import { randomBytes } from 'node:crypto';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { GraphQLRequestError, UnsupportedError } from '../../../../src/errors/index.js';
import type { FacadeContext } from '../../../../src/facade/core/context.js';
import {
  scanHistory,
  type HistoryRow,
  type ScanHistoryOptions,
} from '../../../../src/facade/runs/history.js';
import {
  HistoryPageDocument,
  RunHistoryKeysDocument,
  RunParquetHistoryDocument,
  SampledHistoryPageDocument,
} from '../../../../src/generated/graphql.js';

type Row = Record<string, unknown>;

/** A Parquet file of `rows`, one column per top-level key (the contract's mapping). */
function parquetOf(rows: Row[], rowGroupSize = 1000): ArrayBuffer {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columnData = keys.map((name) => {
    const values = rows.map((r) => r[name]);
    const sample = values.find((v) => v !== undefined && v !== null);
    if (name === '_step')
      return { name, type: 'INT64' as const, data: values.map((v) => BigInt(v as number)) };
    const type =
      typeof sample === 'number'
        ? ('DOUBLE' as const)
        : typeof sample === 'boolean'
          ? ('BOOLEAN' as const)
          : typeof sample === 'string'
            ? ('STRING' as const)
            : ('JSON' as const);
    return { name, type, data: values.map((v) => (v === undefined ? null : v)) };
  });
  return parquetWriteBuffer({ columnData, rowGroupSize });
}

interface Server {
  files: Map<string, ArrayBuffer>;
  parquetUrls?: string[];
  liveData?: unknown[];
  /** The answer to RunParquetHistory: an error instead of data. */
  parquetError?: unknown;
  /** Every row of the run, for the GraphQL windows (the live part). */
  rows: Row[];
  lastStep: number;
  /** Answer 200 with the whole file to every Range request. */
  ignoreRange?: boolean;
}

interface Log {
  ops: string[];
  ranges: Array<{ url: string; range: string | undefined }>;
  windows: Array<[number, number]>;
  storageSignals: AbortSignal[];
}

function fakeContext(server: Server, hold?: () => Promise<void>) {
  const log: Log = { ops: [], ranges: [], windows: [], storageSignals: [] };
  const inRange = (a: number, b: number) =>
    server.rows.filter((r) => (r._step as number) >= a && (r._step as number) < b);
  const ctx = {
    concurrency: () => 4,
    transfer: <T>(task: () => Promise<T>) => task(),
    storage: async (url: string, request?: { headers?: Record<string, string>; signal?: AbortSignal }) => {
      const range = request?.headers?.Range;
      log.ranges.push({ url, range });
      if (request?.signal) log.storageSignals.push(request.signal);
      if (hold) {
        // Like fetch: an abort rejects the pending request.
        await new Promise<void>((resolve, reject) => {
          hold().then(resolve, reject);
          request?.signal?.addEventListener('abort', () => reject(request.signal?.reason));
        });
      }
      request?.signal?.throwIfAborted();
      const file = server.files.get(url);
      if (!file) throw new Error(`no file ${url}`);
      if (server.ignoreRange || !range) return new Response(file, { status: 200 });
      const m = /bytes=(\d*)-(\d*)/.exec(range);
      let start: number;
      let end: number;
      if (m?.[1] === '') {
        start = Math.max(0, file.byteLength - Number(m[2]));
        end = file.byteLength;
      } else {
        start = Number(m?.[1]);
        end = Math.min(file.byteLength, Number(m?.[2]) + 1);
      }
      return new Response(file.slice(start, end), {
        status: 206,
        headers: { 'content-range': `bytes ${start}-${end - 1}/${file.byteLength}` },
      });
    },
    request: async (doc: unknown, variables: Record<string, unknown>) => {
      const run = (fields: object) => ({ project: { run: { id: 'r', ...fields } } });
      if (doc === RunHistoryKeysDocument) {
        log.ops.push('RunHistoryKeys');
        return run({ historyKeys: { lastStep: server.lastStep } });
      }
      if (doc === RunParquetHistoryDocument) {
        log.ops.push('RunParquetHistory');
        if (server.parquetError) throw server.parquetError;
        return run({
          parquetHistory: {
            parquetUrls: server.parquetUrls ?? [...server.files.keys()],
            liveData: server.liveData ?? [],
          },
        });
      }
      if (doc === HistoryPageDocument) {
        log.ops.push('HistoryPage');
        const [a, b] = [Number(variables.minStep), Number(variables.maxStep)];
        log.windows.push([a, b]);
        // The server answers a little more than asked: the client keeps only its range.
        return run({ history: inRange(a - 3, b).map((r) => JSON.stringify(r)) });
      }
      if (doc === SampledHistoryPageDocument) {
        log.ops.push('SampledHistoryPage');
        const spec = JSON.parse(String(variables.spec)) as {
          keys: string[];
          minStep: number;
          maxStep: number;
        };
        log.windows.push([spec.minStep, spec.maxStep + 1]);
        const rows = inRange(spec.minStep, spec.maxStep + 1)
          .filter((r) => spec.keys.every((k) => k in r))
          .map((r) => Object.fromEntries(spec.keys.map((k) => [k, r[k]])));
        return run({ sampledHistory: [rows] });
      }
      throw new Error('unexpected operation');
    },
  };
  return { ctx: ctx as unknown as FacadeContext, log };
}

async function scan(
  ctx: FacadeContext,
  options: ScanHistoryOptions,
  state = 'finished',
): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for await (const row of scanHistory(ctx, 'e', 'p', 'r', options, state)) rows.push(row);
  return rows;
}

/** 100 rows: loss every step, acc every 10th, a flag, a name, a media-ish object. */
const ROWS: Row[] = Array.from({ length: 100 }, (_, s) => ({
  _step: s,
  loss: 1 / (s + 1),
  ...(s % 10 === 0 ? { acc: s / 100 } : {}),
  ok: s % 2 === 0,
  tag: `t${s}`,
  ...(s % 25 === 0 ? { img: { _type: 'image-file', path: `media/${s}.png`, size: [2, 3] } } : {}),
}));

/** The rows split into files of contiguous step ranges. */
function filesOf(rows: Row[], cuts: number[], rowGroupSize = 8): Map<string, ArrayBuffer> {
  const files = new Map<string, ArrayBuffer>();
  let from = 0;
  cuts.forEach((cut, i) => {
    files.set(`https://storage.test/h/${i}.parquet?sig=x`, parquetOf(rows.slice(from, cut), rowGroupSize));
    from = cut;
  });
  return files;
}

describe('scanHistory from Parquet files', () => {
  it('reads a finished run from several files given out of order, every row once, in step order', async () => {
    const files = filesOf(ROWS, [30, 70, 100]);
    const { ctx, log } = fakeContext({
      files,
      parquetUrls: [...files.keys()].reverse(),
      rows: ROWS,
      lastStep: 99,
    });
    const rows = await scan(ctx, { source: 'parquet' });
    expect(rows).toEqual(ROWS);
    expect(typeof rows[5]?._step).toBe('number');
    expect(rows[1]).toEqual({ _step: 1, loss: 0.5, ok: false, tag: 't1' }); // null cells left out
    expect(log.ops.sort()).toEqual(['RunHistoryKeys', 'RunParquetHistory']);
    expect(log.ranges.every((r) => r.range?.startsWith('bytes='))).toBe(true);
  });

  it("answers the same rows as source: 'windows' for the same run", async () => {
    const files = filesOf(ROWS, [50, 100]);
    const server = { files, rows: ROWS, lastStep: 99 };
    const fromFiles = await scan(fakeContext(server).ctx, { source: 'parquet' });
    const fromWindows = await scan(fakeContext(server).ctx, { source: 'windows', pageSize: 7 });
    expect(fromFiles).toEqual(fromWindows);
    const keyed = { keys: ['acc', 'loss'] };
    expect(await scan(fakeContext(server).ctx, { ...keyed, source: 'parquet' })).toEqual(
      await scan(fakeContext(server).ctx, { ...keyed, source: 'windows' }),
    );
  });

  it('reads a partly exported run: files below the first live step, GraphQL windows from it, exactly once', async () => {
    const files = filesOf(ROWS.slice(0, 60), [35, 60]);
    const liveData = ROWS.slice(60).map((r) => ({ _step: (r._step as number) + 0.0 }));
    const { ctx, log } = fakeContext({ files, liveData, rows: ROWS, lastStep: 99 });
    const rows = await scan(ctx, { source: 'parquet', pageSize: 15 });
    expect(rows).toEqual(ROWS);
    expect(log.windows).toEqual([
      [60, 75],
      [75, 90],
      [90, 100],
    ]);
  });

  it('merges files whose step ranges overlap, each step once', async () => {
    const a = ROWS.filter((r) => (r._step as number) % 3 !== 0);
    const b = ROWS.filter((r) => (r._step as number) % 3 === 0 || (r._step as number) % 7 === 0);
    const files = new Map([
      ['https://storage.test/a.parquet', parquetOf(a, 6)],
      ['https://storage.test/b.parquet', parquetOf(b, 4)],
    ]);
    const { ctx } = fakeContext({ files, rows: ROWS, lastStep: 99 });
    expect(await scan(ctx, { source: 'parquet' })).toEqual(ROWS);
  });

  it('honours keys (rows holding them all, just _step and them) and minStep/maxStep', async () => {
    const files = filesOf(ROWS, [40, 100]);
    const { ctx, log } = fakeContext({ files, rows: ROWS, lastStep: 99 });
    const rows = await scan(ctx, { source: 'parquet', keys: ['acc', 'loss'], minStep: 15, maxStep: 61 });
    expect(rows).toEqual([20, 30, 40, 50, 60].map((s) => ({ _step: s, acc: s / 100, loss: 1 / (s + 1) })));
    expect(Object.keys(rows[0] ?? {})).toEqual(['_step', 'acc', 'loss']);
    expect(log.windows).toEqual([]);
    const media = await scan(fakeContext({ files, rows: ROWS, lastStep: 99 }).ctx, {
      source: 'parquet',
      keys: ['img'],
    });
    expect(media).toEqual([0, 25, 50, 75].map((s) => ({ _step: s, img: ROWS[s]?.img })));
    // A key no file holds: no row.
    expect(
      await scan(fakeContext({ files, rows: ROWS, lastStep: 99 }).ctx, { source: 'parquet', keys: ['nope'] }),
    ).toEqual([]);
  });

  it('reads only the row groups holding steps in range', async () => {
    const files = filesOf(ROWS, [100], 10);
    const { ctx, log } = fakeContext({ files, rows: ROWS, lastStep: 99 });
    const size = [...files.values()][0]?.byteLength ?? 0;
    expect(await scan(ctx, { source: 'parquet', minStep: 42, maxStep: 45 })).toEqual(ROWS.slice(42, 45));
    // The footer request held the whole (small) file: nothing more was downloaded.
    expect(log.ranges).toHaveLength(1);
    expect(size).toBeLessThan(512 * 1024);
  });

  it('reads a large file by Range: the footer, then one span per row group in range, of the columns asked for', async () => {
    // Incompressible cells: 15 KB of random base64 per row.
    const big = ROWS.map((r) => ({ ...r, blob: randomBytes(15_000).toString('base64') }));
    const files = filesOf(big, [100], 10);
    const size = [...files.values()][0]?.byteLength ?? 0;
    expect(size).toBeGreaterThan(1024 * 1024);
    const { ctx, log } = fakeContext({ files, rows: big, lastStep: 99 });
    expect(await scan(ctx, { source: 'parquet', minStep: 42, maxStep: 45 })).toEqual(big.slice(42, 45));
    expect(log.ranges.map((r) => r.range)).toHaveLength(2); // the footer, then row group 40-49
    const keyed = fakeContext({ files, rows: big, lastStep: 99 });
    const bytes: number[] = [];
    const storage = keyed.ctx.storage.bind(keyed.ctx);
    (keyed.ctx as { storage: FacadeContext['storage'] }).storage = async (url, request) => {
      const res = await storage(url, request);
      const copy = res.clone();
      bytes.push((await copy.arrayBuffer()).byteLength);
      return res;
    };
    const rows = await scan(keyed.ctx, { source: 'parquet', keys: ['loss'] });
    expect(rows).toHaveLength(100);
    // Every row group but the footer's is read without its blob column: far less than the file.
    expect(bytes.reduce((a, b) => a + b, 0)).toBeLessThan(size / 2);
  });

  it('reads from a store that ignores Range (it answers the whole file)', async () => {
    const files = filesOf(ROWS, [50, 100]);
    const { ctx } = fakeContext({ files, rows: ROWS, lastStep: 99, ignoreRange: true });
    expect(await scan(ctx, { source: 'parquet' })).toEqual(ROWS);
  });

  it("'auto' reads Parquet for a run that is not running, windows for a running one", async () => {
    const files = filesOf(ROWS, [100]);
    const finished = fakeContext({ files, rows: ROWS, lastStep: 99 });
    expect(await scan(finished.ctx, {})).toEqual(ROWS);
    expect(finished.log.ops).toContain('RunParquetHistory');
    expect(finished.log.windows).toEqual([]);
    const running = fakeContext({ files, rows: ROWS, lastStep: 99 });
    expect(await scan(running.ctx, { pageSize: 50 }, 'running')).toEqual(ROWS);
    expect(running.log.ops).not.toContain('RunParquetHistory');
    expect(running.log.windows).toEqual([
      [0, 50],
      [50, 100],
    ]);
  });

  it("falls back to windows in 'auto' when the server offers nothing; 'parquet' rejects with UnsupportedError first", async () => {
    const off = { files: new Map(), parquetUrls: [], liveData: [], rows: ROWS, lastStep: 99 };
    expect(await scan(fakeContext(off).ctx, {})).toEqual(ROWS);
    await expect(scan(fakeContext(off).ctx, { source: 'parquet' })).rejects.toThrow(UnsupportedError);
    await expect(scan(fakeContext(off).ctx, { source: 'parquet' })).rejects.toThrow(/feature is off/);
    const older = {
      ...off,
      parquetError: new GraphQLRequestError(
        'GraphQL error',
        [{ message: 'Cannot query field "parquetHistory" on type "Run".' }],
        null,
      ),
    };
    expect(await scan(fakeContext(older).ctx, {})).toEqual(ROWS);
    await expect(scan(fakeContext(older).ctx, { source: 'parquet' })).rejects.toThrow(
      /no Run.parquetHistory/,
    );
    // Any other failure is not a fallback.
    const broken = { ...off, parquetError: new Error('boom') };
    await expect(scan(fakeContext(broken).ctx, {})).rejects.toThrow('boom');
    // Nothing exported and live steps: every row is live.
    const live = { ...off, liveData: ROWS.map((r) => ({ _step: r._step })) };
    expect(await scan(fakeContext(live).ctx, { source: 'parquet' })).toEqual(ROWS);
  });

  it("'auto' reads by windows what the files fail to give; 'parquet' rejects", async () => {
    // A file this reader cannot decode: every row comes by windows.
    const broken = new Map([['https://storage.test/bad.parquet', new Uint8Array(64).fill(7).buffer]]);
    const bad = fakeContext({ files: broken, rows: ROWS, lastStep: 99 });
    expect(await scan(bad.ctx, { pageSize: 50 })).toEqual(ROWS);
    expect(bad.log.windows).toEqual([
      [0, 50],
      [50, 100],
    ]);
    await expect(
      scan(fakeContext({ files: broken, rows: ROWS, lastStep: 99 }).ctx, { source: 'parquet' }),
    ).rejects.toThrow();
    // A download failing mid-scan (a large file, read by row group): the rows after the last one
    // read from the files come by windows, each once.
    const big = ROWS.map((r) => ({ ...r, blob: randomBytes(15_000).toString('base64') }));
    const files = filesOf(big, [100], 10);
    const flaky = fakeContext({ files, rows: big, lastStep: 99 });
    const storage = flaky.ctx.storage.bind(flaky.ctx);
    let calls = 0; // the footer, row groups 0 and 1, then failures
    (flaky.ctx as { storage: FacadeContext['storage'] }).storage = (url, request) =>
      ++calls > 3 ? Promise.reject(new Error('gone')) : storage(url, request);
    expect(await scan(flaky.ctx, { pageSize: 30 })).toEqual(big);
    expect(flaky.log.windows[0]).toEqual([19, 49]); // after step 19, the last of row group 1
  });

  it('rejects a bad source before any request', () => {
    const { ctx, log } = fakeContext({ files: new Map(), rows: [], lastStep: -1 });
    expect(() => scanHistory(ctx, 'e', 'p', 'r', { source: 'files' as 'auto' })).toThrow(/source/);
    expect(log.ops).toEqual([]);
  });

  it('abort cancels the downloads in flight and rejects with the reason', async () => {
    const files = filesOf(ROWS, [30, 70, 100]);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { ctx, log } = fakeContext({ files, rows: ROWS, lastStep: 99 }, () => gate);
    const controller = new AbortController();
    const done = scan(ctx, { source: 'parquet', signal: controller.signal });
    for (let i = 0; i < 20 && log.storageSignals.length < 3; i++) await new Promise((r) => setImmediate(r));
    expect(log.storageSignals).toHaveLength(3);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(done).rejects.toBe(reason);
    expect(log.storageSignals.every((s) => s.aborted)).toBe(true);
    release();
  });
});
