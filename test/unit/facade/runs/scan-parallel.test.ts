// scanHistory's parallel windows against a context whose requests the test settles by hand: the
// order the windows complete in, how many are in flight, abort, break and errors (the e2e side,
// against the emulator: test/e2e/history.test.ts).
import { describe, expect, it } from 'vitest';
import type { FacadeContext } from '../../../../src/facade/core/context.js';
import { scanHistory } from '../../../../src/facade/runs/history.js';
import {
  HistoryPageDocument,
  RunHistoryKeysDocument,
  SampledHistoryPageDocument,
} from '../../../../src/generated/graphql.js';

interface Call {
  minStep: number;
  maxStep: number;
  signal: AbortSignal | undefined;
  settled: boolean;
  resolve: (rows: unknown[]) => void;
  reject: (e: unknown) => void;
}

/** A context whose history windows wait for the test: `calls` in the order they were sent. */
function fakeContext(lastStep: number, width: number | (() => number)) {
  const calls: Call[] = [];
  const ctx = {
    concurrency: typeof width === 'number' ? () => width : width,
    request: (doc: unknown, variables: Record<string, unknown>, options?: { signal?: AbortSignal }) => {
      if (doc === RunHistoryKeysDocument) {
        return Promise.resolve({ project: { run: { id: 'r', historyKeys: { lastStep } } } });
      }
      if (doc !== HistoryPageDocument && doc !== SampledHistoryPageDocument) throw new Error('unexpected');
      const spec =
        typeof variables.spec === 'string'
          ? (JSON.parse(variables.spec) as { minStep: number; maxStep: number })
          : undefined;
      return new Promise((resolve, reject) => {
        const call: Call = {
          minStep: spec ? spec.minStep : Number(variables.minStep),
          maxStep: spec ? spec.maxStep + 1 : Number(variables.maxStep),
          signal: options?.signal,
          settled: false,
          resolve: (rows) => {
            call.settled = true;
            const history = spec
              ? { sampledHistory: [rows] }
              : { history: rows.map((r) => JSON.stringify(r)) };
            resolve({ project: { run: { id: 'r', ...history } } });
          },
          reject: (e) => {
            call.settled = true;
            reject(e);
          },
        };
        options?.signal?.addEventListener('abort', () => call.reject(options.signal?.reason));
        calls.push(call);
      });
    },
  };
  return { ctx: ctx as unknown as FacadeContext, calls };
}

/** Lets every pending promise callback and I/O turn run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

/** The rows of the window [a, b), one per step, in a shuffled order. */
function rowsOf(call: Call): unknown[] {
  const rows = [];
  for (let s = call.minStep; s < call.maxStep; s++) rows.push({ _step: s, v: s * 2 });
  return rows.reverse();
}

const inFlight = (calls: Call[]) => calls.filter((c) => !c.settled).length;

describe('scanHistory windows in parallel', () => {
  it('yields every row once, in step order, when windows complete in reverse order', async () => {
    const { ctx, calls } = fakeContext(39, 4);
    const rows: unknown[] = [];
    const done = (async () => {
      for await (const row of scanHistory(ctx, 'e', 'p', 'r', { pageSize: 10 })) rows.push(row);
    })();
    await flush();
    expect(calls.map((c) => [c.minStep, c.maxStep])).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
    ]);
    for (const call of [...calls].reverse()) {
      call.resolve(rowsOf(call));
      await flush();
      if (call.minStep > 0) expect(rows).toEqual([]); // window 0 holds the reader
    }
    await done;
    expect(rows).toEqual(Array.from({ length: 40 }, (_, s) => ({ _step: s, v: s * 2 })));
  });

  it('keeps at most concurrency() windows in flight and stops scheduling for a slow reader', async () => {
    let width = 3;
    const { ctx, calls } = fakeContext(99, () => width);
    const it = scanHistory(ctx, 'e', 'p', 'r', { pageSize: 10, keys: ['v'] })[Symbol.asyncIterator]();
    const first = it.next();
    await flush();
    expect(calls).toHaveLength(3);
    // Complete out of order: 2, then 1, then 0; nothing more starts until the reader takes window 0.
    for (const i of [2, 1]) calls[i]?.resolve(rowsOf(calls[i] as Call));
    await flush();
    expect(calls).toHaveLength(3);
    calls[0]?.resolve(rowsOf(calls[0] as Call));
    expect(await first).toEqual({ done: false, value: { _step: 0, v: 0 } });
    await flush();
    // The reader holds window 0; windows 1-2 wait done, window 3 is the one room left.
    expect(calls).toHaveLength(4);
    calls[3]?.resolve(rowsOf(calls[3] as Call));
    await flush();
    expect(calls).toHaveLength(4); // the reader is slow: nothing more is scheduled
    // Drain, with the width changing on the way: never more in flight than the width of the moment.
    let maxInFlight = 0;
    const steps: number[] = [0];
    for (;;) {
      const next = it.next();
      await flush();
      maxInFlight = Math.max(maxInFlight, inFlight(calls));
      for (const call of calls.filter((c) => !c.settled).reverse()) call.resolve(rowsOf(call));
      const r = await next;
      if (r.done) break;
      steps.push((r.value as { _step: number })._step);
      if (steps.length === 40) width = 1;
      if (steps.length > 40)
        expect(calls.length - calls.filter((c) => c.settled).length).toBeLessThanOrEqual(1);
    }
    expect(steps).toEqual(Array.from({ length: 100 }, (_, s) => s));
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(calls.map((c) => c.minStep)).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
  });

  it('abort mid-scan cancels every in-flight window and rejects with the reason', async () => {
    const { ctx, calls } = fakeContext(99, 4);
    const controller = new AbortController();
    const it = scanHistory(ctx, 'e', 'p', 'r', { pageSize: 10, signal: controller.signal })[
      Symbol.asyncIterator
    ]();
    const first = it.next();
    await flush();
    calls[0]?.resolve(rowsOf(calls[0] as Call));
    await first;
    await flush();
    const pending = calls.filter((c) => !c.settled);
    expect(pending.length).toBeGreaterThan(0);
    const reason = new Error('user gave up');
    controller.abort(reason);
    await expect(it.next()).rejects.toBe(reason);
    expect(pending.every((c) => c.signal?.aborted === true && c.signal.reason === reason)).toBe(true);
    await flush();
    expect(calls.filter((c) => !c.settled)).toEqual([]);
    expect(calls).toHaveLength(5);
  });

  it('break cancels the windows in flight and starts no more', async () => {
    const { ctx, calls } = fakeContext(99, 4);
    const seen: unknown[] = [];
    const done = (async () => {
      for await (const row of scanHistory(ctx, 'e', 'p', 'r', { pageSize: 10 })) {
        seen.push(row);
        if (seen.length === 3) break;
      }
    })();
    await flush();
    calls[0]?.resolve(rowsOf(calls[0] as Call));
    await done;
    expect(seen).toHaveLength(3);
    await flush();
    const started = calls.length;
    expect(calls.slice(1).every((c) => c.signal?.aborted === true)).toBe(true);
    expect(calls.filter((c) => !c.settled)).toEqual([]);
    await flush();
    expect(calls).toHaveLength(started);
  });

  it('throws a window error when the reader reaches it, after every earlier row, and starts nothing after it', async () => {
    const { ctx, calls } = fakeContext(99, 3);
    const rows: unknown[] = [];
    const done = (async () => {
      for await (const row of scanHistory(ctx, 'e', 'p', 'r', { pageSize: 10 })) rows.push(row);
    })();
    await flush();
    expect(calls).toHaveLength(3);
    const failure = new Error('window 2 failed');
    calls[2]?.reject(failure);
    await flush();
    calls[0]?.resolve(rowsOf(calls[0] as Call));
    await flush();
    calls[1]?.resolve(rowsOf(calls[1] as Call));
    await expect(done).rejects.toBe(failure);
    expect(rows).toHaveLength(20);
    expect(calls).toHaveLength(3); // nothing after the failed window was started
  });
});
