// Run filters over real HTTP: date filters compare instants, non-finite numbers in JSONString
// fields, Project.runs(names) and the operators outside the documented list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';

import { data, gql, KEY, RUNS_QUERY, startWithRuns, type RunsPage } from '../../support/emulator-http.js';

describe('emulator: date filters compare instants', () => {
  let emu: Emulator;
  const list = async (
    project: string,
    filters?: unknown,
    order?: string,
    perPage = 100,
  ): Promise<string[]> => {
    const names: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const d: RunsPage = await data<RunsPage>(emu, RUNS_QUERY, {
        entity: 'alice',
        project,
        filters: filters === undefined ? undefined : JSON.stringify(filters),
        order,
        perPage,
        cursor,
      });
      expect(d.project.runs.totalCount).toBe(d.project.runCount);
      names.push(...d.project.runs.edges.map((e) => e.node.name));
      if (!d.project.runs.pageInfo.hasNextPage) return names;
      cursor = d.project.runs.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  };
  const runs = (filters?: unknown, order?: string): Promise<string[]> => list('dates', filters, order);
  const error = async (filters: unknown): Promise<string | undefined> => {
    const res = await gql(emu, RUNS_QUERY, {
      entity: 'alice',
      project: 'dates',
      filters: JSON.stringify(filters),
    });
    expect(res.status).toBe(200);
    return res.json.errors?.[0]?.message;
  };

  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    // heartbeatAt = createdAt (so updatedAt too): every date field has the same instants.
    for (const [id, day] of [
      ['d1', '2024-01-01'],
      ['d2', '2024-01-02'],
      ['d3', '2024-01-03'],
    ] as const) {
      const at = `${day}T00:00:00Z`;
      emu.seed.run({ entity: 'alice', project: 'dates', id, createdAt: at, heartbeatAt: at });
    }
    emu.seed.run({ entity: 'alice', project: 'no-heartbeat', id: 'h1', createdAt: '2024-01-01T00:00:00Z' });
    emu.seed.run({
      entity: 'alice',
      project: 'no-heartbeat',
      id: 'h2',
      createdAt: '2024-01-02T00:00:00Z',
      heartbeatAt: null,
    });
  });
  afterAll(() => emu.close());

  // The instant of d2 written the ways clients write it.
  const FORMS = [
    '2024-01-02T00:00:00.000Z', // Date.toISOString()
    '2024-01-02T00:00:00Z',
    '2024-01-02',
    '2024-01-02T01:00:00+01:00',
    '2024-01-02T00:00:00', // no offset: UTC, like the stored times
  ];
  const FIELDS = ['createdAt', 'created_at', 'heartbeatAt', 'heartbeat_at', 'updatedAt', 'updated_at'];
  const CASES: [string, (v: string) => unknown, string[]][] = [
    ['equality', (v) => v, ['d2']],
    ['$eq', (v) => ({ $eq: v }), ['d2']],
    ['$ne', (v) => ({ $ne: v }), ['d1', 'd3']],
    ['$gt', (v) => ({ $gt: v }), ['d3']],
    ['$gte', (v) => ({ $gte: v }), ['d2', 'd3']],
    ['$lt', (v) => ({ $lt: v }), ['d1']],
    ['$lte', (v) => ({ $lte: v }), ['d1', 'd2']],
    ['$in', (v) => ({ $in: [v, '1999-01-01'] }), ['d2']],
    ['$nin', (v) => ({ $nin: [v] }), ['d1', 'd3']],
    ['$gte with $lte', (v) => ({ $gte: v, $lte: v }), ['d2']],
  ];

  it.each(FIELDS)('%s: every operator matches the same instant in every string form', async (field) => {
    for (const form of FORMS) {
      for (const [label, condition, expected] of CASES) {
        expect(await runs({ [field]: condition(form) }), `${field} ${label} ${form}`).toEqual(expected);
      }
    }
  });

  it('converts values inside $and, $or and $nor', async () => {
    const v = '2024-01-02T00:00:00.000Z';
    expect(await runs({ $and: [{ createdAt: { $gte: v } }, { heartbeatAt: { $lte: v } }] })).toEqual(['d2']);
    expect(
      await runs({ $or: [{ createdAt: v }, { updatedAt: { $lt: '2024-01-01T00:00:00.001Z' } }] }),
    ).toEqual(['d1', 'd2']);
    expect(await runs({ $nor: [{ createdAt: { $eq: v } }] })).toEqual(['d1', 'd3']);
    expect(
      await runs({ $and: [{ $or: [{ created_at: { $in: ['2024-01-03'] } }, { created_at: v }] }] }),
    ).toEqual(['d2', 'd3']);
  });

  it('matches every run for an empty $and, as the official client sends for an unfiltered run set', async () => {
    const v = '2024-01-02T00:00:00.000Z';
    const all = ['d1', 'd2', 'd3'];
    expect(await runs({ $and: [] })).toEqual(all);
    // The app's default filter tree, as Python's report.runs(section) sends it.
    expect(await runs({ $or: [{ $and: [] }] })).toEqual(all);
    // Inside OR a member matching everything makes the whole OR match everything ...
    expect(await runs({ $or: [{ $and: [] }, { createdAt: v }] })).toEqual(all);
    // ... inside AND it changes nothing.
    expect(await runs({ $and: [{ $and: [] }, { createdAt: v }] })).toEqual(['d2']);
    expect(await runs({ $nor: [{ $and: [] }] })).toEqual([]);
  });

  it('refuses an empty $or or $nor, as MongoDB does', async () => {
    expect(await error({ $or: [] })).toMatch(/\$or needs a non-empty array/);
    expect(await error({ $and: [{ $nor: [] }] })).toMatch(/\$nor needs a non-empty array/);
  });

  it('compares with millisecond precision', async () => {
    expect(await runs({ createdAt: { $lt: '2024-01-02T00:00:00.001Z' } })).toEqual(['d1', 'd2']);
    expect(await runs({ createdAt: { $gt: '2024-01-01T23:59:59.999Z' } })).toEqual(['d2', 'd3']);
  });

  it('treats a null heartbeatAt as missing', async () => {
    expect(await list('no-heartbeat', { heartbeatAt: null })).toEqual(['h2']);
    expect(await list('no-heartbeat', { heartbeatAt: { $exists: false } })).toEqual(['h2']);
    expect(await list('no-heartbeat', { heartbeatAt: { $gte: '2000-01-01' } })).toEqual(['h1']);
  });

  it('answers a value that is not a date with an error naming the field', async () => {
    expect(await error({ createdAt: 'yesterday' })).toMatch(/"createdAt".*ISO 8601.*"yesterday"/);
    expect(await error({ heartbeat_at: { $gt: 1704067200000 } })).toMatch(/"heartbeat_at"/);
    expect(await error({ updatedAt: { $in: ['2024-01-01', '2024-13-01'] } })).toMatch(
      /"updatedAt".*2024-13-01/,
    );
    expect(await error({ $or: [{ createdAt: { $lte: '2024-02-30' } }] })).toMatch(/"createdAt"/);
    expect(await error({ createdAt: { $regex: '^2024' } })).toMatch(/"createdAt".*\$regex/);
  });

  it('still orders and pages by the date fields', async () => {
    for (const order of ['+created_at', '+createdAt', '+heartbeat_at', '+updatedAt']) {
      expect(await runs(undefined, order)).toEqual(['d1', 'd2', 'd3']);
      expect(await list('dates', undefined, order, 1)).toEqual(['d1', 'd2', 'd3']);
    }
    for (const order of ['-created_at', '-heartbeatAt', '-updated_at']) {
      expect(await runs(undefined, order)).toEqual(['d3', 'd2', 'd1']);
      expect(await list('dates', { createdAt: { $gte: '2024-01-01' } }, order, 2)).toEqual([
        'd3',
        'd2',
        'd1',
      ]);
    }
    expect(await list('no-heartbeat', undefined, '-heartbeat_at', 1)).toEqual(['h1', 'h2']); // missing last
  });

  it('answers the DateTime fields unchanged', async () => {
    const d = await data<{ project: { run: Record<string, unknown> } }>(
      emu,
      '{ project(name: "dates", entityName: "alice") { run(name: "d2") { createdAt heartbeatAt updatedAt } } }',
    );
    expect(d.project.run).toEqual({
      createdAt: '2024-01-02T00:00:00Z',
      heartbeatAt: '2024-01-02T00:00:00Z',
      updatedAt: '2024-01-02T00:00:00Z',
    });
  });
});

describe('emulator: non-finite numbers in JSONString fields', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    const base = { entity: 'alice', project: 'nan' };
    emu.seed.run({
      ...base,
      id: 'n1',
      createdAt: '2024-01-01T00:00:00Z',
      config: { x: Infinity, y: 1 },
      summary: {
        loss: NaN,
        best: Infinity,
        worst: -Infinity,
        text: 'NaN Infinity -Infinity',
        trap: '__emulator_non_finite_0__NaN',
        __emulator_non_finite_1__Infinity: 'a key',
        nested: { a: [NaN, 1, -Infinity] },
      },
      systemMetrics: { gpu: NaN },
    });
    emu.seed.run({ ...base, id: 'n2', createdAt: '2024-01-02T00:00:00Z', summary: { loss: 0.5, best: 1 } });
    emu.seed.run({ ...base, id: 'n3', createdAt: '2024-01-03T00:00:00Z', summary: { loss: Infinity } });
    emu.seed.run({ ...base, id: 'n4', createdAt: '2024-01-04T00:00:00Z', summary: { loss: -Infinity } });
    emu.seed.run({ ...base, id: 'n5', createdAt: '2024-01-05T00:00:00Z', summary: {} });
    emu.seed.run({ ...base, id: 'n6', createdAt: '2024-01-06T00:00:00Z', summary: { loss: NaN } });
  });
  afterAll(() => emu.close());

  it('sends bare NaN / Infinity / -Infinity tokens, leaving strings alone', async () => {
    const res = await gql(
      emu,
      '{ project(name: "nan", entityName: "alice") { run(name: "n1") { config summaryMetrics systemMetrics } } }',
    );
    expect(res.json.errors).toBeUndefined();
    // The raw HTTP body: the JSONString values hold bare tokens (escaped quotes around keys only).
    expect(res.text).toContain('\\"loss\\":NaN');
    expect(res.text).toContain('\\"best\\":Infinity');
    expect(res.text).toContain('\\"worst\\":-Infinity');
    expect(res.text).toContain('\\"value\\":Infinity');
    expect(res.text).toContain('\\"gpu\\":NaN');
    const run = (res.json.data as { project: { run: Record<string, string> } }).project.run;
    expect(run.summaryMetrics).toBe(
      '{"loss":NaN,"best":Infinity,"worst":-Infinity,"text":"NaN Infinity -Infinity",' +
        '"trap":"__emulator_non_finite_0__NaN","__emulator_non_finite_1__Infinity":"a key",' +
        '"nested":{"a":[NaN,1,-Infinity]}}',
    );
    expect(run.config).toBe('{"x":{"value":Infinity,"desc":null},"y":{"value":1,"desc":null}}');
    expect(run.systemMetrics).toBe('{"gpu":NaN}');
  });

  it('filters on non-finite values without crashing', async () => {
    const runs = async (filters: unknown): Promise<string[]> => {
      const d = await data<RunsPage>(emu, RUNS_QUERY, {
        entity: 'alice',
        project: 'nan',
        filters: JSON.stringify(filters),
      });
      return d.project.runs.edges.map((e) => e.node.name);
    };
    expect(await runs({ 'summary_metrics.loss': { $gt: 0 } })).toEqual(['n2', 'n3']);
    expect(await runs({ 'summary_metrics.loss': { $lt: 0 } })).toEqual(['n4']);
    expect(await runs({ 'summary_metrics.loss': { $exists: true } })).toEqual(['n1', 'n2', 'n3', 'n4', 'n6']);
    expect(await runs({ 'config.x': { $gte: 1e308 } })).toEqual(['n1']);
  });

  it('orders and pages by non-finite values: NaN lowest, missing last', async () => {
    const collect = async (order: string, perPage: number): Promise<string[]> => {
      const names: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 20; i++) {
        const d: RunsPage = await data<RunsPage>(emu, RUNS_QUERY, {
          entity: 'alice',
          project: 'nan',
          order,
          perPage,
          cursor,
        });
        names.push(...d.project.runs.edges.map((e) => e.node.name));
        if (!d.project.runs.pageInfo.hasNextPage) return names;
        cursor = d.project.runs.pageInfo.endCursor;
      }
      throw new Error('paging did not end');
    };
    for (const perPage of [100, 1, 2]) {
      expect(await collect('+summary_metrics.loss', perPage)).toEqual(['n1', 'n6', 'n4', 'n2', 'n3', 'n5']);
      expect(await collect('-summary_metrics.loss', perPage)).toEqual(['n3', 'n2', 'n4', 'n6', 'n1', 'n5']);
    }
  });
});

describe('emulator: run names and operators', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startWithRuns();
  });
  afterAll(() => emu.close());
  it('still implements Project.runs(names)', async () => {
    const d = await data<{ project: { runs: { edges: { node: { name: string } }[] } } }>(
      emu,
      '{ project(name: "p", entityName: "alice") { runs(names: ["r1", "r3", "nope"]) { edges { node { name } } } } }',
    );
    expect(d.project.runs.edges.map((e) => e.node.name)).toEqual(['r1', 'r3']);
  });

  it('rejects $options like any operator outside the documented list', async () => {
    const res = await gql(emu, RUNS_QUERY, {
      entity: 'alice',
      project: 'p',
      filters: JSON.stringify({ displayName: { $regex: 'ALPHA', $options: 'i' } }),
    });
    expect(res.json.errors?.[0]?.message).toMatch(/Unsupported filter operator \$options on "displayName"/);
  });
});
