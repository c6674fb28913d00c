// Sweeps over real HTTP: the listing the official client sends (GetSweeps, always with filters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, gql, KEY } from '../../support/emulator-http.js';

// The official client's document (tools/graphql_codegen/api/sweeps.graphql), trimmed to what we read.
const GET_SWEEPS = `query GetSweeps($project: String!, $entity: String!, $filters: JSONString!, $cursor: String, $perPage: Int = 50) {
  project(name: $project, entityName: $entity) {
    totalSweeps
    sweeps(after: $cursor, first: $perPage, filters: $filters) {
      pageInfo { endCursor hasNextPage }
      edges { node { id name displayName state runCount } }
    }
  }
}`;

interface Sweeps {
  project: {
    totalSweeps: number;
    sweeps: {
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      edges: { node: { name: string } }[];
    };
  };
}

describe('emulator: Project.sweeps', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.sweep({ project: 'p', id: 'sw1', config: { method: 'grid' } });
    emu.seed.sweep({ project: 'p', id: 'sw2', config: { method: 'random' } });
    emu.seed.sweep({ project: 'p', id: 'sw3', config: { method: 'bayes' } });
    emu.seed.run({ project: 'p', sweep: 'sw2' });
  });
  afterAll(() => emu.close());

  it('answers the official client\'s GetSweeps with filters "{}", paged in creation order', async () => {
    const first = await data<Sweeps>(emu, GET_SWEEPS, {
      project: 'p',
      entity: 'alice',
      filters: '{}',
      perPage: 2,
    });
    expect(first.project.totalSweeps).toBe(3);
    expect(first.project.sweeps.edges.map((e) => e.node.name)).toEqual(['sw1', 'sw2']);
    expect(first.project.sweeps.pageInfo.hasNextPage).toBe(true);
    const rest = await data<Sweeps>(emu, GET_SWEEPS, {
      project: 'p',
      entity: 'alice',
      filters: '{}',
      cursor: first.project.sweeps.pageInfo.endCursor,
    });
    expect(rest.project.sweeps.edges.map((e) => e.node.name)).toEqual(['sw3']);
  });

  it('filters sweeps by state, and refuses what it cannot filter on rather than ignoring it', async () => {
    const filtered = await data<Sweeps>(emu, GET_SWEEPS, {
      project: 'p',
      entity: 'alice',
      filters: '{"method": {"$in": ["grid", "bayes"]}}',
    });
    expect(filtered.project.sweeps.edges.map((e) => e.node.name)).toEqual(['sw1', 'sw3']);
    const res = await gql(emu, GET_SWEEPS, {
      project: 'p',
      entity: 'alice',
      filters: '{"config.lr": 1}',
    });
    expect(res.json.errors?.[0]?.message).toMatch(/Unknown sweep field "config\.lr"/);
  });

  it('answers a sweep by name with its run count, and null for a missing one', async () => {
    const q =
      'query($n: String!) { project(name: "p", entityName: "alice") { sweep(sweepName: $n) { name runCount } } }';
    expect(await data(emu, q, { n: 'sw2' })).toEqual({ project: { sweep: { name: 'sw2', runCount: 1 } } });
    expect(await data(emu, q, { n: 'nope' })).toEqual({ project: { sweep: null } });
  });
});
