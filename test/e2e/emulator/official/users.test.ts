// The official Python client's viewer documents (Viewer from wandb-core, GetViewer and
// GetDefaultEntity from wandb/apis), in their shape: the same selections and variables, and the
// operationName each one is posted with. Written here from the field lists of
// /work/notes/official-documents.md §1.1; never copied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED_KEY_NAME, startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { gql, KEY, official } from '../../../support/emulator-http.js';
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
