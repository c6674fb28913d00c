// Users over real HTTP: the viewer, its teams and photo URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import { data, startWithProjects, startWithRuns } from '../../support/emulator-http.js';

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
