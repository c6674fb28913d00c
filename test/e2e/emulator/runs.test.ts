// Runs over real HTTP: listing (filters, orders, counts, cursors), paging over the demo seed, and
// the upsertBucket / deleteRun writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { globalId, parseGlobalId } from '../../../src/emulator/graphql/ids.js';
import { data, errorMessages, gql, KEY, RUNS_QUERY, type RunsPage } from '../../support/emulator-http.js';
import { useEmulator } from '../../support/helpers.js';

const UPSERT_BUCKET = `mutation B($input: UpsertBucketInput!) {
  upsertBucket(input: $input) {
    inserted
    bucket { id name displayName state tags notes description group jobType sweepName commit host config summaryMetrics user { username } }
  }
}`;

const DELETE_RUN = `mutation D($id: ID!, $deleteArtifacts: Boolean) {
  deleteRun(input: { id: $id, deleteArtifacts: $deleteArtifacts }) { clientMutationId }
}`;

interface Bucket {
  id: string;
  name: string;
  displayName: string | null;
  state: string;
  tags: string[];
  notes: string | null;
  description: string | null;
  group: string | null;
  jobType: string | null;
  sweepName: string | null;
  commit: string | null;
  host: string | null;
  config: string;
  summaryMetrics: string;
  user: { username: string } | null;
}
interface BucketResult {
  upsertBucket: { inserted: boolean; bucket: Bucket };
}

describe('emulator: runs', () => {
  let emu: Emulator;
  const runs = async (filters?: unknown, order?: string, perPage = 100): Promise<string[]> => {
    const d = await data<RunsPage>(emu, RUNS_QUERY, {
      entity: 'alice',
      project: 'runs',
      filters:
        filters === undefined ? undefined : typeof filters === 'string' ? filters : JSON.stringify(filters),
      order,
      perPage,
    });
    expect(d.project.runs.totalCount).toBe(d.project.runCount);
    return d.project.runs.edges.map((e) => e.node.name);
  };
  const runsError = async (variables: Record<string, unknown>): Promise<string | undefined> => {
    const res = await gql(emu, RUNS_QUERY, { entity: 'alice', project: 'runs', ...variables });
    expect(res.status).toBe(200);
    return res.json.errors?.[0]?.message;
  };

  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    const base = { entity: 'alice', project: 'runs' };
    emu.seed.run({
      ...base,
      id: 'r1',
      displayName: 'alpha',
      state: 'finished',
      config: { lr: 0.1, optimizer: 'adam', dropout: 0.1 },
      summary: { accuracy: 0.9, loss: 0.2 },
      tags: ['baseline', 'best'],
      group: 'g1',
      jobType: 'train',
      sweep: 'sw1',
      createdAt: '2024-01-01T00:00:00Z',
    });
    emu.seed.run({
      ...base,
      id: 'r2',
      displayName: 'beta',
      state: 'running',
      config: { lr: 0.01, optimizer: 'sgd' },
      summary: { accuracy: 0.7 },
      tags: ['baseline'],
      group: 'g1',
      jobType: 'eval',
      createdAt: new Date('2024-01-02T00:00:00Z'),
    });
    emu.seed.run({
      ...base,
      id: 'r3',
      displayName: 'gamma',
      state: 'crashed',
      config: { lr: { value: 0.001, desc: 'learning rate' }, optimizer: 'adamw', dropout: 0.3 },
      summary: { accuracy: 0.8, loss: 0.5 },
      jobType: 'train',
      user: 'bob',
      createdAt: '2024-01-03T00:00:00Z',
    });
    emu.seed.run({
      ...base,
      id: 'r4',
      displayName: 'delta',
      state: 'failed',
      config: { lr: 0.1, optimizer: 'adam' },
      tags: ['debug'],
      group: 'g2',
      createdAt: '2024-01-04T00:00:00Z',
    });
    emu.seed.run({
      ...base,
      id: 'r5',
      displayName: 'epsilon',
      state: 'finished',
      config: { lr: 0.0001, optimizer: 'sgd', dropout: 0.5 },
      summary: { accuracy: 0.95, loss: 0.1 },
      tags: ['best'],
      group: 'g2',
      createdAt: '2024-01-05T00:00:00Z',
    });
  });
  afterAll(() => emu.close());

  it('answers run fields, wrapping plain config values like the server', async () => {
    const d = await data<{ project: { id: string; run: Record<string, unknown> } }>(
      emu,
      `{ project(name: "runs", entityName: "alice") { id run(name: "r3") {
          id projectId name displayName state tags notes description group jobType sweepName commit host readOnly
          createdAt updatedAt heartbeatAt historyLineCount config summaryMetrics systemMetrics historyKeys
          user { username } project { name }
      } } }`,
    );
    const run = d.project.run;
    expect(Buffer.from(String(run.id), 'base64').toString()).toMatch(/^Run:\d+$/);
    expect(Buffer.from(d.project.id, 'base64').toString()).toBe(`Project:${String(run.projectId)}`);
    expect(run).toMatchObject({
      name: 'r3',
      displayName: 'gamma',
      state: 'crashed',
      tags: [],
      notes: null,
      group: null,
      jobType: 'train',
      sweepName: null,
      readOnly: false,
      createdAt: '2024-01-03T00:00:00Z',
      historyLineCount: 0,
      historyKeys: { keys: {}, lastStep: -1 },
      user: { username: 'bob' },
      project: { name: 'runs' },
    });
    expect(JSON.parse(String(run.config))).toEqual({
      lr: { value: 0.001, desc: 'learning rate' },
      optimizer: { value: 'adamw', desc: null },
      dropout: { value: 0.3, desc: null },
    });
    expect(JSON.parse(String(run.summaryMetrics))).toEqual({ accuracy: 0.8, loss: 0.5 });
    expect(JSON.parse(String(run.systemMetrics))).toEqual({});
  });

  it('answers run(name) with null for a missing run', async () => {
    const d = await data(emu, '{ project(name: "runs", entityName: "alice") { run(name: "nope") { id } } }');
    expect(d).toEqual({ project: { run: null } });
  });

  it('lists runs by creation time by default, with totalCount and runCount', async () => {
    expect(await runs()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(await runs({})).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    const d = await data<RunsPage>(emu, RUNS_QUERY, {
      entity: 'alice',
      project: 'runs',
      filters: JSON.stringify({ state: 'finished' }),
      perPage: 1,
    });
    expect(d.project.runCount).toBe(2);
    expect(d.project.runs.totalCount).toBe(2);
    expect(d.project.runs.edges).toHaveLength(1);
  });

  it.each([
    ['implicit equality', { state: 'finished' }, ['r1', 'r5']],
    ['$eq', { state: { $eq: 'finished' } }, ['r1', 'r5']],
    ['$ne', { state: { $ne: 'finished' } }, ['r2', 'r3', 'r4']],
    ['$gt', { 'config.lr': { $gt: 0.01 } }, ['r1', 'r4']],
    ['$gte', { 'config.lr': { $gte: 0.01 } }, ['r1', 'r2', 'r4']],
    ['$lt', { 'summary_metrics.accuracy': { $lt: 0.8 } }, ['r2']],
    ['$lte', { 'summary_metrics.accuracy': { $lte: 0.8 } }, ['r2', 'r3']],
    ['$in', { state: { $in: ['crashed', 'failed'] } }, ['r3', 'r4']],
    ['$in on tags', { tags: { $in: ['debug', 'nope'] } }, ['r4']],
    ['tag membership', { tags: 'best' }, ['r1', 'r5']],
    ['$nin', { 'config.optimizer': { $nin: ['adam', 'sgd'] } }, ['r3']],
    ['$exists true', { 'config.dropout': { $exists: true } }, ['r1', 'r3', 'r5']],
    ['$exists false', { group: { $exists: false } }, ['r3']],
    ['$exists false on summary', { 'summary_metrics.loss': { $exists: false } }, ['r2', 'r4']],
    ['$regex', { displayName: { $regex: '^(al|ga)' } }, ['r1', 'r3']],
    ['$and', { $and: [{ state: 'finished' }, { 'config.lr': { $lt: 0.01 } }] }, ['r5']],
    ['$or', { $or: [{ state: 'crashed' }, { tags: 'debug' }] }, ['r3', 'r4']],
    ['$nor', { $nor: [{ state: 'finished' }, { state: 'running' }] }, ['r3', 'r4']],
    ['config.X', { 'config.lr': 0.1 }, ['r1', 'r4']],
    ['config.X.value', { 'config.lr.value': 0.1 }, ['r1', 'r4']],
    ['config.X.value with $gt', { 'config.lr.value': { $gt: 0.01 } }, ['r1', 'r4']],
    ['config.X.desc', { 'config.lr.desc': 'learning rate' }, ['r3']],
    ['createdAt', { createdAt: { $gte: '2024-01-03' } }, ['r3', 'r4', 'r5']],
    ['username', { username: 'bob' }, ['r3']],
    ['sweep', { sweep: 'sw1' }, ['r1']],
    ['name', { name: 'r2' }, ['r2']],
    ['jobType', { jobType: 'train' }, ['r1', 'r3']],
    ['snake_case alias', { display_name: 'beta' }, ['r2']],
    ['null matches missing', { group: null }, ['r3']],
  ])('filters with %s', async (_label, filters, expected) => {
    expect(await runs(filters)).toEqual(expected);
  });

  it('answers invalid filters with a clear GraphQL error', async () => {
    expect(await runsError({ filters: 'not json' })).toMatch(/Invalid filters: not JSON/);
    expect(await runsError({ filters: '{"state": {"$size": 1}}' })).toMatch(
      /Unsupported filter operator \$size/,
    );
    expect(await runsError({ filters: '{"$where": "1"}' })).toMatch(/Unsupported filter operator \$where/);
    expect(await runsError({ filters: '{"foo": 1}' })).toMatch(/Unknown run field "foo"/);
    expect(await runsError({ filters: '[1]' })).toMatch(/must be a JSON object/);
    expect(await runsError({ filters: '{"displayName": {"$regex": "("}}' })).toMatch(/Invalid \$regex/);
  });

  it.each([
    ['+summary_metrics.accuracy', ['r2', 'r3', 'r1', 'r5', 'r4']],
    ['-summary_metrics.accuracy', ['r5', 'r1', 'r3', 'r2', 'r4']],
    ['+config.dropout', ['r1', 'r3', 'r5', 'r2', 'r4']],
    ['-config.dropout.value', ['r5', 'r3', 'r1', 'r4', 'r2']],
    ['+created_at', ['r1', 'r2', 'r3', 'r4', 'r5']],
    ['-created_at', ['r5', 'r4', 'r3', 'r2', 'r1']],
    ['-createdAt', ['r5', 'r4', 'r3', 'r2', 'r1']],
    ['display_name', ['r1', 'r2', 'r4', 'r5', 'r3']],
    ['-group', ['r5', 'r4', 'r2', 'r1', 'r3']],
    ['+config.lr', ['r5', 'r3', 'r2', 'r1', 'r4']],
  ])('orders by %s (missing keys last, ties by creation in the same direction)', async (order, expected) => {
    expect(await runs(undefined, order)).toEqual(expected);
  });

  it('answers an invalid order with an error', async () => {
    expect(await runsError({ order: '+bogus_field' })).toMatch(/Unknown run field "bogus_field"/);
  });

  it('rejects invalid cursors, cursors of another order, and negative first', async () => {
    expect(await runsError({ cursor: 'bogus' })).toMatch(/Invalid cursor/);
    const d = await data<RunsPage>(emu, RUNS_QUERY, { entity: 'alice', project: 'runs', perPage: 1 });
    expect(await runsError({ cursor: d.project.runs.pageInfo.endCursor, order: '-created_at' })).toMatch(
      /another ordering/,
    );
    expect(await runsError({ perPage: -1 })).toMatch(/first/);
  });

  it('answers first: 0 with no edges and hasNextPage', async () => {
    const d = await data<RunsPage>(emu, RUNS_QUERY, { entity: 'alice', project: 'runs', perPage: 0 });
    expect(d.project.runs.edges).toEqual([]);
    expect(d.project.runs.pageInfo).toEqual({ endCursor: null, hasNextPage: true });
  });

  it('answers a missing project as null', async () => {
    expect(await data(emu, RUNS_QUERY, { entity: 'alice', project: 'nope' })).toEqual({ project: null });
  });

  it('refuses to seed a duplicate run id', () => {
    expect(() => emu.seed.run({ entity: 'alice', project: 'runs', id: 'r1' })).toThrow(/already exists/);
  });
});

describe('emulator: cursor paging over the demo seed', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
  });
  afterAll(() => emu.close());

  async function collect(
    project: string,
    perPage: number,
    order?: string,
    filters?: string,
  ): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 500; pages++) {
      const d: RunsPage = await data<RunsPage>(emu, RUNS_QUERY, {
        entity: 'alice',
        project,
        perPage,
        cursor,
        order,
        filters,
      });
      const { edges, pageInfo } = d.project.runs;
      expect(edges.length).toBeLessThanOrEqual(perPage);
      names.push(...edges.map((e) => e.node.name));
      if (edges.length > 0) expect(pageInfo.endCursor).toBe(edges[edges.length - 1]?.cursor);
      if (!pageInfo.hasNextPage) return names;
      cursor = pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  it.each([
    [1, undefined],
    [2, '-summary_metrics.accuracy'],
    [7, '+config.dropout'],
  ])('pages with first=%s order=%s over every run exactly once', async (perPage, order) => {
    const all = await collect('image-classification', 1000, order);
    expect(all).toHaveLength(80);
    const paged = await collect('image-classification', perPage, order);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(80);
  });

  it('pages a filtered listing', async () => {
    const filters = JSON.stringify({ state: 'finished', 'config.optimizer': { $in: ['adam', 'adamw'] } });
    const all = await collect('language-model', 1000, '-created_at', filters);
    expect(all.length).toBeGreaterThan(0);
    expect(await collect('language-model', 3, '-created_at', filters)).toEqual(all);
  });

  it('seeds 120+ deterministic runs over several projects and a team', async () => {
    expect(emu.store.runs.size).toBeGreaterThanOrEqual(120);
    const d = await data<{ viewer: { teams: { edges: { node: { name: string } }[] } } }>(
      emu,
      '{ viewer { teams { edges { node { name } } } } }',
    );
    expect(d.viewer.teams.edges.map((e) => e.node.name)).toEqual(['demo-team', 'demo-org']);
    const projects = await data<{ models: { edges: { node: { name: string } }[] } }>(
      emu,
      '{ models(entityName: "alice") { edges { node { name } } } }',
    );
    expect(projects.models.edges.map((e) => e.node.name)).toEqual(['image-classification', 'language-model']);
    const team = await data<{ project: { runCount: number } }>(
      emu,
      '{ project(name: "shared-benchmarks", entityName: "demo-team") { runCount } }',
    );
    expect(team.project.runCount).toBeGreaterThan(0);
    const states = new Set([...emu.store.runs.values()].map((r) => r.state));
    expect([...states].sort()).toEqual(['crashed', 'failed', 'finished', 'running']);
    const optimizers = new Set([...emu.store.runs.values()].map((r) => r.config.optimizer?.value));
    expect(optimizers).toEqual(new Set(['adam', 'sgd', 'adamw', undefined]));

    const again = await startEmulator({ viewer: { username: 'alice' }, seed: 'demo' });
    try {
      const ids = (s: Emulator): string[] =>
        [...s.store.runs.values()].map((r) => `${r.name}:${r.displayName}`);
      expect(ids(again)).toEqual(ids(emu));
    } finally {
      await again.close();
    }
  });
});

describe('emulator: run writes', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice', teams: ['vision-team'] } });
    emu.seed.user({ username: 'mallory' });
  });
  afterAll(() => emu.close());

  /** Seeds a run and returns its stored record too. */
  function seedRun(input: Parameters<Emulator['seed']['run']>[0]) {
    const seeded = emu.seed.run(input);
    const record = emu.store.runs.get(parseGlobalId(seeded.storageId, 'Run') ?? -1);
    if (!record) throw new Error('seeded run missing');
    return { ...seeded, record };
  }
  const errorsOf = (query: string, variables: Record<string, unknown>): Promise<string> =>
    errorMessages(emu, query, variables);

  describe('emulator: upsertBucket', () => {
    describe('by name', () => {
      // An emulator each: the first must find no run "newrun01" in "fresh", the second finds the one it seeds.
      let emu: Emulator;
      useEmulator((ctx) => ({ emu } = ctx), { freshEach: true });

      it('creates a run by name (author viewer, given state, empty config and summary, project created)', async () => {
        const res = await data<BucketResult>(emu, UPSERT_BUCKET, {
          input: { entityName: 'alice', modelName: 'fresh', name: 'newrun01', state: 'running' },
        });
        expect(res.upsertBucket.inserted).toBe(true);
        expect(res.upsertBucket.bucket).toMatchObject({
          name: 'newrun01',
          state: 'running',
          tags: [],
          config: '{}',
          summaryMetrics: '{}',
          user: { username: 'alice' },
        });
        expect(res.upsertBucket.bucket.displayName).toEqual(expect.any(String));
        expect(emu.store.findProject('alice', 'fresh')).toBeDefined();
      });

      it('updates an existing run by name instead of duplicating it', async () => {
        emu.seed.run({ project: 'fresh', id: 'newrun01' });
        const res = await data<BucketResult>(emu, UPSERT_BUCKET, {
          input: { modelName: 'fresh', name: 'newrun01', notes: 'again' },
        });
        expect(res.upsertBucket.inserted).toBe(false);
        expect(res.upsertBucket.bucket.notes).toBe('again');
        const project = emu.store.findProject('alice', 'fresh');
        expect(emu.store.runsOfProject(project?.id ?? -1)).toHaveLength(1);
      });
    });

    it('updates every field by id; config keeps _wandb as sent, summary keeps NaN and Infinity', async () => {
      const { storageId, record } = seedRun({ project: 'edit', config: { lr: 0.1 }, summary: { a: 1 } });
      const before = record.updatedAt;
      const res = await data<BucketResult>(emu, UPSERT_BUCKET, {
        input: {
          id: storageId,
          displayName: 'renamed',
          notes: 'n',
          description: 'd',
          tags: ['x', 'y'],
          groupName: 'g',
          jobType: 'train',
          sweep: 'swp1',
          commit: 'abc',
          host: 'node-1',
          state: 'finished',
          config:
            '{"lr": {"value": 0.2, "desc": null}, "_wandb": {"value": {"t": 1}, "desc": null}, "plain": 3}',
          summaryMetrics: '{"loss": NaN, "best": Infinity, "worst": -Infinity, "s": "NaN"}',
        },
      });
      expect(res.upsertBucket.bucket).toMatchObject({
        displayName: 'renamed',
        notes: 'n',
        description: 'd',
        tags: ['x', 'y'],
        group: 'g',
        jobType: 'train',
        sweepName: 'swp1',
        commit: 'abc',
        host: 'node-1',
        state: 'finished',
        summaryMetrics: '{"loss":NaN,"best":Infinity,"worst":-Infinity,"s":"NaN"}',
      });
      expect(record.config).toEqual({
        lr: { value: 0.2, desc: null },
        _wandb: { value: { t: 1 }, desc: null },
        plain: { value: 3, desc: null },
      });
      expect(record.summary.loss).toBeNaN();
      expect(record.summary.best).toBe(Infinity);
      expect(record.updatedAt >= before).toBe(true);
    });

    it('stores a config key named __proto__ as an own key, answered back', async () => {
      const { storageId, record } = seedRun({ project: 'edit' });
      const res = await data<BucketResult>(emu, UPSERT_BUCKET, {
        input: { id: storageId, config: '{"__proto__": {"value": 1, "desc": null}, "lr": 0.5}' },
      });
      expect(JSON.parse(res.upsertBucket.bucket.config)).toEqual(
        JSON.parse('{"__proto__": {"value": 1, "desc": null}, "lr": {"value": 0.5, "desc": null}}'),
      );
      expect(Object.getPrototypeOf(record.config)).toBe(Object.prototype);
      expect(Object.keys(record.config)).toEqual(['__proto__', 'lr']);
    });

    it('leaves absent fields alone and clears text fields sent as null', async () => {
      const { storageId, record } = seedRun({
        project: 'edit',
        notes: 'keep',
        group: 'g1',
        tags: ['t'],
        config: { lr: 0.1 },
        summary: { acc: 0.5 },
      });
      await data(emu, UPSERT_BUCKET, { input: { id: storageId, jobType: 'eval' } });
      expect(record).toMatchObject({
        notes: 'keep',
        group: 'g1',
        tags: ['t'],
        jobType: 'eval',
        summary: { acc: 0.5 },
      });
      await data(emu, UPSERT_BUCKET, {
        input: {
          id: storageId,
          notes: null,
          groupName: null,
          tags: null,
          config: null,
          summaryMetrics: null,
        },
      });
      expect(record).toMatchObject({ notes: null, group: null, tags: [], summary: { acc: 0.5 } });
      expect(record.config).toEqual({ lr: { value: 0.1, desc: null } });
    });

    it('rejects malformed JSON, non-object JSON and bad tags without changing anything', async () => {
      const { storageId, record } = seedRun({ project: 'edit', notes: 'orig', summary: { a: 1 } });
      for (const input of [
        { id: storageId, notes: 'changed', summaryMetrics: '{"a": ' },
        { id: storageId, notes: 'changed', config: '[1, 2]' },
        { id: storageId, notes: 'changed', config: '{"a": nan}' },
      ]) {
        expect(await errorsOf(UPSERT_BUCKET, { input })).toMatch(/(not valid JSON|must be a JSON object)/);
      }
      expect(await errorsOf(UPSERT_BUCKET, { input: { id: storageId, tags: ['ok', null] } })).toMatch(/tags/);
      expect(record.notes).toBe('orig');
      expect(record.summary).toEqual({ a: 1 });
    });

    it('rejects unknown ids, other kinds of ids, missing names and foreign entities', async () => {
      expect(await errorsOf(UPSERT_BUCKET, { input: { id: globalId('Run', 99_999), notes: 'x' } })).toMatch(
        /not found/,
      );
      const { id: projectId } = emu.seed.project({ name: 'edit' });
      expect(await errorsOf(UPSERT_BUCKET, { input: { id: projectId, notes: 'x' } })).toMatch(/not found/);
      expect(await errorsOf(UPSERT_BUCKET, { input: { modelName: 'edit' } })).toMatch(/name \(the run id\)/);
      expect(await errorsOf(UPSERT_BUCKET, { input: { name: 'r1' } })).toMatch(/modelName/);
      expect(
        await errorsOf(UPSERT_BUCKET, { input: { entityName: 'mallory', modelName: 'p', name: 'r1' } }),
      ).toMatch(/permission denied/);
      const { storageId } = emu.seed.run({ entity: 'mallory', project: 'theirs', user: 'mallory' });
      expect(await errorsOf(UPSERT_BUCKET, { input: { id: storageId, notes: 'x' } })).toMatch(
        /permission denied/,
      );
    });
  });

  describe('emulator: deleteRun', () => {
    it('removes the run; a second delete and an unknown id are errors', async () => {
      const { id, storageId } = emu.seed.run({ project: 'doomed' });
      const res = await data<{ deleteRun: { clientMutationId: null } }>(emu, DELETE_RUN, {
        id: storageId,
        deleteArtifacts: true,
      });
      expect(res.deleteRun).toEqual({ clientMutationId: null });
      const project = emu.store.findProject('alice', 'doomed');
      expect(emu.store.findRun(project?.id ?? -1, id)).toBeUndefined();
      const found = await data<{ project: { run: unknown } }>(
        emu,
        'query { project(name: "doomed", entityName: "alice") { run(name: "' + id + '") { id } } }',
      );
      expect(found.project.run).toBeNull();
      expect(await errorsOf(DELETE_RUN, { id: storageId })).toMatch(/not found/);
      expect(await errorsOf(DELETE_RUN, { id: 'bm90LWFuLWlk' })).toMatch(/not found/);
    });
  });
});
