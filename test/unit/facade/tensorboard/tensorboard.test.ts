// TensorBoard reading: tfevents files written by an independent encoder (test/support/tfevents.ts)
// decode to the exact history rows, images and reports the official client's mapping gives.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import {
  eventsToRows,
  fromFloat32,
  readEventFile,
  readTensorboardDir,
  rebin,
} from '../../../../src/facade/tensorboard/index.js';
import { imageInfo } from '../../../../src/facade/tensorboard/image-info.js';
import { loadCrc32c, maskCrc } from '../../../../src/facade/tensorboard/tfrecord.js';
import { nodeTensorboardFiles } from '../../../../src/io/tensorboard.node.js';
import {
  crc32c,
  doubleTensor,
  event,
  fileVersion,
  floatTensor,
  histoValue,
  imageValue,
  int64Tensor,
  pngHeader,
  simpleValue,
  stringTensor,
  tensorValue,
  tfevents,
} from '../../../support/tfevents.js';

const T0 = 1_700_000_000.25;

async function rowsOf(file: string, bytes: Uint8Array) {
  const read = await readEventFile(bytes, { file });
  return { read, ...eventsToRows([read]) };
}

describe('TFRecord framing', () => {
  it('checks CRC-32C against the standard check value and the encoder', async () => {
    const digits = new TextEncoder().encode('123456789');
    expect(crc32c(digits)).toBe(0xe3069283);
    expect((await loadCrc32c())(digits)).toBe(0xe3069283);
    expect(maskCrc(0)).toBe(0xa282ead8);
  });

  it('reads every event of a well-formed file', async () => {
    const bytes = tfevents([fileVersion(T0), event(1, T0 + 1, [simpleValue('loss', 0.5)])]);
    const { events, corrupt } = await readEventFile(bytes, { file: 'events.out.tfevents.1' });
    expect(corrupt).toEqual([]);
    expect(events.map((e) => [e.step, e.wallTime, e.what.case])).toEqual([
      [0n, T0, 'fileVersion'],
      [1n, T0 + 1, 'summary'],
    ]);
  });

  it('reports a record whose data checksum is wrong, keeps the records before it and skips the rest', async () => {
    const first = tfevents([event(1, T0, [simpleValue('loss', 1)])]);
    const second = tfevents([event(2, T0, [simpleValue('loss', 2)])]);
    second[14] = (second[14] as number) ^ 0xff; // a data byte: the value 2 becomes something else
    const bytes = new Uint8Array([...first, ...second, ...first]);
    const { read, rows } = await rowsOf('run/events.out.tfevents.1', bytes);
    expect(read.corrupt).toEqual([
      { file: 'run/events.out.tfevents.1', offset: first.length, reason: 'data checksum mismatch' },
    ]);
    expect(rows).toEqual([{ 'run/loss': 1, global_step: 1, _timestamp: T0 }]);
  });

  it('reports a bad length checksum', async () => {
    const bytes = tfevents([event(1, T0, [simpleValue('loss', 1)])]);
    bytes[0] = (bytes[0] as number) + 1;
    const { events, corrupt } = await readEventFile(bytes, { file: 'f.tfevents' });
    expect(events).toEqual([]);
    expect(corrupt).toEqual([{ file: 'f.tfevents', offset: 0, reason: 'length checksum mismatch' }]);
  });

  it('reports a truncated file: cut in the data and cut in the header', async () => {
    const one = tfevents([event(1, T0, [simpleValue('a', 1)])]);
    const two = tfevents([event(1, T0, [simpleValue('a', 1)]), event(2, T0, [simpleValue('a', 2)])]);
    const cutData = await readEventFile(two.subarray(0, two.length - 3), { file: 'x' });
    expect(cutData.events).toHaveLength(1);
    expect(cutData.corrupt).toEqual([
      {
        file: 'x',
        offset: one.length,
        reason: `truncated record: ${one.length - 16} data bytes announced, ${one.length - 19} present`,
      },
    ]);
    const cutHeader = await readEventFile(two.subarray(0, one.length + 5), { file: 'x' });
    expect(cutHeader.corrupt).toEqual([
      { file: 'x', offset: one.length, reason: 'truncated record header: 5 of 12 bytes' },
    ]);
  });

  it('reports a record with valid checksums that is not an Event proto', async () => {
    const garbage = tfevents([new Uint8Array([0xff, 0xff, 0xff])]);
    const { events, corrupt } = await readEventFile(garbage, { file: 'g' });
    expect(events).toEqual([]);
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]).toMatchObject({ file: 'g', offset: 0 });
    expect(corrupt[0]?.reason).toMatch(/^not an Event proto/);
  });

  it('reads an empty file as no events', async () => {
    expect(await readEventFile(new Uint8Array(), { file: 'e' })).toEqual({
      file: 'e',
      events: [],
      corrupt: [],
    });
  });
});

describe('eventsToRows', () => {
  it('maps TF1 simple values: step is global_step, wall time is _timestamp, one row per step', async () => {
    const bytes = tfevents([
      fileVersion(T0),
      event(0, T0 + 1, [simpleValue('loss', 0.1), simpleValue('acc', 0.25)]),
      event(0, T0 + 2, [simpleValue('lr', 0.001)]), // same step: same row, the later wall time
      event(5, T0 + 3, [
        simpleValue('loss', NaN),
        simpleValue('acc', Infinity),
        simpleValue('lr', -Infinity),
      ]),
      event(3, T0 + 4, [simpleValue('loss', 0.3)]), // steps need not increase
    ]);
    const { rows, skipped, problems } = await rowsOf('events.out.tfevents.1', bytes);
    expect(rows).toEqual([
      { loss: 0.1, acc: 0.25, lr: 0.001, global_step: 0, _timestamp: T0 + 2 },
      { loss: NaN, acc: Infinity, lr: -Infinity, global_step: 5, _timestamp: T0 + 3 },
      { loss: 0.3, global_step: 3, _timestamp: T0 + 4 },
    ]);
    expect(Object.is(rows[1]?.loss, NaN)).toBe(true);
    expect(skipped).toEqual({});
    expect(problems).toEqual([]);
  });

  it('maps TF2 scalar tensors, remembering the plugin named on the first value of a tag', async () => {
    const bytes = tfevents([
      event(1, T0, [tensorValue('epoch_loss', floatTensor(0.7), 'scalars')]),
      event(2, T0 + 1, [tensorValue('epoch_loss', floatTensor(0.6, true))]),
      event(3, T0 + 2, [tensorValue('epoch_acc', doubleTensor([0.123456789012], []), 'scalars')]),
      event(4, T0 + 3, [tensorValue('count', int64Tensor(42n), 'scalars')]),
    ]);
    const { rows } = await rowsOf('train/events.out.tfevents.1', bytes);
    expect(rows).toEqual([
      { 'train/epoch_loss': 0.7, global_step: 1, _timestamp: T0 },
      { 'train/epoch_loss': 0.6, global_step: 2, _timestamp: T0 + 1 },
      { 'train/epoch_acc': 0.123456789012, global_step: 3, _timestamp: T0 + 2 },
      { 'train/count': 42, global_step: 4, _timestamp: T0 + 3 },
    ]);
  });

  it('maps a HistogramProto: an empty first bucket gives the left edge, otherwise min does', async () => {
    const bytes = tfevents([
      event(1, T0, [histoValue('w', { min: -1, max: 2, limits: [-1, 0, 1, 2], counts: [0, 3, 4, 5] })]),
      event(2, T0, [histoValue('w', { min: -2, max: 2, limits: [0, 2], counts: [1, 2] })]),
    ]);
    const { rows, problems } = await rowsOf('events.out.tfevents.1', bytes);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { w: { _type: 'histogram', bins: [-1, 0, 1, 2], values: [3, 4, 5] }, global_step: 1, _timestamp: T0 },
      { w: { _type: 'histogram', bins: [-2, 0, 2], values: [1, 2] }, global_step: 2, _timestamp: T0 },
    ]);
  });

  it('maps a TF2 histogram tensor ([k, 3]: left, right, count)', async () => {
    const tensor = doubleTensor([0, 1, 2, 1, 2, 3, 2, 4, 5], [3, 3]);
    const bytes = tfevents([event(7, T0, [tensorValue('weights', tensor, 'histograms')])]);
    const { rows } = await rowsOf('eval/events.out.tfevents.1', bytes);
    expect(rows).toEqual([
      {
        'eval/weights': { _type: 'histogram', bins: [0, 1, 2, 4], values: [2, 3, 5] },
        global_step: 7,
        _timestamp: T0,
      },
    ]);
  });

  it('rebins a histogram of more than 512 bins to 512, keeping the total weight', async () => {
    const edges = Array.from({ length: 1025 }, (_, i) => i);
    const weights = Array.from({ length: 1024 }, () => 1);
    const bytes = tfevents([
      event(1, T0, [histoValue('big', { min: -1, max: 1024, limits: edges.slice(1), counts: weights })]),
    ]);
    const { rows } = await rowsOf('f.tfevents', bytes);
    const h = rows[0]?.big as { bins: number[]; values: number[] };
    expect(h.values).toHaveLength(512);
    expect(h.bins).toHaveLength(513);
    expect(h.bins[0]).toBe(-1);
    expect(h.bins[512]).toBe(1024);
    expect(h.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1024, 9);
    // Uneven: 600 unit bins into 512, split by overlap.
    const r = rebin(
      Array.from({ length: 601 }, (_, i) => i),
      Array.from({ length: 600 }, () => 1),
      512,
    );
    expect(r.bins[1]).toBeCloseTo(600 / 512, 12);
    expect(r.values[0]).toBeCloseTo(600 / 512, 12);
    expect(r.values.reduce((a, b) => a + b, 0)).toBeCloseTo(600, 9);
  });

  it('reports (not rebins into NaN) a histogram of more than 512 bins with an infinite edge, or edges out of order', async () => {
    const limits = Array.from({ length: 1024 }, (_, i) => i + 1);
    const counts = Array.from({ length: 1024 }, () => 1);
    const bytes = tfevents([
      event(1, T0, [histoValue('inf', { min: -Infinity, max: 1024, limits, counts })]),
      event(2, T0, [histoValue('unordered', { min: 0, max: 3, limits: [2, 1, 3], counts: [1, 1, 1] })]),
      event(3, T0, [histoValue('fine', { min: -Infinity, max: 2, limits: [1, 2], counts: [1, 1] })]),
    ]);
    const { rows, problems } = await rowsOf('f.tfevents', bytes);
    expect(
      rows.flatMap((r) => Object.keys(r).filter((k) => !k.startsWith('_') && k !== 'global_step')),
    ).toEqual(['fine']);
    expect((rows[0]?.fine as { bins: number[] }).bins).toEqual([-Infinity, 1, 2]); // a few bins: kept as sent
    expect(problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/infinite bucket edge/),
      expect.stringMatching(/out of order/),
    ]);
  });

  it('turns images (Summary.Image and images tensors) into media/images/ files referenced from history', async () => {
    const png = pngHeader(3, 2);
    const hash = bytesToHex(sha256(png));
    const bytes = tfevents([
      event(4, T0, [imageValue('sample', 3, 2, png)]),
      event(5, T0, [tensorValue('batch', stringTensor(['3', '2', png, png]), 'images')]),
      event(6, T0, [imageValue('bad', 9, 9, png)]),
    ]);
    const { rows, media, problems } = await rowsOf('val/events.out.tfevents.1', bytes);
    const at4 = `media/images/val_sample_4_${hash.slice(0, 20)}.png`;
    const at5 = `media/images/val_batch_5_${hash.slice(0, 20)}.png`;
    expect(rows).toEqual([
      {
        'val/sample': {
          _type: 'images/separated',
          filenames: [at4],
          format: 'png',
          width: 3,
          height: 2,
          count: 1,
        },
        global_step: 4,
        _timestamp: T0,
      },
      {
        'val/batch': {
          _type: 'images/separated',
          filenames: [at5, at5],
          format: 'png',
          width: 3,
          height: 2,
          count: 2,
        },
        global_step: 5,
        _timestamp: T0,
      },
    ]);
    expect(media.map((m) => [m.path, m.sha256, m.size, m.format, m.width, m.height])).toEqual([
      [at4, hash, png.length, 'png', 3, 2],
      [at5, hash, png.length, 'png', 3, 2],
      [at5, hash, png.length, 'png', 3, 2],
    ]);
    expect(media[0]?.data).toEqual(png);
    expect(problems).toEqual([
      {
        file: 'val/events.out.tfevents.1',
        tag: 'val/bad',
        step: 6,
        reason: 'image is 3x2, its summary says 9x9',
      },
    ]);
  });

  it('maps text to strings and counts values of other plugins', async () => {
    const bytes = tfevents([
      event(1, T0, [
        tensorValue('notes', stringTensor(['héllo']), 'text'),
        tensorValue('pr', doubleTensor([1], [1]), 'pr_curves'),
        tensorValue('hp', stringTensor(['x']), 'hparams'),
      ]),
      event(2, T0, [tensorValue('pr', doubleTensor([1], [1]))]), // remembered: still pr_curves
    ]);
    const { rows, skipped } = await rowsOf('events.out.tfevents.1', bytes);
    expect(rows).toEqual([{ notes: 'héllo', global_step: 1, _timestamp: T0 }]);
    expect(skipped).toEqual({ pr_curves: 2, hparams: 1 });
  });

  it('reports a malformed value in problems and keeps the rest of the row', async () => {
    const bytes = tfevents([
      event(1, T0, [tensorValue('vec', doubleTensor([1, 2], [2]), 'scalars'), simpleValue('ok', 1)]),
    ]);
    const { rows, problems } = await rowsOf('events.out.tfevents.1', bytes);
    expect(rows).toEqual([{ ok: 1, global_step: 1, _timestamp: T0 }]);
    expect(problems).toEqual([
      { file: 'events.out.tfevents.1', tag: 'vec', step: 1, reason: 'scalar tensor has 2 elements, not 1' },
    ]);
  });

  it('keeps rows of different files apart even at the same step', async () => {
    const a = await readEventFile(tfevents([event(1, T0, [simpleValue('loss', 1)])]), {
      file: 'train/a.tfevents',
    });
    const b = await readEventFile(tfevents([event(1, T0, [simpleValue('loss', 2)])]), {
      file: 'eval/b.tfevents',
    });
    expect(eventsToRows([a, b]).rows).toEqual([
      { 'train/loss': 1, global_step: 1, _timestamp: T0 },
      { 'eval/loss': 2, global_step: 1, _timestamp: T0 },
    ]);
  });
});

describe('helpers', () => {
  it('writes 32-bit floats as their shortest decimal', () => {
    expect(fromFloat32(Math.fround(0.1))).toBe(0.1);
    expect(fromFloat32(Math.fround(1 / 3))).toBe(0.33333334);
    expect(fromFloat32(NaN)).toBeNaN();
  });

  it('reads PNG, GIF and JPEG sizes', () => {
    expect(imageInfo(pngHeader(640, 480))).toEqual({ format: 'png', width: 640, height: 480 });
    expect(imageInfo(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 20, 0]))).toEqual({
      format: 'gif',
      width: 10,
      height: 20,
    });
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 30, 0, 40, 3, 0, 0, 0,
    ]);
    expect(imageInfo(jpeg)).toEqual({ format: 'jpeg', width: 40, height: 30 });
    expect(imageInfo(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe('readTensorboardDir (Node)', () => {
  it('walks every tfevents file recursively, file-name order in a folder, and converts them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tb-'));
    mkdirSync(join(root, 'train'));
    mkdirSync(join(root, 'eval', 'deep'), { recursive: true });
    writeFileSync(join(root, 'events.out.tfevents.2'), tfevents([event(1, T0, [simpleValue('top', 2)])]));
    writeFileSync(join(root, 'events.out.tfevents.1'), tfevents([event(1, T0, [simpleValue('top', 1)])]));
    writeFileSync(join(root, 'notes.txt'), 'not an event file');
    writeFileSync(
      join(root, 'train', 'events.out.tfevents.1'),
      tfevents([event(2, T0, [simpleValue('loss', 0.5)])]),
    );
    const cut = tfevents([
      event(3, T0, [simpleValue('loss', 0.25)]),
      event(4, T0, [simpleValue('loss', 0.125)]),
    ]);
    writeFileSync(join(root, 'eval', 'deep', 'x.tfevents.1'), cut.subarray(0, cut.length - 1));

    const logs = await readTensorboardDir(root, nodeTensorboardFiles);
    expect(logs.files).toEqual([
      'events.out.tfevents.1',
      'events.out.tfevents.2',
      'eval/deep/x.tfevents.1',
      'train/events.out.tfevents.1',
    ]);
    expect(logs.rows).toEqual([
      { top: 1, global_step: 1, _timestamp: T0 },
      { top: 2, global_step: 1, _timestamp: T0 },
      { 'eval/deep/loss': 0.25, global_step: 3, _timestamp: T0 },
      { 'train/loss': 0.5, global_step: 2, _timestamp: T0 },
    ]);
    expect(logs.corrupt).toHaveLength(1);
    expect(logs.corrupt[0]).toMatchObject({ file: 'eval/deep/x.tfevents.1', offset: cut.length / 2 });
  });

  it('rejects a root that is not a folder with a ValidationError naming rootDir', async () => {
    const error = await readTensorboardDir(join(tmpdir(), 'no-such-tb-dir-x'), nodeTensorboardFiles).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error.message)).toContain('rootDir');
  });
});
