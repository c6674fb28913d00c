// QueryGenerator (Q) end to end: filters and orders built with Q select and sort runs through api.runs()
// against the emulator over HTTP, and what goes on the wire is exactly what Q built.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Q, QueryGenerator, type Api, type Run, type RunFilter } from '../../src/index.js';
import { useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

const PROJECT = 'qg';
const PATH = `alice/${PROJECT}`;

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  const sweep = emu.seed.sweep({ project: PROJECT, id: 'swp00001', config: { method: 'grid' } });
  const runs = [
    {
      id: 'qg000001',
      displayName: 'resnet-a',
      state: 'finished',
      config: { lr: 0.1, optimizer: 'adam', model: { depth: 50 } },
      summary: { loss: 0.3, acc: 0.91, _runtime: 100, 'eval/f1': 0.7 },
      tags: ['baseline', 'best'],
      group: 'g1',
      jobType: 'train',
      host: 'gpu-1',
      createdAt: '2024-01-01T00:00:00Z',
    },
    {
      id: 'qg000002',
      displayName: 'resnet-b',
      state: 'finished',
      config: { lr: 0.01, optimizer: 'sgd', model: { depth: 18 } },
      summary: { loss: 0.8, acc: 0.8, _runtime: 4000, 'eval/f1': 0.9 },
      tags: ['baseline'],
      group: 'g1',
      jobType: 'train',
      host: 'gpu-2',
      user: 'bob',
      createdAt: '2024-01-02T00:00:00Z',
    },
    {
      id: 'qg000003',
      displayName: 'vit-a',
      state: 'crashed',
      config: { lr: 0.001, optimizer: 'adam' },
      summary: { loss: 2.5, _runtime: 50 },
      tags: [],
      group: 'g2',
      jobType: 'eval',
      host: 'cpu-1',
      sweep: sweep.id,
      createdAt: '2024-01-03T00:00:00Z',
    },
    {
      id: 'qg000004',
      displayName: 'vit-b',
      state: 'running',
      config: { lr: 0.05, optimizer: 'adamw' },
      summary: {},
      tags: ['wip'],
      createdAt: '2024-01-04T00:00:00Z',
    },
    {
      id: 'qg000005',
      displayName: 'mlp',
      state: 'failed',
      config: { lr: 0.2, optimizer: 'adam' },
      summary: { loss: 1.2, acc: 0.5, _runtime: 7200 },
      tags: ['debug'],
      group: 'g2',
      jobType: 'train',
      host: 'gpu-1',
      createdAt: '2024-01-05T00:00:00Z',
    },
  ];
  for (const run of runs) emu.seed.run({ project: PROJECT, ...run });
});

const ids = (runs: readonly Run[]) => runs.map((r) => r.id.replace('qg00000', 'r'));
const select = async (filters?: RunFilter, order?: string): Promise<string[]> => {
  const runs = api.runs(PATH, { filters, order, perPage: 2 });
  const found = ids(await runs.toArray());
  expect(await runs.totalCount()).toBe(found.length);
  return found;
};

describe('filters built with Q select the expected runs', () => {
  const cases: Array<[string, () => RunFilter, string[]]> = [
    ['config gt', () => Q.config('lr').gt(0.01), ['r1', 'r4', 'r5']],
    ['config eq', () => Q.config('lr').eq(0.1), ['r1']],
    ['config lte', () => Q.config('lr').lte(0.01), ['r2', 'r3']],
    ['config nested gte', () => Q.config('model.depth').gte(50), ['r1']],
    ['config nested exists false', () => Q.config('model.depth').exists(false), ['r3', 'r4', 'r5']],
    ['config in', () => Q.config('optimizer').in(['sgd', 'adamw']), ['r2', 'r4']],
    ['config regex', () => Q.config('optimizer').regex(/^adam/), ['r1', 'r3', 'r4', 'r5']],
    ['summary lt', () => Q.summary('loss').lt(1), ['r1', 'r2']],
    ['summary exists false', () => Q.summary('acc').exists(false), ['r3', 'r4']],
    ['summary ne', () => Q.summary('acc').ne(0.8), ['r1', 'r3', 'r4', 'r5']],
    ['state in', () => Q.state.in(['finished']), ['r1', 'r2']],
    ['state nin', () => Q.state.nin(['finished', 'running']), ['r3', 'r5']],
    ['state ne', () => Q.state.ne('crashed'), ['r1', 'r2', 'r4', 'r5']],
    ['tags eq (has the tag)', () => Q.tags.eq('baseline'), ['r1', 'r2']],
    ['tags in (has any)', () => Q.tags.in(['best', 'wip']), ['r1', 'r4']],
    ['tags nin (has none)', () => Q.tags.nin(['baseline']), ['r3', 'r4', 'r5']],
    ['tags regex', () => Q.tags.regex(/^de/), ['r5']],
    ['displayName regex', () => Q.displayName.regex('^resnet'), ['r1', 'r2']],
    ['displayName gt', () => Q.displayName.gt('resnet-z'), ['r3', 'r4']],
    ['group eq null', () => Q.group.eq(null), ['r4']],
    ['group exists false', () => Q.group.exists(false), ['r4']],
    ['group ne null', () => Q.group.ne(null), ['r1', 'r2', 'r3', 'r5']],
    ['jobType in with null', () => Q.jobType.in(['eval', null]), ['r3', 'r4']],
    ['host regex', () => Q.host.regex('^gpu-'), ['r1', 'r2', 'r5']],
    ['name in', () => Q.name.in(['qg000002', 'qg000004']), ['r2', 'r4']],
    ['username', () => Q.username.eq('bob'), ['r2']],
    ['sweep', () => Q.sweep.eq('swp00001'), ['r3']],
    ['duration gt', () => Q.duration.gt(1000), ['r2', 'r5']],
    ['duration lt', () => Q.duration.lt(60), ['r3', 'r4']],
    ['createdAt gte Date', () => Q.createdAt.gte(new Date('2024-01-03T00:00:00Z')), ['r3', 'r4', 'r5']],
    ['createdAt lt ISO string', () => Q.createdAt.lt('2024-01-02T12:00:00Z'), ['r1', 'r2']],
    ['createdAt in', () => Q.createdAt.in([new Date('2024-01-02T00:00:00Z'), '2024-01-04']), ['r2', 'r4']],
    ['heartbeatAt gt', () => Q.heartbeatAt.gt('2024-01-05T01:00:00Z'), ['r5']],
    ['run(column)', () => Q.run('jobType').eq('eval'), ['r3']],
    ['and', () => Q.and(Q.state.eq('finished'), Q.config('optimizer').eq('adam')), ['r1']],
    [
      'and on one field (a range)',
      () => Q.and(Q.summary('loss').gte(0.8), Q.summary('loss').lte(2.5)),
      ['r2', 'r3', 'r5'],
    ],
    [
      'or with a nested and',
      () => Q.or(Q.state.eq('crashed'), Q.and(Q.tags.eq('baseline'), Q.summary('loss').gt(0.5))),
      ['r2', 'r3'],
    ],
    ['nor', () => Q.nor(Q.state.eq('finished'), Q.group.eq('g2')), ['r4']],
    ['not', () => Q.not(Q.tags.eq('baseline')), ['r3', 'r4', 'r5']],
    [
      'and of or and not',
      () => Q.and(Q.or(Q.state.eq('finished'), Q.state.eq('failed')), Q.not(Q.config('optimizer').eq('sgd'))),
      ['r1', 'r5'],
    ],
    [
      'Q mixed with a hand-written filter',
      () => Q.and({ state: 'finished' }, Q.createdAt.gt(new Date('2024-01-01T12:00:00Z'))),
      ['r2'],
    ],
  ];
  for (const [name, build, expected] of cases) {
    it(`${name}: ${JSON.stringify(build())}`, async () => {
      expect(await select(build())).toEqual(expected);
    });
  }

  it('sends exactly the JSON Q built, and the server paths map back to the UI keys', async () => {
    const filters = Q.and(Q.config('lr').gt(0.01), Q.summary('loss').lt(1), Q.createdAt.gte(new Date(0)));
    const order = Q.summary('loss').desc();
    emu.clearRequests();
    api.flush();
    expect(ids(await api.runs(PATH, { filters, order }).toArray())).toEqual(['r1']);
    const request = emu.requests.find((r) => r.operationName === 'RunsPage');
    expect(request?.variables?.filters).toBe(
      '{"$and":[{"config.lr.value":{"$gt":0.01}},{"summary_metrics.loss":{"$lt":1}},' +
        '{"createdAt":{"$gte":"1970-01-01T00:00:00.000Z"}}]}',
    );
    expect(request?.variables?.order).toBe('-summary_metrics.loss');
    const sent = JSON.parse(String(request?.variables?.filters)) as { $and: Record<string, unknown>[] };
    const keys = sent.$and.flatMap((f) => Object.keys(f)).map((path) => QueryGenerator.serverPathToKey(path));
    expect(keys).toEqual(['config.lr', 'summary.loss', 'run.createdAt']);
  });

  it('builds filters from UI keys with keyToServerPath', async () => {
    const fromUi = (key: string, op: '$gt' | '$lt', value: number): RunFilter =>
      ({ [Q.keyToServerPath(key)]: { [op]: value } }) as RunFilter;
    expect(await select(fromUi('config.lr', '$gt', 0.01))).toEqual(['r1', 'r4', 'r5']);
    expect(await select(fromUi('config.model.depth', '$lt', 20))).toEqual(['r2']);
    expect(await select(fromUi('summary.loss', '$gt', 1))).toEqual(['r3', 'r5']);
    expect(await select(fromUi('run.duration', '$gt', 5000))).toEqual(['r5']);
  });
});

describe('orders built with Q sort the runs', () => {
  const cases: Array<[string, () => string, RunFilter | undefined, string[]]> = [
    ['config desc', () => Q.config('lr').desc(), undefined, ['r5', 'r1', 'r4', 'r2', 'r3']],
    ['config asc', () => Q.config('lr').asc(), undefined, ['r3', 'r2', 'r4', 'r1', 'r5']],
    [
      'nested config asc',
      () => Q.config('model.depth').asc(),
      Q.config('model.depth').exists(),
      ['r2', 'r1'],
    ],
    [
      'summary asc, runs without it last',
      () => Q.summary('loss').asc(),
      undefined,
      ['r1', 'r2', 'r5', 'r3', 'r4'],
    ],
    ['summary desc', () => Q.summary('acc').desc(), Q.summary('acc').exists(), ['r1', 'r2', 'r5']],
    [
      'summary key with a "/" (as W&B metrics are often named)',
      () => Q.summary('eval/f1').desc(),
      Q.summary('eval/f1').gt(0),
      ['r2', 'r1'],
    ],
    ['createdAt desc', () => Q.createdAt.desc(), undefined, ['r5', 'r4', 'r3', 'r2', 'r1']],
    ['heartbeatAt asc', () => Q.heartbeatAt.asc(), undefined, ['r1', 'r2', 'r3', 'r4', 'r5']],
    ['displayName asc', () => Q.displayName.asc(), undefined, ['r5', 'r1', 'r2', 'r3', 'r4']],
    ['duration desc', () => Q.duration.desc(), undefined, ['r5', 'r2', 'r1', 'r3', 'r4']],
    ['name desc', () => Q.name.desc(), undefined, ['r5', 'r4', 'r3', 'r2', 'r1']],
    ['jobType asc (filtered)', () => Q.jobType.asc(), Q.jobType.ne('train'), ['r3', 'r4']],
    ['state asc (filtered)', () => Q.state.asc(), Q.state.ne('finished'), ['r3', 'r5', 'r4']],
    [
      'keyToOrder from a UI key',
      () => Q.keyToOrder('summary.loss', false),
      undefined,
      ['r3', 'r5', 'r2', 'r1', 'r4'],
    ],
    [
      'keyToOrder on a run column',
      () => Q.keyToOrder('run.createdAt', false),
      undefined,
      ['r5', 'r4', 'r3', 'r2', 'r1'],
    ],
  ];
  for (const [name, build, filters, expected] of cases) {
    it(`${name}: ${build()}`, async () => {
      expect(await select(filters, build())).toEqual(expected);
    });
  }

  it('orderToKey reads back the order a listing applies', async () => {
    const runs = api.runs(PATH, { order: Q.config('lr').desc() });
    expect(runs.order).toBe('-config.lr.value');
    const { key, ascending } = Q.orderToKey(runs.order);
    expect({ key, ascending }).toEqual({ key: 'config.lr', ascending: false });
    // Flip the direction through the UI key and list again.
    expect(ids(await api.runs(PATH, { order: Q.keyToOrder(key, !ascending) }).toArray())).toEqual([
      'r3',
      'r2',
      'r4',
      'r1',
      'r5',
    ]);
  });
});
