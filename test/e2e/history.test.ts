import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  NotFoundError,
  type HistoryColumns,
  type HistoryOptions,
  type HistoryRow,
  type Run,
  type ScanHistoryOptions,
} from '../../src/index.js';
import { validationError, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

const P = 'alice/hist';
const LONG = 1000;
const SYSTEM = Array.from({ length: 20 }, (_, i) => ({
  'system.cpu': 10 + i,
  'system.gpu.0.gpu': i % 2 === 0 ? 90 : 80,
  _runtime: i * 2,
  _timestamp: 1_700_000_000 + i * 2,
}));

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  // 1000 steps; `acc` every 10th step only.
  emu.seed.run({
    entity: 'alice',
    project: 'hist',
    id: 'long',
    history: Array.from({ length: LONG }, (_, i) => ({
      _step: i,
      _runtime: i * 0.5,
      loss: 1 / (i + 1),
      ...(i % 10 === 0 ? { acc: i / LONG } : {}),
    })),
    systemMetrics: SYSTEM,
  });
  // Steps 0-4 and 100-104: windows in between are empty.
  emu.seed.run({
    entity: 'alice',
    project: 'hist',
    id: 'gap',
    history: [0, 1, 2, 3, 4, 100, 101, 102, 103, 104].map((s) => ({ _step: s, v: s })),
  });
  emu.seed.run({
    entity: 'alice',
    project: 'hist',
    id: 'mixed',
    history: [{ a: 1 }, { b: 2 }, { a: 3, c: 'x' }],
  });
  emu.seed.run({
    entity: 'alice',
    project: 'hist',
    id: 'nan',
    history: [{ loss: NaN }, { loss: Infinity }, { loss: -Infinity }, { loss: 0.5 }],
  });
  emu.seed.run({ entity: 'alice', project: 'hist', id: 'empty' });
  emu.seed.run({ entity: 'alice', project: 'hist', id: 'grow', history: [{ v: 0 }, { v: 1 }] });
  emu.seed.run({ entity: 'alice', project: 'hist', id: 'gone', history: [{ v: 0 }] });
  emu.seed.run({ entity: 'alice', project: 'hist', id: 'dupes', history: [{ v: 0 }] });
});

const runOf = (id: string): Promise<Run> => api.run(`${P}/${id}`);
const steps = (rows: HistoryRow[]) => rows.map((r) => r._step);
const requestsOf = (op: string) => emu.requests.filter((r) => r.operationName === op);

async function collect(iterable: AsyncIterable<HistoryRow>): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for await (const row of iterable) rows.push(row);
  return rows;
}

describe('run.history (sampled)', () => {
  it('answers 500 server-sampled rows by default, the first and the last step included', async () => {
    const run = await runOf('long');
    emu.clearRequests();
    const rows = await run.history();
    expect(rows).toHaveLength(500);
    expect(rows[0]).toMatchObject({ _step: 0, loss: 1, _runtime: 0 });
    expect(rows.at(-1)).toMatchObject({ _step: LONG - 1, loss: 1 / LONG });
    const s = steps(rows) as number[];
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(requestsOf('RunHistory').map((r) => r.variables?.samples)).toEqual([500]);
  });

  it('answers `samples` rows', async () => {
    const run = await runOf('long');
    const rows = await run.history({ samples: 7 });
    expect(steps(rows)).toHaveLength(7);
    expect(steps(rows)[0]).toBe(0);
    expect(steps(rows).at(-1)).toBe(LONG - 1);
    expect(await run.history({ samples: 5000 })).toHaveLength(LONG);
  });

  it('with keys answers only rows that have them, with the x axis and those keys', async () => {
    const run = await runOf('long');
    emu.clearRequests();
    const rows = await run.history({ keys: ['acc'], samples: 1000 });
    expect(rows).toHaveLength(100);
    expect(rows[1]).toEqual({ _step: 10, acc: 0.01 });
    expect(rows.every((r) => Object.keys(r).sort().join() === '_step,acc')).toBe(true);
    const [req] = requestsOf('RunSampledHistory');
    expect(JSON.parse((req?.variables?.specs as string[])[0] ?? '')).toEqual({
      keys: ['_step', 'acc'],
      samples: 1000,
    });
  });

  it('places rows by another xAxis', async () => {
    const run = await runOf('long');
    const rows = await run.history({ keys: ['loss'], xAxis: '_runtime', samples: 3 });
    expect(rows).toEqual([
      { _runtime: 0, loss: 1 },
      { _runtime: 250, loss: 1 / 501 }, // step 500 = round(999 / 2)
      { _runtime: 499.5, loss: 1 / LONG },
    ]);
  });

  it("reads the system metrics stream with stream: 'system'", async () => {
    const run = await runOf('long');
    emu.clearRequests();
    const rows = await run.history({ stream: 'system' });
    expect(rows).toEqual(SYSTEM);
    expect(graphqlCalls(emu, 'RunSystemEvents')).toBe(1);
    expect(await run.history({ stream: 'system', samples: 2 })).toEqual([SYSTEM[0], SYSTEM.at(-1)]);
    // The run's latest system metrics are the stream's last row, without `_` keys.
    expect(run.systemMetrics).toEqual({ 'system.cpu': 29, 'system.gpu.0.gpu': 80 });
  });

  it("answers columns with format: 'columns' (keys in first-seen order, missing values null)", async () => {
    const run = await runOf('mixed');
    const columns = await run.history({ format: 'columns' });
    expectTypeOf(columns).toEqualTypeOf<HistoryColumns>();
    expect(columns).toEqual({ a: [1, null, 3], _step: [0, 1, 2], b: [null, 2, null], c: [null, null, 'x'] });
    expect(Object.keys(columns)).toEqual(['a', '_step', 'b', 'c']);
    const rows = await run.history({ format: 'rows' });
    expectTypeOf(rows).toEqualTypeOf<HistoryRow[]>();
    expect(rows).toHaveLength(3);
    const format = 'columns' as HistoryOptions['format'];
    expectTypeOf(await run.history({ format })).toEqualTypeOf<HistoryRow[] | HistoryColumns>();
  });

  it('with keys and columns answers the x axis and every key, empty when no row has them', async () => {
    const empty = await runOf('empty');
    expect(await empty.history({ keys: ['loss'], format: 'columns' })).toEqual({ _step: [], loss: [] });
    const run = await runOf('mixed');
    const { _step, a, zzz } = await run.history({ keys: ['a', 'zzz'], format: 'columns' });
    expect([_step, a, zzz]).toEqual([[], [], []]);
    const columns = await run.history({ keys: ['c', 'a'], xAxis: '_step', format: 'columns' });
    expect(columns).toEqual({ _step: [2], c: ['x'], a: [3] });
    expect(Object.keys(columns)).toEqual(['_step', 'c', 'a']);
  });

  it('keeps NaN and Infinity values', async () => {
    const run = await runOf('nan');
    const rows = await run.history();
    expect(rows.map((r) => r.loss)).toEqual([NaN, Infinity, -Infinity, 0.5]);
  });

  it('asks the server every time (history is not cached)', async () => {
    const run = await runOf('mixed');
    emu.clearRequests();
    await run.history();
    await run.history();
    expect(graphqlCalls(emu, 'RunHistory')).toBe(2);
  });

  it('refuses bad options before any request', async () => {
    const run = await runOf('long');
    const bad: Array<[string, unknown]> = [
      ['samples', { samples: 0 }],
      ['samples', { samples: 2.5 }],
      ['samples', { samples: '10' }],
      ['samples', { samples: 2 ** 31 }],
      ['keys', { keys: 'loss' }],
      ['keys', { keys: ['loss', 3] }],
      ['keys', { keys: [] }],
      ['keys', { keys: ['loss'], stream: 'system' }],
      ['xAxis', { keys: ['loss'], xAxis: '' }],
      ['stream', { stream: 'gpu' }],
      ['format', { format: 'table' }],
      ['signal', { signal: 'stop' }],
      ['options', 'loss'],
    ];
    emu.clearRequests();
    for (const [parameter, options] of bad) {
      const error = await validationRejection(
        run.history(options as HistoryOptions),
        JSON.stringify(options),
      );
      expect(error.parameter).toBe(parameter);
    }
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('rejects with NotFoundError when the run no longer exists', async () => {
    const run = await runOf('gone');
    const record = [...emu.store.runs.values()].find((r) => r.name === 'gone');
    emu.store.runs.delete(record?.id ?? -1);
    await expect(run.history()).rejects.toThrow(NotFoundError);
    await expect(run.history()).rejects.toThrow(`Run gone not found in project ${P}`);
    await expect(collect(run.scanHistory())).rejects.toThrow(NotFoundError);
  });

  it('rejects with the reason of an aborted signal', async () => {
    const run = await runOf('long');
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(run.history({ signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('run.scanHistory (every row, by step windows)', () => {
  // The server offers no Parquet history here: every scan reads windows (test/e2e/history-parquet.test.ts reads files).
  beforeAll(() => emu.history.setParquetHistory(false));
  afterAll(() => emu.history.setParquetHistory(true));

  it('yields every row once, in step order, one window per request', async () => {
    const run = await runOf('long');
    emu.clearRequests();
    const rows = await collect(run.scanHistory({ pageSize: 300 }));
    expect(steps(rows)).toEqual(Array.from({ length: LONG }, (_, i) => i));
    expect(rows[999]).toEqual({ _step: 999, _runtime: 499.5, loss: 1 / LONG });
    expect(graphqlCalls(emu, 'RunHistoryKeys')).toBe(1);
    const windows = requestsOf('HistoryPage').map((r) => [r.variables?.minStep, r.variables?.maxStep]);
    // Windows run in parallel: the server may see them in any order.
    expect(windows.sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      [0, 300],
      [300, 600],
      [600, 900],
      [900, 1000],
    ]);
    expect(requestsOf('HistoryPage').every((r) => r.variables?.pageSize === 300)).toBe(true);
  });

  it('pages 1000 steps at a time by default', async () => {
    const run = await runOf('long');
    emu.clearRequests();
    expect(await collect(run.scanHistory())).toHaveLength(LONG);
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(1);
  });

  it('treats maxStep as exclusive and clamps it to the last step + 1', async () => {
    const run = await runOf('long');
    expect(steps(await collect(run.scanHistory({ maxStep: 10 })))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    emu.clearRequests();
    const rows = await collect(run.scanHistory({ minStep: 990, maxStep: 1_000_000, pageSize: 100 }));
    expect(steps(rows)).toEqual([990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
    expect(requestsOf('HistoryPage').map((r) => [r.variables?.minStep, r.variables?.maxStep])).toEqual([
      [990, 1000],
    ]);
  });

  it('starts at minStep, and yields nothing for an empty range', async () => {
    const run = await runOf('long');
    expect(steps(await collect(run.scanHistory({ minStep: 997 })))).toEqual([997, 998, 999]);
    emu.clearRequests();
    expect(await collect(run.scanHistory({ minStep: 20, maxStep: 20 }))).toEqual([]);
    expect(await collect(run.scanHistory({ minStep: 5000 }))).toEqual([]);
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(0);
  });

  it('walks on through empty windows', async () => {
    const run = await runOf('gap');
    emu.clearRequests();
    const rows = await collect(run.scanHistory({ pageSize: 10 }));
    expect(steps(rows)).toEqual([0, 1, 2, 3, 4, 100, 101, 102, 103, 104]);
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(11); // [0,10) ... [100,105)
  });

  it('with keys yields _step and those keys, only for rows that have them all', async () => {
    const run = await runOf('long');
    emu.clearRequests();
    const rows = await collect(run.scanHistory({ keys: ['acc', 'loss'], pageSize: 250 }));
    expect(rows).toHaveLength(100);
    expect(rows[3]).toEqual({ _step: 30, acc: 0.03, loss: 1 / 31 });
    expect(Object.keys(rows[3] ?? {})).toEqual(['_step', 'acc', 'loss']);
    const specs = requestsOf('SampledHistoryPage').map(
      (r) => JSON.parse(String(r.variables?.spec)) as unknown,
    );
    expect(specs).toHaveLength(4);
    // sampledHistory's maxStep is inclusive: the window [250, 500) is sent as 250..499.
    expect(specs[1]).toEqual({ keys: ['acc', 'loss', '_step'], minStep: 250, maxStep: 499, samples: 250 });
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(0);
  });

  it('starts over, with a fresh lastStep, each time it is iterated', async () => {
    const run = await runOf('grow');
    const scan = run.scanHistory({ pageSize: 1 });
    expect(steps(await collect(scan))).toEqual([0, 1]);
    const record = [...emu.store.runs.values()].find((r) => r.name === 'grow');
    record?.history.push({ _step: 2, v: 2 }, { _step: 3, v: 3 });
    emu.clearRequests();
    expect(steps(await collect(scan))).toEqual([0, 1, 2, 3]);
    expect(graphqlCalls(emu, 'RunHistoryKeys')).toBe(1);
    expect(graphqlCalls(emu, 'HistoryPage')).toBe(4);
  });

  it('sorts rows by _step (floats included) and drops repeated steps', async () => {
    const run = await runOf('dupes');
    const record = [...emu.store.runs.values()].find((r) => r.name === 'dupes');
    record?.history.push({ _step: 3, v: 3 });
    const rows = [
      '{"_step": 3.0, "v": 3}',
      '{"_step": 1, "v": 1}',
      '{"_step": 0, "v": 0}',
      '{"_step": 1, "v": 1}',
    ];
    emu.faults.add({
      operationName: 'HistoryPage',
      status: 200,
      body: JSON.stringify({ data: { project: { run: { id: 'x', history: rows } } } }),
    });
    expect(await collect(run.scanHistory())).toEqual([
      { _step: 0, v: 0 },
      { _step: 1, v: 1 },
      { _step: 3, v: 3 },
    ]);
  });

  it('keeps NaN and Infinity values; with keys (plain JSON sampledHistory) they arrive as null', async () => {
    const run = await runOf('nan');
    const rows = await collect(run.scanHistory({ pageSize: 2 }));
    expect(rows.map((r) => r.loss)).toEqual([NaN, Infinity, -Infinity, 0.5]);
    const keyed = await collect(run.scanHistory({ keys: ['loss'], pageSize: 2 }));
    expect(keyed).toEqual([
      { _step: 0, loss: null },
      { _step: 1, loss: null },
      { _step: 2, loss: null },
      { _step: 3, loss: 0.5 },
    ]);
    expect((await run.history({ keys: ['loss'] })).map((r) => r.loss)).toEqual([null, null, null, 0.5]);
  });

  it('yields nothing for a run without history, after one request', async () => {
    const run = await runOf('empty');
    emu.clearRequests();
    expect(await collect(run.scanHistory({ source: 'windows' }))).toEqual([]);
    expect(graphqlCalls(emu)).toBe(1);
    expect(graphqlCalls(emu, 'RunHistoryKeys')).toBe(1);
    // A finished run: 'auto' also asks for its Parquet history (none here), beside historyKeys.
    emu.clearRequests();
    expect(await collect(run.scanHistory())).toEqual([]);
    expect(graphqlCalls(emu)).toBe(2);
    expect(graphqlCalls(emu, 'RunParquetHistory')).toBe(1);
  });

  it('stops with the reason of an aborted signal', async () => {
    const run = await runOf('long');
    const controller = new AbortController();
    emu.clearRequests();
    const seen: HistoryRow[] = [];
    const scan = (async () => {
      for await (const row of run.scanHistory({ pageSize: 10, signal: controller.signal })) {
        seen.push(row);
        if (seen.length === 150) controller.abort(new Error('user gave up'));
      }
    })();
    await expect(scan).rejects.toThrow('user gave up');
    expect(seen).toHaveLength(150);
    // The reader was in window 15 of 100; at most concurrency() (8) windows were started ahead.
    expect(graphqlCalls(emu, 'HistoryPage')).toBeGreaterThanOrEqual(15);
    expect(graphqlCalls(emu, 'HistoryPage')).toBeLessThanOrEqual(15 + 8);
  });

  it('refuses a maxStep below minStep when called, and scans nothing, without a request, when they are equal', async () => {
    const run = await runOf('long');
    emu.clearRequests();
    const error = validationError(() => run.scanHistory({ minStep: 10, maxStep: 5 }));
    expect(error.parameter).toBe('maxStep');
    expect(error.message).toContain('below minStep 10');
    expect(await collect(run.scanHistory({ minStep: 10, maxStep: 10 }))).toEqual([]);
    expect(await collect(run.scanHistory({ keys: ['loss'], minStep: 0, maxStep: 0 }))).toEqual([]);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('refuses bad options when called, before any request', async () => {
    const run = await runOf('long');
    const bad: Array<[string, unknown]> = [
      ['pageSize', { pageSize: 0 }],
      ['pageSize', { pageSize: 1.5 }],
      ['pageSize', { pageSize: 2 ** 31 }],
      ['minStep', { minStep: -1 }],
      ['minStep', { minStep: '3' }],
      ['maxStep', { maxStep: 2.5 }],
      ['keys', { keys: 'loss' }],
      ['keys', { keys: [''] }],
      ['keys', { keys: [] }],
      ['signal', { signal: {} }],
    ];
    emu.clearRequests();
    for (const [parameter, options] of bad) {
      const error = validationError(
        () => run.scanHistory(options as ScanHistoryOptions),
        JSON.stringify(options),
      );
      expect(error.parameter).toBe(parameter);
    }
    expect(graphqlCalls(emu)).toBe(0);
  });
});
