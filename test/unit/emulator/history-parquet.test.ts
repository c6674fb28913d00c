// Parquet history, pure logic: which rows are exported, the answer's URLs and live data, the
// columns of a file, and the step index behind history windows.
import { describe, expect, it } from 'vitest';
import { parquetColumns, parquetHistoryAnswer } from '../../../src/emulator/domains/history/parquet.js';
import { stepBounds, stepSlice } from '../../../src/emulator/domains/history/steps.js';
import { historyRows } from '../../../src/emulator/domains/history/sampling.js';
import { EmulatorStore } from '../../../src/emulator/store/store.js';

const sign = (path: string) => `signed:${path}`;

function storeWithRun(rows: Record<string, unknown>[], state = 'finished', historyExportedThrough?: number) {
  const store = new EmulatorStore({ username: 'alice' });
  const { record } = store.seedRun({
    project: 'p',
    id: 'r1',
    state,
    history: rows,
    ...(historyExportedThrough === undefined ? {} : { historyExportedThrough }),
  });
  return { store, run: record };
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ _step: i * 2, loss: i }));

describe('emulator parquet history: the answer', () => {
  it('exports every row of a finished run, in files of rowsPerFile rows, listed newest first', () => {
    const { store, run } = storeWithRun(rows(25));
    store.parquetHistory.rowsPerFile = 10;
    expect(parquetHistoryAnswer(store, run, ['_step'], sign)).toEqual({
      parquetUrls: [
        `signed:/storage/history/${run.id}/40-48.parquet`,
        `signed:/storage/history/${run.id}/20-38.parquet`,
        `signed:/storage/history/${run.id}/0-18.parquet`,
      ],
      liveData: [],
    });
  });

  it('exports nothing of a running run: every step is live data, with the live keys it has', () => {
    const { store, run } = storeWithRun(
      [
        { _step: 0, loss: 1 },
        { _step: 1, acc: 2 },
      ],
      'running',
    );
    expect(parquetHistoryAnswer(store, run, ['loss'], sign)).toEqual({
      parquetUrls: [],
      liveData: [{ _step: 0, loss: 1 }, { _step: 1 }],
    });
  });

  it('splits at the boundary: steps up to it in files, the later ones live', () => {
    const { store, run } = storeWithRun(rows(5), 'running', 5); // steps 0 2 4 | 6 8
    expect(parquetHistoryAnswer(store, run, ['_step'], sign)).toEqual({
      parquetUrls: [`signed:/storage/history/${run.id}/0-4.parquet`],
      liveData: [{ _step: 6 }, { _step: 8 }],
    });
    run.historyExportedThrough = -1;
    expect(parquetHistoryAnswer(store, run, ['_step'], sign).parquetUrls).toEqual([]);
  });

  it('answers nothing at all with the export switched off', () => {
    const { store, run } = storeWithRun(rows(3), 'running');
    store.features.set('RUN_PARQUET_HISTORY_FILES', false);
    expect(parquetHistoryAnswer(store, run, ['_step'], sign)).toEqual({ parquetUrls: [], liveData: [] });
  });

  it('exports nothing of a history not in step order, and leaves rows without a step out of live data', () => {
    const { store, run } = storeWithRun([]);
    run.history.push({ _step: 0, a: 1 }, { a: 2 }, { _step: 3, a: 3 });
    expect(parquetHistoryAnswer(store, run, ['a'], sign)).toEqual({
      parquetUrls: [],
      liveData: [
        { _step: 0, a: 1 },
        { _step: 3, a: 3 },
      ],
    });
  });
});

describe('emulator parquet history: columns', () => {
  it('types each key by its values: INT64 _step, DOUBLE, BOOLEAN, STRING, JSON for the rest', () => {
    const columns = parquetColumns([
      { _step: 0, loss: 1, ok: true, tag: 'a', img: { w: 1 }, mixed: 1, nan: Number.NaN, gone: null },
      { _step: 1, loss: Number.POSITIVE_INFINITY, ok: false, tag: 'b', img: [1], mixed: 'x' },
      { _step: 2 },
    ]);
    expect(columns.map((c) => [c.name, c.type])).toEqual([
      ['_step', 'INT64'],
      ['img', 'JSON'],
      ['loss', 'DOUBLE'],
      ['mixed', 'JSON'],
      ['nan', 'DOUBLE'],
      ['ok', 'BOOLEAN'],
      ['tag', 'STRING'],
    ]);
    expect(columns[0]?.data).toEqual([0n, 1n, 2n]);
    expect(columns.find((c) => c.name === 'loss')?.data).toEqual([1, Number.POSITIVE_INFINITY, null]);
    expect(columns.find((c) => c.name === 'img')?.data).toEqual([{ w: 1 }, [1], null]);
  });
});

describe('emulator history: step index', () => {
  const history: Record<string, unknown>[] = rows(1000); // steps 0, 2, ..., 1998

  it('finds windows by binary search, exclusive end, and follows appended rows', () => {
    expect(stepBounds(history, 3, 9)).toEqual([2, 5]); // steps 4 6 8
    expect(stepSlice(history, 3, 9).map((r) => r._step)).toEqual([4, 6, 8]);
    expect(stepSlice(history, null, 3).map((r) => r._step)).toEqual([0, 2]);
    expect(stepSlice(history, 1997, null).map((r) => r._step)).toEqual([1998]);
    expect(stepSlice(history, 5000, 6000)).toEqual([]);
    history.push({ _step: 5000 });
    expect(stepSlice(history, 5000, 6000)).toEqual([{ _step: 5000 }]);
    expect(historyRows(history, { minStep: 10, maxStep: 20, samples: 2 }).map((r) => r._step)).toEqual([
      10, 18,
    ]);
  });

  it('scans a history not in step order instead', () => {
    const unordered = [{ _step: 5 }, { _step: 1 }, { x: 1 }, { _step: 3 }];
    expect(stepBounds(unordered, 0, 10)).toBeUndefined();
    expect(stepSlice(unordered, 2, 10)).toEqual([{ _step: 5 }, { _step: 3 }]);
  });
});
