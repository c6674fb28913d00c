// Projects over real HTTP: the models listing, project lookup, and the upsertModel write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, errorMessages, gql, KEY, startWithProjects } from '../../support/emulator-http.js';

const UPSERT_MODEL = `mutation M($input: UpsertModelInput!) {
  upsertModel(input: $input) { inserted entityName project { id name entityName description access user { username } } model { name } }
}`;

describe('emulator: projects', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startWithProjects();
  });
  afterAll(() => emu.close());
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

  it('refuses paging arguments it does not implement instead of ignoring them', async () => {
    const res = await gql(emu, '{ models(entityName: "alice", last: 1) { edges { cursor } } }');
    expect(res.json.errors?.[0]?.message).toBe(
      'The emulator does not implement argument Query.models(last:)',
    );
  });
});

describe('emulator: upsertModel', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice', teams: ['vision-team'] } });
    emu.seed.user({ username: 'mallory' });
  });
  afterAll(() => emu.close());

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
    expect(
      await errorMessages(emu, UPSERT_MODEL, { input: { name: 'intrusion', entityName: 'mallory' } }),
    ).toMatch(/permission denied/);
    expect(emu.store.findProject('mallory', 'intrusion')).toBeUndefined();
  });

  it('rejects a missing or invalid name', async () => {
    expect(await errorMessages(emu, UPSERT_MODEL, { input: { entityName: 'alice' } })).toMatch(
      /name is required/,
    );
    expect(await errorMessages(emu, UPSERT_MODEL, { input: { name: 'a/b' } })).toMatch(
      /invalid project name/,
    );
  });
});
