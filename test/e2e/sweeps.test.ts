import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  NotFoundError,
  UnsupportedError,
  Runs,
  Sweep,
  sweepMetricOrder,
  ValidationError,
  WandbError,
  type RunsOptions,
  type SweepFilter,
} from '../../src/index.js';
import { gql } from '../support/emulator-http.js';
import { failure, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, setup, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
/** Global id of sweep alice/hpo/swpmin01 (what `Sweep.id` is in GraphQL). */
let minStorageId: string;

/** Losses of the twelve runs of alice/hpo/swpmin01, in creation order; the lowest is run 6. */
const LOSSES = [0.9, 0.8, 0.7, 0.6, 0.5, 0.05, 0.4, 0.3, 0.35, 0.45, 0.55, 0.65];
const MIN_RUNS = LOSSES.map((_, i) => `min${String(i + 1).padStart(5, '0')}`);

/** Four sweeps in alice/hpo (one with 12 runs, one maximizing, one without a metric, one empty) and a run outside them. */
function seedHpo(emu: Emulator): void {
  const day = (n: number) => new Date(Date.UTC(2024, 2, n));
  minStorageId = emu.seed.sweep({
    entity: 'alice',
    project: 'hpo',
    id: 'swpmin01',
    state: 'RUNNING',
    createdAt: day(1),
    runCountExpected: 12,
    config: { name: 'min-search', method: 'bayes', metric: { name: 'loss', goal: 'minimize' } },
  }).storageId;
  emu.seed.sweep({
    entity: 'alice',
    project: 'hpo',
    id: 'swpmax01',
    displayName: 'accuracy hunt',
    state: 'FINISHED',
    createdAt: day(2),
    config: { name: 'ignored-name', method: 'grid', metric: { name: 'acc', goal: 'maximize' } },
  });
  emu.seed.sweep({
    entity: 'alice',
    project: 'hpo',
    id: 'swpnone1',
    createdAt: day(3),
    config: { method: 'random', parameters: { lr: { min: 0.001, max: 0.1 } } },
  });
  emu.seed.sweep({
    entity: 'alice',
    project: 'hpo',
    id: 'swpempty',
    createdAt: day(4),
    config: { method: 'grid', metric: { name: 'loss' } },
  });
  LOSSES.forEach((loss, i) =>
    emu.seed.run({
      entity: 'alice',
      project: 'hpo',
      id: MIN_RUNS[i],
      sweep: 'swpmin01',
      summary: { loss },
      createdAt: new Date(Date.UTC(2024, 2, 10, i)),
    }),
  );
  [0.7, 0.9, 0.8].forEach((acc, i) =>
    emu.seed.run({
      entity: 'alice',
      project: 'hpo',
      id: `max${i + 1}`,
      sweep: 'swpmax01',
      summary: { acc, loss: 1 - acc },
      createdAt: new Date(Date.UTC(2024, 2, 11, i)),
    }),
  );
  emu.seed.run({ entity: 'alice', project: 'hpo', id: 'none1', sweep: 'swpnone1', summary: { loss: 0.01 } });
  emu.seed.run({ entity: 'alice', project: 'hpo', id: 'loner', summary: { loss: 0.001, acc: 0.99 } });
}

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  emu.seed.sweep({
    entity: 'alice',
    project: 'tuning',
    id: 'swp00001',
    state: 'RUNNING',
    runCountExpected: 2,
    config: {
      name: 'lr-search',
      method: 'grid',
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { lr: { values: [0.1, 0.01] } },
    },
  });
  const runs = [
    { id: 'tune0001', sweep: 'swp00001', summary: { loss: 0.4 } },
    { id: 'tune0002', sweep: null, summary: { loss: 0.9 } },
    { id: 'tune0003', sweep: 'swp00001', summary: { loss: 0.2 } },
    { id: 'tune0004', sweep: 'ghost123', summary: {} },
  ];
  runs.forEach((r, i) =>
    emu.seed.run({ entity: 'alice', project: 'tuning', ...r, createdAt: new Date(Date.UTC(2024, 1, 1 + i)) }),
  );
  seedHpo(emu);
});

describe('api.runs({ includeSweeps })', () => {
  it('attaches each run its sweep, fetching every sweep once per listing', async () => {
    api.flush(); // what other tests cached must not hide a request
    emu.clearRequests();
    const runs = await api.runs('alice/tuning', { includeSweeps: true, perPage: 1 }).toArray();
    expect(runs.map((r) => r.id)).toEqual(['tune0001', 'tune0002', 'tune0003', 'tune0004']);
    const [first, plain, third, orphan] = runs;
    expect(first!.sweep).toBeInstanceOf(Sweep);
    expect(third!.sweep).toBe(first!.sweep);
    expect(plain!.sweep).toBeUndefined();
    expect(orphan!.sweepName).toBe('ghost123');
    expect(orphan!.sweep).toBeUndefined();
    const sweepCalls = emu.requests.filter((r) => r.operationName === 'SweepDetail');
    expect(sweepCalls.map((r) => r.variables?.name)).toEqual(['swp00001', 'ghost123']);
  });

  it('exposes the sweep attributes, config parsed from YAML', async () => {
    const [run] = await api
      .runs('alice/tuning', { includeSweeps: true, filters: { sweep: 'swp00001' } })
      .toArray();
    const sweep = run!.sweep!;
    expect(sweep.id).toBe('swp00001');
    expect(sweep.storageId).not.toBe('swp00001');
    expect(sweep.name).toBe('lr-search');
    expect(sweep.state).toBe('RUNNING');
    expect(sweep.method).toBe('grid');
    expect(sweep.config).toEqual({
      name: 'lr-search',
      method: 'grid',
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { lr: { values: [0.1, 0.01] } },
    });
    expect(sweep.bestLoss).toBe(0.2);
    expect(sweep.runCount).toBe(2);
    expect(sweep.expectedRunCount).toBe(2);
    expect(sweep.createdAt).toBeInstanceOf(Date);
    expect(sweep.path).toEqual(['alice', 'tuning', 'swp00001']);
    expect(sweep.url).toBe(`${api.appUrl}/alice/tuning/sweeps/swp00001`);
  });

  it('without includeSweeps sends no sweep requests', async () => {
    emu.clearRequests();
    const runs = await api.runs('alice/tuning').toArray();
    expect(runs[0]!.sweepName).toBe('swp00001');
    expect(runs[0]!.sweep).toBeUndefined();
    expect(graphqlCalls(emu, 'SweepDetail')).toBe(0);
  });

  it('filters runs by sweep id', async () => {
    const runs = await api.runs('alice/tuning', { filters: { sweep: 'swp00001' } }).toArray();
    expect(runs.map((r) => r.id)).toEqual(['tune0001', 'tune0003']);
  });

  it('rejects a non-boolean includeSweeps before any request', () => {
    emu.clearRequests();
    expect(() => api.runs('alice/tuning', { includeSweeps: 'yes' } as unknown as RunsOptions)).toThrow(
      ValidationError,
    );
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('api.sweep', () => {
  it.each([
    'alice/hpo/swpmin01',
    'alice/hpo/sweeps/swpmin01',
    '/alice/hpo/swpmin01',
    'alice/hpo:swpmin01',
    'hpo/swpmin01',
    'hpo:swpmin01',
  ])('loads %j', async (path) => {
    const sweep = await api.sweep(path);
    expect(sweep).toBeInstanceOf(Sweep);
    expect(sweep.constructor.name).toBe('Sweep');
    expect(sweep.path).toEqual(['alice', 'hpo', 'swpmin01']);
  });

  it('takes entity and project of a bare sweep id from the options', async () => {
    const scoped = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, entity: 'alice', project: 'hpo' });
    expect((await scoped.sweep('swpmax01')).path).toEqual(['alice', 'hpo', 'swpmax01']);
  });

  it('rejects a malformed path before any request, naming path', async () => {
    emu.clearRequests();
    for (const path of ['alice/hpo/runs/swpmin01', 'a/b/c/d/e', 'alice//swp', '']) {
      expect((await validationRejection(api.sweep(path))).parameter).toBe('path');
    }
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('exposes the sweep fields, config parsed from YAML, and its URL', async () => {
    const sweep = await api.sweep('alice/hpo/swpmin01');
    expect(sweep.id).toBe('swpmin01');
    expect(sweep.storageId).toBe(minStorageId);
    expect(sweep.displayName).toBeUndefined();
    expect(sweep.name).toBe('min-search'); // no display name: the config's name
    expect(sweep.state).toBe('RUNNING');
    expect(sweep.method).toBe('bayes');
    expect(sweep.config).toEqual({
      name: 'min-search',
      method: 'bayes',
      metric: { name: 'loss', goal: 'minimize' },
    });
    expect(sweep.bestLoss).toBe(0.05);
    expect(sweep.runCount).toBe(12);
    expect(sweep.expectedRunCount).toBe(12);
    expect(sweep.createdAt).toEqual(new Date(Date.UTC(2024, 2, 1)));
    expect(sweep.url).toBe(`${api.appUrl}/alice/hpo/sweeps/swpmin01`);
    expect(sweep.toJSON()).toMatchObject({ id: 'swpmin01', name: 'min-search', runCount: 12 });
  });

  it('names a sweep by its display name, else the config name, else its id', async () => {
    const max = await api.sweep('alice/hpo/swpmax01');
    expect(max.displayName).toBe('accuracy hunt');
    expect(max.name).toBe('accuracy hunt');
    expect(max.expectedRunCount).toBeUndefined();
    expect((await api.sweep('alice/hpo/swpnone1')).name).toBe('swpnone1');
  });

  it('throws NotFoundError for a missing sweep or project', async () => {
    await expect(api.sweep('alice/hpo/nosuch01')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.sweep('alice/nothere/swpmin01')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('says whether the sweep or its project is missing', async () => {
    await expect(api.sweep('alice/hpo/nosuch01')).rejects.toThrow(
      /^Sweep nosuch01 not found in project alice\/hpo$/,
    );
    await expect(api.sweep('alice/nothere/swpmin01')).rejects.toThrow(
      /^Sweep swpmin01 not found \(project alice\/nothere not found\)$/,
    );
  });

  it('does not cache a missing sweep: it is found once it exists', async () => {
    // In a project of its own, so the other suites' counts of alice/hpo stay as seeded.
    await expect(api.sweep('alice/later/swplate1')).rejects.toBeInstanceOf(NotFoundError);
    emu.seed.sweep({ entity: 'alice', project: 'later', id: 'swplate1', config: { method: 'grid' } });
    expect((await api.sweep('alice/later/swplate1')).id).toBe('swplate1');
  });
});

describe('sweep.runs', () => {
  it('lists only the sweep runs, oldest first, 10 per request, filtered by sweep id', async () => {
    const sweep = await api.sweep('alice/hpo/swpmin01');
    expect(sweep.runs).toBeInstanceOf(Runs);
    expect(sweep.runs).toBe(sweep.runs);
    emu.clearRequests();
    const runs = await sweep.runs.toArray();
    expect(runs.map((r) => r.id)).toEqual(MIN_RUNS);
    expect(runs.every((r) => r.sweepName === 'swpmin01')).toBe(true);
    const pages = emu.requests.filter((r) => r.operationName === 'RunsPage');
    expect(pages).toHaveLength(2);
    expect(pages.map((r) => r.variables?.perPage)).toEqual([10, 10]);
    expect(JSON.parse(String(pages[0]!.variables?.filters))).toEqual({ $and: [{ sweep: 'swpmin01' }] });
    expect(pages[0]!.variables?.order).toBe('+created_at');
    expect(await sweep.runs.totalCount()).toBe(12);
  });

  it('is empty for a sweep without runs', async () => {
    const sweep = await api.sweep('alice/hpo/swpempty');
    expect(await sweep.runs.toArray()).toEqual([]);
  });
});

describe('sweep.bestRun', () => {
  it('picks the lowest metric for goal minimize, with one request for one run', async () => {
    const sweep = await api.sweep('alice/hpo/swpmin01');
    emu.clearRequests();
    const best = await sweep.bestRun();
    expect(best?.id).toBe('min00006');
    expect(best?.summary.loss).toBe(0.05);
    expect(graphqlCalls(emu)).toBe(1);
    const [request] = emu.requests;
    expect(request?.variables).toMatchObject({ perPage: 1, order: '+summary_metrics.loss' });
  });

  it('picks the highest metric for goal maximize', async () => {
    const sweep = await api.sweep('alice/hpo/swpmax01');
    const best = await sweep.bestRun();
    expect(best?.id).toBe('max2');
    expect(best?.summary.acc).toBe(0.9);
  });

  it('uses an explicit order instead of the metric', async () => {
    const sweep = await api.sweep('alice/hpo/swpmin01');
    expect((await sweep.bestRun({ order: '-summary_metrics.loss' }))?.id).toBe('min00001');
    const none = await api.sweep('alice/hpo/swpnone1');
    expect((await none.bestRun({ order: '+created_at' }))?.id).toBe('none1');
  });

  it('never picks a run outside the sweep', async () => {
    // alice/hpo/loner has the lowest loss of the project but belongs to no sweep.
    const sweep = await api.sweep('alice/hpo/swpmax01');
    expect((await sweep.bestRun({ order: '+summary_metrics.loss' }))?.id).toBe('max2');
  });

  it('is undefined for a sweep without runs', async () => {
    const sweep = await api.sweep('alice/hpo/swpempty');
    expect(await sweep.bestRun()).toBeUndefined();
  });

  it('without an order and without a metric throws ValidationError(order) and sends nothing', async () => {
    const sweep = await api.sweep('alice/hpo/swpnone1');
    emu.clearRequests();
    const error = await validationRejection(sweep.bestRun());
    expect(error.parameter).toBe('order');
    expect(error.message).toContain('metric');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('names the metric when the order it gives is not a run order, before or after the runs code has loaded', async () => {
    emu.seed.sweep({
      entity: 'alice',
      project: 'odd-metric',
      id: 'swpodd01',
      config: { method: 'grid', metric: { name: 'val loss', goal: 'minimize' } },
    });
    // A fresh copy of the package, whose runs listings check their order on the first call.
    vi.resetModules();
    const pkg = await import('../../src/index.js');
    const cold = new pkg.Api({ baseUrl: emu.url, apiKey: emu.apiKey });
    for (const client of [cold, api]) {
      const sweep = await client.sweep('alice/odd-metric/swpodd01');
      emu.clearRequests();
      const error = await sweep.bestRun().then(
        () => undefined,
        (e: unknown) => e as ValidationError,
      );
      expect(error).toBeInstanceOf(client === cold ? pkg.ValidationError : ValidationError);
      expect(error?.parameter).toBe('order');
      expect(error?.message).toContain('the metric of sweep alice/odd-metric/swpodd01 gives the order');
      expect(graphqlCalls(emu)).toBe(0);
    }
  });

  it('rejects a bad explicit order before any request', async () => {
    const sweep = await api.sweep('alice/hpo/swpmin01');
    emu.clearRequests();
    expect((await validationRejection(sweep.bestRun({ order: 'loss desc' }))).parameter).toBe('order');
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('sweep.bestRun: metric names and values found in real sweeps', () => {
  it('orders by a metric with a "/" in its name, a run without the metric never best', async () => {
    emu.seed.sweep({
      entity: 'alice',
      project: 'keys',
      id: 'swpslash',
      config: { method: 'random', metric: { name: 'val/loss', goal: 'minimize' } },
    });
    const summaries = [{ 'val/loss': 0.5 }, {}, { 'val/loss': 0.2 }, { loss: 0.01 }];
    summaries.forEach((summary, i) =>
      emu.seed.run({ entity: 'alice', project: 'keys', id: `slash${i}`, sweep: 'swpslash', summary }),
    );
    const sweep = await api.sweep('alice/keys/swpslash');
    expect(sweep.bestLoss).toBe(0.2);
    const best = await sweep.bestRun();
    expect(best?.id).toBe('slash2');
    expect((await sweep.bestRun({ order: '-summary_metrics.val/loss' }))?.id).toBe('slash0');
  });

  it('loads a sweep whose runs logged NaN or Infinity for the metric', async () => {
    emu.seed.sweep({
      entity: 'alice',
      project: 'keys',
      id: 'swpnan01',
      config: { method: 'random', metric: { name: 'loss', goal: 'minimize' } },
    });
    emu.seed.run({
      entity: 'alice',
      project: 'keys',
      id: 'diverged',
      sweep: 'swpnan01',
      summary: { loss: NaN },
    });
    emu.seed.run({
      entity: 'alice',
      project: 'keys',
      id: 'blowup',
      sweep: 'swpnan01',
      summary: { loss: Infinity },
    });
    emu.seed.run({ entity: 'alice', project: 'keys', id: 'fine', sweep: 'swpnan01', summary: { loss: 0.4 } });
    emu.seed.sweep({
      entity: 'alice',
      project: 'keys',
      id: 'swpnan02',
      config: { method: 'random', metric: { name: 'loss', goal: 'maximize' } },
    });
    emu.seed.run({
      entity: 'alice',
      project: 'keys',
      id: 'onlynan',
      sweep: 'swpnan02',
      summary: { loss: NaN },
    });
    expect((await api.sweep('alice/keys/swpnan01')).bestLoss).toBe(0.4);
    expect((await api.sweep('alice/keys/swpnan02')).bestLoss).toBeUndefined();
    const project = await api.project('alice/keys');
    expect((await project.sweeps().toArray()).map((s) => s.id)).toContain('swpnan01');
  });
});

describe('sweep config YAML', () => {
  it('reads an empty config as {}, and names the sweep whose config is not a mapping', async () => {
    emu.seed.sweep({ entity: 'alice', project: 'yaml', id: 'swpempty', config: '' });
    emu.seed.sweep({ entity: 'alice', project: 'yaml', id: 'swpscalr', config: 'just text' });
    const empty = await api.sweep('alice/yaml/swpempty');
    expect(empty.config).toEqual({});
    expect(empty.method).toBe('random');
    const error = await failure(api.sweep('alice/yaml/swpscalr'));
    expect(error).toBeInstanceOf(WandbError);
    expect(error.message).toContain('alice/yaml/swpscalr');
    expect(error.message).toContain('not a YAML mapping');
  });
});

describe('sweep.name', () => {
  it('falls back to the config name, then the id, when the display name is empty', async () => {
    emu.seed.sweep({
      entity: 'alice',
      project: 'names',
      id: 'swpblank',
      displayName: '',
      config: { name: 'cfg' },
    });
    emu.seed.sweep({
      entity: 'alice',
      project: 'names',
      id: 'swpbare1',
      displayName: '',
      config: { name: '' },
    });
    expect((await api.sweep('alice/names/swpblank')).name).toBe('cfg');
    expect((await api.sweep('alice/names/swpbare1')).name).toBe('swpbare1');
  });
});

describe('sweepMetricOrder', () => {
  it.each([
    [{ metric: { name: 'loss', goal: 'minimize' } }, '+summary_metrics.loss'],
    [{ metric: { name: 'loss' } }, '+summary_metrics.loss'],
    [{ metric: { name: 'acc', goal: 'maximize' } }, '-summary_metrics.acc'],
    [{ metric: { name: 'val/acc', goal: 'maximize' } }, '-summary_metrics.val/acc'],
    [{ metric: { name: 'eval.f1', goal: 'maximize' } }, '-summary_metrics.eval.f1'],
    [{ metric: { name: 'summary_metrics.loss', goal: 'minimize' } }, '+summary_metrics.loss'],
    [{ metric: { name: 'config.lr', goal: 'minimize' } }, '+config.lr'],
    [{ metric: { name: 'createdAt', goal: 'maximize' } }, '-createdAt'],
    [{ metric: { name: 'name', goal: 'minimize' } }, '+name'],
    [{ metric: { name: 'config', goal: 'minimize' } }, '+summary_metrics.config'],
  ])('%j -> %s', (config, order) => {
    expect(sweepMetricOrder(config)).toBe(order);
  });

  it.each([{}, { metric: {} }, { metric: { name: '' } }, { metric: 'loss' }, { metric: { name: 3 } }])(
    'is undefined without a metric name: %j',
    (config) => {
      expect(sweepMetricOrder(config)).toBeUndefined();
    },
  );
});

describe('project.sweeps', () => {
  it('pages through every sweep with the project total, without fetching sweeps one by one', async () => {
    const project = await api.project('alice/hpo');
    emu.clearRequests();
    const sweeps = project.sweeps({ perPage: 3 });
    const all = await sweeps.toArray();
    expect(all.map((s) => s.id)).toEqual(['swpmin01', 'swpmax01', 'swpnone1', 'swpempty']);
    expect(all[1]!.name).toBe('accuracy hunt');
    for (const sweep of all) expect(sweep).toBeInstanceOf(Sweep);
    expect(all[0]!.config.metric).toEqual({ name: 'loss', goal: 'minimize' });
    expect(all[0]!.runCount).toBe(12);
    expect(graphqlCalls(emu, 'ProjectSweeps')).toBe(2);
    expect(graphqlCalls(emu, 'SweepDetail')).toBe(0);
    expect(await sweeps.totalCount()).toBe(4);
  });

  it('counts without listing, resumes from a cursor and lists its runs', async () => {
    const project = await api.project('alice/hpo');
    const fresh = project.sweeps();
    expect(await fresh.totalCount()).toBe(4);
    const first = project.sweeps({ perPage: 2 });
    expect((await first.toArray({ limit: 2 })).map((s) => s.id)).toEqual(['swpmin01', 'swpmax01']);
    const rest = await project.sweeps({ start: first.cursor }).toArray();
    expect(rest.map((s) => s.id)).toEqual(['swpnone1', 'swpempty']);
    const [max] = await project.sweeps({ start: first.cursor, perPage: 1 }).toArray({ limit: 1 });
    expect(max?.id).toBe('swpnone1');
    expect((await rest[0]!.runs.toArray()).map((r) => r.id)).toEqual(['none1']);
  });

  it('is empty, with a total of 0, for a project without sweeps', async () => {
    emu.seed.project({ entity: 'alice', name: 'nosweeps' });
    const project = await api.project('alice/nosweeps');
    expect(await project.sweeps().toArray()).toEqual([]);
    expect(await project.sweeps().totalCount()).toBe(0);
  });

  it('rejects bad options before any request', async () => {
    const project = await api.project('alice/hpo');
    emu.clearRequests();
    expect(() => project.sweeps({ perPage: 0 })).toThrow(ValidationError);
    expect(() => project.sweeps({ start: 5 as unknown as string })).toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('project.sweeps({ filters })', () => {
  /** The `filters` variable of every ProjectSweepsFiltered request, as the server received it. */
  const sentFilters = () =>
    emu.requests.filter((r) => r.operationName === 'ProjectSweepsFiltered').map((r) => r.variables?.filters);

  it('lists only the sweeps the filter selects, filtered on the server, oldest first', async () => {
    const project = await api.project('alice/hpo');
    emu.clearRequests();
    const running = await project.sweeps({ filters: { state: 'RUNNING' } }).toArray();
    expect(running.map((s) => s.id)).toEqual(['swpmin01']);
    expect(running[0]!.runCount).toBe(12);
    const some = await project
      .sweeps({
        filters: { $or: [{ displayName: { $regex: '^accuracy' } }, { name: 'swpempty' }] },
        perPage: 1,
      })
      .toArray();
    expect(some.map((s) => s.id)).toEqual(['swpmax01', 'swpempty']);
    expect(sentFilters()).toEqual([
      '{"state":"RUNNING"}',
      '{"$or":[{"displayName":{"$regex":"^accuracy"}},{"name":"swpempty"}]}',
      '{"$or":[{"displayName":{"$regex":"^accuracy"}},{"name":"swpempty"}]}',
    ]);
    expect(graphqlCalls(emu, 'ProjectSweeps')).toBe(0);
  });

  it('has no totalCount(): the server counts every sweep of the project, so it sends nothing', async () => {
    const project = await api.project('alice/hpo');
    emu.clearRequests();
    const error = await failure(project.sweeps({ filters: { state: 'RUNNING' } }).totalCount());
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error.message).toMatch(/totalSweeps counts all/);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('rejects a bad filter before any request, naming filters', async () => {
    const project = await api.project('alice/hpo');
    emu.clearRequests();
    const bad = { state: { $like: 'RUN%' } } as unknown as SweepFilter;
    expect(() => project.sweeps({ filters: bad })).toThrow(ValidationError);
    expect(() => project.sweeps({ filters: bad })).toThrow(/filters.*unknown operator "\$like"/);
    expect(() => project.sweeps({ filters: 'state=RUNNING' as unknown as SweepFilter })).toThrow(
      ValidationError,
    );
    expect(graphqlCalls(emu)).toBe(0);
  });

  describe('on a server without SWEEPS_QUERY_FILTERING', () => {
    let old: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      old = await setup({ features: { SWEEPS_QUERY_FILTERING: false } });
      old.emu.seed.sweep({ entity: 'alice', project: 'hpo', id: 'oldswp01', state: 'RUNNING', config: {} });
    });
    afterAll(() => old.close());

    it('rejects a filtered listing with UnsupportedError naming the feature, sending no listing', async () => {
      const project = await old.api.project('alice/hpo');
      const error = await failure(project.sweeps({ filters: { state: 'RUNNING' } }).toArray());
      expect(error).toBeInstanceOf(UnsupportedError);
      expect(error.message).toMatch(/Filtering sweeps needs the server feature SWEEPS_QUERY_FILTERING/);
      expect(graphqlCalls(old.emu, 'ProjectSweepsFiltered')).toBe(0);
    });

    it('still lists every sweep without filters', async () => {
      const project = await old.api.project('alice/hpo');
      expect((await project.sweeps().toArray()).map((s) => s.id)).toEqual(['oldswp01']);
      expect(await project.sweeps().totalCount()).toBe(1);
    });

    it('the emulator, like such a server, refuses any document that names Project.sweeps(filters:)', async () => {
      const refused = (res: Awaited<ReturnType<typeof gql>>): void => {
        // A validation error, as for an argument the schema lacks: HTTP 200, only errors, no data.
        expect(res.status).toBe(200);
        expect(res.json).not.toHaveProperty('data');
        expect(res.json.errors?.map((e) => e.message)).toEqual([
          'Unknown argument "filters" on field "Project.sweeps".',
        ]);
      };
      for (const filters of ['"{}"', 'null']) {
        refused(
          await gql(
            old.emu,
            `{ project(name: "hpo", entityName: "alice") { sweeps(filters: ${filters}) { edges { cursor } } } }`,
          ),
        );
      }
      const byVariable = `query Q($filters: JSONString) {
        project(name: "hpo", entityName: "alice") { sweeps(filters: $filters) { edges { cursor } } }
      }`;
      for (const filters of ['{}', null]) refused(await gql(old.emu, byVariable, { filters }));
      refused(await gql(old.emu, byVariable));
    });
  });
});

describe('emulator: the sweep filter key', () => {
  it('matches a sweep by its id and by its global id (what Sweep.id is in GraphQL)', async () => {
    const byName = await api.runs('alice/hpo', { filters: { sweep: 'swpmin01' } }).toArray();
    const byStorageId = await api.runs('alice/hpo', { filters: { sweep: minStorageId } }).toArray();
    expect(byName.map((r) => r.id)).toEqual(MIN_RUNS);
    expect(byStorageId.map((r) => r.id)).toEqual(MIN_RUNS);
    const inList = await api.runs('alice/hpo', { filters: { sweep: { $in: [minStorageId, 'swpnone1'] } } });
    expect(await inList.totalCount()).toBe(13);
  });

  it('excludes by either identifier with $ne and $nin, and compares the id for $regex', async () => {
    const others = async (filters: RunsOptions['filters']) =>
      (await api.runs('alice/hpo', { filters }).toArray()).map((r) => r.id).sort();
    const outside = ['loner', 'max1', 'max2', 'max3', 'none1'];
    expect(await others({ sweep: { $ne: minStorageId } })).toEqual(outside);
    expect(await others({ sweep: { $ne: 'swpmin01' } })).toEqual(outside);
    expect(await others({ sweep: { $nin: [minStorageId] } })).toEqual(outside);
    expect(await others({ sweep: { $regex: '^swpm[ai]x' } })).toEqual(['max1', 'max2', 'max3']);
    expect(await others({ sweep: { $regex: `^${minStorageId.slice(0, 4)}` } })).toEqual([]);
  });
});

describe('emulator: seed.sweep', () => {
  it.each([NaN, Infinity])('refuses a bestLoss of %s, which GraphQL cannot send', (bestLoss) => {
    expect(() => emu.seed.sweep({ project: 'seeds', config: {}, bestLoss })).toThrow(/bestLoss/);
  });
});

describe('emulator: Project.sweeps', () => {
  it.each(['order: "+created_at"', 'last: 1', 'before: "x"'])(
    'refuses the unimplemented argument %s',
    async (arg) => {
      const res = await gql(
        emu,
        `{ project(name: "hpo", entityName: "alice") { sweeps(${arg}) { edges { cursor } } } }`,
      );
      expect(res.json.errors?.[0]?.message).toMatch(/does not implement argument Project\.sweeps/);
    },
  );
});
