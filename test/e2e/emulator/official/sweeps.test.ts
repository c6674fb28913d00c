// The official client's sweep documents (wandb/apis/_generated), in their shape (notes §1.7):
// GetSweeps with `filters` (SWEEPS_QUERY_FILTERING on) and as wandb-core re-prints it without
// (the feature off: the argument and its definition go, the variable stays), GetSweep with the
// undeclared `withRuns` the Run paths add, and the GetSweepLegacy fallback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { gql, KEY, official } from '../../../support/emulator-http.js';

const SWEEP_FIELDS = `fragment SweepFields on Sweep {
  __typename
  id
  name
  displayName
  method
  state
  description
  bestLoss
  config
  createdAt
  updatedAt
  runCount
  runCountExpected
}`;

const GET_SWEEPS = `query GetSweeps($project: String!, $entity: String!, $filters: JSONString!, $cursor: String, $perPage: Int = 50) {
  project(name: $project, entityName: $entity) {
    totalSweeps
    sweeps(after: $cursor, first: $perPage, filters: $filters) {
      pageInfo { __typename endCursor hasNextPage }
      edges { node { ...SweepFields } }
    }
  }
}
${SWEEP_FIELDS}`;

// The same, as wandb-core sends it to a server without SWEEPS_QUERY_FILTERING.
const GET_SWEEPS_WITHOUT_FILTERS = `query GetSweeps($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50) {
  project(name: $project, entityName: $entity) {
    totalSweeps
    sweeps(after: $cursor, first: $perPage) {
      pageInfo { __typename endCursor hasNextPage }
      edges { node { ...SweepFields } }
    }
  }
}
${SWEEP_FIELDS}`;

const GET_SWEEP = `query GetSweep($name: String!, $project: String, $entity: String) {
  project(name: $project, entityName: $entity) { sweep(sweepName: $name) { ...SweepFields } }
}
${SWEEP_FIELDS}`;

const GET_SWEEP_LEGACY = `query GetSweepLegacy($name: String!, $project: String, $entity: String) {
  project(name: $project, entityName: $entity) { sweep(sweepName: $name) { ...LegacySweepFields } }
}
fragment LegacySweepFields on Sweep { __typename id name state bestLoss config }`;

interface SweepNode {
  __typename: string;
  id: string;
  name: string;
  displayName: string | null;
  method: string;
  state: string;
  description: string | null;
  bestLoss: number | null;
  config: string;
  createdAt: string;
  updatedAt: string;
  runCount: number;
  runCountExpected: number | null;
}
interface SweepsData {
  project: {
    totalSweeps: number;
    sweeps: {
      pageInfo: { __typename: string; endCursor: string | null; hasNextPage: boolean };
      edges: { node: SweepNode }[];
    };
  };
}

describe('official documents: sweeps', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.sweep({
      project: 'p',
      id: 'sweep001',
      displayName: 'grid search',
      description: 'lr grid',
      state: 'FINISHED',
      runCountExpected: 3,
      createdAt: '2024-05-01T00:00:00Z',
      config: {
        method: 'grid',
        metric: { name: 'loss', goal: 'minimize' },
        parameters: { lr: { values: [1, 2, 3] } },
      },
    });
    emu.seed.sweep({ project: 'p', id: 'sweep002', state: 'RUNNING', config: { method: 'bayes' } });
    emu.seed.sweep({ project: 'p', id: 'sweep003', state: 'RUNNING', config: { method: 'random' } });
    emu.seed.run({ project: 'p', sweep: 'sweep001', summary: { loss: 0.4 } });
    emu.seed.run({ project: 'p', sweep: 'sweep001', summary: { loss: 0.2 } });
  });
  afterAll(() => emu.close());

  const vars = { project: 'p', entity: 'alice' };

  it('answers GetSweeps with filters "{}", paged on pageInfo.endCursor, totalSweeps for the project', async () => {
    const first = await official<SweepsData>(emu, GET_SWEEPS, {
      ...vars,
      filters: '{}',
      perPage: 2,
      cursor: null,
    });
    expect(first.project.totalSweeps).toBe(3);
    expect(first.project.sweeps.pageInfo.__typename).toBe('PageInfo');
    const sweep = first.project.sweeps.edges[0]?.node;
    expect(sweep).toMatchObject({
      __typename: 'Sweep',
      name: 'sweep001',
      displayName: 'grid search',
      method: 'grid',
      state: 'FINISHED',
      description: 'lr grid',
      bestLoss: 0.2,
      runCount: 2,
      runCountExpected: 3,
      createdAt: '2024-05-01T00:00:00Z',
    });
    expect(parseYaml(sweep?.config ?? '')).toMatchObject({ method: 'grid', metric: { name: 'loss' } });
    expect(Buffer.from(sweep?.id ?? '', 'base64').toString()).toMatch(/^Sweep:\d+$/);
    const rest = await official<SweepsData>(emu, GET_SWEEPS, {
      ...vars,
      filters: '{}',
      perPage: 2,
      cursor: first.project.sweeps.pageInfo.endCursor,
    });
    expect(rest.project.sweeps.edges.map((e) => e.node.name)).toEqual(['sweep003']);
  });

  it("answers GetSweeps with a name filter (as the client's own tests send) and others", async () => {
    const byName = await official<SweepsData>(emu, GET_SWEEPS, {
      ...vars,
      filters: JSON.stringify({ name: 'sweep002' }),
      perPage: 50,
      cursor: null,
    });
    expect(byName.project.sweeps.edges.map((e) => e.node.name)).toEqual(['sweep002']);
    expect(byName.project.totalSweeps).toBe(3); // project-level, not filtered
    const running = await official<SweepsData>(emu, GET_SWEEPS, {
      ...vars,
      filters: JSON.stringify({ $and: [{ state: 'RUNNING' }, { name: { $in: ['sweep001', 'sweep003'] } }] }),
      cursor: null,
    });
    expect(running.project.sweeps.edges.map((e) => e.node.name)).toEqual(['sweep003']);
    const none = await official<SweepsData>(emu, GET_SWEEPS, { ...vars, filters: '{"name": "nope"}' });
    expect(none.project.sweeps.edges).toEqual([]);
  });

  it('refuses a filter on an unknown field or operator rather than ignoring it', async () => {
    const unknown = await gql(
      emu,
      GET_SWEEPS,
      { ...vars, filters: '{"owner": "alice"}' },
      { operationName: '' },
    );
    expect(unknown.json.errors?.[0]?.message).toMatch(/Unknown sweep field "owner"/);
    const operator = await gql(
      emu,
      GET_SWEEPS,
      { ...vars, filters: '{"name": {"$size": 1}}' },
      { operationName: '' },
    );
    expect(operator.json.errors?.[0]?.message).toMatch(/Unsupported sweep filter operator \$size/);
  });

  it('answers GetSweeps re-printed without filters, the filters variable still sent', async () => {
    const d = await official<SweepsData>(emu, GET_SWEEPS_WITHOUT_FILTERS, {
      ...vars,
      filters: '{}',
      perPage: 50,
      cursor: null,
    });
    expect(d.project.sweeps.edges.map((e) => e.node.name)).toEqual(['sweep001', 'sweep002', 'sweep003']);
  });

  it('answers GetSweep itself (the client would fall back to legacy on any error), withRuns: false included', async () => {
    const d = await official<{ project: { sweep: SweepNode | null } }>(emu, GET_SWEEP, {
      ...vars,
      name: 'sweep001',
      withRuns: false,
    });
    expect(d.project.sweep).toMatchObject({ name: 'sweep001', bestLoss: 0.2, runCount: 2, method: 'grid' });
    const missing = await official<{ project: { sweep: null } }>(emu, GET_SWEEP, { ...vars, name: 'nope' });
    expect(missing.project.sweep).toBeNull();
  });

  it('answers GetSweepLegacy', async () => {
    const d = await official<{ project: { sweep: Partial<SweepNode> } }>(emu, GET_SWEEP_LEGACY, {
      ...vars,
      name: 'sweep002',
    });
    expect(d.project.sweep).toMatchObject({
      __typename: 'Sweep',
      name: 'sweep002',
      state: 'RUNNING',
      bestLoss: null,
    });
    expect(parseYaml(d.project.sweep.config ?? '')).toEqual({ method: 'bayes' });
  });
});
