// The official client's custom-chart document (CreateCustomChart, sent by wandb-core:
// core/api/graphql/mutation_create_custom_chart.graphql), in its shape: its own variable names
// ($chartName, $chartType), access upper-cased, the spec a JSON string, posted under its operation
// name. Written here from its field list; never copied. Then the chart read back through the
// schema's customChart(id) and customCharts(type, entity).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { gql, KEY, official } from '../../../support/emulator-http.js';

const CREATE_CUSTOM_CHART = `mutation CreateCustomChart($entity: String!, $chartName: String!, $displayName: String!,
    $chartType: String!, $access: String!, $spec: JSONString!) {
  createCustomChart(input: { entity: $entity, name: $chartName, displayName: $displayName,
      type: $chartType, access: $access, spec: $spec }) {
    chart { id }
  }
}`;

const READ_BACK = `query Chart($id: ID!) {
  customChart(id: $id) { id name displayName type access spec createdAt updatedAt entity { name } user { username } }
}`;

const LIST = `query Charts($entity: String, $first: Int, $after: String) {
  customCharts(type: "vega2", entity: $entity, first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface Chart {
  id: string;
  name: string;
  displayName: string;
  type: string;
  access: string;
  spec: string;
  createdAt: string;
  updatedAt: string | null;
  entity: { name: string };
  user: { username: string };
}

const vars = (chartName: string, access = 'PRIVATE') => ({
  entity: 'vision',
  chartName,
  displayName: `Chart ${chartName}`,
  chartType: 'vega2',
  access,
  spec: JSON.stringify({ mark: 'bar', data: { name: 'wandb' } }),
});

describe('official documents: custom charts', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice', teams: ['vision'] },
      clock: createManualClock('2024-06-01T00:00:00Z'),
    });
    emu.seed.customChart({ entity: 'outsiders', name: 'secret', user: 'mallory' });
    emu.seed.customChart({ entity: 'outsiders', name: 'shared', user: 'mallory', access: 'PUBLIC' });
  });
  afterAll(() => emu.close());

  it('answers CreateCustomChart with chart.id = entity/name, read back by customChart(id)', async () => {
    const created = await official<{ createCustomChart: { chart: { id: string } } }>(
      emu,
      CREATE_CUSTOM_CHART,
      vars('line/v1'),
      { operationName: 'CreateCustomChart' },
    );
    expect(created.createCustomChart.chart.id).toBe('vision/line/v1');
    const { customChart } = await official<{ customChart: Chart }>(emu, READ_BACK, { id: 'vision/line/v1' });
    expect(customChart).toEqual({
      id: 'vision/line/v1',
      name: 'line/v1',
      displayName: 'Chart line/v1',
      type: 'vega2',
      access: 'PRIVATE',
      spec: '{"mark":"bar","data":{"name":"wandb"}}',
      createdAt: '2024-06-01T00:00:00Z',
      updatedAt: '2024-06-01T00:00:00Z',
      entity: { name: 'vision' },
      user: { username: 'alice' },
    });
  });

  it('refuses a duplicate name with HTTP 409 and a GraphQL error', async () => {
    await official(emu, CREATE_CUSTOM_CHART, vars('dup'), { operationName: 'CreateCustomChart' });
    const res = await gql(emu, CREATE_CUSTOM_CHART, vars('dup', 'PUBLIC'));
    expect(res.status).toBe(409);
    expect(res.json.errors?.[0]?.message).toMatch(/already exists/);
    const { customChart } = await official<{ customChart: Chart }>(emu, READ_BACK, { id: 'vision/dup' });
    expect(customChart.access).toBe('PRIVATE');
  });

  it('refuses lower-case access, a spec that is not a JSON object, and an entity the viewer cannot write to', async () => {
    const lower = await gql(emu, CREATE_CUSTOM_CHART, vars('lower', 'private'));
    expect(lower.json.errors?.[0]?.message).toMatch(/invalid access "private"/);
    const array = await gql(emu, CREATE_CUSTOM_CHART, { ...vars('array'), spec: '[1]' });
    expect(array.json.errors?.[0]?.message).toMatch(/spec must be a JSON object/);
    const foreign = await gql(emu, CREATE_CUSTOM_CHART, { ...vars('mine'), entity: 'outsiders' });
    expect(foreign.json.errors?.[0]?.message).toMatch(/permission denied/);
    const missing = await official<{ customChart: Chart | null }>(emu, READ_BACK, { id: 'vision/lower' });
    expect(missing.customChart).toBeNull();
  });

  it("hides another entity's private chart; lists by type and entity, in creation order, paged", async () => {
    const secret = await official<{ customChart: Chart | null }>(emu, READ_BACK, { id: 'outsiders/secret' });
    expect(secret.customChart).toBeNull();
    const shared = await official<{ customChart: Chart | null }>(emu, READ_BACK, { id: 'outsiders/shared' });
    expect(shared.customChart?.user.username).toBe('mallory');
    type Page = {
      customCharts: {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
    const first = await official<Page>(emu, LIST, { entity: 'vision', first: 1 });
    expect(first.customCharts.edges.map((e) => e.node.id)).toEqual(['vision/line/v1']);
    expect(first.customCharts.pageInfo.hasNextPage).toBe(true);
    const rest = await official<Page>(emu, LIST, {
      entity: 'vision',
      first: 10,
      after: first.customCharts.pageInfo.endCursor,
    });
    expect(rest.customCharts.edges.map((e) => e.node.id)).toEqual(['vision/dup']);
    const all = await official<Page>(emu, LIST, {});
    expect(all.customCharts.edges.map((e) => e.node.id)).toEqual([
      'outsiders/shared',
      'vision/line/v1',
      'vision/dup',
    ]);
  });
});
