// syncTensorboard's glue with a recording run (no network): what it creates, the rows it logs in
// order, the files it uploads and in which order, the result, progress, abort, and bad input
// refused before anything is sent. (End to end against the emulator: test/e2e/tensorboard.test.ts
// once the file_stream endpoint is in.)
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsupportedError, ValidationError } from '../../../../src/errors/index.js';
import type { FacadeContext } from '../../../../src/facade/core/context.js';
import type { RunWriterOptions } from '../../../../src/facade/runs/writer.js';
import {
  NO_TENSORBOARD_FILES,
  syncTensorboard,
  type SyncTensorboardProgress,
} from '../../../../src/facade/tensorboard/sync.js';
import { nodeTensorboardFiles } from '../../../../src/io/tensorboard.node.js';
import {
  event,
  imageValue,
  pngHeader,
  simpleValue,
  tensorValue,
  doubleTensor,
  tfevents,
} from '../../../support/tfevents.js';

const T0 = 1_700_000_000;

interface Recorded {
  calls: string[];
  logged: Record<string, unknown>[];
  uploads: { name: string; data: Uint8Array }[];
}

function fakeContext(rec: Recorded): FacadeContext {
  const run = {
    entity: 'acme',
    project: 'vision',
    id: 'tb1',
    writer(options: RunWriterOptions = {}) {
      let sent = 0;
      const progress = () =>
        options.onProgress?.({ rowsSent: sent, rowsPending: 0, requests: 1, bytesSent: 1, finished: false });
      return {
        log: async (row: Record<string, unknown>) => {
          options.signal?.throwIfAborted();
          rec.logged.push(row);
        },
        flush: async () => {
          rec.calls.push('flush');
          sent = rec.logged.length;
          progress();
        },
        finish: async (o: { exitCode?: number } = {}) => {
          rec.calls.push(`finish ${o.exitCode}`);
          progress(); // the final request acknowledges no new rows
        },
      };
    },
    uploadFile: async (name: string, data: Uint8Array) => {
      rec.uploads.push({ name, data });
      return { name };
    },
  };
  return {
    createRunInState: async (options: Record<string, unknown>, state: string) => {
      rec.calls.push(`create ${JSON.stringify(options)} ${state}`);
      return run;
    },
    run: async (path: string) => {
      rec.calls.push(`reload ${path}`);
      return { ...run, state: 'finished' };
    },
  } as unknown as FacadeContext;
}

function logsFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'tb-sync-'));
  mkdirSync(join(root, 'train'));
  writeFileSync(
    join(root, 'train', 'events.out.tfevents.1'),
    tfevents([
      event(1, T0, [simpleValue('loss', 0.5), imageValue('img', 3, 2, pngHeader(3, 2))]),
      event(2, T0 + 1, [simpleValue('loss', 0.25), tensorValue('pr', doubleTensor([1], [1]), 'pr_curves')]),
    ]),
  );
  const cut = tfevents([event(1, T0, [simpleValue('acc', 0.5)]), event(2, T0, [simpleValue('acc', 0.75)])]);
  writeFileSync(join(root, 'events.out.tfevents.0'), cut.subarray(0, cut.length - 2));
  return root;
}

describe('syncTensorboard (glue)', () => {
  it('creates the run, logs every row in order, uploads images then event files, finishes with 0', async () => {
    const rec: Recorded = { calls: [], logged: [], uploads: [] };
    const root = logsFolder();
    const progress: SyncTensorboardProgress[] = [];
    const result = await syncTensorboard(fakeContext(rec), root, nodeTensorboardFiles, {
      runId: 'tb1',
      project: 'vision',
      onProgress: (p) => progress.push(p),
    });
    expect(rec.calls).toEqual([
      'create {"runId":"tb1","project":"vision"} running',
      'flush',
      'finish 0',
      'reload acme/vision/tb1',
    ]);
    const image = rec.logged[1]?.['train/img'] as { filenames: string[] };
    expect(rec.logged).toEqual([
      { acc: 0.5, global_step: 1, _timestamp: T0 },
      { 'train/loss': 0.5, 'train/img': image, global_step: 1, _timestamp: T0 },
      { 'train/loss': 0.25, global_step: 2, _timestamp: T0 + 1 },
    ]);
    expect(rec.uploads.map((u) => u.name)).toEqual([
      image.filenames[0],
      'events.out.tfevents.0',
      'train/events.out.tfevents.1',
    ]);
    expect(rec.uploads[0]?.data).toEqual(pngHeader(3, 2));
    expect(result).toMatchObject({
      rows: 3,
      files: rec.uploads.map((u) => u.name),
      skipped: { pr_curves: 1 },
      problems: [],
    });
    expect(result.corrupt).toHaveLength(1);
    expect(result.corrupt[0]).toMatchObject({ file: 'events.out.tfevents.0' });
    expect((result.run as unknown as { state: string }).state).toBe('finished');
    expect(progress.map((p) => [p.phase, p.rowsSent, p.rows, p.filesUploaded, p.files])).toEqual([
      ['history', 3, 3, 0, 3],
      ['files', 3, 3, 1, 3],
      ['files', 3, 3, 2, 3],
      ['files', 3, 3, 3, 3],
    ]);
  });

  it('refuses bad input before creating anything', async () => {
    const rec: Recorded = { calls: [], logged: [], uploads: [] };
    const ctx = fakeContext(rec);
    await expect(syncTensorboard(ctx, '', nodeTensorboardFiles)).rejects.toThrow(ValidationError);
    await expect(
      syncTensorboard(ctx, join(tmpdir(), 'missing-tb-xyz'), nodeTensorboardFiles),
    ).rejects.toThrow(/rootDir/);
    await expect(syncTensorboard(ctx, logsFolder(), nodeTensorboardFiles, { runId: 'a/b' })).rejects.toThrow(
      /runId/,
    );
    await expect(
      syncTensorboard(ctx, logsFolder(), nodeTensorboardFiles, {
        onProgress: 'no' as unknown as () => void,
      }),
    ).rejects.toThrow(/onProgress/);
    expect(rec.calls).toEqual([]);
  });

  it('stops when aborted: no run created when aborted before, nothing finished', async () => {
    const rec: Recorded = { calls: [], logged: [], uploads: [] };
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      syncTensorboard(fakeContext(rec), logsFolder(), nodeTensorboardFiles, { signal: controller.signal }),
    ).rejects.toThrow('stop');
    expect(rec.calls).toEqual([]);
  });

  it('says it needs Node in the core build', async () => {
    const rec: Recorded = { calls: [], logged: [], uploads: [] };
    await expect(syncTensorboard(fakeContext(rec), 'logs', NO_TENSORBOARD_FILES)).rejects.toThrow(
      UnsupportedError,
    );
    expect(rec.calls).toEqual([]);
  });
});
