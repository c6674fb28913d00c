// runs.histories(): the histories of every run of a listing, in listing order, fetched in parallel
// through the Api's limiter with bounded read-ahead; abort, break, an error at its position.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  NotFoundError,
  type HistoryRow,
  type RunHistoriesOptions,
  type RunHistory,
} from '../../src/index.js';
import { validationError } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

const RUNS = 12;
const ids = Array.from({ length: RUNS }, (_, i) => `r${String(i).padStart(2, '0')}`);
/** Run i logs 20 + 7i steps; `acc` every 5th step. */
const historyOf = (i: number) =>
  Array.from({ length: 20 + 7 * i }, (_, s) => ({
    _step: s,
    loss: i + 1 / (s + 1),
    ...(s % 5 === 0 ? { acc: s } : {}),
  }));

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    ids.forEach((id, i) => emu.seed.run({ entity: 'alice', project: 'many', id, history: historyOf(i) }));
  },
  { resetEach: true },
);

const HISTORY_OPS = new Set(['RunHistory', 'RunSampledHistory', 'HistoryPage', 'SampledHistoryPage']);

/**
 * An Api whose fetch counts the history requests in flight, and holds each until `hold` of them
 * are in flight together (or no more can come), so the parallelism shows without timing.
 */
function countingApi(options: { hold?: number; total?: number; concurrency?: number } = {}) {
  const stats = { inFlight: 0, max: 0, started: 0, signals: [] as AbortSignal[] };
  let release: (() => void) | undefined;
  let gate = new Promise<void>((r) => (release = r));
  const counting: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { operationName?: string }) : {};
    if (!HISTORY_OPS.has(body.operationName ?? '')) return fetch(input, init);
    stats.started++;
    stats.inFlight++;
    stats.max = Math.max(stats.max, stats.inFlight);
    if (init?.signal) stats.signals.push(init.signal);
    try {
      if (options.hold !== undefined) {
        if (stats.inFlight >= options.hold || stats.started === options.total) {
          release?.();
          gate = new Promise<void>((r) => (release = r));
        } else {
          // Like fetch: an abort rejects the held request.
          const signal = init?.signal;
          await new Promise<void>((resolve, reject) => {
            void gate.then(resolve);
            signal?.addEventListener('abort', () => reject(signal.reason as Error));
          });
        }
      }
      return await fetch(input, init);
    } finally {
      stats.inFlight--;
    }
  };
  const counted = new Api({
    baseUrl: emu.url,
    apiKey: emu.apiKey,
    fetch: counting,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  return { api: counted, stats };
}

async function collect(iterable: AsyncIterable<RunHistory>): Promise<RunHistory[]> {
  const out: RunHistory[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}

const steps = (rows: HistoryRow[]) => rows.map((r) => r._step);
const turns = async (n = 50) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('runs.histories()', () => {
  it('yields every run once, in listing order, with its sampled history', async () => {
    const runs = api.runs('alice/many', { perPage: 5 });
    const entries = await collect(runs.histories({ keys: ['loss'], samples: 10 }));
    expect(entries.map((e) => e.run.id)).toEqual(ids);
    for (const [i, { run, rows }] of entries.entries()) {
      expect(rows).toEqual(await run.history({ keys: ['loss'], samples: 10 }));
      expect(rows.length).toBe(10);
      expect(rows[0]).toEqual({ _step: 0, loss: i + 1 });
    }
    const plain = await collect(runs.histories());
    expect(plain.map((e) => e.rows.length)).toEqual(ids.map((_, i) => 20 + 7 * i));
  });

  it('with scan: true reads every row of every run, with the scanHistory options', async () => {
    const runs = api.runs('alice/many', { order: '-created_at' });
    const entries = await collect(runs.histories({ scan: true, keys: ['acc'], pageSize: 16, minStep: 5 }));
    expect(entries.map((e) => e.run.id)).toEqual([...ids].reverse());
    for (const { run, rows } of entries) {
      const i = ids.indexOf(run.id);
      const expected = historyOf(i)
        .filter((r) => r._step >= 5 && 'acc' in r)
        .map((r) => ({ _step: r._step, acc: r.acc }));
      expect(rows).toEqual(expected);
    }
    const all = await collect(api.runs('alice/many').histories({ scan: true, source: 'windows' }));
    expect(all.map((e) => steps(e.rows).length)).toEqual(ids.map((_, i) => 20 + 7 * i));
  });

  it('fetches at most `concurrency` histories at once, and that many in parallel', async () => {
    const { api: counted, stats } = countingApi({ hold: 3, total: RUNS });
    const entries = await collect(counted.runs('alice/many').histories({ keys: ['loss'], concurrency: 3 }));
    expect(entries).toHaveLength(RUNS);
    expect(stats.max).toBe(3);
    expect(stats.started).toBe(RUNS);
  });

  it("defaults to the Api's concurrency", async () => {
    const { api: counted, stats } = countingApi({ hold: 2, total: RUNS, concurrency: 2 });
    expect(counted.concurrency()).toBe(2);
    expect(await collect(counted.runs('alice/many').histories())).toHaveLength(RUNS);
    expect(stats.max).toBe(2);
  });

  it('reads a bounded number of runs ahead of a slow loop', async () => {
    const { api: counted, stats } = countingApi();
    const iterator = counted.runs('alice/many').histories({ concurrency: 4 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    await turns();
    for (let i = 0; i < 100 && stats.inFlight > 0; i++) await turns(5);
    await turns();
    expect(stats.started).toBeLessThanOrEqual(1 + 4); // the one handed out, and 4 ahead
    await iterator.return?.();
  });

  it('break cancels the histories in flight and starts no more', async () => {
    const { api: counted, stats } = countingApi({ hold: 4, total: RUNS });
    for await (const entry of counted.runs('alice/many').histories({ concurrency: 4 })) {
      expect(entry.run.id).toBe('r00');
      break;
    }
    const started = stats.started;
    await turns(100);
    expect(stats.started).toBe(started);
    expect(stats.started).toBeLessThan(RUNS);
  });

  it('abort cancels everything in flight and rejects with the reason', async () => {
    const { api: counted, stats } = countingApi({ hold: 99 }); // nothing is answered
    const controller = new AbortController();
    const iterator = counted
      .runs('alice/many')
      .histories({ concurrency: 3, signal: controller.signal })
      [Symbol.asyncIterator]();
    const pending = iterator.next();
    for (let i = 0; i < 2000 && stats.inFlight < 3; i++) await turns(5);
    expect(stats.inFlight).toBe(3);
    const reason = new Error('enough');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(stats.signals.every((s) => s.aborted)).toBe(true);
    await turns(50);
    expect(stats.started).toBe(3);
  });

  it("throws one run's error at its position, after every earlier run", async () => {
    emu.faults.add({
      operationName: 'RunHistory',
      match: { variables: { name: 'r05' } },
      status: 200,
      body: JSON.stringify({ data: { project: { run: null } } }),
    });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const { run } of api.runs('alice/many').histories({ concurrency: 4 })) seen.push(run.id);
    })();
    await expect(loop).rejects.toThrow(NotFoundError);
    expect(seen).toEqual(ids.slice(0, 5));
  });

  it('refuses bad options when called, before any request', () => {
    const runs = api.runs('alice/many');
    const bad: Array<[string, unknown]> = [
      ['concurrency', { concurrency: 0 }],
      ['concurrency', { concurrency: 1.5 }],
      ['scan', { scan: 'yes' }],
      ['keys', { keys: [] }],
      ['samples', { samples: 0 }],
      ['samples', { scan: true, samples: 10 }],
      ['pageSize', { pageSize: 100 }],
      ['source', { scan: true, source: 'files' }],
      ['maxStep', { scan: true, minStep: 5, maxStep: 2 }],
      ['signal', { signal: 'stop' }],
    ];
    for (const [parameter, options] of bad) {
      const error = validationError(
        () => runs.histories(options as RunHistoriesOptions),
        JSON.stringify(options),
      );
      expect(error.parameter).toBe(parameter);
    }
    expect(graphqlCalls(emu)).toBe(0);
  });
});
