// RunWriter against a small file_stream server of this test's own (real HTTP through the
// Transport): batching by rows and bytes, line offsets, non-finite numbers, summary merging,
// retries that never duplicate a row, abort, and the finished state.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import type { FacadeContext } from '../../../../src/facade/core/context.js';
import { parseJsonLenient } from '../../../../src/facade/core/json.js';
import {
  DEFAULT_FILE_STREAM_TIMEOUT_MS,
  MAX_HISTORY_LINE_BYTES,
  RunWriter,
  type RunWriterOptions,
  type RunWriterProgress,
} from '../../../../src/facade/runs/writer.js';
import { RunWriterImpl } from '../../../../src/facade/runs/writer-impl.js';
import { Transport, type RetryEvent } from '../../../../src/transport/index.js';
import { expectNoApiKey, failure, validationRejection } from '../../../support/expect-errors.js';

const KEY = 'local-0123456789abcdef0123456789abcdef01234567';

interface Body {
  files?: Record<string, { offset: number; content: string[] }>;
  complete?: boolean;
  exitcode?: number;
  dropped?: number;
}

/** What the test server holds: history lines by offset, the summary line, the completion. */
interface Stored {
  history: string[];
  summary: string | undefined;
  complete: { exitcode: number } | undefined;
}

type Fault = { status: number; retryAfter?: string } | { dropAfterStore: true } | { dropBeforeStore: true };

let server: Server;
let baseUrl: string;
let stored: Stored;
let bodies: Body[];
let paths: string[];
let authHeaders: Array<string | undefined>;
let faults: Fault[];

function reset(): void {
  stored = { history: [], summary: undefined, complete: undefined };
  bodies = [];
  paths = [];
  authHeaders = [];
  faults = [];
}
reset();

function store(body: Body): string | undefined {
  for (const [name, chunk] of Object.entries(body.files ?? {})) {
    if (name === 'wandb-history.jsonl') {
      if (chunk.offset > stored.history.length)
        return `gap: offset ${chunk.offset} > ${stored.history.length}`;
      stored.history.splice(chunk.offset, chunk.content.length, ...chunk.content);
    } else if (name === 'wandb-summary.json') {
      stored.summary = chunk.content.at(-1);
    }
  }
  if (body.complete) stored.complete = { exitcode: body.exitcode ?? 0 };
  return undefined;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      paths.push(req.url ?? '');
      authHeaders.push(req.headers.authorization);
      const body = JSON.parse(raw) as Body;
      bodies.push(body);
      const fault = faults.shift();
      if (fault && 'dropBeforeStore' in fault) {
        req.socket.destroy();
        return;
      }
      if (fault && 'status' in fault) {
        res.writeHead(fault.status, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
        res.end(JSON.stringify({ error: `injected ${fault.status}, key ${KEY}` }));
        return;
      }
      const gap = store(body);
      if (fault && 'dropAfterStore' in fault) {
        req.socket.destroy();
        return;
      }
      res.writeHead(gap ? 400 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(gap ? { error: gap } : { exitcode: null, limits: {} }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(reset);

const retries: RetryEvent[] = [];

function makeWriter(
  options: RunWriterOptions = {},
  start: { historyLineCount?: number; lastStep?: number; summary?: Record<string, unknown> } = {},
): RunWriter {
  retries.length = 0;
  const transport = new Transport({
    baseUrl,
    apiKey: KEY,
    userAgent: 'W&B Public Client wandb-api/0.0.0-test',
    clientHeader: 'wandb-api/0.0.0-test',
    retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 2, onRetry: (e) => retries.push(e) },
  });
  const ctx = {
    postJson: (path: string, body: string, o?: { signal?: AbortSignal; what?: string }) =>
      transport.postJson(path, body, o),
  } as unknown as FacadeContext;
  let clock = 1_700_000_000_000;
  return new RunWriterImpl(
    ctx,
    { entity: 'acme', project: 'vision', runId: 'r1' },
    () =>
      Promise.resolve({
        historyLineCount: start.historyLineCount ?? 0,
        lastStep: start.lastStep ?? -1,
        summary: start.summary ?? {},
      }),
    { now: () => (clock += 500), retry: { maxAttempts: 5 }, ...options },
  );
}

function rows(): Array<Record<string, unknown>> {
  return stored.history.map((l) => parseJsonLenient(l, 'line') as Record<string, unknown>);
}

function summary(): Record<string, unknown> {
  return parseJsonLenient(stored.summary ?? '{}', 'summary') as Record<string, unknown>;
}

describe('RunWriter', () => {
  it('numbers the steps, adds _timestamp and _runtime, and posts the lines at their offsets with auth', async () => {
    const w = makeWriter({ rowsPerRequest: 2 });
    await w.log({ loss: 0.9 });
    await w.log({ loss: 0.5 });
    await w.log({ loss: 0.3 });
    await w.finish();
    expect(paths.every((p) => p === '/files/acme/vision/r1/file_stream')).toBe(true);
    expect(authHeaders.every((h) => h === `Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`)).toBe(
      true,
    );
    expect(rows().map((r) => [r._step, r.loss])).toEqual([
      [0, 0.9],
      [1, 0.5],
      [2, 0.3],
    ]);
    // the fake clock advances 500 ms per reading: once when the writer is made, once per row
    expect(rows().map((r) => r._runtime)).toEqual([0.5, 1, 1.5]);
    expect(rows()[0]!._timestamp).toBe(1_700_000_001);
    const offsets = bodies
      .map((b) => b.files?.['wandb-history.jsonl'])
      .filter((c) => c !== undefined)
      .map((c) => [c.offset, c.content.length]);
    expect(offsets).toEqual([
      [0, 2],
      [2, 1],
    ]);
    expect(stored.complete).toEqual({ exitcode: 0 });
    expect(bodies.at(-1)).toMatchObject({ complete: true, exitcode: 0 });
    expect(w.finished).toBe(true);
  });

  it('sends a batch once rowsPerRequest rows are final, and nothing before', async () => {
    const w = makeWriter({ rowsPerRequest: 3 });
    for (let i = 0; i < 3; i++) await w.log({ i });
    // the third row is still open (a row of the same step could be merged into it)
    expect(bodies).toHaveLength(0);
    await w.log({ i: 3 });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.files?.['wandb-history.jsonl']?.content).toHaveLength(3);
    await w.flush();
    expect(stored.history).toHaveLength(4);
    expect(stored.complete).toBeUndefined();
  });

  it('splits requests to stay under maxRequestBytes and refuses a row larger than that', async () => {
    const w = makeWriter({ maxRequestBytes: 2_000 });
    const text = 'x'.repeat(400);
    for (let i = 0; i < 10; i++) await w.log({ text });
    await w.flush();
    const sizes = bodies.map((b) => JSON.stringify(b).length);
    expect(bodies.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2_000);
    expect(rows().map((r) => r._step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const before = bodies.length;
    const err = await validationRejection(w.log({ text: 'y'.repeat(5_000) }));
    expect(err.message).toContain('maxRequestBytes');
    await w.flush();
    expect(bodies.length).toBe(before);
  });

  it('writes NaN, Infinity and -Infinity as the JSON tokens the official client uses', async () => {
    const w = makeWriter();
    await w.log({ a: NaN, b: Infinity, c: -Infinity, nested: { d: [NaN] }, s: 'NaN' });
    await w.finish();
    expect(stored.history[0]).toContain('"a":NaN,"b":Infinity,"c":-Infinity,"nested":{"d":[NaN]},"s":"NaN"');
    const [row] = rows();
    expect(row!.a).toBeNaN();
    expect(row!.c).toBe(-Infinity);
    expect(summary().b).toBe(Infinity);
  });

  it('merges a row of the same _step into the open one, skips steps forward, and refuses steps going back', async () => {
    const w = makeWriter();
    await w.log({ loss: 1 });
    await w.log({ acc: 0.5, _step: 0 });
    await w.log({ loss: 0.5, _step: 4 });
    const back = await validationRejection(w.log({ loss: 0.1, _step: 3 }));
    expect(back.parameter).toBe('row._step');
    await w.log({ loss: 0.2 });
    await w.flush();
    // a row of a step already sent cannot be merged any more
    await validationRejection(w.log({ late: true, _step: 5 }));
    await w.finish();
    expect(rows().map((r) => [r._step, r.loss, r.acc])).toEqual([
      [0, 1, 0.5],
      [4, 0.5, undefined],
      [5, 0.2, undefined],
    ]);
  });

  it('sends the last value of each key as the summary, keys set explicitly winning', async () => {
    const w = makeWriter({}, { summary: { previous: 'kept' } });
    await w.log({ loss: 0.9, acc: 0.1 });
    await w.summary({ loss: 0.123, best: { acc: 0.2 } });
    await w.log({ loss: 0.5, acc: 0.3 });
    await w.finish();
    expect(summary()).toMatchObject({
      previous: 'kept',
      loss: 0.123,
      acc: 0.3,
      best: { acc: 0.2 },
      _step: 1,
    });
    // the summary line is always the whole summary, at offset 0
    for (const b of bodies) {
      const s = b.files?.['wandb-summary.json'];
      if (s) expect(s).toMatchObject({ offset: 0, content: [expect.any(String)] });
    }
  });

  it('continues a resumed run after its historyLineCount and last step, its _runtime included', async () => {
    stored.history = ['{"_step":0}', '{"_step":1}', '{"_step":2}'];
    const w = makeWriter({}, { historyLineCount: 3, lastStep: 2, summary: { _runtime: 100 } });
    await w.log({ loss: 0.1 });
    await w.finish();
    expect(bodies[0]!.files?.['wandb-history.jsonl']?.offset).toBe(3);
    expect(rows().map((r) => r._step)).toEqual([0, 1, 2, 3]);
    expect(rows()[3]!._runtime).toBe(100.5);
  });

  it('retries a 500 and a lost response without duplicating a row, reporting each retry', async () => {
    const w = makeWriter({ rowsPerRequest: 2 });
    faults = [
      { status: 500 },
      { dropAfterStore: true },
      { dropBeforeStore: true },
      { status: 503, retryAfter: '0' },
    ];
    for (let i = 0; i < 5; i++) await w.log({ i });
    await w.finish();
    expect(rows().map((r) => r.i)).toEqual([0, 1, 2, 3, 4]);
    expect(stored.complete).toEqual({ exitcode: 0 });
    expect(retries.map((e) => [e.target, e.reason, e.status])).toEqual([
      ['http', 'http', 500],
      ['http', 'network', undefined],
      ['http', 'network', undefined],
      ['http', 'http', 503],
    ]);
    expect(retries[0]!.what).toBe('file_stream of acme/vision/r1');
  });

  it('keeps unacknowledged rows after a failure and sends them again at the same offset', async () => {
    const w = makeWriter();
    await w.log({ i: 0 });
    faults = Array.from({ length: 5 }, () => ({ status: 500 }));
    const err = await failure(w.flush());
    expect(err.name).toBe('ServerError');
    expect(err.message).toContain('file_stream of acme/vision/r1 failed');
    expect(err.message).toContain('after 5 attempts');
    expectNoApiKey(err, KEY);
    expect(w.progress.rowsPending).toBe(1);
    await w.finish();
    expect(rows().map((r) => r.i)).toEqual([0]);
    expect(
      bodies.map((b) => b.files?.['wandb-history.jsonl']?.offset).filter((o) => o !== undefined),
    ).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('retries longer than the Api policy by default (file_stream retries are safe)', async () => {
    const w = makeWriter({ retry: undefined }); // the writer's default bounds, over the Api's 5 attempts
    await w.log({ i: 0 });
    faults = Array.from({ length: 7 }, () => ({ status: 503 }));
    await w.flush();
    expect(rows().map((r) => r.i)).toEqual([0]);
    expect(bodies).toHaveLength(8);
    expect(retries).toHaveLength(7);
  });

  it('sends nothing in the background after a call failed, until the next call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let calls = 0;
      const ctx = {
        postJson: () => {
          calls++;
          return Promise.reject(new Error('the server is down'));
        },
      } as unknown as FacadeContext;
      const load = () => Promise.resolve({ historyLineCount: 0, lastStep: -1, summary: {} });
      const w = new RunWriterImpl(ctx, { entity: 'e', project: 'p', runId: 'r' }, load, {
        flushIntervalMs: 1_000,
      });
      await w.log({ i: 0 });
      await w.log({ i: 1 }); // row 0 is final: the flush timer is armed
      await expect(w.flush()).rejects.toThrow('the server is down');
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(calls).toBe(1); // no post behind the caller's back at the old offsets
      expect(vi.getTimerCount()).toBe(0);
      expect(w.progress.rowsPending).toBe(2); // still buffered for the next call
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not retry a 400 (a gap in the offsets) and says what the server said', async () => {
    stored.history = [];
    const w = makeWriter({}, { historyLineCount: 5 });
    await w.log({ i: 0 });
    const err = await failure(w.flush());
    expect(err.name).toBe('WandbError');
    expect(err.message).toContain('gap: offset 5 > 0');
    expect(bodies).toHaveLength(1);
  });

  it('reports progress after each acknowledged request', async () => {
    const seen: RunWriterProgress[] = [];
    const w = makeWriter({ rowsPerRequest: 2, onProgress: (p) => seen.push(p) });
    for (let i = 0; i < 4; i++) await w.log({ i });
    await w.finish();
    expect(seen.map((p) => [p.rowsSent, p.requests, p.finished])).toEqual([
      [2, 1, false],
      [4, 2, false],
      [4, 2, true],
    ]);
    expect(seen.at(-1)!.rowsPending).toBe(0);
    expect(seen.at(-1)!.bytesSent).toBeGreaterThan(0);
  });

  it('stops on abort: acknowledged rows stay, later calls reject with the reason', async () => {
    const controller = new AbortController();
    const w = makeWriter({ rowsPerRequest: 1, signal: controller.signal });
    await w.log({ i: 0 });
    await w.log({ i: 1 }); // sends row 0
    controller.abort(new Error('stop'));
    await expect(w.log({ i: 2 })).rejects.toThrow('stop');
    await expect(w.finish()).rejects.toThrow('stop');
    expect(rows().map((r) => r.i)).toEqual([0]);
    expect(stored.complete).toBeUndefined();
  });

  it('rejects every call after finish', async () => {
    const w = makeWriter();
    await w.finish({ exitCode: 2 });
    expect(stored.complete).toEqual({ exitcode: 2 });
    const sent = bodies.length;
    for (const call of [
      () => w.log({ a: 1 }),
      () => w.summary({ a: 1 }),
      () => w.flush(),
      () => w.finish(),
    ]) {
      const err = await validationRejection(call());
      expect(err.message).toContain('finished');
    }
    expect(bodies).toHaveLength(sent);
  });

  it('refuses bad rows, summaries and options before any request', async () => {
    const w = makeWriter();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const bad: unknown[] = [
      null,
      [1, 2],
      new Map([['a', 1]]),
      { f: () => 1 },
      { n: 10n },
      circular,
      { [Symbol('k')]: 1 },
      { d: new (class Point {})() },
      { _step: -1 },
      { _step: 1.5 },
      { _step: '3' },
      { _timestamp: 'now' },
      { _runtime: NaN },
    ];
    for (const row of bad) await validationRejection(w.log(row as Record<string, unknown>), String(row));
    await validationRejection(w.summary([] as unknown as Record<string, unknown>));
    await validationRejection(w.summary({ f: () => 1 }));
    await validationRejection(w.finish({ exitCode: 1.5 }));
    expect(() => makeWriter({ rowsPerRequest: 0 })).toThrow(ValidationError);
    expect(() => makeWriter({ maxRequestBytes: -1 })).toThrow(ValidationError);
    expect(() => makeWriter({ onProgress: 'x' as unknown as () => void })).toThrow(ValidationError);
    expect(bodies).toHaveLength(0);
  });

  it('keeps the order of calls that are not awaited', async () => {
    const w = makeWriter({ rowsPerRequest: 3 });
    const calls = Array.from({ length: 10 }, (_, i) => w.log({ i }));
    calls.push(w.finish());
    await Promise.all(calls);
    expect(rows().map((r) => [r._step, r.i])).toEqual(Array.from({ length: 10 }, (_, i) => [i, i]));
  });

  it('refuses a row longer than the backend line limit, whatever maxRequestBytes says', async () => {
    const w = makeWriter({ maxRequestBytes: 2 * MAX_HISTORY_LINE_BYTES });
    const err = await validationRejection(w.log({ text: 'x'.repeat(MAX_HISTORY_LINE_BYTES) }));
    expect(err.message).toContain('longest history line');
    await w.flush();
    expect(stored.history).toHaveLength(0);
  });

  it('gives each request its own timeout, 180 s unless set', async () => {
    const seen: Array<number | undefined> = [];
    const ctx = {
      postJson: (_p: string, _b: string, o?: { timeoutMs?: number }) => {
        seen.push(o?.timeoutMs);
        return Promise.resolve(undefined);
      },
    } as unknown as FacadeContext;
    const load = () => Promise.resolve({ historyLineCount: 0, lastStep: -1, summary: {} });
    const where = { entity: 'e', project: 'p', runId: 'r' };
    await new RunWriterImpl(ctx, where, load).finish();
    await new RunWriterImpl(ctx, where, load, { timeoutMs: 5_000 }).finish();
    expect(seen).toEqual([DEFAULT_FILE_STREAM_TIMEOUT_MS, 5_000]);
  });

  it('sends finished rows on its own after flushIntervalMs, keeping the open row, and not after finish', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const posted: Body[] = [];
      const ctx = {
        postJson: (_p: string, body: string) => {
          posted.push(JSON.parse(body) as Body);
          return Promise.resolve(undefined);
        },
      } as unknown as FacadeContext;
      const load = () => Promise.resolve({ historyLineCount: 0, lastStep: -1, summary: {} });
      const w = new RunWriterImpl(ctx, { entity: 'e', project: 'p', runId: 'r' }, load, {
        flushIntervalMs: 1_000,
      });
      await w.log({ i: 0 });
      await w.log({ i: 1 });
      await vi.advanceTimersByTimeAsync(999);
      expect(posted).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(posted).toHaveLength(1);
      expect(posted[0]!.files?.['wandb-history.jsonl']?.content.map((l) => JSON.parse(l).i)).toEqual([0]);
      expect(posted[0]!.complete).toBeUndefined();
      // the open row can still take a row of its step
      await w.log({ j: 1, _step: 1 });
      await w.finish();
      expect(posted.at(-1)!.files?.['wandb-history.jsonl']).toMatchObject({ offset: 1 });
      expect(JSON.parse(posted.at(-1)!.files!['wandb-history.jsonl']!.content[0]!)).toMatchObject({
        i: 1,
        j: 1,
      });
      const count = posted.length;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(posted).toHaveLength(count);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
