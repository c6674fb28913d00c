// Registry members and roles over HTTP with raw GraphQL (wandb-ops.md §7.13): the member documents
// of operations/registries.graphql against seeded organizations, users, teams and registries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, gql, KEY } from '../../support/emulator-http.js';
import { repositoryOperation as operation } from './repository-operations.js';

interface UserMember {
  id: string;
  name: string | null;
  username: string | null;
  email: string | null;
  role: { name: string };
}
interface TeamMember {
  team: { __typename: string; id: string; name: string; isTeam: boolean; entityType: string };
  role: { name: string };
}

let emu: Emulator;
let ids: { bob: string; carol: string; outsider: string; vision: string; models: string };

async function entityId(name: string): Promise<string> {
  const d = await data<{ entity: { id: string } }>(emu, `query { entity(name: "${name}") { id } }`);
  return d.entity.id;
}

beforeEach(async () => {
  emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice', email: 'alice@example.com' } });
  const bob = emu.seed.user({ username: 'bob', email: 'bob@example.com', name: 'Bob' });
  const carol = emu.seed.user({ username: 'carol' });
  const outsider = emu.seed.user({ username: 'outsider' });
  emu.seed.organization({
    name: 'acme',
    orgEntity: 'acme-org',
    members: ['alice', 'bob', 'carol'],
    teams: ['vision-team'],
  });
  emu.seed.organization({ name: 'globex', orgEntity: 'globex-org', teams: ['other-team'] });
  const models = emu.seed.registry({ organization: 'acme', name: 'models' });
  ids = {
    bob: bob.id,
    carol: carol.id,
    outsider: outsider.id,
    vision: await entityId('vision-team'),
    models: models.id,
  };
});
afterEach(() => emu.close());

async function userMembers(name = 'wandb-registry-models'): Promise<UserMember[] | undefined> {
  const d = await data<{ project: { members: UserMember[] } | null }>(emu, operation('RegistryUserMembers'), {
    project: name,
    entity: 'acme-org',
  });
  return d.project?.members;
}

async function teamMembers(name = 'wandb-registry-models'): Promise<TeamMember[] | undefined> {
  const d = await data<{ project: { teamMembers: TeamMember[] } | null }>(
    emu,
    operation('RegistryTeamMembers'),
    { project: name, entity: 'acme-org' },
  );
  return d.project?.teamMembers;
}

const roles = (members: UserMember[] | undefined): Record<string, string> =>
  Object.fromEntries((members ?? []).map((m) => [m.username ?? '', m.role.name]));

async function add(input: Record<string, unknown>) {
  return gql(emu, operation('CreateRegistryMembers'), { input });
}

describe('registry members: reads', () => {
  it('the creator of a registry is its only member, an admin; no team members', async () => {
    expect(await userMembers()).toEqual([
      {
        id: expect.any(String) as string,
        name: expect.any(String) as string,
        username: 'alice',
        email: 'alice@example.com',
        role: { name: 'admin' },
      },
    ]);
    expect(await teamMembers()).toEqual([]);
  });

  it('members of an ordinary project are not emulated: a GraphQL error, not an empty list', async () => {
    emu.seed.project({ entity: 'alice', name: 'vision' });
    const res = await gql(emu, operation('RegistryUserMembers'), { project: 'vision', entity: 'alice' });
    expect(res.json.errors?.[0]?.message).toMatch(/Project\.members for registries only/);
  });
});

describe('registry members: writes', () => {
  it('adds users and teams with the default role viewer; adding again keeps the role', async () => {
    const res = await add({ projectId: ids.models, userIds: [ids.bob, ids.carol], teamIds: [ids.vision] });
    expect(res.json).toEqual({ data: { result: { success: true } } });
    expect(roles(await userMembers())).toEqual({ alice: 'admin', bob: 'viewer', carol: 'viewer' });
    const bob = (await userMembers())?.find((m) => m.username === 'bob');
    expect(bob).toMatchObject({ id: ids.bob, name: 'Bob', email: 'bob@example.com' });
    expect(await teamMembers()).toMatchObject([
      {
        team: { __typename: 'Entity', id: ids.vision, name: 'vision-team', isTeam: true, entityType: 'team' },
        role: { name: 'viewer' },
      },
    ]);

    await data(emu, operation('UpdateUserRegistryRole'), {
      input: { projectId: ids.models, userId: ids.bob, userProjectRole: 'member' },
    });
    await add({ projectId: ids.models, userIds: [ids.bob], teamIds: [] });
    expect(roles(await userMembers()).bob).toBe('member');
  });

  it('updates user and team roles to each of the four roles', async () => {
    await add({ projectId: ids.models, userIds: [ids.bob], teamIds: [ids.vision] });
    for (const role of ['admin', 'member', 'viewer', 'restricted_viewer']) {
      await data(emu, operation('UpdateUserRegistryRole'), {
        input: { projectId: ids.models, userId: ids.bob, userProjectRole: role },
      });
      await data(emu, operation('UpdateTeamRegistryRole'), {
        input: { projectId: ids.models, teamId: ids.vision, teamProjectRole: role },
      });
      expect(roles(await userMembers()).bob).toBe(role);
      expect((await teamMembers())?.[0]?.role.name).toBe(role);
    }
  });

  it('refuses an unknown role and a role update of a non-member', async () => {
    const bad = await gql(emu, operation('UpdateUserRegistryRole'), {
      input: { projectId: ids.models, userId: ids.bob, userProjectRole: 'owner' },
    });
    expect(bad.json.errors?.[0]?.message).toBe(
      'updateProjectMember: invalid userProjectRole "owner"; expected one of: admin, member, viewer, restricted_viewer',
    );
    const stranger = await gql(emu, operation('UpdateTeamRegistryRole'), {
      input: { projectId: ids.models, teamId: ids.vision, teamProjectRole: 'viewer' },
    });
    expect(stranger.json.errors?.[0]?.message).toBe(
      'updateProjectTeamMember: team vision-team is not a member of registry wandb-registry-models',
    );
  });

  it('removes users and teams; removing a non-member does nothing', async () => {
    await add({ projectId: ids.models, userIds: [ids.bob, ids.carol], teamIds: [ids.vision] });
    const input = { projectId: ids.models, userIds: [ids.bob], teamIds: [ids.vision] };
    expect((await gql(emu, operation('DeleteRegistryMembers'), { input })).json).toEqual({
      data: { result: { success: true } },
    });
    expect(roles(await userMembers())).toEqual({ alice: 'admin', carol: 'viewer' });
    expect(await teamMembers()).toEqual([]);
    await data(emu, operation('DeleteRegistryMembers'), { input });
    expect(roles(await userMembers())).toEqual({ alice: 'admin', carol: 'viewer' });
  });

  it('refuses users outside the organization, teams of another one and malformed ids, changing nothing', async () => {
    const otherTeam = await entityId('other-team');
    const cases: [Record<string, unknown>, string][] = [
      [
        { userIds: [ids.bob, ids.outsider] },
        'createProjectMembers: user outsider is not a member of organization acme',
      ],
      [
        { teamIds: [otherTeam] },
        'createProjectMembers: team other-team does not belong to organization acme',
      ],
      [{ userIds: ['not-an-id'] }, 'createProjectMembers: user "not-an-id" not found'],
      [{ userIds: [ids.vision] }, `createProjectMembers: user ${JSON.stringify(ids.vision)} not found`],
      [
        { teamIds: [await entityId('bob')] },
        expect.stringMatching(/^createProjectMembers: team ".+" not found$/) as unknown as string,
      ],
    ];
    for (const [input, message] of cases) {
      const res = await add({ projectId: ids.models, ...input });
      expect(res.json.errors?.[0]?.message).toEqual(message);
    }
    const missing = await add({ projectId: 'UHJvamVjdDo5OTk=', userIds: [ids.bob] });
    expect(missing.json.errors?.[0]?.message).toBe(
      'createProjectMembers: project "UHJvamVjdDo5OTk=" not found',
    );
    expect(roles(await userMembers())).toEqual({ alice: 'admin' });
  });
});

describe('registry members: who may change them', () => {
  it('a registry viewer gets HTTP 403 with "permission denied", and nothing changes', async () => {
    const theirs = emu.seed.registry({
      organization: 'acme',
      name: 'theirs',
      createdBy: 'bob',
      members: [{ username: 'alice' }],
    });
    const res = await add({ projectId: theirs.id, userIds: [ids.carol] });
    expect(res.status).toBe(403);
    expect(res.json.errors?.[0]).toMatchObject({
      message:
        'createProjectMembers: permission denied: user alice is not an admin of registry wandb-registry-theirs or of its organization',
      extensions: { code: 'PERMISSION_ERROR' },
    });
    for (const [name, input] of [
      ['DeleteRegistryMembers', { projectId: theirs.id, userIds: [ids.bob] }],
      ['UpdateUserRegistryRole', { projectId: theirs.id, userId: 'eA==', userProjectRole: 'admin' }],
    ] as const) {
      expect((await gql(emu, operation(name), { input })).status).toBe(403);
    }
    expect(roles(await userMembers('wandb-registry-theirs'))).toEqual({ bob: 'admin', alice: 'viewer' });
  });

  it('an admin through a team, and an admin of the organization, may change them', async () => {
    emu.seed.user({ username: 'alice', teams: ['vision-team'] });
    const viaTeam = emu.seed.registry({
      organization: 'acme',
      name: 'team-run',
      createdBy: 'bob',
      members: [{ team: 'vision-team', role: 'admin' }],
    });
    expect((await add({ projectId: viaTeam.id, userIds: [ids.carol] })).json.errors).toBeUndefined();

    emu.seed.organization({ name: 'initech', orgEntity: 'initech-org', members: ['bob'], admins: ['alice'] });
    const org = emu.seed.registry({ organization: 'initech', name: 'ops', createdBy: 'bob' });
    const res = await gql(emu, operation('UpdateUserRegistryRole'), {
      input: { projectId: org.id, userId: ids.bob, userProjectRole: 'viewer' },
    });
    expect(res.json.errors).toBeUndefined();
  });
});

describe('registry members: who may save, rename or delete the registry', () => {
  const fetchRegistry = async (name: string) =>
    (
      await data<{ entity: { project: { name: string; description: string | null } | null } }>(
        emu,
        operation('FetchRegistry'),
        { entity: 'acme-org', name },
      )
    ).entity.project;
  const changes = (id: string, name: string) =>
    [
      ['UpsertRegistry', 'upsertModel', { input: { entityName: 'acme-org', name, description: 'mine now' } }],
      [
        'RenameRegistry',
        'renameProject',
        { input: { entityName: 'acme-org', oldProjectName: name, newProjectName: 'wandb-registry-moved' } },
      ],
      ['DeleteRegistry', 'deleteModel', { id }],
    ] as const;

  it('a registry viewer or member, or an organization member outside it, gets HTTP 403 and nothing changes', async () => {
    // alice is a viewer of one, a member of another, and not in the third (organization-visible).
    type Members = Parameters<Emulator['seed']['registry']>[0]['members'];
    const aliceAs: Record<string, Members> = {
      viewed: [{ username: 'alice' }],
      joined: [{ username: 'alice', role: 'member' }],
      open: [],
    };
    for (const [short, members] of Object.entries(aliceAs)) {
      const registry = emu.seed.registry({
        organization: 'acme',
        name: short,
        createdBy: 'bob',
        description: 'bobs',
        members,
      });
      const name = `wandb-registry-${short}`;
      for (const [op, field, variables] of changes(registry.id, name)) {
        const res = await gql(emu, operation(op), variables);
        expect(res.status, `${op} ${name}`).toBe(403);
        expect(res.json.errors?.[0]).toMatchObject({
          message: `${field}: permission denied: user alice is not an admin of registry ${name} or of its organization`,
          extensions: { code: 'PERMISSION_ERROR' },
        });
      }
      expect(await fetchRegistry(name)).toMatchObject({ name, description: 'bobs' });
    }
    expect(await fetchRegistry('wandb-registry-moved')).toBeNull();
  });

  it('a restricted registry the viewer is not in is not found', async () => {
    const secret = emu.seed.registry({
      organization: 'acme',
      name: 'secret',
      visibility: 'restricted',
      createdBy: 'bob',
    });
    for (const [op, field, variables] of changes(secret.id, 'wandb-registry-secret')) {
      const res = await gql(emu, operation(op), variables);
      expect(res.json.errors?.[0]?.message, op).toMatch(new RegExp(`^${field}: project .+ not found$`));
    }
    expect(emu.store.findProject('acme-org', 'wandb-registry-secret')?.description).toBeNull();
  });

  it('the creator, an admin through a team and an admin of the organization may', async () => {
    // The creator (the seeds' default) is an admin.
    const mine = await data<{ upsertModel: { project: { description: string } } }>(
      emu,
      operation('UpsertRegistry'),
      { input: { entityName: 'acme-org', name: 'wandb-registry-models', description: 'mine' } },
    );
    expect(mine.upsertModel.project.description).toBe('mine');

    emu.seed.user({ username: 'alice', teams: ['vision-team'] });
    const viaTeam = emu.seed.registry({
      organization: 'acme',
      name: 'team-run',
      createdBy: 'bob',
      members: [{ team: 'vision-team', role: 'admin' }],
    });
    for (const [op, , variables] of changes(viaTeam.id, 'wandb-registry-team-run')) {
      expect((await gql(emu, operation(op), variables)).json.errors, op).toBeUndefined();
    }

    emu.seed.organization({
      name: 'initech',
      orgEntity: 'initech-org',
      members: ['alice', 'bob'],
      admins: ['alice'],
    });
    emu.seed.registry({ organization: 'initech', name: 'ops', createdBy: 'bob', visibility: 'restricted' });
    const renamed = await gql(emu, operation('RenameRegistry'), {
      input: {
        entityName: 'initech-org',
        oldProjectName: 'wandb-registry-ops',
        newProjectName: 'wandb-registry-ops2',
      },
    });
    expect(renamed.json.errors).toBeUndefined();
    expect(emu.store.findProject('initech-org', 'wandb-registry-ops2')).toBeDefined();
  });

  it('an instance admin may', async () => {
    emu.seed.user({ username: 'alice', admin: true });
    const theirs = emu.seed.registry({
      organization: 'acme',
      name: 'theirs',
      createdBy: 'bob',
      visibility: 'restricted',
    });
    const res = await gql(emu, operation('DeleteRegistry'), { id: theirs.id });
    expect(res.json).toEqual({ data: { deleteModel: { success: true } } });
  });
});

describe('restricted registries', () => {
  it('are seen only by their members, directly or through a team', async () => {
    emu.seed.user({ username: 'alice', teams: ['vision-team'] });
    emu.seed.registry({ organization: 'acme', name: 'secret', visibility: 'restricted', createdBy: 'bob' });
    emu.seed.registry({ organization: 'acme', name: 'open', createdBy: 'bob' });
    const names = async (): Promise<string[]> => {
      const d = await data<{
        organization: { orgEntity: { projects: { edges: { node: { name: string } }[] } } };
      }>(emu, operation('FetchRegistries'), { organization: 'acme' });
      return d.organization.orgEntity.projects.edges.map((e) => e.node.name);
    };
    const fetchOne = async (): Promise<unknown> =>
      (
        await data<{ entity: { project: unknown } }>(emu, operation('FetchRegistry'), {
          entity: 'acme-org',
          name: 'wandb-registry-secret',
        })
      ).entity.project;

    expect(await names()).toEqual(['wandb-registry-models', 'wandb-registry-open']);
    expect(await fetchOne()).toBeNull();
    expect(await userMembers('wandb-registry-secret')).toBeUndefined();

    emu.seed.registry({
      organization: 'acme',
      name: 'secret2',
      visibility: 'restricted',
      createdBy: 'bob',
      members: [{ team: 'vision-team' }],
    });
    expect(await names()).toContain('wandb-registry-secret2');
    expect(await userMembers('wandb-registry-secret2')).toHaveLength(1);
  });
});

describe('emu.seed.registry members', () => {
  it('refuses members outside the organization and unknown roles', () => {
    expect(() =>
      emu.seed.registry({ organization: 'acme', name: 'x', members: [{ username: 'outsider' }] }),
    ).toThrow('seed.registry: outsider is not a member of organization acme');
    expect(() =>
      emu.seed.registry({ organization: 'acme', name: 'y', members: [{ team: 'other-team' }] }),
    ).toThrow('seed.registry: other-team is not a team of organization acme');
    expect(() => emu.seed.registry({ organization: 'acme', name: 'z', createdBy: 'outsider' })).toThrow(
      'seed.registry: createdBy outsider is not a member of organization acme',
    );
  });
});
