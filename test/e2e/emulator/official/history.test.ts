// The official client's history documents, in their shape (notes §1.5): RunSampledHistory,
// RunFullHistory (history and events), RunHistoryKeys from wandb/apis (operationName ""), and
// wandb-core's RunParquetHistory, HistoryPage and SampledHistoryPage (their own names), which
// Run.scan_history sends.
import { asyncBufferFromUrl, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { KEY, official } from '../../../support/emulator-http.js';

const SAMPLED = `query RunSampledHistory($project: String!, $entity: String!, $name: String!, $specs: [JSONString!]!) {
  project(name: $project, entityName: $entity) { run(name: $name) { sampledHistory(specs: $specs) } }
}`;
const FULL_HISTORY = `query RunFullHistory($project: String!, $entity: String!, $name: String!, $samples: Int) {
  project(name: $project, entityName: $entity) { run(name: $name) { history(samples: $samples) } }
}`;
const FULL_EVENTS = `query RunFullHistory($project: String!, $entity: String!, $name: String!, $samples: Int) {
  project(name: $project, entityName: $entity) { run(name: $name) { events(samples: $samples) } }
}`;
const HISTORY_KEYS = `query RunHistoryKeys($project: String!, $entity: String!, $name: String!) {
  project(name: $project, entityName: $entity) { run(name: $name) { historyKeys } }
}`;
const PARQUET = `query RunParquetHistory($entity: String!, $project: String!, $runName: String!, $liveKeys: [String!]!) {
  project(name: $project, entityName: $entity) {
    run(name: $runName) { parquetHistory(liveKeys: $liveKeys) { parquetUrls liveData } }
  }
}`;
const HISTORY_PAGE = `query HistoryPage($entity: String!, $project: String!, $run: String!, $minStep: Int64!, $maxStep: Int64!, $pageSize: Int!) {
  project(name: $project, entityName: $entity) {
    run(name: $run) { history(minStep: $minStep, maxStep: $maxStep, samples: $pageSize) }
  }
}`;
const SAMPLED_PAGE = `query SampledHistoryPage($entity: String!, $project: String!, $run: String!, $spec: JSONString!) {
  project(name: $project, entityName: $entity) { run(name: $run) { sampledHistory(specs: [$spec]) } }
}`;

type Row = Record<string, unknown>;
interface RunData<T> {
  project: { run: T };
}

describe('official documents: history', () => {
  let emu: Emulator;
  const rows = Array.from({ length: 10 }, (_, step) =>
    step % 3 === 2 ? { _step: step, acc: step / 10 } : { _step: step, loss: 1 / (step + 1) },
  );
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.run({
      project: 'p',
      id: 'hist0001',
      history: rows,
      systemMetrics: [
        { _runtime: 1, 'system.cpu': 10 },
        { _runtime: 2, 'system.cpu': 20 },
      ],
    });
    emu.seed.run({ project: 'p', id: 'empty001' });
    emu.seed.run({ project: 'p', id: 'live0001', state: 'running', history: rows });
  });
  afterAll(() => emu.close());

  const run = { project: 'p', entity: 'alice', name: 'hist0001' };

  it('answers RunSampledHistory: one list per spec, rows having every key, projected', async () => {
    const specs = [JSON.stringify({ keys: ['_step', 'loss'], samples: 500 })];
    const d = await official<RunData<{ sampledHistory: Row[][] }>>(emu, SAMPLED, { ...run, specs });
    const expected = rows.filter((r) => 'loss' in r);
    expect(d.project.run.sampledHistory).toEqual([expected]);
  });

  it('answers RunFullHistory (history and events): rows as JSON strings', async () => {
    const history = await official<RunData<{ history: string[] }>>(emu, FULL_HISTORY, {
      ...run,
      samples: 500,
    });
    expect(history.project.run.history.map((r) => JSON.parse(r) as Row)).toEqual(rows);
    const events = await official<RunData<{ events: string[] }>>(emu, FULL_EVENTS, { ...run, samples: 500 });
    expect(events.project.run.events.map((r) => JSON.parse(r) as Row)).toEqual([
      { _runtime: 1, 'system.cpu': 10 },
      { _runtime: 2, 'system.cpu': 20 },
    ]);
  });

  it('answers RunHistoryKeys with lastStep (-1 without history)', async () => {
    const d = await official<RunData<{ historyKeys: { lastStep: number } }>>(emu, HISTORY_KEYS, run);
    expect(d.project.run.historyKeys.lastStep).toBe(9);
    const empty = await official<RunData<{ historyKeys: { lastStep: number } }>>(emu, HISTORY_KEYS, {
      ...run,
      name: 'empty001',
    });
    expect(empty.project.run.historyKeys.lastStep).toBe(-1);
  });

  it('answers RunParquetHistory: a finished run in Parquet files, a running one all live', async () => {
    type Parquet = RunData<{ parquetHistory: { parquetUrls: string[]; liveData: Row[] } }>;
    const ask = (runName: string, liveKeys = ['_step']) =>
      official<Parquet>(
        emu,
        PARQUET,
        { entity: 'alice', project: 'p', runName, liveKeys },
        { operationName: 'RunParquetHistory' },
      );
    const done = (await ask('hist0001')).project.run.parquetHistory;
    expect(done.liveData).toEqual([]);
    expect(done.parquetUrls).toHaveLength(1);
    // wandb-core downloads the URL as is (no API key) and reads _step and the metrics from it
    const file = await asyncBufferFromUrl({ url: done.parquetUrls[0] as string });
    const read = (await parquetReadObjects({ file })) as Row[];
    expect(read.map((r) => Number(r._step))).toEqual(rows.map((r) => r._step));

    const live = (await ask('live0001')).project.run.parquetHistory;
    expect(live.parquetUrls).toEqual([]);
    expect(live.liveData).toEqual(rows.map((r) => ({ _step: r._step })));
    const withKeys = (await ask('live0001', ['loss'])).project.run.parquetHistory;
    expect(withKeys.liveData.slice(0, 3)).toEqual([
      { _step: 0, loss: 1 },
      { _step: 1, loss: 0.5 },
      { _step: 2 },
    ]);
    // a run without history: nothing anywhere, which wandb-core reads as "all live" (and finds no rows)
    expect((await ask('empty001')).project.run.parquetHistory).toEqual({ parquetUrls: [], liveData: [] });
  });

  it('answers HistoryPage for a window [minStep, maxStep) with pageSize samples', async () => {
    const d = await official<RunData<{ history: string[] }>>(
      emu,
      HISTORY_PAGE,
      { entity: 'alice', project: 'p', run: 'hist0001', minStep: 3, maxStep: 6, pageSize: 3 },
      { operationName: 'HistoryPage' },
    );
    expect(d.project.run.history.map((r) => (JSON.parse(r) as Row)._step)).toEqual([3, 4, 5]);
  });

  it('answers SampledHistoryPage with "_step" twice in keys and an inclusive maxStep', async () => {
    const spec = JSON.stringify({ keys: ['_step', 'loss', '_step'], minStep: 3, maxStep: 5, samples: 3 });
    const d = await official<RunData<{ sampledHistory: Row[][] }>>(
      emu,
      SAMPLED_PAGE,
      { entity: 'alice', project: 'p', run: 'hist0001', spec },
      { operationName: 'SampledHistoryPage' },
    );
    expect(d.project.run.sampledHistory).toEqual([
      [
        { _step: 3, loss: 0.25 },
        { _step: 4, loss: 0.2 },
      ],
    ]);
  });
});
