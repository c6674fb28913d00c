// Users over real HTTP: the viewer, its teams and photo URL; several users with their own keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorStore, startEmulator, type Emulator } from '../../../src/emulator/index.js';
import {
  basic,
  data,
  gql,
  KEY,
  startWithProjects,
  startWithRuns,
  type GqlResponse,
} from '../../support/emulator-http.js';

describe('emulator: viewer', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startWithProjects();
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
});

describe('emulator: photoUrl', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startWithRuns();
  });
  afterAll(() => emu.close());
  it('answers the seeded photoUrl, null by default', async () => {
    const viewer = await data<{ viewer: { photoUrl: string | null } }>(emu, '{ viewer { photoUrl } }');
    expect(viewer.viewer.photoUrl).toBe('https://example.com/alice.png');
    const q =
      '{ project(name: "p", entityName: "alice") { run(name: "r3") { user { username photoUrl } } } }';
    const before = await data<{ project: { run: { user: Record<string, unknown> } } }>(emu, q);
    expect(before.project.run.user).toEqual({ username: 'carol', photoUrl: null });
    emu.seed.user({ username: 'carol', photoUrl: 'https://example.com/carol.png' });
    const after = await data<{ project: { run: { user: Record<string, unknown> } } }>(emu, q);
    expect(after.project.run.user.photoUrl).toBe('https://example.com/carol.png');
  });
});

describe('emulator: several users, each with their own key', () => {
  let emu: Emulator;
  const BOB_KEY = 'bob-key-0123456789abcdef0123456789abcdef';
  const ROOT_KEY = 'root-key-0123456789abcdef0123456789abcde';
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.user({ username: 'bob', apiKey: BOB_KEY, teams: ['vision'] });
    emu.seed.user({ username: 'root', admin: true, apiKey: ROOT_KEY });
  });
  afterAll(() => emu.close());

  const viewerAs = async (key: string): Promise<GqlResponse> =>
    gql(
      emu,
      '{ viewer { username admin apiKeys { edges { node { id name } } } } }',
      {},
      { auth: basic(key) },
    );

  it('answers each request as the owner of its key; the primary key stays the configured viewer', async () => {
    const [alice, bob, root] = await Promise.all([viewerAs(KEY), viewerAs(BOB_KEY), viewerAs(ROOT_KEY)]);
    expect(alice.json.data?.viewer).toMatchObject({ username: 'alice', admin: false });
    expect(bob.json.data?.viewer).toMatchObject({ username: 'bob', admin: false });
    expect(root.json.data?.viewer).toMatchObject({ username: 'root', admin: true });
    // Each lists its own key under a label, never the secret.
    expect(bob.text).not.toContain(BOB_KEY);
    const bobKeys = (bob.json.data?.viewer as { apiKeys: { edges: { node: { name: string } }[] } }).apiKeys;
    expect(bobKeys.edges.map((e) => e.node.name)).toEqual(['key-1']);
  });

  it('keeps requests of two users apart when they run at the same time', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? KEY : BOB_KEY));
    const answers = await Promise.all(
      keys.map((key) => gql(emu, '{ viewer { username } }', {}, { auth: `Bearer ${key}` })),
    );
    expect(answers.map((a) => (a.json.data?.viewer as { username: string }).username)).toEqual(
      keys.map((key) => (key === KEY ? 'alice' : 'bob')),
    );
  });

  it('writes as the key owner: bob creates a project in his entity, not in alice’s', async () => {
    const res = await gql(
      emu,
      'mutation { upsertModel(input: { name: "bobs-project" }) { project { entityName } } }',
      {},
      { auth: basic(BOB_KEY) },
    );
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data).toEqual({ upsertModel: { project: { entityName: 'bob' } } });
    const denied = await gql(
      emu,
      'mutation { upsertModel(input: { name: "x", entityName: "alice" }) { project { id } } }',
      {},
      { auth: basic(BOB_KEY) },
    );
    expect(denied.json.errors?.[0]?.message).toMatch(
      /permission denied: user bob cannot write to entity alice/,
    );
  });

  it('redacts a key even where it stands as the operation name', async () => {
    const key = 'abcdef0123456789abcdef0123456789abcdef01'; // hex that is also a GraphQL name
    emu.seed.user({ username: 'hexa', apiKey: key });
    const answer = await gql(emu, `query ${key} { viewer { username } }`, {}, { auth: basic(key) });
    expect(answer.json.data?.viewer).toEqual({ username: 'hexa' });
    expect(JSON.stringify(emu.requests)).not.toContain(key);
  });

  it('accepts a generated key until it is deleted, and redacts it everywhere in the request log', async () => {
    const made = await gql(
      emu,
      'mutation { generateApiKey(input: { description: "CI" }) { apiKey { id name description } } }',
      {},
      { auth: basic(BOB_KEY) },
    );
    expect(made.status).toBe(200);
    const apiKey = (
      made.json.data?.generateApiKey as { apiKey: { id: string; name: string; description: string } }
    ).apiKey;
    expect(apiKey.name).toMatch(/^[0-9a-f]{40}$/); // the payload answers the secret as its name, once
    expect(apiKey.description).toBe('CI');
    const secret = apiKey.name;

    const asNew = await viewerAs(secret);
    expect(asNew.json.data?.viewer).toMatchObject({ username: 'bob' });
    const labels = (
      asNew.json.data?.viewer as { apiKeys: { edges: { node: { id: string; name: string } }[] } }
    ).apiKeys.edges;
    expect(labels.map((e) => e.node.name)).toEqual(['key-1', 'key-2']);
    expect(asNew.text).not.toContain(secret);

    // Secrets sent in a body (by mistake) are redacted too, as are the Basic forms in headers.
    await gql(
      emu,
      'query Q($note: String) { viewer { username } }',
      { note: `my key is ${secret}` },
      {
        auth: basic(secret),
        headers: { 'x-note': `${BOB_KEY} ${ROOT_KEY}` },
      },
    );
    const recorded = JSON.stringify(emu.requests);
    for (const s of [secret, BOB_KEY, ROOT_KEY, KEY, Buffer.from(`api:${secret}`).toString('base64')]) {
      expect(recorded).not.toContain(s);
    }
    expect(recorded).toContain('my key is [REDACTED]');

    const removed = await gql(
      emu,
      'mutation D($id: String!) { deleteApiKey(input: { id: $id }) { success } }',
      { id: apiKey.id },
      { auth: basic(secret) },
    );
    expect(removed.json.data).toEqual({ deleteApiKey: { success: true } });
    expect((await viewerAs(secret)).status).toBe(401);
    expect((await viewerAs(BOB_KEY)).status).toBe(200);
    // A deleted key stays redacted.
    await gql(emu, '{ viewer { id } }', {}, { headers: { 'x-note': secret } });
    expect(JSON.stringify(emu.requests)).not.toContain(secret);
  });

  it('lets only the owner or an admin delete a key', async () => {
    const rootKeys = await viewerAs(ROOT_KEY);
    const id = (rootKeys.json.data?.viewer as { apiKeys: { edges: { node: { id: string } }[] } }).apiKeys
      .edges[0]?.node.id;
    const denied = await gql(
      emu,
      'mutation D($id: String!) { deleteApiKey(input: { id: $id }) { success } }',
      { id },
      { auth: basic(BOB_KEY) },
    );
    expect(denied.status).toBe(403);
    expect(denied.json.errors?.[0]?.message).toMatch(/only the key's owner or an admin/);
    expect((await viewerAs(ROOT_KEY)).status).toBe(200);
  });

  it('refuses a key already taken by another user', () => {
    expect(() => emu.seed.user({ username: 'mallory', apiKey: BOB_KEY })).toThrow(/already registered/);
    expect(() => emu.seed.user({ username: 'mallory', apiKey: '' })).toThrow(/non-empty/);
    expect(emu.store.findUser('mallory')).toBeUndefined();
  });
});

describe('emulator: the acting user of concurrent work', () => {
  it('stays the one each task started with across awaits that interleave', async () => {
    const store = new EmulatorStore({ username: 'alice' });
    store.seedUser({ username: 'bob' });
    const seen: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const task = (user: string) =>
      store.actAs(user, async () => {
        seen.push(`${user}:${store.viewerUsername}`);
        await gate; // both tasks are now waiting at the same time
        seen.push(`${user}:${store.viewer.username}`);
      });
    const both = Promise.all([task('alice'), task('bob')]);
    release();
    await both;
    expect(seen.sort()).toEqual(['alice:alice', 'alice:alice', 'bob:bob', 'bob:bob']);
    expect(store.viewerUsername).toBe('alice');
  });
});
