// api.syncTensorboard end to end against the emulator over HTTP: event files written by the
// test's own encoder (TF1 scalars, TF2 tensors, histograms, an image, text, two subfolders, a
// corrupt record, a truncated file) become a finished run whose history, summary and files read
// back through the public API, with nothing duplicated after an injected 500 or dropped connection.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api } from '../../src/node.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';
import {
  doubleTensor,
  event,
  fileVersion,
  floatTensor,
  histoValue,
  imageValue,
  pngHeader,
  simpleValue,
  stringTensor,
  tensorValue,
  tfevents,
} from '../support/tfevents.js';

const T0 = 1_700_000_000;

function logs(): string {
  const root = mkdtempSync(join(tmpdir(), 'tb-e2e-'));
  mkdirSync(join(root, 'train'));
  mkdirSync(join(root, 'validation'));
  writeFileSync(
    join(root, 'train', 'events.out.tfevents.1.host'),
    tfevents([
      fileVersion(T0),
      event(0, T0 + 1, [tensorValue('epoch_loss', floatTensor(0.5), 'scalars')]),
      event(0, T0 + 1.5, [tensorValue('epoch_acc', floatTensor(0.75), 'scalars')]),
      event(1, T0 + 2, [
        tensorValue('epoch_loss', floatTensor(NaN)),
        tensorValue('w', doubleTensor([0, 1, 2, 1, 2, 3], [2, 3]), 'histograms'),
      ]),
      event(2, T0 + 3, [
        imageValue('sample', 3, 2, pngHeader(3, 2)),
        tensorValue('note', stringTensor(['ok']), 'text'),
      ]),
    ]),
  );
  const bad = tfevents([
    event(0, T0, [
      simpleValue('loss', 0.25),
      histoValue('h', { min: -1, max: 1, limits: [0, 1], counts: [1, 2] }),
    ]),
    event(1, T0 + 1, [simpleValue('loss', 0.125)]),
  ]);
  bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1; // the second record's data checksum
  writeFileSync(join(root, 'validation', 'events.out.tfevents.2.host'), bad);
  const cut = tfevents([event(5, T0 + 5, [tensorValue('pr', doubleTensor([1], [1]), 'pr_curves')])]);
  writeFileSync(join(root, 'events.out.tfevents.3.host'), cut.subarray(0, cut.length - 1));
  return root;
}

describe('api.syncTensorboard', () => {
  let emu: Emulator;
  let api: Api;
  useEmulator(
    (ctx) => {
      emu = ctx.emu;
      api = new Api({
        baseUrl: emu.url,
        apiKey: emu.apiKey,
        retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 20 },
      });
    },
    { freshEach: true },
  );

  async function syncAndRead(root: string) {
    const result = await api.syncTensorboard(root, { project: 'tb', runId: 'tb1' });
    const run = await api.run(`alice/tb/tb1`);
    return { result, run, history: await run.history({ samples: 100 }) };
  }

  it('writes every value at its step, uploads images and event files, finishes the run', async () => {
    const { result, run } = await syncAndRead(logs());
    expect(result.rows).toBe(4);
    expect(result.skipped).toEqual({});
    expect(result.corrupt.map((c) => [c.file, c.reason])).toEqual([
      ['events.out.tfevents.3.host', expect.stringMatching(/^truncated record/)],
      ['validation/events.out.tfevents.2.host', 'data checksum mismatch'],
    ]);
    expect(run.state).toBe('finished');
    const rows = [];
    for await (const row of run.scanHistory()) rows.push(row);
    const image = rows[2]?.['train/sample'] as { filenames: string[] };
    expect(rows.map(({ _runtime: _r, ...row }) => row)).toEqual([
      { _step: 0, 'train/epoch_loss': 0.5, 'train/epoch_acc': 0.75, global_step: 0, _timestamp: T0 + 1.5 },
      {
        _step: 1,
        'train/epoch_loss': NaN,
        'train/w': { _type: 'histogram', bins: [0, 1, 2], values: [2, 3] },
        global_step: 1,
        _timestamp: T0 + 2,
      },
      {
        _step: 2,
        'train/sample': {
          _type: 'images/separated',
          filenames: image.filenames,
          format: 'png',
          width: 3,
          height: 2,
          count: 1,
        },
        'train/note': 'ok',
        global_step: 2,
        _timestamp: T0 + 3,
      },
      {
        _step: 3,
        'validation/loss': 0.25,
        'validation/h': { _type: 'histogram', bins: [-1, 0, 1], values: [1, 2] },
        global_step: 0,
        _timestamp: T0,
      },
    ]);
    expect(run.summary).toMatchObject({ 'train/epoch_loss': NaN, 'validation/loss': 0.25, global_step: 0 });
    const names = [];
    for await (const f of run.files()) names.push(f.name);
    expect(names.sort()).toEqual(
      [
        image.filenames[0],
        'events.out.tfevents.3.host',
        'train/events.out.tfevents.1.host',
        'validation/events.out.tfevents.2.host',
        ...names.filter((n) => n.startsWith('wandb-')),
      ].sort(),
    );
    expect(result.files.sort()).toEqual(names.filter((n) => !n.startsWith('wandb-')).sort());
  });

  it('duplicates nothing after an injected file_stream 500 or a dropped connection', async () => {
    const status = emu.faults.add({ target: 'file_stream', status: 500 });
    const dropped = emu.faults.add({ target: 'file_stream', dropConnection: true, afterApply: true });
    const { result, run } = await syncAndRead(logs());
    const rows = [];
    for await (const row of run.scanHistory()) rows.push(row);
    expect(rows.map((r) => r._step)).toEqual([0, 1, 2, 3]);
    expect(rows.map((r) => r.global_step)).toEqual([0, 1, 2, 0]);
    expect(result.rows).toBe(4);
    expect([status.matched, dropped.matched]).toEqual([1, 1]);
    expect(run.state).toBe('finished');
  });

  it('resumes a run: a second sync continues after its rows', async () => {
    const root = logs();
    await api.syncTensorboard(root, { project: 'tb', runId: 'tb1' });
    await api.syncTensorboard(root, { project: 'tb', runId: 'tb1' });
    const run = await api.run('alice/tb/tb1');
    const steps = [];
    for await (const row of run.scanHistory()) steps.push(row._step);
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('checks rootDir before any request', async () => {
    await expect(api.syncTensorboard(join(tmpdir(), 'no-such-tb-e2e'), { project: 'tb' })).rejects.toThrow(
      /rootDir/,
    );
    expect(graphqlCalls(emu)).toBe(0);
    expect(emu.requests).toEqual([]);
  });
});

describe('examples/sync-tensorboard.ts', () => {
  it('syncs its sample folder into a finished run and prints every row at its step', async () => {
    const env = { ...process.env };
    delete env.WANDB_BASE_URL;
    delete env.WANDB_API_KEY;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/sync-tensorboard.ts'],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), env, timeout: 60_000 },
    );
    expect(stdout).toMatch(/into demo-user\/tensorboard-example\/\w+ \(finished\): 5 rows/);
    expect(stdout).toContain(
      'Files: train/events.out.tfevents.1.example, validation/events.out.tfevents.1.example',
    );
    expect(stdout).toContain('_step 2 (global_step 2): train/loss=0.33333334');
    expect(stdout).toContain(
      '_step 4 (global_step 2): validation/epoch_acc=0.75 validation/weights={"_type":"histogram","bins":[0,1,2],"values":[3,5]}',
    );
  });
});
