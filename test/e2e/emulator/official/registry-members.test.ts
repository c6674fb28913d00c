// The official client's registry member documents, in their exact text
// (./registry-member-documents.ts), sent as the official client sends them (`operationName: ""`,
// the variables its input models dump) and answered with what its result models require
// (wandb/sdk/artifacts/_generated/fragments.py: non-null ids, role names, the team's
// `readOnlyAdmin`, `privateOnly`, `storageBytes`, `codeSavingEnabled`, `defaultAccess`, members).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { KEY, official } from '../../../support/emulator-http.js';
import * as doc from './registry-member-documents.js';

interface UserMember {
  id: string;
  name: string | null;
  username: string | null;
  email: string | null;
  role: { name: string };
}
interface TeamMember {
  team: Record<string, unknown> & { id: string; name: string; members: Record<string, unknown>[] };
  role: { name: string };
}

let emu: Emulator;
let ids: { registry: string; bob: string; team: string };
const where = { project: 'wandb-registry-models', entity: 'acme-org' };

beforeAll(async () => {
  emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  const bob = emu.seed.user({ username: 'bob', email: 'bob@example.com', teams: ['vision-team'] });
  emu.seed.organization({
    name: 'acme',
    orgEntity: 'acme-org',
    members: ['alice', 'bob'],
    teams: ['vision-team'],
  });
  const registry = emu.seed.registry({ organization: 'acme', name: 'models' });
  const team = emu.store.entities.get('vision-team');
  ids = {
    registry: registry.id,
    bob: bob.id,
    team: Buffer.from(`Entity:${team?.id ?? 0}`).toString('base64'),
  };
});
afterAll(() => emu.close());

const users = async (): Promise<UserMember[]> =>
  (await official<{ project: { members: UserMember[] } }>(emu, doc.REGISTRY_USER_MEMBERS, where)).project
    .members;
const teams = async (): Promise<TeamMember[]> =>
  (await official<{ project: { teamMembers: TeamMember[] } }>(emu, doc.REGISTRY_TEAM_MEMBERS, where)).project
    .teamMembers;

describe('official documents: registry members', () => {
  it('RegistryUserMembers: the creator, an admin', async () => {
    expect((await users()).map((m) => [m.username, m.role.name])).toEqual([['alice', 'admin']]);
  });

  it('CreateRegistryMembers, then both listings with every field the result models require', async () => {
    const added = await official(emu, doc.CREATE_REGISTRY_MEMBERS, {
      input: { projectId: ids.registry, teamIds: [ids.team], userIds: [ids.bob] },
    });
    expect(added).toEqual({ result: { success: true } });
    expect(await users()).toContainEqual({
      id: ids.bob,
      name: expect.any(String) as string,
      username: 'bob',
      email: 'bob@example.com',
      role: { name: 'viewer' },
    });
    const [member] = await teams();
    expect(member?.role).toEqual({ name: 'viewer' });
    expect(member?.team).toMatchObject({
      __typename: 'Entity',
      id: ids.team,
      name: 'vision-team',
      isTeam: true,
      entityType: 'team',
      readOnlyAdmin: false,
      privateOnly: false,
      storageBytes: 0,
      codeSavingEnabled: false,
      defaultAccess: 'PRIVATE',
    });
    // The team's members, as TeamMemberFragment selects them: never an API key.
    expect(member?.team.members).toEqual([
      {
        __typename: 'Member',
        id: ids.bob,
        role: 'member',
        pending: false,
        email: 'bob@example.com',
        username: 'bob',
        name: expect.any(String) as string,
        photoUrl: null,
        accountType: 'USER',
        apiKey: null,
      },
    ]);
  });

  it('UpdateUserRegistryRole, UpdateTeamRegistryRole, DeleteRegistryMembers', async () => {
    expect(
      await official(emu, doc.UPDATE_USER_REGISTRY_ROLE, {
        input: { projectId: ids.registry, userId: ids.bob, userProjectRole: 'restricted_viewer' },
      }),
    ).toEqual({ result: { success: true } });
    expect(
      await official(emu, doc.UPDATE_TEAM_REGISTRY_ROLE, {
        input: { projectId: ids.registry, teamId: ids.team, teamProjectRole: 'member' },
      }),
    ).toEqual({ result: { success: true } });
    expect((await users()).find((m) => m.username === 'bob')?.role.name).toBe('restricted_viewer');
    expect((await teams())[0]?.role.name).toBe('member');
    expect(
      await official(emu, doc.DELETE_REGISTRY_MEMBERS, {
        input: { projectId: ids.registry, teamIds: [ids.team], userIds: [ids.bob] },
      }),
    ).toEqual({ result: { success: true } });
    expect((await users()).map((m) => m.username)).toEqual(['alice']);
    expect(await teams()).toEqual([]);
  });
});
