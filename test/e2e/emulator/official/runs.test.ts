// The official client's run documents (wandb/apis/public/runs.py), in their shape (notes §1.4,
// M2-M5): Runs lazy and full, Run, RunState, the three UpsertBucket shapes and both DeleteRun
// shapes, with the variables the client sends (undeclared extras included) and operationName "".
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { KEY, official } from '../../../support/emulator-http.js';

const LIGHT_FIELDS = `id tags name displayName sweepName state group jobType commit readOnly createdAt heartbeatAt
  description notes historyLineCount user { name username }`;
const LIGHT = `fragment LightRun on Run { ${LIGHT_FIELDS} }`;
const FULL = `fragment FullRun on Run { ${LIGHT_FIELDS} config systemMetrics summaryMetrics historyKeys }`;

function runsDocument(fragment: 'LightRun' | 'FullRun'): string {
  return `#graphql
query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {
  project(name: $project, entityName: $entity) {
    internalId
    runCount(filters: $filters)
    readOnly
    runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
      edges { node { projectId ...${fragment} } cursor }
      pageInfo { endCursor hasNextPage }
    }
  }
}
${fragment === 'LightRun' ? LIGHT : FULL}`;
}

const RUN = `#graphql
query Run($project: String!, $entity: String!, $name: String!) {
  project(name: $project, entityName: $entity) { run(name: $name) { projectId ...FullRun } }
}
${FULL}`;

const RUN_STATE = `query RunState($project: String!, $entity: String!, $name: String!) {
  project(name: $project, entityName: $entity) { run(name: $name) { state } }
}`;

const CREATE_RUN = `mutation UpsertBucket($project: String, $entity: String, $name: String!, $state: String) {
  upsertBucket(input: {modelName: $project, entityName: $entity, name: $name, state: $state}) {
    bucket { project { name entity { name } } id name }
    inserted
  }
}`;

const UPDATE_RUN = `mutation UpsertBucket($id: String!, $description: String, $display_name: String, $notes: String,
    $tags: [String!], $config: JSONString!, $groupName: String, $jobType: String) {
  upsertBucket(input: {id: $id, description: $description, displayName: $display_name, notes: $notes,
      tags: $tags, config: $config, groupName: $groupName, jobType: $jobType}) {
    bucket { ...FullRun }
  }
}
${FULL}`;

const UPDATE_SUMMARY = `mutation UpsertBucket($id: String, $summaryMetrics: JSONString) {
  upsertBucket(input: {id: $id, summaryMetrics: $summaryMetrics}) { bucket { id } }
}`;

// The default shape has trailing commas, which GraphQL allows.
const DELETE_RUN = `mutation DeleteRun($id: ID!,) {
  deleteRun(input: {id: $id,}) { clientMutationId }
}`;
const DELETE_RUN_WITH_ARTIFACTS = `mutation DeleteRun($id: ID!, $deleteArtifacts: Boolean) {
  deleteRun(input: {id: $id, deleteArtifacts: $deleteArtifacts}) { clientMutationId }
}`;

interface RunNode {
  id: string;
  projectId: string;
  name: string;
  displayName: string | null;
  tags: string[];
  sweepName: string | null;
  state: string;
  group: string | null;
  jobType: string | null;
  commit: string | null;
  readOnly: boolean;
  createdAt: string;
  heartbeatAt: string | null;
  description: string | null;
  notes: string | null;
  historyLineCount: number;
  user: { name: string; username: string } | null;
  config?: string;
  systemMetrics?: string;
  summaryMetrics?: string;
  historyKeys?: { lastStep: number; keys: Record<string, unknown> };
}
interface RunsData {
  project: {
    internalId: string;
    runCount: number;
    readOnly: boolean;
    runs: {
      edges: { node: RunNode; cursor: string }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  };
}

const decode = (id: string): string => Buffer.from(id, 'base64').toString('utf8');

describe('official documents: runs', () => {
  let emu: Emulator;
  let projectInternalId: number;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice', name: 'Alice' } });
    projectInternalId = emu.seed.project({ name: 'vision' }).internalId;
    emu.seed.sweep({ project: 'vision', id: 'swp00001', config: { method: 'grid' } });
    emu.seed.run({
      project: 'vision',
      id: 'run00001',
      displayName: 'first',
      createdAt: '2024-04-01T00:00:00Z',
      state: 'finished',
      config: { lr: 0.1 },
      summary: { loss: 0.5, _runtime: 60 },
      systemMetrics: { 'system.cpu': 12 },
      tags: ['baseline'],
      group: 'g1',
      jobType: 'train',
      commit: 'abc123',
      notes: 'n1',
      sweep: 'swp00001',
      history: [
        { _step: 0, loss: 1 },
        { _step: 1, loss: 0.5 },
      ],
    });
    emu.seed.run({
      project: 'vision',
      id: 'run00002',
      displayName: 'second',
      createdAt: '2024-04-02T00:00:00Z',
      state: 'running',
      config: { lr: 0.01 },
      summary: { loss: 0.25 },
    });
    emu.seed.run({
      project: 'vision',
      id: 'run00003',
      displayName: 'third',
      createdAt: '2024-04-03T00:00:00Z',
      state: 'finished',
      config: { lr: 0.001 },
    });
  });
  afterAll(() => emu.close());

  const base = { project: 'vision', entity: 'alice', order: '+created_at' };

  it('answers Runs (lazy) page by page on the last edge cursor, with internalId and the filtered runCount', async () => {
    const filters = JSON.stringify({ state: 'finished' });
    const first = await official<RunsData>(emu, runsDocument('LightRun'), {
      ...base,
      filters,
      perPage: 1,
      cursor: null,
    });
    expect(decode(first.project.internalId)).toBe(`ProjectInternalId:${projectInternalId}`);
    expect(first.project.runCount).toBe(2);
    expect(first.project.readOnly).toBe(false);
    const node = first.project.runs.edges[0]?.node;
    expect(node).toMatchObject({
      name: 'run00001',
      displayName: 'first',
      tags: ['baseline'],
      sweepName: 'swp00001',
      state: 'finished',
      group: 'g1',
      jobType: 'train',
      commit: 'abc123',
      readOnly: false,
      createdAt: '2024-04-01T00:00:00Z',
      heartbeatAt: '2024-04-01T00:01:00Z',
      notes: 'n1',
      historyLineCount: 2,
      user: { name: 'Alice', username: 'alice' },
    });
    expect(Number.parseInt(node?.projectId ?? '', 10)).toBe(projectInternalId); // the client applies int()
    expect(node).not.toHaveProperty('config');
    expect(first.project.runs.pageInfo.hasNextPage).toBe(true);
    const cursor = first.project.runs.edges.at(-1)?.cursor;
    const rest = await official<RunsData>(emu, runsDocument('LightRun'), {
      ...base,
      filters,
      perPage: 1,
      cursor,
    });
    expect(rest.project.runs.edges.map((e) => e.node.name)).toEqual(['run00003']);
    expect(rest.project.runs.pageInfo.hasNextPage).toBe(false);
  });

  it('answers Runs (full) with config, summary and system metrics as JSON strings and historyKeys as an object', async () => {
    const d = await official<RunsData>(emu, runsDocument('FullRun'), {
      ...base,
      order: '-created_at',
      filters: '{}',
      perPage: 50,
      cursor: null,
    });
    expect(d.project.runCount).toBe(3);
    expect(d.project.runs.edges.map((e) => e.node.name)).toEqual(['run00003', 'run00002', 'run00001']);
    const run = d.project.runs.edges[2]?.node;
    expect(JSON.parse(run?.config ?? '')).toEqual({ lr: { value: 0.1, desc: null } });
    expect(JSON.parse(run?.summaryMetrics ?? '')).toEqual({ loss: 0.5, _runtime: 60 });
    expect(JSON.parse(run?.systemMetrics ?? '')).toEqual({ 'system.cpu': 12 });
    expect(run?.historyKeys?.lastStep).toBe(1);
    expect(Object.keys(run?.historyKeys?.keys ?? {}).sort()).toEqual(['_step', 'loss']);
  });

  it("answers Runs as Sweep.runs sends it: the sweep's short id under $and, 10 per page", async () => {
    const d = await official<RunsData>(emu, runsDocument('LightRun'), {
      ...base,
      filters: JSON.stringify({ $and: [{ sweep: 'swp00001' }] }),
      perPage: 10,
      cursor: null,
    });
    expect(d.project.runCount).toBe(1);
    expect(d.project.runs.edges.map((e) => e.node.name)).toEqual(['run00001']);
  });

  it('answers Run with the full fragment, and null for a missing run', async () => {
    const d = await official<{ project: { run: RunNode | null } }>(emu, RUN, { ...base, name: 'run00002' });
    expect(d.project.run).toMatchObject({ name: 'run00002', displayName: 'second', state: 'running' });
    expect(JSON.parse(d.project.run?.summaryMetrics ?? '')).toEqual({ loss: 0.25 });
    const missing = await official<{ project: { run: null } }>(emu, RUN, { ...base, name: 'nope' });
    expect(missing.project.run).toBeNull();
  });

  it('answers RunState', async () => {
    const d = await official<{ project: { run: { state: string } } }>(emu, RUN_STATE, {
      project: 'vision',
      entity: 'alice',
      name: 'run00002',
    });
    expect(d.project.run.state).toBe('running');
  });
});

describe('official documents: run writes', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.project({ name: 'vision' });
  });
  afterEach(() => emu.close());

  async function create(name: string, state = 'running'): Promise<string> {
    const d = await official<{
      upsertBucket: {
        bucket: { project: { name: string; entity: { name: string } }; id: string; name: string };
        inserted: boolean;
      };
    }>(emu, CREATE_RUN, { project: 'vision', entity: 'alice', name, state });
    expect(d.upsertBucket.inserted).toBe(true);
    expect(d.upsertBucket.bucket).toMatchObject({
      name,
      project: { name: 'vision', entity: { name: 'alice' } },
    });
    return d.upsertBucket.bucket.id;
  }

  it('answers UpsertBucket (create), also with a null entity (the viewer\'s) and state "pending"', async () => {
    const id = await create('created1');
    expect(decode(id)).toMatch(/^Run:\d+$/);
    const d = await official<{ upsertBucket: { bucket: { project: { entity: { name: string } } } } }>(
      emu,
      CREATE_RUN,
      { project: 'vision', entity: null, name: 'created2', state: 'pending' },
    );
    expect(d.upsertBucket.bucket.project.entity.name).toBe('alice');
    const state = await official<{ project: { run: { state: string } } }>(emu, RUN_STATE, {
      project: 'vision',
      entity: 'alice',
      name: 'created2',
    });
    expect(state.project.run.state).toBe('pending');
  });

  it('answers UpsertBucket (update) with the undeclared entity/project/name the client adds, then (summary)', async () => {
    const id = await create('upd00001');
    const config = JSON.stringify({
      _wandb: { value: { cli_version: '0.19.0' }, desc: null },
      lr: { value: 0.2, desc: null },
    });
    const updated = await official<{ upsertBucket: { bucket: RunNode } }>(emu, UPDATE_RUN, {
      id,
      tags: ['a', 'b'],
      description: null,
      notes: 'updated notes',
      display_name: 'renamed',
      config,
      groupName: 'grp',
      jobType: null,
      entity: 'alice',
      project: 'vision',
      name: 'upd00001',
    });
    const bucket = updated.upsertBucket.bucket;
    expect(bucket).toMatchObject({
      name: 'upd00001',
      displayName: 'renamed',
      notes: 'updated notes',
      tags: ['a', 'b'],
      group: 'grp',
      jobType: null,
      description: null,
    });
    expect(JSON.parse(bucket.config ?? '')).toEqual({
      lr: { value: 0.2, desc: null },
      _wandb: { value: { cli_version: '0.19.0' }, desc: null },
    });
    // The summary write: the whole summary, NaN / Infinity tokens allowed (json_dumps_safer).
    const summary = await official<{ upsertBucket: { bucket: { id: string } } }>(emu, UPDATE_SUMMARY, {
      id,
      summaryMetrics: '{"acc": 0.9, "best": Infinity, "bad": NaN}',
    });
    expect(summary.upsertBucket.bucket.id).toBe(id);
    const read = await official<{ project: { run: RunNode } }>(emu, RUN, {
      project: 'vision',
      entity: 'alice',
      name: 'upd00001',
    });
    expect(read.project.run.summaryMetrics).toBe('{"acc":0.9,"best":Infinity,"bad":NaN}');
  });

  it('answers DeleteRun in both shapes, always sent with deleteArtifacts', async () => {
    const a = await create('del00001');
    const b = await create('del00002');
    const first = await official<{ deleteRun: { clientMutationId: string | null } }>(emu, DELETE_RUN, {
      id: a,
      deleteArtifacts: false,
    });
    expect(first.deleteRun).toEqual({ clientMutationId: null });
    await official(emu, DELETE_RUN_WITH_ARTIFACTS, { id: b, deleteArtifacts: true });
    const left = await official<RunsData>(emu, runsDocument('LightRun'), {
      project: 'vision',
      entity: 'alice',
      filters: '{}',
      order: '+created_at',
      perPage: 50,
      cursor: null,
    });
    expect(left.project.runCount).toBe(0);
  });
});
