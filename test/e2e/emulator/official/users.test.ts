// The official Python client's viewer and user documents (Viewer from wandb-core, GetViewer,
// GetDefaultEntity, SearchUsers, CreateUserFromAdmin, GenerateApiKey, DeleteApiKey from wandb/apis), in their shape: the same selections and variables, and the
// operationName each one is posted with. Written here from the field lists of
// /work/notes/official-documents.md §1.1; never copied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED_KEY_NAME, startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { basic, expectValid, gql, KEY, official } from '../../../support/emulator-http.js';
import { USER_FIELDS } from './user-fields.js';

// wandb-core's auth check: no variables at all (the body has no "variables" key), its own name.
const VIEWER = `query Viewer {
  viewer {
    id
    entity
    username
    email
    flags
    teams { edges { node { name } } }
  }
}`;

// Api.viewer: the user fragment with its API keys and teams.
const GET_VIEWER = `query GetViewer {
  viewer { ...UserFields }
}
${USER_FIELDS}`;

const GET_DEFAULT_ENTITY = `query GetDefaultEntity { viewer { id entity } }`;

interface ViewerUser {
  id: string;
  name: string;
  username: string;
  email: string;
  admin: boolean;
  flags: string;
  entity: string;
  deletedAt: string | null;
  apiKeys: { edges: { node: { id: string; name: string; description: string | null } }[] } | null;
  teams: { edges: { node: { name: string } }[] };
}

const decode = (id: string): string => Buffer.from(id, 'base64').toString('utf8');

describe('official documents: the viewer', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      viewer: {
        username: 'alice',
        email: 'alice@example.org',
        name: 'Alice Liddell',
        admin: true,
        entity: 'vision-team',
        teams: ['vision-team', 'nlp-team'],
      },
    });
  });
  afterAll(() => emu.close());

  it('answers Viewer (wandb-core, operationName "Viewer", no variables key)', async () => {
    const d = await official<{ viewer: Omit<ViewerUser, 'apiKeys'> }>(emu, VIEWER, undefined, {
      operationName: 'Viewer',
    });
    expect(decode(d.viewer.id)).toMatch(/^User:\d+$/);
    expect(d.viewer).toMatchObject({
      entity: 'vision-team',
      username: 'alice',
      email: 'alice@example.org',
      flags: '{}',
    });
    expect(d.viewer.teams.edges.map((e) => e.node.name)).toEqual(['vision-team', 'nlp-team']);
    const recorded = emu.requests.at(-1);
    expect(recorded).toMatchObject({ operationName: 'Viewer', variables: undefined });
  });

  it('answers GetViewer with the API key records (a label, never the secret) and the teams', async () => {
    const res = await gql(emu, GET_VIEWER, {}, { operationName: '' });
    expect(res.text).not.toContain(KEY);
    const d = await official<{ viewer: ViewerUser }>(emu, GET_VIEWER, {});
    expect(d.viewer).toMatchObject({
      name: 'Alice Liddell',
      username: 'alice',
      email: 'alice@example.org',
      admin: true,
      flags: '{}',
      entity: 'vision-team',
      deletedAt: null,
    });
    expect(JSON.parse(d.viewer.flags)).toEqual({});
    const keys = d.viewer.apiKeys?.edges.map((e) => e.node) ?? [];
    expect(keys).toHaveLength(1);
    expect(keys[0]?.name).toBe(ACCEPTED_KEY_NAME);
    expect(decode(keys[0]?.id ?? '')).toMatch(/^ApiKey:\d+$/);
    expect(keys[0]?.description).toMatch(/never answered/);
    expect(d.viewer.teams.edges.map((e) => e.node.name)).toEqual(['vision-team', 'nlp-team']);
  });

  it('answers GetDefaultEntity with the default entity, not the username', async () => {
    const d = await official<{ viewer: { id: string; entity: string } }>(emu, GET_DEFAULT_ENTITY, {});
    expect(d.viewer.entity).toBe('vision-team');
    expect(decode(d.viewer.id)).toMatch(/^User:\d+$/);
  });

  it('never names the secret, even when the secret is the label or contains it', async () => {
    for (const apiKey of [ACCEPTED_KEY_NAME, `${ACCEPTED_KEY_NAME}-and-more`, 'emulator', 'key-1-key-2']) {
      const other = await startEmulator({ apiKey, viewer: { username: 'bob' } });
      try {
        const res = await gql(other, GET_VIEWER, {}, { operationName: '' });
        expect(res.status).toBe(200);
        expect(res.json.errors).toBeUndefined();
        expect(res.text).not.toContain(apiKey);
        const viewer = (res.json.data as { viewer: ViewerUser }).viewer;
        const name = viewer.apiKeys?.edges[0]?.node.name ?? '';
        expect(name).toMatch(/^(emulator-key|key-\d+)$/);
        expect(apiKey.includes(name)).toBe(false);
      } finally {
        await other.close();
      }
    }
  });
});

// Api.user / Api.users, Api.create_user, User.generate_api_key and User.delete_api_key: the same
// selections and variables the official client sends (wandb-ops.md §6.1).
const SEARCH_USERS = `query SearchUsers($query: String) {
  users(query: $query) { edges { node { ...UserFields } } }
}
${USER_FIELDS}`;

const CREATE_USER_FROM_ADMIN = `mutation CreateUserFromAdmin($email: String!, $admin: Boolean) {
  result: createUser(input: { email: $email, admin: $admin }) {
    user { ...UserInfo }
  }
}
fragment UserInfo on User { id name username email admin }`;

const GENERATE_API_KEY = `mutation GenerateApiKey($description: String) {
  result: generateApiKey(input: { description: $description }) { apiKey { ...KeyFields } }
}
fragment KeyFields on ApiKey { id name description }`;

const DELETE_API_KEY = `mutation DeleteApiKey($id: String!) {
  result: deleteApiKey(input: { id: $id }) { success }
}`;

describe('official documents: users and API keys', () => {
  let emu: Emulator;
  const BOB_KEY = 'bob-key-0123456789abcdef0123456789abcdef';
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'root', admin: true } });
    emu.seed.user({ username: 'bob', email: 'bob@example.com', apiKey: BOB_KEY, teams: ['vision-team'] });
    emu.seed.user({ username: 'bobby', email: 'bobby@example.org' });
  });
  afterAll(() => emu.close());

  it('answers SearchUsers for an admin: users whose username or email contains the query', async () => {
    const d = await official<{ users: { edges: { node: ViewerUser }[] } }>(emu, SEARCH_USERS, {
      query: 'bob',
    });
    expect(d.users.edges.map((e) => e.node.username)).toEqual(['bob', 'bobby']);
    const bob = d.users.edges[0]?.node;
    expect(bob).toMatchObject({ email: 'bob@example.com', admin: false, entity: 'bob', deletedAt: null });
    // An admin sees other users' key labels (to delete them), never their secrets.
    expect(bob?.apiKeys?.edges.map((e) => e.node.name)).toEqual(['key-1']);
    expect(JSON.stringify(d)).not.toContain(BOB_KEY);
    expect(bob?.teams.edges.map((e) => e.node.name)).toEqual(['vision-team']);
    const byEmail = await official<{ users: { edges: unknown[] } }>(emu, SEARCH_USERS, {
      query: 'example.org',
    });
    expect(byEmail.users.edges).toHaveLength(1);
  });

  it('refuses SearchUsers and CreateUserFromAdmin to a non-admin with HTTP 403', async () => {
    for (const [doc, variables, field] of [
      [SEARCH_USERS, { query: 'bob' }, 'users'],
      [CREATE_USER_FROM_ADMIN, { email: 'x@example.com', admin: false }, 'createUser'],
    ] as const) {
      expectValid(doc);
      const res = await gql(emu, doc, variables, { operationName: '', auth: basic(BOB_KEY) });
      expect(res.status).toBe(403);
      expect(res.json.errors?.[0]?.message).toBe(`only admins can use ${field}()`);
    }
    expect(emu.store.findUser('x')).toBeUndefined();
  });

  it('answers CreateUserFromAdmin; the new user is found by SearchUsers', async () => {
    const d = await official<{ result: { user: Record<string, unknown> } }>(emu, CREATE_USER_FROM_ADMIN, {
      email: 'carol@example.com',
      admin: true,
    });
    expect(d.result.user).toMatchObject({ username: 'carol', email: 'carol@example.com', admin: true });
    const found = await official<{ users: { edges: { node: ViewerUser }[] } }>(emu, SEARCH_USERS, {
      query: 'carol@example.com',
    });
    expect(found.users.edges.map((e) => e.node.id)).toEqual([d.result.user.id]);
    const again = await gql(
      emu,
      CREATE_USER_FROM_ADMIN,
      { email: 'carol@example.com' },
      { operationName: '' },
    );
    expect(again.status).toBe(409);
  });

  it('answers GenerateApiKey with the secret as the name, once; DeleteApiKey by the key id', async () => {
    const made = await gql(
      emu,
      GENERATE_API_KEY,
      { description: 'CI' },
      { operationName: '', auth: basic(BOB_KEY) },
    );
    expectValid(GENERATE_API_KEY);
    const key = (made.json.data as { result: { apiKey: { id: string; name: string; description: string } } })
      .result.apiKey;
    expect(key.description).toBe('CI');
    expect(decode(key.id)).toMatch(/^ApiKey:\d+$/);
    const mine = await gql(emu, GET_VIEWER, {}, { operationName: '', auth: basic(key.name) });
    const viewer = (mine.json.data as { viewer: ViewerUser }).viewer;
    expect(viewer.username).toBe('bob');
    expect(viewer.apiKeys?.edges.map((e) => e.node.name)).toEqual(['key-1', 'key-2']);
    expect(viewer.apiKeys?.edges.map((e) => e.node.name)).not.toContain(key.name);

    expectValid(DELETE_API_KEY);
    const deleted = await gql(
      emu,
      DELETE_API_KEY,
      { id: key.id },
      { operationName: '', auth: basic(BOB_KEY) },
    );
    expect(deleted.json.data).toEqual({ result: { success: true } });
    expect((await gql(emu, GET_VIEWER, {}, { auth: basic(key.name) })).status).toBe(401);
  });
});
