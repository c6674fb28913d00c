// End-to-end tests of the emulator over real HTTP (raw GraphQL with fetch: this tests the server itself).
import { readFile } from 'node:fs/promises';
import { graphql, Kind, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { buildExecutableSchema } from '../../../src/emulator/graphql/executable.js';

import {
  basic,
  data,
  gql,
  KEY,
  RUNS_QUERY,
  type GqlResponse,
  type RunsPage,
} from '../../support/emulator-http.js';

describe('emulator: HTTP, auth, CORS', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  });
  afterAll(() => emu.close());

  it('listens on 127.0.0.1 and exposes the key it accepts', () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.apiKey).toBe(KEY);
  });

  it('generates a random key when none is given', async () => {
    const other = await startEmulator();
    try {
      expect(other.apiKey).toMatch(/^[a-f0-9]{40}$/);
      expect((await gql(other, '{ viewer { username } }')).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('answers 401 without a key, with a wrong key and with a malformed header, never echoing the key', async () => {
    for (const auth of [
      null,
      basic('wrong-key'),
      `Bearer wrong-key`,
      'Basic !!!',
      `Basic ${btoa(`user:${KEY}`)}`,
    ]) {
      const res = await gql(emu, '{ viewer { username } }', undefined, { auth });
      expect(res.status).toBe(401);
      expect(res.json.errors?.[0]?.message).toMatch(/API key/);
      expect(res.text).not.toContain('wrong-key');
      expect(res.text).not.toContain(KEY);
    }
  });

  it('accepts Basic api:<key> and Bearer <key>', async () => {
    expect((await gql(emu, '{ viewer { username } }', undefined, { auth: basic(KEY) })).status).toBe(200);
    const bearer = await gql(emu, '{ viewer { username } }', undefined, { auth: `Bearer ${KEY}` });
    expect(bearer.status).toBe(200);
    expect(bearer.json.data).toEqual({ viewer: { username: 'alice' } });
  });

  it('answers CORS preflights with 204 and sets CORS headers on every response', async () => {
    emu.clearRequests();
    const pre = await fetch(`${emu.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-wandb-username',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(pre.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(emu.requests).toHaveLength(0); // preflights are not recorded

    const plain = await fetch(`${emu.url}/graphql`, { method: 'OPTIONS' });
    expect(plain.status).toBe(204);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
    expect(plain.headers.get('access-control-allow-headers')).toContain('use-admin-privileges');

    const unauthorized = await gql(emu, '{ viewer { username } }', undefined, { auth: null });
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('*');
    const ok = await gql(emu, '{ viewer { username } }', undefined, {
      headers: { origin: 'http://app.test' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test');
  });

  it('answers 400 with a JSON error for a malformed body', async () => {
    for (const body of [
      '{"query": ',
      '[]',
      '{"variables": {}}',
      '{"query": "{ viewer { id } }", "variables": 3}',
    ]) {
      const res = await fetch(`${emu.url}/graphql`, {
        method: 'POST',
        headers: { authorization: basic(KEY), 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { errors: { message: string }[] };
      expect(json.errors[0]?.message).toBeTruthy();
    }
  });

  it('answers GraphQL syntax and validation errors with status 200 and errors', async () => {
    const syntax = await gql(emu, '{ viewer { ');
    expect(syntax.status).toBe(200);
    expect(syntax.json.errors?.[0]?.message).toMatch(/Syntax Error/);
    const invalid = await gql(emu, '{ viewer { nope } }');
    expect(invalid.status).toBe(200);
    expect(invalid.json.errors?.[0]?.message).toMatch(/Cannot query field "nope" on type "User"/);
  });

  it('answers 404 for unknown paths and 501 for storage endpoints it does not implement', async () => {
    expect((await fetch(`${emu.url}/nope`)).status).toBe(404);
    const stream = await fetch(`${emu.url}/files/alice/p/r1/file_stream`, { method: 'POST', body: '{}' });
    expect(stream.status).toBe(501);
    expect(emu.requests.at(-1)?.kind).toBe('file_stream');
    expect((await fetch(`${emu.url}/healthz`)).status).toBe(200);
  });
});

describe('emulator: viewer, projects, server info', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      viewer: {
        username: 'alice',
        email: 'alice@example.org',
        name: 'Alice A',
        admin: true,
        teams: ['vision'],
      },
      features: { ARTIFACT_TAGS: false, MY_FEATURE: true },
    });
    emu.seed.project({ name: 'p1', description: 'first' });
    emu.seed.project({ entity: 'alice', name: 'p2' });
    emu.seed.project({ entity: 'alice', name: 'p3' });
    emu.seed.project({ entity: 'vision', name: 'team-project' });
  });
  afterAll(() => emu.close());

  it('answers viewer with W&B-style global ids and team entities', async () => {
    const d = await data<{ viewer: Record<string, unknown> }>(
      emu,
      '{ viewer { id name username email admin entity deletedAt teams { edges { node { id name isTeam } } } } }',
    );
    expect(d.viewer).toMatchObject({
      name: 'Alice A',
      username: 'alice',
      email: 'alice@example.org',
      admin: true,
      entity: 'alice',
      deletedAt: null,
    });
    expect(Buffer.from(String(d.viewer.id), 'base64').toString()).toMatch(/^User:\d+$/);
    const teams = d.viewer.teams as { edges: { node: { id: string; name: string; isTeam: boolean } }[] };
    expect(teams.edges.map((e) => e.node.name)).toEqual(['vision']);
    expect(teams.edges[0]?.node.isTeam).toBe(true);
    expect(Buffer.from(teams.edges[0]?.node.id ?? '', 'base64').toString()).toMatch(/^Entity:\d+$/);
  });

  it('pages models (projects) in creation order with cursors', async () => {
    const q = `query P($entity: String, $cursor: String, $perPage: Int) {
      models(entityName: $entity, after: $cursor, first: $perPage) {
        edges { cursor node { id name entityName description isBenchmark readOnly entity { name isTeam } } }
        pageInfo { endCursor hasNextPage }
      }
    }`;
    type Models = {
      models: {
        edges: { cursor: string; node: { id: string; name: string; description: string | null } }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const first = await data<Models>(emu, q, { entity: 'alice', perPage: 2 });
    expect(first.models.edges.map((e) => e.node.name)).toEqual(['p1', 'p2']);
    expect(first.models.pageInfo.hasNextPage).toBe(true);
    expect(first.models.pageInfo.endCursor).toBe(first.models.edges[1]?.cursor);
    expect(Buffer.from(first.models.edges[0]?.node.id ?? '', 'base64').toString()).toMatch(/^Project:\d+$/);
    expect(first.models.edges[0]?.node.description).toBe('first');
    const second = await data<Models>(emu, q, {
      entity: 'alice',
      perPage: 2,
      cursor: first.models.pageInfo.endCursor,
    });
    expect(second.models.edges.map((e) => e.node.name)).toEqual(['p3']);
    expect(second.models.pageInfo.hasNextPage).toBe(false);

    const byDefault = await data<Models>(emu, q, {});
    expect(byDefault.models.edges.map((e) => e.node.name)).toEqual(['p1', 'p2', 'p3']);
    const team = await data<Models>(emu, q, { entity: 'vision' });
    expect(team.models.edges.map((e) => e.node.name)).toEqual(['team-project']);
    const unknown = await data<Models>(emu, q, { entity: 'nobody' });
    expect(unknown.models.edges).toEqual([]);
    expect(unknown.models.pageInfo.hasNextPage).toBe(false);
  });

  it('answers project by name and null for a missing one', async () => {
    const q = 'query($n: String, $e: String) { project(name: $n, entityName: $e) { name entityName } }';
    expect(await data(emu, q, { n: 'p2', e: 'alice' })).toEqual({
      project: { name: 'p2', entityName: 'alice' },
    });
    expect(await data(emu, q, { n: 'missing', e: 'alice' })).toEqual({ project: null });
    expect(await data(emu, q, { n: 'p2', e: 'nobody' })).toEqual({ project: null });
  });

  it('answers serverInfo features with the overrides applied', async () => {
    const d = await data<{ serverInfo: { features: { name: string; isEnabled: boolean }[] } }>(
      emu,
      '{ serverInfo { features { name isEnabled } } }',
    );
    const features = Object.fromEntries(d.serverInfo.features.map((f) => [f.name, f.isEnabled]));
    expect(features.TOTAL_COUNT_IN_FILE_CONNECTION).toBe(true);
    expect(features.ARTIFACT_TAGS).toBe(false);
    expect(features.MY_FEATURE).toBe(true);
  });

  it('refuses paging arguments it does not implement instead of ignoring them', async () => {
    const res = await gql(emu, '{ models(entityName: "alice", last: 1) { edges { cursor } } }');
    expect(res.json.errors?.[0]?.message).toBe(
      'The emulator does not implement argument Query.models(last:)',
    );
  });
});

describe('emulator: unimplemented fields', () => {
  it('answers a field without a resolver with an error naming it, never a silent null', async () => {
    const schema = buildExecutableSchema(
      'type Query { known: Int, unknown: Int, obj: Obj } type Obj { a: Int, b: String }',
      { Query: { known: () => 1, obj: () => ({ a: 2 }) }, Obj: { a: (obj: { a: number }) => obj.a } },
    );
    const result = await graphql({ schema, source: '{ known unknown obj { a b } }' });
    expect(result.data).toEqual({ known: 1, unknown: null, obj: { a: 2, b: null } });
    expect(result.errors?.map((e) => e.message).sort()).toEqual([
      'The emulator does not implement field Obj.b',
      'The emulator does not implement field Query.unknown',
    ]);
  });
});

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
    expect(d.viewer.teams.edges.map((e) => e.node.name)).toEqual(['demo-team']);
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

describe('emulator: faults and recorded requests', () => {
  let emu: Emulator;
  const viewer = (operationName?: string): Promise<GqlResponse> =>
    gql(emu, 'query Viewer { viewer { username } }', undefined, operationName ? { operationName } : {});
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  });
  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });
  afterAll(() => emu.close());

  it('answers a status fault `times` times, then normally', async () => {
    const fault = emu.faults.add({ operationName: 'Viewer', status: 503, times: 2 });
    const first = await viewer();
    expect(first.status).toBe(503);
    expect(first.json.errors?.[0]?.message).toBe('emulated 503');
    expect(fault.remaining).toBe(1);
    expect((await viewer()).status).toBe(503);
    expect((await viewer()).status).toBe(200);
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('matches the operation name from the document when the body has none', async () => {
    emu.faults.add({ operationName: 'Other', status: 500 });
    expect((await viewer()).status).toBe(200);
    emu.faults.add({ operationName: 'Viewer', status: 500 });
    expect((await viewer()).status).toBe(500);
    expect((await viewer()).status).toBe(200);
    expect(emu.faults.list().map((f) => f.operationName)).toEqual(['Other']);
    emu.faults.add({ status: 502 }); // no operationName: matches any GraphQL request
    expect((await gql(emu, '{ viewer { username } }')).status).toBe(502);
  });

  it('sends Retry-After in seconds or as an HTTP date, readable from a browser', async () => {
    emu.faults.add({ status: 429, retryAfterSeconds: 3 });
    const seconds = await viewer();
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('3');
    expect(seconds.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const date = new Date('2030-01-01T00:00:00Z');
    emu.faults.add({ status: 503, retryAfterDate: date });
    expect((await viewer()).headers.get('retry-after')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
  });

  it('answers a custom (even malformed) body', async () => {
    emu.faults.add({ status: 200, body: 'this is not json' });
    const res = await viewer();
    expect(res.status).toBe(200);
    expect(res.text).toBe('this is not json');
  });

  it('delays a request, then answers normally, without blocking other requests', async () => {
    emu.faults.add({ operationName: 'Slow', delayMs: 300 });
    const order: string[] = [];
    const started = Date.now();
    const slow = gql(emu, 'query Slow { viewer { username } }').then((r) => {
      order.push('slow');
      return r;
    });
    const fast = viewer().then((r) => {
      order.push('fast');
      return r;
    });
    const [slowRes, fastRes] = await Promise.all([slow, fast]);
    expect(slowRes.status).toBe(200);
    expect(slowRes.json.data).toEqual({ viewer: { username: 'alice' } });
    expect(fastRes.status).toBe(200);
    expect(order).toEqual(['fast', 'slow']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection so that fetch rejects', async () => {
    emu.faults.add({ dropConnection: true });
    await expect(viewer()).rejects.toThrow();
    expect(emu.requests.at(-1)).toMatchObject({ operationName: 'Viewer', status: 0 });
    expect((await viewer()).status).toBe(200);
  });

  it('checks faults before authentication', async () => {
    emu.faults.add({ status: 500 });
    expect((await gql(emu, '{ viewer { id } }', undefined, { auth: null })).status).toBe(500);
  });

  it('rejects invalid faults', () => {
    expect(() => emu.faults.add({ operationName: 'X' })).toThrow(/at least one/);
    expect(() => emu.faults.add({ status: 42 })).toThrow(/status/);
    expect(() => emu.faults.add({ status: 500, times: 0 })).toThrow(/times/);
  });

  it('records requests with credentials redacted', async () => {
    await gql(
      emu,
      'query RunsPage($x: Int) { viewer { username } }',
      { x: 1 },
      {
        operationName: 'RunsPage',
        headers: { 'X-Wandb-Username': 'alice', cookie: `k=${KEY}` },
      },
    );
    await gql(emu, '{ viewer { username } }', undefined, { auth: `Bearer ${KEY}` });
    await gql(emu, '{ viewer { username } }', undefined, { auth: null });
    expect(emu.requests).toHaveLength(3);
    const [first, second, third] = emu.requests;
    expect(first).toMatchObject({
      kind: 'graphql',
      method: 'POST',
      path: '/graphql',
      operationName: 'RunsPage',
      variables: { x: 1 },
      status: 200,
    });
    expect(first?.query).toContain('query RunsPage');
    expect(first?.headers.authorization).toBe('[REDACTED]');
    expect(first?.headers.cookie).toBe('[REDACTED]');
    expect(first?.headers['x-wandb-username']).toBe('alice');
    expect(first?.headers['content-type']).toBe('application/json');
    expect(second?.headers.authorization).toBe('[REDACTED]');
    expect(second?.operationName).toBeUndefined();
    expect(third?.status).toBe(401);
    expect(third?.headers.authorization).toBeUndefined();
    const serialized = JSON.stringify(emu.requests);
    expect(serialized).not.toContain(KEY);
    expect(serialized).not.toContain(Buffer.from(`api:${KEY}`).toString('base64'));
    emu.clearRequests();
    expect(emu.requests).toHaveLength(0);
  });
});

describe('emulator: the repository operations', () => {
  // Every operation the client sends today must execute without errors against the demo seed.
  const files = ['viewer', 'projects', 'runs', 'server'];
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
  });
  afterAll(() => emu.close());

  it.each(files)('executes every operation of operations/%s.graphql', async (file) => {
    const source = await readFile(new URL(`../../../operations/${file}.graphql`, import.meta.url), 'utf8');
    const document = parse(source);
    const runName = [...emu.store.runs.values()][0]?.name;
    const values: Record<string, unknown> = {
      entity: 'alice',
      project: 'image-classification',
      name: runName,
      heavy: true,
      perPage: 3,
    };
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      const variables: Record<string, unknown> = {};
      const own: Record<string, unknown> =
        operation.name?.value === 'ProjectDetail' ? { ...values, name: 'image-classification' } : values;
      for (const definition of operation.variableDefinitions ?? []) {
        const variable = definition.variable.name.value;
        if (variable in own) variables[variable] = own[variable];
        else if (definition.type.kind === Kind.NON_NULL_TYPE)
          throw new Error(`no test value for $${variable}`);
      }
      const res = await gql(emu, source, variables, { operationName: operation.name?.value });
      expect(res.status).toBe(200);
      expect(res.json.errors, `${operation.name?.value}: ${res.text.slice(0, 300)}`).toBeUndefined();
      expect(Object.values(res.json.data ?? {}).every((v) => v !== null)).toBe(true);
    }
  });
});
