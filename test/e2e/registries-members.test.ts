// Registry members and roles through the Api, over HTTP against the emulator (wandb-ops.md §7.13):
// listings, adds and removes of users and teams (given as User objects, team-like objects,
// members or ids), role changes, the input checks before any request, and the typed errors.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  GraphQLRequestError,
  NotFoundError,
  PermissionError,
  REGISTRY_ROLES,
  RegistryTeamMember,
  RegistryUserMember,
  type Registry,
  type RegistryRole,
} from '../../src/index.js';
import { failure, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
let ids: { bob: string; carol: string; vision: string };

const MEMBER_OPS = [
  'RegistryUserMembers',
  'RegistryTeamMembers',
  'CreateRegistryMembers',
  'DeleteRegistryMembers',
  'UpdateUserRegistryRole',
  'UpdateTeamRegistryRole',
];
const memberCalls = (): number => MEMBER_OPS.map((op) => graphqlCalls(emu, op)).reduce((a, b) => a + b, 0);

function variablesOf(operationName: string): Record<string, unknown>[] {
  return emu.requests
    .filter((r) => r.kind === 'graphql' && r.operationName === operationName)
    .map((r) => r.variables ?? {});
}

useEmulator(
  (ctx) => {
    emu = ctx.emu;
    api = ctx.api;
    const bob = emu.seed.user({ username: 'bob', name: 'Bob', email: 'bob@example.com' });
    const carol = emu.seed.user({ username: 'carol' });
    emu.seed.organization({
      name: 'acme',
      orgEntity: 'acme-org',
      members: ['alice', 'bob', 'carol'],
      teams: ['vision-team'],
    });
    emu.seed.registry({ organization: 'acme', name: 'models' });
    emu.seed.registry({
      organization: 'acme',
      name: 'bobs',
      createdBy: 'bob',
      members: [{ username: 'alice' }],
    });
    const vision = emu.store.entities.get('vision-team');
    ids = {
      bob: bob.id,
      carol: carol.id,
      vision: Buffer.from(`Entity:${vision?.id ?? 0}`).toString('base64'),
    };
  },
  { freshEach: true },
);

const registry = (name = 'models'): Promise<Registry> => api.registry(name, { organization: 'acme' });

describe('registry.userMembers() / teamMembers() / members()', () => {
  it('lists the creator as an admin and no teams', async () => {
    const r = await registry();
    const me = await api.viewer();
    const users = await r.userMembers();
    expect(users).toHaveLength(1);
    expect(users[0]).toBeInstanceOf(RegistryUserMember);
    expect(users[0]?.toJSON()).toEqual({
      kind: 'user',
      id: me.id,
      name: me.name,
      username: 'alice',
      email: 'alice@example.com',
      role: 'admin',
    });
    expect(await r.teamMembers()).toEqual([]);
    expect(variablesOf('RegistryUserMembers')).toEqual([
      { project: 'wandb-registry-models', entity: 'acme-org' },
    ]);
  });

  it('asks afresh after a change (no cached listing)', async () => {
    const r = await registry();
    expect(await r.userMembers()).toHaveLength(1);
    await r.addMembers(ids.bob);
    expect((await r.userMembers()).map((m) => m.username)).toEqual(['alice', 'bob']);
  });

  it('a registry deleted meanwhile is a NotFoundError', async () => {
    const r = await registry();
    const same = await registry();
    await same.delete();
    const error = await failure(r.userMembers());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'registry "models" of organization "acme" was not found (deleted, renamed, or not visible to you)',
    );
  });
});

describe('registry.addMembers() / removeMembers()', () => {
  it('adds users and teams given as a User, a team-like object and ids, sending sorted, deduplicated ids', async () => {
    const r = await registry();
    const me = await api.viewer();
    const team = { id: ids.vision, name: 'vision-team' };
    expect(await r.addMembers(ids.carol, team, me, ids.bob, ids.carol)).toBe(r);
    expect(variablesOf('CreateRegistryMembers')).toEqual([
      {
        input: {
          projectId: r.id,
          userIds: [me.id, ids.bob, ids.carol].sort(),
          teamIds: [ids.vision],
        },
      },
    ]);
    const users = Object.fromEntries((await r.userMembers()).map((m) => [m.username, m.role]));
    expect(users).toEqual({ alice: 'admin', bob: 'viewer', carol: 'viewer' });
    const [teamMember] = await r.teamMembers();
    expect(teamMember).toBeInstanceOf(RegistryTeamMember);
    expect(teamMember?.role).toBe('viewer');
    expect(teamMember?.id).toBe(ids.vision);
    expect(teamMember?.team).toMatchObject({
      id: ids.vision,
      name: 'vision-team',
      isTeam: true,
      entityType: 'team',
      defaultAccess: 'PRIVATE',
      storageBytes: 0,
    });
  });

  it('removes members given as the members a listing returned; removing again does nothing', async () => {
    const r = await registry();
    await r.addMembers(ids.bob, ids.carol, ids.vision);
    const [, ...others] = await r.userMembers();
    const teams = await r.teamMembers();
    await r.removeMembers(...others, ...teams);
    expect((await r.userMembers()).map((m) => m.username)).toEqual(['alice']);
    expect(await r.teamMembers()).toEqual([]);
    await r.removeMembers(...others);
    expect(variablesOf('DeleteRegistryMembers')[1]).toEqual({
      input: { projectId: r.id, userIds: [ids.bob, ids.carol].sort(), teamIds: [] },
    });
  });

  it('refuses no members, and ids that are neither a user nor a team, before any request', async () => {
    const r = await registry();
    emu.clearRequests();
    const none = await validationRejection(r.addMembers());
    expect(none.message).toMatch(/members.*give at least one user or team/);
    const project = btoa('Project:3');
    const bad: [unknown, RegExp][] = [
      [project, /members\[1\].*"UHJvamVjdDoz" is neither a user's nor a team's GraphQL id/],
      ['not base64!', /members\[1\].*neither a user's nor a team's/],
      [
        { name: 'no id' },
        /members\[1\].*expected a user, a team, a registry member or their GraphQL id, got/,
      ],
      [42, /members\[1\].*got 42/],
    ];
    for (const [member, message] of bad) {
      const error = await validationRejection(r.removeMembers(ids.bob, member as string));
      expect(error.message).toMatch(message);
    }
    expect(memberCalls()).toBe(0);
  });

  it('a registry viewer may not change members: PermissionError, nothing changed', async () => {
    const r = await registry('bobs');
    const error = await failure(r.addMembers(ids.carol));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toMatch(/permission denied/);
    expect((await failure(r.updateMember(ids.bob, 'viewer'))).constructor).toBe(PermissionError);
    expect(Object.fromEntries((await r.userMembers()).map((m) => [m.username, m.role]))).toEqual({
      bob: 'admin',
      alice: 'viewer',
    });
  });
});

describe('who may change the registry itself', () => {
  it('a registry viewer may not save, rename or delete it: PermissionError, nothing changed', async () => {
    const r = await registry('bobs');
    r.description = 'taken over';
    const saved = await failure(r.save());
    expect(saved).toBeInstanceOf(PermissionError);
    expect(saved.message).toMatch(/upsertModel: permission denied/);
    const again = await registry('bobs');
    again.name = 'renamed';
    expect((await failure(again.save())).constructor).toBe(PermissionError);
    expect((await failure(again.delete())).constructor).toBe(PermissionError);
    const after = await registry('bobs');
    expect(after.description ?? null).toBeNull();
    expect(after.name).toBe('bobs');
  });

  it('its admin may', async () => {
    const r = await registry('models');
    r.description = 'reviewed';
    r.name = 'models2';
    await r.save();
    expect((await registry('models2')).description).toBe('reviewed');
    await r.delete();
    expect((await failure(registry('models2'))).constructor).toBe(NotFoundError);
  });
});

describe('registry.updateMember()', () => {
  it('changes user roles with UpdateUserRegistryRole and team roles with UpdateTeamRegistryRole, to each role', async () => {
    const r = await registry();
    await r.addMembers(ids.bob, ids.vision);
    for (const role of REGISTRY_ROLES) {
      const [, bob] = await r.userMembers();
      const [team] = await r.teamMembers();
      await (await r.updateMember(bob ?? ids.bob, role)).updateMember(team ?? ids.vision, role);
      expect((await r.userMembers())[1]?.role).toBe(role);
      expect((await r.teamMembers())[0]?.role).toBe(role);
    }
    expect(variablesOf('UpdateUserRegistryRole')[0]).toEqual({
      input: { projectId: r.id, userId: ids.bob, userProjectRole: 'admin' },
    });
    expect(variablesOf('UpdateTeamRegistryRole')[3]).toEqual({
      input: { projectId: r.id, teamId: ids.vision, teamProjectRole: 'restricted_viewer' },
    });
  });

  it('refuses a role that is not a non-empty string and a non-member id before any request', async () => {
    const r = await registry();
    emu.clearRequests();
    for (const bad of ['', '  ', 42, null, undefined]) {
      const role = await validationRejection(r.updateMember(ids.bob, bad as RegistryRole));
      expect(role.parameter).toBe('role');
      expect(role.message).toMatch(
        /expected a role name such as "admin", "member", "viewer", "restricted_viewer", got/,
      );
    }
    const who = await validationRejection(r.updateMember(btoa('Run:1'), 'admin'));
    expect(who.message).toMatch(/^.*member.*neither a user's nor a team's/);
    expect(memberCalls()).toBe(0);
  });

  it('sends any other role name as given (a newer server may have more); the server decides', async () => {
    const r = await registry();
    await r.addMembers(ids.bob);
    emu.clearRequests();
    // The emulator knows the four roles only, so it refuses this one, as a server without it would.
    const error = await failure(r.updateMember(ids.bob, 'auditor'));
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error.message).toMatch(/invalid userProjectRole "auditor"/);
    expect(variablesOf('UpdateUserRegistryRole')).toEqual([
      { input: { projectId: r.id, userId: ids.bob, userProjectRole: 'auditor' } },
    ]);
    // A role read back from a member can be passed again, whatever its name.
    const [, bob] = await r.userMembers();
    const role: RegistryRole | (string & {}) = bob!.role;
    await r.updateMember(bob!, role);
    expect((await r.userMembers())[1]?.role).toBe(role);
  });

  it('a user who is not a member: the server error', async () => {
    const r = await registry();
    const error = await failure(r.updateMember(ids.carol, 'member'));
    expect(error.message).toMatch(
      /updateProjectMember: user carol is not a member of registry wandb-registry-models/,
    );
  });
});

describe('restricted registries', () => {
  it('one you are not a member of is not found; added through a team, it is', async () => {
    emu.seed.registry({ organization: 'acme', name: 'secret', visibility: 'restricted', createdBy: 'bob' });
    expect(await failure(api.registry('secret', { organization: 'acme' }))).toBeInstanceOf(NotFoundError);
    emu.seed.registry({
      organization: 'acme',
      name: 'shared',
      visibility: 'restricted',
      createdBy: 'bob',
      members: [{ team: 'vision-team', role: 'member' }],
    });
    const shared = await api.registry('shared', { organization: 'acme' });
    expect((await shared.teamMembers()).map((m) => [m.team.name, m.role])).toEqual([
      ['vision-team', 'member'],
    ]);
  });
});
