// The emulator's write mutations (upsertModel, upsertBucket, deleteRun) over raw HTTP, plus the
// pure helpers they use (NaN-aware JSON reading, global id decoding).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { globalId, parseGlobalId } from '../../../src/emulator/graphql/ids.js';
import { parseJsonString } from '../../../src/emulator/graphql/json-string.js';
import { data, gql, KEY } from '../../support/emulator-http.js';

const UPSERT_MODEL = `mutation M($input: UpsertModelInput!) {
  upsertModel(input: $input) { inserted entityName project { id name entityName description access user { username } } model { name } }
}`;

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

const errorsOf = async (query: string, variables: Record<string, unknown>): Promise<string> => {
  const res = await gql(emu, query, variables);
  expect(res.status).toBe(200);
  expect(res.json.errors?.length).toBeGreaterThan(0);
  return res.json.errors?.map((e) => e.message).join('; ') ?? '';
};

describe('emulator: upsertModel', () => {
  it('creates a project in the viewer entity, authored by the viewer, then updates it', async () => {
    const first = await data<{ upsertModel: Record<string, unknown> }>(emu, UPSERT_MODEL, {
      input: { name: 'made' },
    });
    expect(first.upsertModel).toMatchObject({
      inserted: true,
      entityName: 'alice',
      project: {
        name: 'made',
        entityName: 'alice',
        description: null,
        access: 'PRIVATE',
        user: { username: 'alice' },
      },
      model: { name: 'made' },
    });
    const second = await data<{ upsertModel: Record<string, unknown> }>(emu, UPSERT_MODEL, {
      input: { name: 'made', entityName: 'alice', description: 'Now described' },
    });
    expect(second.upsertModel).toMatchObject({ inserted: false, project: { description: 'Now described' } });
    expect(emu.store.projectsOfEntity('alice').filter((p) => p.name === 'made')).toHaveLength(1);
  });

  it("writes to the viewer's teams but not to other entities", async () => {
    const team = await data<{ upsertModel: { project: { entityName: string } } }>(emu, UPSERT_MODEL, {
      input: { name: 'shared', entityName: 'vision-team' },
    });
    expect(team.upsertModel.project.entityName).toBe('vision-team');
    expect(await errorsOf(UPSERT_MODEL, { input: { name: 'intrusion', entityName: 'mallory' } })).toMatch(
      /permission denied/,
    );
    expect(emu.store.findProject('mallory', 'intrusion')).toBeUndefined();
  });

  it('rejects a missing or invalid name', async () => {
    expect(await errorsOf(UPSERT_MODEL, { input: { entityName: 'alice' } })).toMatch(/name is required/);
    expect(await errorsOf(UPSERT_MODEL, { input: { name: 'a/b' } })).toMatch(/invalid project name/);
  });
});

describe('emulator: upsertBucket', () => {
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
    const res = await data<BucketResult>(emu, UPSERT_BUCKET, {
      input: { modelName: 'fresh', name: 'newrun01', notes: 'again' },
    });
    expect(res.upsertBucket.inserted).toBe(false);
    expect(res.upsertBucket.bucket.notes).toBe('again');
    const project = emu.store.findProject('alice', 'fresh');
    expect(emu.store.runsOfProject(project?.id ?? -1)).toHaveLength(1);
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
      input: { id: storageId, notes: null, groupName: null, tags: null, config: null, summaryMetrics: null },
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

describe('emulator json: parseJsonString', () => {
  it('reads standard JSON and bare non-finite tokens, not inside strings', () => {
    expect(parseJsonString('{"a": [1, -2.5e3, true, false, null], "s": "NaN \\u00e9\\n"}')).toEqual({
      a: [1, -2500, true, false, null],
      s: 'NaN é\n',
    });
    const v = parseJsonString(' { "n": NaN, "p": Infinity, "m": [-Infinity] } ') as Record<string, unknown>;
    expect(v.n).toBeNaN();
    expect(v.p).toBe(Infinity);
    expect(v.m).toEqual([-Infinity]);
  });

  it('keeps __proto__ as an own key', () => {
    const v = parseJsonString('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('rejects malformed text with its position', () => {
    for (const bad of ['', '{', '{"a" 1}', '[1,]', '01', '"x', 'nan', '{"a":1} x', '"\u0001"', '"\\q"']) {
      expect(() => parseJsonString(bad), bad).toThrow(/Invalid JSON at position \d+/);
    }
  });
});

describe('emulator ids: parseGlobalId', () => {
  it('decodes ids of the asked kind only', () => {
    expect(parseGlobalId(globalId('Run', 12), 'Run')).toBe(12);
    expect(parseGlobalId(globalId('Run', 12), 'Project')).toBeUndefined();
    for (const bad of ['', 'not base64!', btoa('Run:'), btoa('Run:01'), btoa('Run:1x'), 42]) {
      expect(parseGlobalId(bad, 'Run')).toBeUndefined();
    }
  });
});
