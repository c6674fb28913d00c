import { describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  NotFoundError,
  Run,
  RunNotLoadedError,
  ValidationError,
  type RunFilter,
} from '../../src/index.js';
import { RUNS, seedMnist } from '../support/fixtures.js';
import { graphqlCalls, setup, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  seedMnist(emu);
});

const ids = (runs: readonly Run[]) => runs.map((r) => r.id);
const list = (filters?: RunFilter, order?: string) =>
  api.runs('alice/mnist', { filters, order, perPage: 2 }).toArray();

describe('api.runs filters (one per operator, evaluated by the server)', () => {
  const cases: Array<[string, RunFilter, string[]]> = [
    ['literal', { state: 'finished' }, ['run00001', 'run00002', 'run00005']],
    ['$eq', { state: { $eq: 'crashed' } }, ['run00003']],
    ['$ne', { state: { $ne: 'finished' } }, ['run00003', 'run00004']],
    ['$gt', { 'config.lr': { $gt: 0.01 } }, ['run00001', 'run00004', 'run00005']],
    ['$gte', { 'config.lr': { $gte: 0.01 } }, ['run00001', 'run00002', 'run00004', 'run00005']],
    ['$lt', { 'summary_metrics.accuracy': { $lt: 0.9 } }, ['run00002', 'run00003']],
    ['$lte', { 'summary_metrics.accuracy': { $lte: 0.91 } }, ['run00001', 'run00002', 'run00003']],
    ['$in', { 'config.optimizer': { $in: ['sgd', 'adamw'] } }, ['run00002', 'run00004']],
    ['$nin', { state: { $nin: ['finished', 'running'] } }, ['run00003']],
    ['$exists true', { 'summary_metrics.loss': { $exists: true } }, ['run00001', 'run00002', 'run00005']],
    ['$exists false', { 'summary_metrics.loss': { $exists: false } }, ['run00003', 'run00004']],
    ['$regex', { displayName: { $regex: '^(al|ga)' } }, ['run00001', 'run00003']],
    ['$and', { $and: [{ state: 'finished' }, { 'config.optimizer': 'adam' }] }, ['run00001', 'run00005']],
    ['$or', { $or: [{ state: 'crashed' }, { tags: 'best' }] }, ['run00003', 'run00005']],
    ['$nor', { $nor: [{ state: 'finished' }, { group: 'g2' }] }, ['run00004']],
    ['tags membership', { tags: 'baseline' }, ['run00001', 'run00002']],
    ['config.<k>.value form', { 'config.lr.value': 0.1 }, ['run00001', 'run00005']],
    // What the official client sends for the app's unfiltered run set: every run.
    ['$and: [] (every run)', { $and: [] }, ['run00001', 'run00002', 'run00003', 'run00004', 'run00005']],
    [
      '$or holding $and: [] (every run)',
      { $or: [{ $and: [] }, { state: 'crashed' }] },
      ['run00001', 'run00002', 'run00003', 'run00004', 'run00005'],
    ],
  ];
  for (const [name, filters, expected] of cases) {
    it(`${name}: ${JSON.stringify(filters)}`, async () => {
      const runs = api.runs('alice/mnist', { filters, perPage: 2 });
      expect(ids(await runs.toArray())).toEqual(expected);
      expect(await runs.totalCount()).toBe(expected.length);
    });
  }

  it('sends the filter as a JSON string', async () => {
    emu.clearRequests();
    api.flush();
    await api.runs('alice/mnist', { filters: { state: 'running' } }).toArray();
    const req = emu.requests.find((r) => r.operationName === 'RunsPage');
    expect(req?.variables?.filters).toBe('{"state":"running"}');
  });

  it('rejects an unknown operator before any request', async () => {
    emu.clearRequests();
    api.flush();
    expect(() =>
      api.runs('alice/mnist', { filters: { state: { $like: 'fin%' } } as unknown as RunFilter }),
    ).toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('api.runs order', () => {
  it('defaults to creation order', async () => {
    expect(ids(await list())).toEqual(RUNS.map((r) => r.id));
  });
  it('orders descending by a summary metric, runs without it last', async () => {
    expect(ids(await list(undefined, '-summary_metrics.accuracy'))).toEqual([
      'run00005',
      'run00001',
      'run00002',
      'run00003',
      'run00004',
    ]);
  });
  it('orders ascending by a config key, ties by creation', async () => {
    expect(ids(await list(undefined, '+config.lr'))).toEqual([
      'run00003',
      'run00002',
      'run00004',
      'run00001',
      'run00005',
    ]);
    expect(ids(await list(undefined, 'config.lr.value'))).toEqual(ids(await list(undefined, '+config.lr')));
  });
  it('orders by created_at descending', async () => {
    expect(ids(await list(undefined, '-created_at'))).toEqual(RUNS.map((r) => r.id).reverse());
  });
  it.each(['NAME', '++x', 'x desc', ''])('rejects order %j at once, before any request', async (order) => {
    await api.runs('alice/mnist', { perPage: 1 }).first(); // the runs code has loaded (see below for before)
    emu.clearRequests();
    api.flush();
    expect(() => api.runs('alice/mnist', { order })).toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('a listing made before the runs code has loaded', () => {
  // A fresh copy of the package: no listing of it has loaded the runs code (runs-impl.ts) yet.
  const fresh = async (): Promise<{ api: Api; ValidationError: typeof ValidationError }> => {
    vi.resetModules();
    const pkg = await import('../../src/index.js');
    return {
      api: new pkg.Api({ baseUrl: emu.url, apiKey: emu.apiKey }),
      ValidationError: pkg.ValidationError,
    };
  };

  it('checks the cheap options at once, the filter and order on the first call, before any request', async () => {
    const { api: cold, ValidationError: ColdValidationError } = await fresh();
    emu.clearRequests();
    expect(() => cold.runs('alice/mnist', { perPage: 0 })).toThrow(ColdValidationError);
    expect(() => cold.runs('alice/mnist', { lazy: 'yes' as never })).toThrow(ColdValidationError);
    const badOrder = cold.runs('alice/mnist', { order: 'x desc' });
    const badFilter = cold.runs('alice/mnist', {
      filters: { state: { $like: 'x' } } as unknown as RunFilter,
    });
    const histories = badFilter.histories({ concurrency: 0 })[Symbol.asyncIterator]();
    await expect(badOrder.toArray()).rejects.toBeInstanceOf(ColdValidationError);
    await expect(badOrder.first()).rejects.toMatchObject({ parameter: 'order' });
    await expect(badFilter.totalCount()).rejects.toMatchObject({ parameter: 'filters' });
    await expect(histories.next()).rejects.toMatchObject({ parameter: 'concurrency' });
    expect(graphqlCalls(emu)).toBe(0);
    // the order is normalized at once all the same; once loaded, a new listing checks everything at once
    const good = cold.runs('alice/mnist', { order: ' config.lr ', perPage: 2 });
    expect(good.order).toBe('+config.lr');
    expect(ids(await good.toArray())).toEqual(ids(await list(undefined, '+config.lr')));
    expect(() => cold.runs('alice/mnist', { order: 'x desc' })).toThrow(ColdValidationError);
    expect(() => badFilter.histories({ concurrency: 0 })).toThrow(ColdValidationError);
  });
});

describe('api.runs pagination', () => {
  it.each([1, 2, 50])('perPage %i returns every run once, in order', async (perPage) => {
    emu.clearRequests();
    api.flush();
    const runs = await api.runs('alice/mnist', { perPage }).toArray();
    expect(ids(runs)).toEqual(RUNS.map((r) => r.id));
    expect(graphqlCalls(emu, 'RunsPage')).toBe(Math.ceil(RUNS.length / perPage));
  });

  it('sends perPage as `first` and stops at the last page', async () => {
    emu.clearRequests();
    api.flush();
    const pages: string[][] = [];
    for await (const page of api.runs('alice/mnist', { perPage: 2 }).pages()) pages.push(ids(page));
    expect(pages).toEqual([['run00001', 'run00002'], ['run00003', 'run00004'], ['run00005']]);
    expect(
      emu.requests.filter((r) => r.operationName === 'RunsPage').map((r) => r.variables?.perPage),
    ).toEqual([2, 2, 2]);
  });

  it('totalCount is the server count for the filter', async () => {
    expect(await api.runs('alice/mnist').totalCount()).toBe(5);
    expect(await api.runs('alice/mnist', { filters: { group: 'g2' } }).totalCount()).toBe(2);
    expect(await api.runs('alice/empty').totalCount()).toBe(0);
    expect(await api.runs('alice/empty').toArray()).toEqual([]);
  });

  it('resumes from a cursor', async () => {
    const first = api.runs('alice/mnist', { perPage: 2 });
    for await (const page of first.pages()) {
      expect(ids(page)).toEqual(['run00001', 'run00002']);
      break;
    }
    expect(first.cursor).toEqual(expect.any(String));
    const rest = await api.runs('alice/mnist', { perPage: 2, start: first.cursor }).toArray();
    expect(ids(rest)).toEqual(['run00003', 'run00004', 'run00005']);
  });

  it('toArray({ limit }) and first() fetch no more than needed', async () => {
    emu.clearRequests();
    api.flush();
    expect(ids(await api.runs('alice/mnist', { perPage: 2 }).toArray({ limit: 3 }))).toEqual([
      'run00001',
      'run00002',
      'run00003',
    ]);
    expect(graphqlCalls(emu, 'RunsPage')).toBe(2);
    expect((await api.runs('alice/mnist', { order: '-summary_metrics.accuracy' }).first())?.id).toBe(
      'run00005',
    );
  });

  it('pages across a large project with no duplicates or gaps', async () => {
    const demo = await setup({ seed: 'demo' });
    try {
      const project = (await demo.api.projects().toArray())[0]!;
      const all = await project.runs({ perPage: 50, lazy: true }).toArray();
      const byOne = await project.runs({ perPage: 7, lazy: true }).toArray();
      expect(all.length).toBe(await project.runs().totalCount());
      expect(all.length).toBeGreaterThan(50);
      expect(new Set(ids(all)).size).toBe(all.length);
      expect(ids(byOne)).toEqual(ids(all));
    } finally {
      await demo.close();
    }
  });

  it('rejects a bad perPage before any request', () => {
    for (const perPage of [0, -1, 1.5, Number.NaN]) {
      expect(() => api.runs('alice/mnist', { perPage })).toThrow(ValidationError);
    }
  });

  it('a missing project is a NotFoundError', async () => {
    await expect(api.runs('alice/nope').toArray()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('Run objects', () => {
  it('unwraps config values and drops _wandb', async () => {
    const run = await api.run('alice/mnist/run00001');
    expect(run.config).toEqual({ lr: 0.1, optimizer: 'adam', batch_size: 32 });
    const beta = await api.run('alice/mnist/run00002');
    expect(beta.config.layers).toEqual({ sizes: [64, 32] });
  });

  it('exposes the documented attributes', async () => {
    const run = await api.run('alice/mnist/run00005');
    expect(run).toBeInstanceOf(Run);
    expect(run.constructor.name).toBe('Run');
    for (const listed of await api.runs('alice/mnist', { lazy: true }).toArray())
      expect(listed).toBeInstanceOf(Run);
    expect(run.id).toBe('run00005');
    expect(run.name).toBe('epsilon');
    expect(run.storageId).not.toBe('run00005');
    expect(run.entity).toBe('alice');
    expect(run.project).toBe('mnist');
    expect(run.path).toEqual(['alice', 'mnist', 'run00005']);
    expect(run.state).toBe('finished');
    expect(run.tags).toEqual(['best']);
    expect(run.notes).toBe('the good one');
    expect(run.group).toBe('g2');
    expect(run.summary).toMatchObject({ accuracy: 0.95, loss: 0.1 });
    expect(run.systemMetrics).toMatchObject({ 'system.gpu.0.gpu': 87.5 });
    expect(run.historyKeys.lastStep).toBe(-1);
    expect(run.historyLineCount).toBe(0);
    expect(run.createdAt?.toISOString()).toBe('2024-01-05T00:00:00.000Z');
    expect(run.readOnly).toBe(false);
    expect(run.user?.username).toBe('alice');
    expect(run.url).toBe(`${api.appUrl}/alice/mnist/runs/run00005`);
  });

  it('lazy runs need load() for heavy fields, and load() fetches once', async () => {
    const runs = await api.runs('alice/mnist', { lazy: true }).toArray();
    const run = runs.find((r) => r.id === 'run00001')!;
    expect(run.loaded).toBe(false);
    expect(run.name).toBe('alpha');
    expect(() => run.config).toThrow(RunNotLoadedError);
    expect(() => run.summary).toThrow(/load\(\)/);
    emu.clearRequests();
    api.flush();
    await run.load();
    await run.load();
    expect(graphqlCalls(emu, 'RunDetail')).toBe(1);
    expect(run.config.lr).toBe(0.1);
    expect(run.summary.accuracy).toBe(0.91);
  });

  it('non-lazy listings carry heavy fields without extra requests', async () => {
    emu.clearRequests();
    api.flush();
    const runs = await api.runs('alice/mnist', { perPage: 50 }).toArray();
    expect(runs.every((r) => r.loaded)).toBe(true);
    expect(runs[0]!.config.optimizer).toBe('adam');
    expect(graphqlCalls(emu, 'RunDetail')).toBe(0);
  });

  it('a missing run is a NotFoundError', async () => {
    await expect(api.run('alice/mnist/nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.run('alice/nope/run00001')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('cancellation', () => {
  it.each([
    ['without prefetch: no second page is asked for', false, 1],
    ['with prefetch: at most the page fetched ahead, which the abort cancels', true, 2],
  ])('an aborted signal stops a listing before the next page, %s', async (_name, prefetch, maxCalls) => {
    const controller = new AbortController();
    emu.clearRequests();
    api.flush();
    const seen: string[] = [];
    const listing = (async () => {
      for await (const run of api.runs('alice/mnist', { perPage: 2, signal: controller.signal, prefetch })) {
        seen.push(run.id);
        if (seen.length === 2) controller.abort(new Error('user gave up'));
      }
    })();
    await expect(listing).rejects.toThrow('user gave up');
    expect(seen).toEqual(['run00001', 'run00002']);
    const calls = graphqlCalls(emu, 'RunsPage');
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(maxCalls);
  });
});
