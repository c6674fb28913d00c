// RunWriter end to end: rows written through the emulator's file_stream and read back through
// the public API (history, scanHistory, summary, state), resume, and faults that must leave every
// row exactly once.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api, type RetryEvent, type Run, RunWriter, ValidationError } from '../../src/index.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
  },
  { resetEach: true },
);

let counter = 0;
async function newRun(): Promise<Run> {
  counter++;
  return api.createRun({ project: 'writer', runId: `w-${counter}` });
}

async function reread(run: Run): Promise<Run> {
  api.flush();
  return api.run(run.path.join('/'));
}

async function scanned(run: Run): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  for await (const row of run.scanHistory({ pageSize: 7 })) rows.push(row);
  return rows;
}

function fileStreamRequests(): number {
  return emu.requests.filter((r) => r.kind === 'file_stream').length;
}

describe('run.writer()', () => {
  it('writes rows that history, scanHistory and the summary read back, and finishes the run', async () => {
    const run = await newRun();
    const writer = run.writer({ rowsPerRequest: 4 });
    for (let i = 0; i < 10; i++) await writer.log({ loss: 1 / (i + 1), epoch: i });
    await writer.log({ 'val/acc': 0.5, _step: 9 });
    await writer.log({ edge: NaN, big: Infinity, small: -Infinity });
    await writer.summary({ best: 'explicit', loss: 0.01 });
    await writer.finish();

    const back = await reread(run);
    expect(back.state).toBe('finished');
    expect(back.historyLineCount).toBe(11);
    const rows = await scanned(back);
    expect(rows.map((r) => r._step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows[3]!.loss).toBe(0.25);
    expect(rows[9]!['val/acc']).toBe(0.5);
    expect(rows[10]!.edge).toBeNaN();
    expect(rows[10]!.big).toBe(Infinity);
    expect(rows[10]!.small).toBe(-Infinity);
    expect(typeof rows[0]!._timestamp).toBe('number');
    expect(typeof rows[0]!._runtime).toBe('number');

    const sampled = await back.history({ keys: ['loss'] });
    expect(sampled.map((r) => r._step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(back.summary).toMatchObject({ best: 'explicit', loss: 0.01, epoch: 9, _step: 10 });
    expect(back.summary.small).toBe(-Infinity);
  });

  it('sends batches of rowsPerRequest rows at consecutive offsets, the completion with the last one', async () => {
    const run = await newRun();
    const writer = run.writer({ rowsPerRequest: 3 });
    emu.clearRequests();
    for (let i = 0; i < 7; i++) await writer.log({ i });
    await writer.finish();
    type Body = { files?: Record<string, { offset: number; content: string[] }>; complete?: boolean };
    const bodies = emu.requests.filter((r) => r.kind === 'file_stream').map((r) => r.body as Body);
    expect(
      bodies.map((b) => [
        b.files?.['wandb-history.jsonl']?.offset,
        b.files?.['wandb-history.jsonl']?.content.length,
      ]),
    ).toEqual([
      [0, 3],
      [3, 3],
      [6, 1],
    ]);
    expect(bodies.map((b) => b.complete === true)).toEqual([false, false, true]);
    expect(bodies.every((b) => b.files?.['wandb-summary.json']?.offset === 0)).toBe(true);
  });

  it('ends the run failed with a non-zero exit code', async () => {
    const run = await newRun();
    const writer = run.writer();
    expect(writer).toBeInstanceOf(RunWriter);
    expect(writer.constructor.name).toBe('RunWriter');
    await writer.log({ x: 1 });
    await writer.finish({ exitCode: 3 });
    expect((await reread(run)).state).toBe('failed');
  });

  it('resumes a run after its historyLineCount, keeping its rows and summary', async () => {
    const run = await newRun();
    const first = run.writer();
    for (let i = 0; i < 3; i++) await first.log({ i });
    await first.summary({ kept: true });
    await first.finish();

    const again = await reread(run);
    const second = again.writer();
    await second.log({ i: 3 });
    await second.log({ i: 4 });
    await second.finish();

    const back = await reread(run);
    expect(back.historyLineCount).toBe(5);
    const rows = await scanned(back);
    expect(rows.map((r) => [r._step, r.i])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(back.summary).toMatchObject({ kept: true, i: 4 });
  });

  it('leaves every row exactly once after an injected 500 and a dropped connection', async () => {
    const retries: RetryEvent[] = [];
    const flaky = new Api({
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 5, onRetry: (e) => retries.push(e) },
    });
    const run = await flaky.createRun({ project: 'writer', runId: 'flaky-1' });
    emu.faults.add({ target: 'file_stream', status: 500 });
    emu.faults.add({ target: 'file_stream', afterApply: true, dropConnection: true, skip: 1 });
    const writer = run.writer({ rowsPerRequest: 3 });
    for (let i = 0; i < 10; i++) await writer.log({ i });
    await writer.finish();

    expect(retries.filter((e) => e.target === 'http').map((e) => e.reason)).toEqual(['http', 'network']);
    const back = await reread(run);
    expect(back.state).toBe('finished');
    expect((await scanned(back)).map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(back.historyLineCount).toBe(10);
  });

  it('refuses bad rows before any request, and every call after finish', async () => {
    const run = await newRun();
    const writer = run.writer();
    emu.clearRequests();
    await expect(writer.log([1] as unknown as Record<string, unknown>)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(writer.log({ f: () => 1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(writer.log({ _step: -2 })).rejects.toBeInstanceOf(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
    expect(fileStreamRequests()).toBe(0);

    await writer.log({ ok: 1 });
    await writer.finish();
    const sent = fileStreamRequests();
    await expect(writer.log({ late: 1 })).rejects.toBeInstanceOf(ValidationError);
    expect(fileStreamRequests()).toBe(sent);
  });

  it('stops on abort, leaving what was acknowledged and the run running', async () => {
    const run = await newRun();
    const controller = new AbortController();
    const writer = run.writer({ rowsPerRequest: 2, signal: controller.signal });
    for (let i = 0; i < 3; i++) await writer.log({ i }); // rows 0 and 1 sent
    controller.abort();
    await expect(writer.finish()).rejects.toThrow();
    const back = await reread(run);
    expect(back.state).toBe('running');
    expect((await scanned(back)).map((r) => r.i)).toEqual([0, 1]);
  });
});
