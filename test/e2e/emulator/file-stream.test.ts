// The run file_stream endpoint over raw HTTP (wandb-ops.md §8.1): history, events, summary and
// console lines by offset, complete → state, auth, faults, the request log, and the rows read back
// through GraphQL and the client's run.history() / run.scanHistory().
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { Api } from '../../../src/index.js';
import { basic, data, KEY } from '../../support/emulator-http.js';

const BOB_KEY = 'bob-key-0123456789abcdef0123456789abcdef01';

interface StreamAnswer {
  status: number;
  json: Record<string, unknown> | undefined;
}

async function stream(
  emu: Emulator,
  run: string,
  body: unknown,
  options: {
    auth?: string | null;
    path?: string;
    headers?: Record<string, string>;
    raw?: string | Uint8Array<ArrayBuffer>;
  } = {},
): Promise<StreamAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const auth = options.auth === undefined ? basic(emu.apiKey) : options.auth;
  if (auth !== null) headers.authorization = auth;
  const res = await fetch(`${emu.url}${options.path ?? `/files/alice/p/${run}/file_stream`}`, {
    method: 'POST',
    headers,
    body: options.raw === undefined ? JSON.stringify(body) : new Blob([options.raw]),
  });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

const history = (offset: number, ...rows: string[]) => ({
  files: { 'wandb-history.jsonl': { offset, content: rows } },
});

interface RunView {
  historyLineCount: number;
  historyKeys: { keys: Record<string, unknown>; lastStep: number };
  history: string[];
  summaryMetrics: string;
  state: string;
  exitcode: number | null;
  heartbeatAt: string;
  updatedAt: string;
  events: string[];
  eventsLineCount: number;
  systemMetrics: string;
  logLineCount: number;
}

async function runView(emu: Emulator, run: string): Promise<RunView> {
  const d = await data<{ project: { run: RunView } }>(
    emu,
    `{ project(name: "p", entityName: "alice") { run(name: "${run}") {
      historyLineCount historyKeys history(samples: 1000) summaryMetrics state exitcode heartbeatAt updatedAt
      events(samples: 1000) eventsLineCount systemMetrics logLineCount } } }`,
  );
  return d.project.run;
}

describe('file_stream: history, events, summary, console', () => {
  let emu: Emulator;
  let n = 0;
  let run: string;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, seed: 'empty', viewer: { username: 'alice' } });
  });
  beforeEach(() => {
    run = `r${++n}`;
    emu.seed.run({ project: 'p', id: run, state: 'running' });
    emu.faults.clear();
    emu.clearRequests();
  });
  afterAll(() => emu.close());

  it('appends history lines by offset and answers as the W&B server does', async () => {
    const first = await stream(emu, run, history(0, '{"_step":0,"loss":1}', '{"_step":1,"loss":0.5}'));
    expect(first).toEqual({ status: 200, json: { exitcode: null, limits: {} } });
    await stream(emu, run, history(2, '{"_step":2,"loss":0.25,"acc":0.9}'));
    const view = await runView(emu, run);
    expect(view.historyLineCount).toBe(3);
    expect(view.history).toEqual([
      '{"_step":0,"loss":1}',
      '{"_step":1,"loss":0.5}',
      '{"_step":2,"loss":0.25,"acc":0.9}',
    ]);
    const keys = view.historyKeys;
    expect(keys.lastStep).toBe(2);
    expect(Object.keys(keys.keys).sort()).toEqual(['_step', 'acc', 'loss']);
  });

  it('keeps NaN, Infinity and -Infinity written as bare JSON tokens', async () => {
    await stream(emu, run, history(0, '{"_step":0,"a":NaN,"b":Infinity,"c":-Infinity}'));
    const view = await runView(emu, run);
    expect(view.history).toEqual(['{"_step":0,"a":NaN,"b":Infinity,"c":-Infinity}']);
    const record = [...emu.store.runs.values()].find((r) => r.name === run);
    expect(record?.history[0]?.a).toBeNaN();
    expect(record?.history[0]?.c).toBe(-Infinity);
  });

  it('replaces the lines at a repeated offset, so a retried request never duplicates rows', async () => {
    const body = history(0, '{"_step":0,"loss":1}', '{"_step":1,"loss":0.5}');
    await stream(emu, run, body);
    await stream(emu, run, body); // the same request again, as after a lost answer
    expect((await runView(emu, run)).historyLineCount).toBe(2);
    // An overlapping chunk replaces what it covers and appends the rest.
    await stream(emu, run, history(1, '{"_step":1,"loss":0.4}', '{"_step":2,"loss":0.3}'));
    const view = await runView(emu, run);
    expect(view.history).toEqual([
      '{"_step":0,"loss":1}',
      '{"_step":1,"loss":0.4}',
      '{"_step":2,"loss":0.3}',
    ]);
  });

  it('refuses a gap past the end of a file with 400, and then writes nothing of the request', async () => {
    await stream(emu, run, history(0, '{"_step":0}'));
    const gap = await stream(emu, run, {
      files: {
        'wandb-summary.json': { offset: 0, content: ['{"loss":9}'] },
        'wandb-history.jsonl': { offset: 3, content: ['{"_step":3}'] },
      },
    });
    expect(gap.status).toBe(400);
    expect(gap.json?.error).toBe(
      'wandb-history.jsonl: offset 3 is past the end of the file (1 lines): lines 1 to 2 were never sent',
    );
    const view = await runView(emu, run);
    expect(view.historyLineCount).toBe(1);
    expect(view.summaryMetrics).toBe('{}');
    // A chunk without lines writes nothing, so it leaves no gap.
    expect((await stream(emu, run, history(7))).status).toBe(200);
    expect((await runView(emu, run)).historyLineCount).toBe(1);
  });

  it('refuses lines that are not JSON objects, naming the file and the line', async () => {
    const answer = await stream(emu, run, history(0, '{"_step":0}', '[1, 2]'));
    expect(answer.status).toBe(400);
    expect(answer.json?.error).toBe('wandb-history.jsonl line 1 must be a JSON object');
    const broken = await stream(emu, run, history(0, '{"_step":'));
    expect(broken.json?.error).toMatch(/^wandb-history.jsonl line 0 is not JSON: Invalid JSON at position/);
    expect((await runView(emu, run)).historyLineCount).toBe(0);
  });

  it('replaces the summary with the last line of wandb-summary.json', async () => {
    emu.store.runs.forEach((r) => {
      if (r.name === run) r.summary = { old: 1 };
    });
    await stream(emu, run, {
      files: { 'wandb-summary.json': { offset: 0, content: ['{"loss":0.1,"best":NaN}'] } },
    });
    expect((await runView(emu, run)).summaryMetrics).toBe('{"loss":0.1,"best":NaN}');
    await stream(emu, run, { files: { 'wandb-summary.json': { offset: 0, content: ['{"loss":0.05}'] } } });
    expect((await runView(emu, run)).summaryMetrics).toBe('{"loss":0.05}');
  });

  it('appends system metrics to the events stream and answers the latest as systemMetrics', async () => {
    const events = (offset: number, ...rows: string[]) => ({
      files: { 'wandb-events.jsonl': { offset, content: rows } },
    });
    await stream(emu, run, events(0, '{"system.cpu":10,"_runtime":1,"_wandb":true}'));
    await stream(emu, run, events(1, '{"system.cpu":12,"_runtime":2,"_wandb":true}'));
    await stream(emu, run, events(1, '{"system.cpu":12,"_runtime":2,"_wandb":true}'));
    const view = await runView(emu, run);
    expect(view.eventsLineCount).toBe(2);
    expect(view.events).toHaveLength(2);
    expect(JSON.parse(view.systemMetrics)).toEqual({ 'system.cpu': 12 });
  });

  it('stores console lines (single chunk and the list-of-blocks form) as the run file output.log', async () => {
    await stream(emu, run, { files: { 'output.log': { offset: 0, content: ['epoch 1', 'progress 10%'] } } });
    // A carriage-return rewrite of line 1 and a new line 2, as two blocks.
    await stream(emu, run, {
      files: {
        'output.log': [
          { offset: 1, content: ['progress 100%\n'] },
          { offset: 2, content: ['done'] },
        ],
      },
    });
    const view = await runView(emu, run);
    expect(view.logLineCount).toBe(3);
    const record = [...emu.store.runs.values()].find((r) => r.name === run);
    const file = record?.files.get('output.log');
    expect(new TextDecoder().decode(file?.content)).toBe('epoch 1\nprogress 100%\ndone\n');
  });

  it('ends the run on complete: finished for exit code 0, failed otherwise', async () => {
    await stream(emu, run, { complete: true, exitcode: 0, dropped: 0, uploaded: [] });
    let view = await runView(emu, run);
    expect([view.state, view.exitcode]).toEqual(['finished', 0]);
    const other = `${run}-failed`;
    emu.seed.run({ project: 'p', id: other, state: 'running' });
    await stream(emu, other, { files: {}, complete: true, exitcode: 3 });
    view = await runView(emu, other);
    expect([view.state, view.exitcode]).toEqual(['failed', 3]);
  });

  it('marks a preempting run and keeps the state of a heartbeat', async () => {
    await stream(emu, run, { complete: false, failed: false, dropped: 0, uploaded: [] });
    expect((await runView(emu, run)).state).toBe('running');
    await stream(emu, run, { complete: false, preempting: true, dropped: 0, uploaded: [] });
    expect((await runView(emu, run)).state).toBe('preempting');
  });

  it('refuses "failed": true, whose meaning it does not implement, and changes nothing', async () => {
    const answer = await stream(emu, run, { complete: false, failed: true, dropped: 0 });
    expect(answer.status).toBe(400);
    expect(String(answer.json?.error)).toContain('does not implement "failed": true');
    expect((await runView(emu, run)).state).toBe('running');
  });

  it('registers held-back uploads named in "uploaded"', async () => {
    const record = [...emu.store.runs.values()].find((r) => r.name === run);
    record?.pendingFiles.set('model.bin', new Uint8Array([1, 2, 3]));
    await stream(emu, run, { complete: false, failed: false, dropped: 0, uploaded: ['model.bin'] });
    expect(record?.files.get('model.bin')?.content).toEqual(new Uint8Array([1, 2, 3]));
    expect(record?.pendingFiles.has('model.bin')).toBe(false);
  });

  it('accepts gzip bodies (feature FILESTREAM_GZIP of the Go client)', async () => {
    const raw = gzipSync(JSON.stringify(history(0, '{"_step":0,"loss":1}')));
    const answer = await stream(emu, run, undefined, { raw, headers: { 'content-encoding': 'gzip' } });
    expect(answer.status).toBe(200);
    expect((await runView(emu, run)).historyLineCount).toBe(1);
  });

  it('refuses malformed bodies, unknown fields and other methods', async () => {
    expect((await stream(emu, run, undefined, { raw: '{nope' })).status).toBe(400);
    const unknown = await stream(emu, run, { files: {}, colour: 'red' });
    expect(unknown).toEqual({
      status: 400,
      json: { error: 'The emulator does not implement the file_stream field "colour"' },
    });
    const offset = await stream(emu, run, { files: { 'wandb-history.jsonl': { offset: -1, content: [] } } });
    expect(offset.json?.error).toMatch(/offset must be an integer >= 0/);
    const get = await fetch(`${emu.url}/files/alice/p/${run}/file_stream`, {
      headers: { authorization: basic(KEY) },
    });
    expect(get.status).toBe(405);
  });

  it("accepts the Python legacy sender's and the Go client's request shapes as they send them", async () => {
    // wandb/sdk/internal/file_stream.py: json.dumps lines (spaces, NaN), CRDedupe console blocks.
    const python = [
      {
        files: {
          'wandb-history.jsonl': { offset: 0, content: ['{"_step": 0, "loss": NaN, "_runtime": 1.5}'] },
          'output.log': [
            {
              offset: 0,
              content: ['2024-06-01T00:00:00.000000 epoch 1\n', 'ERROR 2024-06-01T00:00:01.000000 oops\n'],
            },
          ],
        },
        dropped: 0,
      },
      { complete: false, failed: false, dropped: 0, uploaded: [] },
    ];
    for (const body of python) expect((await stream(emu, run, body)).status).toBe(200);
    // core/internal/filestream: omitempty fields, summary at its line offset, the exit in the last request.
    const go = {
      files: {
        'wandb-history.jsonl': { offset: 1, content: ['{"_step":1,"loss":Infinity}'] },
        'wandb-summary.json': { offset: 0, content: ['{"loss":Infinity,"_runtime":2}'] },
      },
      uploaded: ['events.out.tfevents.1'],
      complete: true,
      exitcode: 0,
    };
    expect((await stream(emu, run, go)).status).toBe(200);
    const view = await runView(emu, run);
    expect(view.history).toEqual(['{"_step":0,"loss":NaN,"_runtime":1.5}', '{"_step":1,"loss":Infinity}']);
    expect(view.summaryMetrics).toBe('{"loss":Infinity,"_runtime":2}');
    expect([view.state, view.logLineCount]).toEqual(['finished', 2]);
  });

  it('records each request with kind file_stream, its body and no credential', async () => {
    await stream(emu, run, history(0, '{"_step":0}'));
    const recorded = emu.requests.at(-1);
    expect(recorded?.kind).toBe('file_stream');
    expect(recorded?.method).toBe('POST');
    expect(recorded?.path).toBe(`/files/alice/p/${run}/file_stream`);
    expect(recorded?.status).toBe(200);
    expect(recorded?.body).toEqual(history(0, '{"_step":0}'));
    expect(recorded?.headers.authorization).toBe('[REDACTED]');
    // A key pasted into the body is redacted too.
    await stream(emu, run, history(1, `{"_step":1,"note":"${KEY}"}`));
    expect(JSON.stringify(emu.requests.at(-1)?.body)).not.toContain(KEY);
  });
});

describe('file_stream: auth and permissions', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, seed: 'empty', viewer: { username: 'alice' } });
    emu.seed.user({ username: 'bob', apiKey: BOB_KEY });
    emu.seed.run({ project: 'p', id: 'mine' });
    emu.seed.run({ entity: 'bob', project: 'p', id: 'bobs' });
  });
  afterAll(() => emu.close());

  it('answers 401 without a valid key and writes nothing', async () => {
    const none = await stream(emu, 'mine', history(0, '{"_step":0}'), { auth: null });
    expect(none.status).toBe(401);
    expect(none.json?.error).toMatch(/^Unauthorized/);
    expect((await stream(emu, 'mine', history(0, '{"_step":0}'), { auth: basic('wrong') })).status).toBe(401);
    expect((await runView(emu, 'mine')).historyLineCount).toBe(0);
  });

  it("refuses another user's run with 403 and answers 404 for a run that does not exist", async () => {
    const refused = await stream(emu, 'mine', history(0, '{"_step":0}'), { auth: basic(BOB_KEY) });
    expect(refused).toEqual({
      status: 403,
      json: { error: 'permission denied: user bob cannot write to entity alice' },
    });
    expect((await runView(emu, 'mine')).historyLineCount).toBe(0);
    const own = await stream(emu, 'bobs', history(0, '{"_step":0}'), {
      auth: basic(BOB_KEY),
      path: '/files/bob/p/bobs/file_stream',
    });
    expect(own.status).toBe(200);
    const missing = await stream(emu, 'nope', history(0, '{"_step":0}'));
    expect(missing).toEqual({ status: 404, json: { error: 'run alice/p/nope not found' } });
  });
});

describe('file_stream: faults', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, seed: 'empty', viewer: { username: 'alice' } });
  });
  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });
  afterAll(() => emu.close());

  it('answers an injected status before anything is written; the retry then writes once', async () => {
    emu.seed.run({ project: 'p', id: 'f1' });
    const fault = emu.faults.add({ target: 'file_stream', status: 500 });
    const body = history(0, '{"_step":0,"loss":1}');
    expect((await stream(emu, 'f1', body)).status).toBe(500);
    expect((await runView(emu, 'f1')).historyLineCount).toBe(0);
    expect((await stream(emu, 'f1', body)).status).toBe(200);
    expect((await runView(emu, 'f1')).historyLineCount).toBe(1);
    expect(fault.matched).toBe(1);
  });

  it('leaves GraphQL requests alone and GraphQL faults leave file_stream alone', async () => {
    emu.seed.run({ project: 'p', id: 'f2' });
    emu.faults.add({ target: 'file_stream', status: 503, times: Infinity });
    emu.faults.add({ status: 502, times: Infinity });
    expect((await stream(emu, 'f2', history(0, '{"_step":0}'))).status).toBe(503);
    emu.faults.clear();
    emu.faults.add({ status: 502 });
    expect((await stream(emu, 'f2', history(0, '{"_step":0}'))).status).toBe(200);
    expect(emu.faults.list()).toHaveLength(1);
  });

  it('drops the connection before the write, or (afterApply) after it: the retry does not duplicate', async () => {
    emu.seed.run({ project: 'p', id: 'f3' });
    const body = history(0, '{"_step":0}', '{"_step":1}');
    emu.faults.add({ target: 'file_stream', dropConnection: true });
    await expect(stream(emu, 'f3', body)).rejects.toThrow();
    expect((await runView(emu, 'f3')).historyLineCount).toBe(0);

    emu.faults.add({ target: 'file_stream', dropConnection: true, afterApply: true });
    await expect(stream(emu, 'f3', body)).rejects.toThrow();
    expect((await runView(emu, 'f3')).historyLineCount).toBe(2); // written, though the answer was lost
    expect((await stream(emu, 'f3', body)).status).toBe(200); // the client retries the same offsets
    expect((await runView(emu, 'f3')).historyLineCount).toBe(2);
    expect(emu.requests.filter((r) => r.kind === 'file_stream').map((r) => r.status)).toEqual([0, 0, 200]);
  });

  it('answers an error after the write with afterApply and a status', async () => {
    emu.seed.run({ project: 'p', id: 'f4', state: 'running' });
    emu.faults.add({ target: 'file_stream', status: 502, afterApply: true });
    expect((await stream(emu, 'f4', { complete: true, exitcode: 0 })).status).toBe(502);
    expect((await runView(emu, 'f4')).state).toBe('finished');
  });

  it('refuses GraphQL-only and storage-only matchers on a file_stream fault', () => {
    expect(() => emu.faults.add({ target: 'file_stream', operationName: 'X', status: 500 })).toThrow(
      'faults.add: file_stream requests have no operation or variables; omit operationName and match',
    );
    expect(() => emu.faults.add({ target: 'file_stream', method: 'PUT', status: 500 })).toThrow(/method/);
  });
});

describe('file_stream: the emulator clock, and rows read back through the client', () => {
  it('stamps heartbeatAt and updatedAt with the emulator clock', async () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    const emu = await startEmulator({ apiKey: KEY, seed: 'empty', viewer: { username: 'alice' }, clock });
    try {
      emu.seed.run({ project: 'p', id: 'c1', state: 'running' });
      clock.advance(90_000);
      await stream(emu, 'c1', {});
      const view = await runView(emu, 'c1');
      expect([view.heartbeatAt, view.updatedAt]).toEqual(['2024-06-01T00:01:30Z', '2024-06-01T00:01:30Z']);
    } finally {
      await emu.close();
    }
  });

  it('holds a request for a fault delay on the clock: written only once the delay is over (or after, with afterApply)', async () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    const emu = await startEmulator({ apiKey: KEY, seed: 'empty', viewer: { username: 'alice' }, clock });
    const lines = () => [...emu.store.runs.values()].find((r) => r.name === 'd1')?.history.length;
    const pending = async () =>
      vi.waitFor(() => expect(clock.pendingTimers).toBe(1), { timeout: 5_000, interval: 5 });
    try {
      emu.seed.run({ project: 'p', id: 'd1', state: 'running' });
      emu.faults.add({ target: 'file_stream', delayMs: 1_000 });
      const before = stream(emu, 'd1', history(0, '{"_step":0}'));
      await pending();
      expect(lines()).toBe(0); // still waiting before the write
      clock.advance(1_000);
      expect((await before).status).toBe(200);
      expect(lines()).toBe(1);

      emu.faults.add({ target: 'file_stream', delayMs: 1_000, afterApply: true });
      const after = stream(emu, 'd1', history(1, '{"_step":1}'));
      await pending();
      expect(lines()).toBe(2); // written, the answer waits
      clock.advance(1_000);
      expect((await after).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('serves streamed rows to run.history(), run.scanHistory() and run.summary', async () => {
    const emu = await startEmulator({ apiKey: KEY, seed: 'empty', viewer: { username: 'alice' } });
    try {
      emu.seed.run({ project: 'p', id: 'h1', state: 'running' });
      const rows = Array.from({ length: 25 }, (_, i) => JSON.stringify({ _step: i, loss: 1 / (i + 1) }));
      for (let offset = 0; offset < rows.length; offset += 10) {
        await stream(emu, 'h1', history(offset, ...rows.slice(offset, offset + 10)));
      }
      await stream(emu, 'h1', {
        files: { 'wandb-summary.json': { offset: 0, content: ['{"loss":0.04}'] } },
        complete: true,
        exitcode: 0,
      });
      const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
      const run = await api.run('alice/p/h1');
      expect(run.state).toBe('finished');
      expect(run.summary).toEqual({ loss: 0.04 });
      const scanned: unknown[] = [];
      for await (const row of run.scanHistory({ pageSize: 7 })) scanned.push(row._step);
      expect(scanned).toEqual(Array.from({ length: 25 }, (_, i) => i));
      const sampled = await run.history({ samples: 5, keys: ['loss'] });
      expect(sampled).toHaveLength(5);
    } finally {
      await emu.close();
    }
  });
});
