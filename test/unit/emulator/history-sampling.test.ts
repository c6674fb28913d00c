// Run history, pure logic: sampling, step windows, sampledHistory specs, seeded rows and their
// statistics.
import { describe, expect, it } from 'vitest';
import {
  historyArgs,
  historyKeys,
  historyRows,
  parseSampledHistorySpec,
  sampledHistory,
  sampleIndices,
  sampleRows,
} from '../../../src/emulator/domains/history/sampling.js';
import { latestSystemMetrics, normalizeHistoryRows } from '../../../src/emulator/domains/history/seed.js';

const steps = (rows: Record<string, unknown>[]) => rows.map((r) => r._step);
const range = (n: number, row: (i: number) => Record<string, unknown> = (i) => ({ _step: i, x: i })) =>
  Array.from({ length: n }, (_, i) => row(i));

describe('sampling', () => {
  it('keeps every row when there are at most `samples`', () => {
    expect(sampleIndices(3, 500)).toEqual([0, 1, 2]);
    expect(sampleIndices(5, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(0, 10)).toEqual([]);
  });

  it('keeps `samples` evenly spaced rows, the first and the last included', () => {
    expect(sampleIndices(10, 4)).toEqual([0, 3, 6, 9]);
    for (const [count, samples] of [
      [1000, 7],
      [501, 500],
      [10, 2],
      [37, 36],
    ] as const) {
      const idx = sampleIndices(count, samples);
      expect(idx).toHaveLength(samples);
      expect(idx[0]).toBe(0);
      expect(idx.at(-1)).toBe(count - 1);
      expect(new Set(idx).size).toBe(samples);
      expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    }
  });

  it('with samples = 1 keeps the first row', () => {
    expect(sampleRows(['a', 'b', 'c'], 1)).toEqual(['a']);
  });

  it('is deterministic', () => {
    const rows = range(1234);
    expect(sampleRows(rows, 100)).toEqual(sampleRows(rows, 100));
  });

  it('refuses a samples count that is not a positive integer', () => {
    expect(() => sampleIndices(10, 0)).toThrow(/samples/);
    expect(() => sampleIndices(10, 2.5)).toThrow(/samples/);
  });
});

describe('history windows', () => {
  const rows = [0, 1, 2, 5, 9, 10, 11].map((s) => ({ _step: s, v: s }));

  it('selects [minStep, maxStep) with an exclusive end', () => {
    expect(steps(historyRows(rows, { minStep: 2, maxStep: 10 }))).toEqual([2, 5, 9]);
    expect(steps(historyRows(rows, { minStep: 3, maxStep: 5 }))).toEqual([]);
    expect(steps(historyRows(rows, { minStep: 10 }))).toEqual([10, 11]);
    expect(steps(historyRows(rows, { maxStep: 2 }))).toEqual([0, 1]);
  });

  it('samples within the window, keeping its first and last row', () => {
    expect(steps(historyRows(rows, { minStep: 0, maxStep: 12, samples: 3 }))).toEqual([0, 5, 11]);
    expect(historyRows(range(1000))).toHaveLength(500);
  });

  it('reads Int64 arguments given as numbers or decimal strings, and refuses others', () => {
    expect(historyArgs({ samples: 5, minStep: '3', maxStep: 9 }, 'Run.history')).toEqual({
      samples: 5,
      minStep: 3,
      maxStep: 9,
    });
    expect(() => historyArgs({ samples: 0 }, 'Run.history')).toThrow('Run.history(samples)');
    expect(() => historyArgs({ minStep: 'x' }, 'Run.history')).toThrow('Run.history(minStep)');
  });
});

describe('sampledHistory specs', () => {
  const rows = [
    { _step: 0, loss: 1, acc: 0.1 },
    { _step: 1, loss: 0.8 },
    { _step: 2, loss: 0.6, acc: 0.4, lr: 0.1 },
    { _step: 3, acc: 0.5 },
    { _step: 4, loss: 0.4, acc: 0.6 },
  ];

  it('answers rows that have every key, projected to the keys', () => {
    const spec = parseSampledHistorySpec('{"keys": ["_step", "loss", "acc"]}');
    expect(sampledHistory(rows, spec)).toEqual([
      { _step: 0, loss: 1, acc: 0.1 },
      { _step: 2, loss: 0.6, acc: 0.4 },
      { _step: 4, loss: 0.4, acc: 0.6 },
    ]);
  });

  it("treats maxStep as inclusive (unlike history's exclusive maxStep)", () => {
    const spec = parseSampledHistorySpec({ keys: ['_step', 'loss'], minStep: 1, maxStep: 2, samples: 10 });
    expect(steps(sampledHistory(rows, spec))).toEqual([1, 2]);
    expect(steps(historyRows(rows, { minStep: 1, maxStep: 2 }))).toEqual([1]);
  });

  it('samples the matching rows', () => {
    const many = range(101, (i) => ({ _step: i, loss: i }));
    const spec = parseSampledHistorySpec({ keys: ['_step', 'loss'], samples: 3 });
    expect(sampledHistory(many, spec)).toEqual([
      { _step: 0, loss: 0 },
      { _step: 50, loss: 50 },
      { _step: 100, loss: 100 },
    ]);
  });

  it('refuses specs that are not JSON objects with keys, and fields it does not implement', () => {
    expect(() => parseSampledHistorySpec('{keys')).toThrow(/not JSON/);
    expect(() => parseSampledHistorySpec('[1]')).toThrow(/JSON object/);
    expect(() => parseSampledHistorySpec('{"samples": 3}')).toThrow(/"keys"/);
    expect(() => parseSampledHistorySpec('{"keys": [1]}')).toThrow(/"keys"/);
    expect(() => parseSampledHistorySpec('{"keys": ["a"], "samples": 0}')).toThrow(/"samples"/);
    expect(() => parseSampledHistorySpec('{"keys": ["a"], "maxStep": 1.5}')).toThrow(/"maxStep"/);
    expect(() => parseSampledHistorySpec('{"keys": ["a"], "index": true}')).toThrow(/does not implement/);
  });
});

describe('seeded rows, history keys and system metrics', () => {
  it('gives rows without _step the previous step plus one', () => {
    const rows = normalizeHistoryRows([{ a: 1 }, { a: 2 }, { _step: 10, a: 3 }, { a: 4 }]);
    expect(steps(rows)).toEqual([0, 1, 10, 11]);
  });

  it('refuses steps that do not increase or are not non-negative integers', () => {
    expect(() => normalizeHistoryRows([{ _step: 2 }, { _step: 2 }])).toThrow(/larger than the previous/);
    expect(() => normalizeHistoryRows([{ _step: -1 }])).toThrow(/non-negative integer/);
    expect(() => normalizeHistoryRows([{ _step: 1.5 }])).toThrow(/non-negative integer/);
  });

  it('reports lastStep as the largest _step, with per-key type counts', () => {
    const stats = historyKeys([
      { _step: 0, loss: 1 },
      { _step: 7, loss: NaN, note: 'x' },
    ]);
    expect(stats.lastStep).toBe(7);
    expect(stats.keys.loss).toEqual({ typeCounts: [{ type: 'number', count: 2 }] });
    expect(stats.keys.note).toEqual({ typeCounts: [{ type: 'string', count: 1 }] });
    expect(historyKeys([])).toEqual({ keys: {}, lastStep: -1 });
  });

  it('takes the latest system metrics from the last row, without underscore keys', () => {
    expect(
      latestSystemMetrics([
        { 'system.cpu': 10, _runtime: 1 },
        { 'system.cpu': 12, _runtime: 2, _wandb: true },
      ]),
    ).toEqual({ 'system.cpu': 12 });
    expect(latestSystemMetrics([])).toEqual({});
  });
});
