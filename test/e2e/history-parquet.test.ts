// scanHistory from the run's exported Parquet history files, against the emulator's export
// (signed URLs with Range, several files, a boundary for partly exported runs, its switch): rows
// exactly once and in order, equal to the GraphQL windows' rows, in ~2 GraphQL requests.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { Api, UnsupportedError, type HistoryRow, type ScanHistoryOptions } from '../../src/index.js';
import { graphqlCalls } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

const P = 'alice/pq';
const N = 1000;
/** Mixed rows: numbers every step, `acc` every 10th, a flag, a name, a media object every 100th, NaN once. */
const ROWS = Array.from({ length: N }, (_, s) => ({
  _step: s,
  _runtime: s * 0.25,
  loss: s === 7 ? NaN : 1 / (s + 1),
  ...(s % 10 === 0 ? { acc: s / N } : {}),
  ok: s % 3 === 0,
  phase: s < 500 ? 'warmup' : 'main',
  ...(s % 100 === 0 ? { img: { _type: 'image-file', path: `media/images/${s}.png`, width: 8 } } : {}),
}));

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    apiKey: 'test-key-0123456789abcdef0123456789abcdef01234567',
    viewer: { username: 'alice', email: 'alice@example.com' },
    seed: 'empty',
    parquetHistoryRowsPerFile: 300, // 4 files for 1000 rows
  });
  api = new Api({
    baseUrl: emu.url,
    apiKey: emu.apiKey,
    retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 5_000 },
  });
  emu.seed.run({ entity: 'alice', project: 'pq', id: 'done', state: 'finished', history: ROWS });
  emu.seed.run({
    entity: 'alice',
    project: 'pq',
    id: 'part',
    state: 'running',
    history: ROWS,
    historyExportedThrough: 599,
  });
  emu.seed.run({ entity: 'alice', project: 'pq', id: 'live', state: 'running', history: ROWS.slice(0, 50) });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.history.setParquetHistory(true);
  emu.faults.clear();
  emu.clearRequests();
});

async function scan(id: string, options: ScanHistoryOptions = {}): Promise<HistoryRow[]> {
  const run = await api.run(`${P}/${id}`);
  emu.clearRequests();
  const rows: HistoryRow[] = [];
  for await (const row of run.scanHistory(options)) rows.push(row);
  return rows;
}

const storageGets = () => emu.requests.filter((r) => r.kind === 'storage');
const windowsOf = (op = 'HistoryPage') =>
  emu.requests
    .filter((r) => r.operationName === op)
    .map((r) => [Number(r.variables?.minStep), Number(r.variables?.maxStep)])
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

describe('scanHistory from Parquet history files', () => {
  it('reads a finished run from its files: every row once, in order, as the windows answer them, in 2 GraphQL requests', async () => {
    const fromFiles = await scan('done', { source: 'parquet', pageSize: 100 });
    expect(graphqlCalls(emu)).toBe(2);
    expect(graphqlCalls(emu, 'RunParquetHistory')).toBe(1);
    expect(graphqlCalls(emu, 'RunHistoryKeys')).toBe(1);
    const files = new Set(storageGets().map((r) => r.path.split('?')[0]));
    expect(files.size).toBe(4); // 0-299, 300-599, 600-899, 900-999
    const fromWindows = await scan('done', { source: 'windows', pageSize: 100 });
    expect(graphqlCalls(emu)).toBe(1 + 10);
    expect(storageGets()).toEqual([]);
    expect(fromFiles.map((r) => r._step)).toEqual(ROWS.map((r) => r._step));
    expect(fromFiles).toEqual(fromWindows);
    expect(fromFiles).toEqual(ROWS);
  });

  it("'auto' (the default) reads the files of a finished run, windows for a running one", async () => {
    expect(await scan('done')).toEqual(ROWS);
    expect(graphqlCalls(emu)).toBe(2);
    expect(storageGets().length).toBeGreaterThan(0);
    expect(await scan('live', { pageSize: 20 })).toEqual(ROWS.slice(0, 50));
    expect(graphqlCalls(emu, 'RunParquetHistory')).toBe(0);
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(3);
  });

  it('reads a partly exported run from its files and the rest from windows past the boundary, exactly once', async () => {
    const rows = await scan('part', { source: 'parquet', pageSize: 150 });
    expect(rows).toEqual(ROWS);
    expect(windowsOf()).toEqual([
      [600, 750],
      [750, 900],
      [900, 1000],
    ]);
    expect(rows).toEqual(await scan('part', { source: 'windows' }));
  });

  it('honours keys, minStep and maxStep as the windows do', async () => {
    const cases: ScanHistoryOptions[] = [
      { keys: ['acc', 'phase'] },
      { keys: ['img'], minStep: 150 },
      { minStep: 250, maxStep: 655 },
      { keys: ['acc'], minStep: 595, maxStep: 912 },
    ];
    for (const id of ['done', 'part']) {
      for (const options of cases) {
        const fromFiles = await scan(id, { ...options, source: 'parquet' });
        const fromWindows = await scan(id, { ...options, source: 'windows' });
        expect(fromFiles, `${id} ${JSON.stringify(options)}`).toEqual(fromWindows);
        expect(fromFiles.length).toBeGreaterThan(0);
      }
    }
    const keyed = await scan('done', { keys: ['acc', 'phase'], source: 'parquet' });
    expect(keyed[1]).toEqual({ _step: 10, acc: 0.01, phase: 'warmup' });
    expect(Object.keys(keyed[1] ?? {})).toEqual(['_step', 'acc', 'phase']);
  });

  it('with keys, keeps NaN from the files where the windows (plain JSON) answer null', async () => {
    const [fromFiles] = await scan('done', { keys: ['loss'], minStep: 7, maxStep: 8, source: 'parquet' });
    const [fromWindows] = await scan('done', { keys: ['loss'], minStep: 7, maxStep: 8, source: 'windows' });
    expect(fromFiles).toEqual({ _step: 7, loss: NaN });
    expect(fromWindows).toEqual({ _step: 7, loss: null });
  });

  it("switched off: 'auto' reads windows silently, 'parquet' rejects with UnsupportedError before any row", async () => {
    emu.history.setParquetHistory(false);
    expect(await scan('done', { pageSize: 500 })).toEqual(ROWS);
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(2);
    expect(storageGets()).toEqual([]);
    await expect(scan('done', { source: 'parquet' })).rejects.toThrow(UnsupportedError);
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(0);
    emu.history.setParquetHistory('unsupported');
    expect(await scan('done', { pageSize: 500 })).toEqual(ROWS);
    await expect(scan('done', { source: 'parquet' })).rejects.toThrow(/no Run.parquetHistory/);
  });

  it('abort stops the file reads and rejects with the reason', async () => {
    const run = await api.run(`${P}/done`);
    const controller = new AbortController();
    const seen: HistoryRow[] = [];
    const loop = (async () => {
      for await (const row of run.scanHistory({ source: 'parquet', signal: controller.signal })) {
        seen.push(row);
        if (seen.length === 10) controller.abort(new Error('enough'));
      }
    })();
    await expect(loop).rejects.toThrow('enough');
    expect(seen).toHaveLength(10);
  });
});
