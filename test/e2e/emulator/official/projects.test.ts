// The official client's project documents (GetProjects, GetProject, CreateProject from
// wandb/apis), in their shape (notes §1.3, M1): the project fragment with its owner's user
// fragment (API keys included), `__typename`s the client's models check, the variables it sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { gql, KEY, official } from '../../../support/emulator-http.js';
import { useEmulator } from '../../../support/helpers.js';
import { USER_FIELDS } from './user-fields.js';

const PROJECT_FRAGMENT = `fragment ProjectFields on Project {
  __typename
  id
  name
  entityName
  createdAt
  isBenchmark
  user { ...UserFields }
}`;

const GET_PROJECTS = `query GetProjects($entity: String, $cursor: String, $perPage: Int = 50) {
  models(entityName: $entity, after: $cursor, first: $perPage) {
    pageInfo { __typename endCursor hasNextPage }
    edges { node { ...ProjectFields } }
  }
}
${USER_FIELDS}
${PROJECT_FRAGMENT}`;

const GET_PROJECT = `query GetProject($name: String!, $entity: String!) {
  project(name: $name, entityName: $entity) { ...ProjectFields }
}
${USER_FIELDS}
${PROJECT_FRAGMENT}`;

const CREATE_PROJECT = `mutation CreateProject($input: UpsertModelInput!) {
  result: upsertModel(input: $input) {
    project { ...CreatedProject }
    model { ...CreatedProject }
    inserted
  }
}
fragment CreatedProject on Project { id name entityName description access views }`;

interface Owner {
  username: string;
  apiKeys: { edges: { node: { id: string; name: string } }[] } | null;
}
interface ProjectNode {
  __typename: string;
  id: string;
  name: string;
  entityName: string;
  createdAt: string;
  isBenchmark: boolean;
  user: Owner | null;
}
interface Projects {
  models: {
    pageInfo: { __typename: string; endCursor: string | null; hasNextPage: boolean };
    edges: { node: ProjectNode }[];
  };
}

describe('official documents: projects', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice', teams: ['vision-team'] } });
    emu.seed.user({ username: 'bob', teams: ['vision-team'] });
    emu.seed.project({ entity: 'alice', name: 'p1', createdAt: '2024-03-01T10:00:00Z' });
    emu.seed.project({ entity: 'alice', name: 'p2', createdAt: '2024-03-02T10:00:00Z' });
    emu.seed.project({ entity: 'alice', name: 'p3', createdAt: '2024-03-03T10:00:00Z' });
    emu.seed.project({ entity: 'vision-team', name: 'detector', user: 'bob' });
  });
  afterAll(() => emu.close());

  it('answers GetProjects page by page on pageInfo.endCursor, with the typenames the client checks', async () => {
    const first = await official<Projects>(emu, GET_PROJECTS, { entity: 'alice', perPage: 2, cursor: null });
    expect(first.models.pageInfo).toMatchObject({ __typename: 'PageInfo', hasNextPage: true });
    const nodes = first.models.edges.map((e) => e.node);
    expect(nodes.map((n) => [n.__typename, n.name, n.entityName, n.createdAt, n.isBenchmark])).toEqual([
      ['Project', 'p1', 'alice', '2024-03-01T10:00:00Z', false],
      ['Project', 'p2', 'alice', '2024-03-02T10:00:00Z', false],
    ]);
    expect(nodes[0]?.user?.username).toBe('alice');
    expect(nodes[0]?.user?.apiKeys?.edges).toHaveLength(1); // the viewer's own key record
    const rest = await official<Projects>(emu, GET_PROJECTS, {
      entity: 'alice',
      perPage: 2,
      cursor: first.models.pageInfo.endCursor,
    });
    expect(rest.models.edges.map((e) => e.node.name)).toEqual(['p3']);
    expect(rest.models.pageInfo.hasNextPage).toBe(false);
  });

  it('lists no API keys of another user (a project owner who is not the viewer)', async () => {
    const d = await official<Projects>(emu, GET_PROJECTS, {
      entity: 'vision-team',
      perPage: 200,
      cursor: null,
    });
    const owner = d.models.edges[0]?.node.user;
    expect(owner?.username).toBe('bob');
    expect(owner?.apiKeys).toEqual({ edges: [] });
  });

  it('answers GetProject with the fragment, and null for a missing project', async () => {
    const d = await official<{ project: ProjectNode | null }>(emu, GET_PROJECT, {
      name: 'p2',
      entity: 'alice',
    });
    expect(d.project).toMatchObject({ __typename: 'Project', name: 'p2', entityName: 'alice' });
    expect(Buffer.from(d.project?.id ?? '', 'base64').toString()).toMatch(/^Project:\d+$/);
    const missing = await official<{ project: null }>(emu, GET_PROJECT, { name: 'nope', entity: 'alice' });
    expect(missing.project).toBeNull();
  });
});

// The writes add projects to alice: an emulator of their own keeps GetProjects' pages as seeded.
describe('official documents: project writes', () => {
  let emu: Emulator;
  useEmulator((ctx) => ({ emu } = ctx));

  it('answers CreateProject (name and entityName only, as the client sends) with views null', async () => {
    const d = await official<{
      result: { project: Record<string, unknown>; model: Record<string, unknown>; inserted: boolean };
    }>(emu, CREATE_PROJECT, { input: { name: 'fresh', entityName: 'alice' } });
    expect(d.result.inserted).toBe(true);
    expect(d.result.project).toMatchObject({
      name: 'fresh',
      entityName: 'alice',
      description: null,
      access: 'PRIVATE',
      views: null,
    });
    expect(d.result.model).toEqual(d.result.project);
    const again = await official<{ result: { inserted: boolean } }>(emu, CREATE_PROJECT, {
      input: { name: 'fresh', entityName: 'alice' },
    });
    expect(again.result.inserted).toBe(false);
  });

  it('stores the views JSON upsertModel is given, and refuses views that are not JSON', async () => {
    const views = JSON.stringify({ saved: [{ name: 'default' }] });
    const d = await official<{ result: { project: { views: string | null } } }>(emu, CREATE_PROJECT, {
      input: { name: 'with-views', entityName: 'alice', views },
    });
    expect(JSON.parse(d.result.project.views ?? 'null')).toEqual({ saved: [{ name: 'default' }] });
    const bad = await gql(emu, CREATE_PROJECT, { input: { name: 'with-views', views: '{nope' } });
    expect(bad.json.errors?.[0]?.message).toMatch(/views is not valid JSON/);
    emu.seed.project({ name: 'seeded-views', views: { a: 1 } });
    const seeded = await official<{ project: { views: string } }>(
      emu,
      'query ($n: String!) { project(name: $n, entityName: "alice") { views } }',
      { n: 'seeded-views' },
    );
    expect(JSON.parse(seeded.project.views)).toEqual({ a: 1 });
  });
});
