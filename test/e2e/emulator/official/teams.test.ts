// The official Python client's team documents (GetTeamEntity, CreateTeam, CreateInvite,
// CreateServiceAccount, DeleteInvite from wandb/apis), in their shape: the selections and
// variables of wandb-ops.md §6.6, posted with an empty operationName as the client does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { basic, expectValid, gql, KEY, official } from '../../../support/emulator-http.js';

const GET_TEAM_ENTITY = `query GetTeamEntity($name: String!) {
  entity(name: $name) {
    id name available photoUrl readOnly readOnlyAdmin isTeam entityType privateOnly storageBytes
    codeSavingEnabled defaultAccess isPaid
    members { id admin pending email username name photoUrl accountType apiKey }
  }
}`;

const CREATE_TEAM = `mutation CreateTeam($teamName: String!, $teamAdminUserName: String) {
  result: createTeam(input: { teamName: $teamName, teamAdminUserName: $teamAdminUserName }) {
    entity { id name available photoUrl limits }
  }
}`;

const CREATE_INVITE = `mutation CreateInvite($entity: String!, $email: String, $username: String, $admin: Boolean) {
  result: createInvite(input: { entityName: $entity, email: $email, username: $username, admin: $admin }) {
    invite { id name email createdAt toUser { name } }
  }
}`;

const CREATE_SERVICE_ACCOUNT = `mutation CreateServiceAccount($entity: String!, $description: String!) {
  result: createServiceAccount(input: { description: $description, entityName: $entity }) { user { id } }
}`;

const DELETE_INVITE = `mutation DeleteInvite($id: String, $entity: String) {
  result: deleteInvite(input: { id: $id, entityName: $entity }) { success }
}`;

interface TeamMember {
  id: string;
  admin: boolean;
  pending: boolean;
  email: string | null;
  username: string | null;
  name: string;
  photoUrl: string | null;
  accountType: string;
  apiKey: string | null;
}
interface TeamEntity {
  id: string;
  name: string;
  isTeam: boolean;
  entityType: string;
  storageBytes: number;
  defaultAccess: string;
  readOnly: boolean;
  members: TeamMember[];
}

const decode = (id: string): string => Buffer.from(id, 'base64').toString('utf8');
const BOB_KEY = 'bob-key-0123456789abcdef0123456789abcdef';

describe('official documents: teams', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.user({ username: 'bob', apiKey: BOB_KEY });
    emu.seed.user({ username: 'carol', email: 'carol@example.com' });
  });
  afterAll(() => emu.close());

  it('answers CreateTeam, then GetTeamEntity with the creator as its admin member', async () => {
    const made = await official<{ result: { entity: Record<string, unknown> } }>(emu, CREATE_TEAM, {
      teamName: 'vision-team',
    });
    expect(made.result.entity).toMatchObject({
      name: 'vision-team',
      available: false,
      photoUrl: null,
      limits: '{}',
    });
    const d = await official<{ entity: TeamEntity }>(emu, GET_TEAM_ENTITY, { name: 'vision-team' });
    expect(d.entity).toMatchObject({
      name: 'vision-team',
      isTeam: true,
      entityType: 'team',
      defaultAccess: 'PRIVATE',
      readOnly: false,
      storageBytes: 0,
    });
    expect(d.entity.members).toEqual([
      expect.objectContaining({
        username: 'alice',
        admin: true,
        pending: false,
        accountType: 'USER',
        apiKey: null,
      }),
    ]);
    expect(decode(d.entity.members[0]?.id ?? '')).toMatch(/^User:\d+$/);
  });

  it('answers CreateTeam of a taken name with HTTP 409, and of another admin (by a non-admin) with 403', async () => {
    expectValid(CREATE_TEAM);
    const taken = await gql(emu, CREATE_TEAM, { teamName: 'vision-team' }, { operationName: '' });
    expect(taken.status).toBe(409);
    expect(taken.json.errors?.[0]?.message).toMatch(/resource already exists/);
    const personal = await gql(emu, CREATE_TEAM, { teamName: 'bob' }, { operationName: '' });
    expect(personal.status).toBe(409);
    const forOther = await gql(
      emu,
      CREATE_TEAM,
      { teamName: 'x-team', teamAdminUserName: 'bob' },
      { operationName: '' },
    );
    expect(forOther.status).toBe(403);
    expect(emu.store.findEntity('x-team')).toBeUndefined();
  });

  it('answers CreateInvite by username and by email; invites are pending members', async () => {
    const byName = await official<{ result: { invite: Record<string, unknown> } }>(emu, CREATE_INVITE, {
      entity: 'vision-team',
      username: 'bob',
      admin: true,
    });
    expect(byName.result.invite).toMatchObject({ name: 'bob', toUser: { name: 'bob' } });
    expect(decode(String(byName.result.invite.id))).toMatch(/^Invite:\d+$/);
    const byEmail = await official<{ result: { invite: Record<string, unknown> } }>(emu, CREATE_INVITE, {
      entity: 'vision-team',
      email: 'dave@example.com',
    });
    expect(byEmail.result.invite).toMatchObject({ email: 'dave@example.com', toUser: null });
    const d = await official<{ entity: TeamEntity }>(emu, GET_TEAM_ENTITY, { name: 'vision-team' });
    expect(d.entity.members.map((m) => [m.username, m.email, m.pending, m.admin])).toEqual([
      ['alice', 'alice@example.com', false, true],
      ['bob', 'bob@example.com', true, true],
      [null, 'dave@example.com', true, false],
    ]);
    const again = await gql(
      emu,
      CREATE_INVITE,
      { entity: 'vision-team', username: 'bob' },
      { operationName: '' },
    );
    expect(again.status).toBe(409);
    const nobody = await gql(
      emu,
      CREATE_INVITE,
      { entity: 'vision-team', username: 'nobody' },
      { operationName: '' },
    );
    expect(nobody.status).toBe(404);
    const notAdmin = await gql(
      emu,
      CREATE_INVITE,
      { entity: 'vision-team', username: 'carol' },
      { operationName: '', auth: basic(BOB_KEY) },
    );
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.json.errors?.[0]?.message).toMatch(/bob is not an admin of team vision-team/);
  });

  it('answers CreateServiceAccount: a SERVICE member whose id the payload gives', async () => {
    const d = await official<{ result: { user: { id: string } } }>(emu, CREATE_SERVICE_ACCOUNT, {
      entity: 'vision-team',
      description: 'CI bot',
    });
    const team = await official<{ entity: TeamEntity }>(emu, GET_TEAM_ENTITY, { name: 'vision-team' });
    const sa = team.entity.members.find((m) => m.id === d.result.user.id);
    expect(sa).toMatchObject({ accountType: 'SERVICE', name: 'CI bot', pending: false, apiKey: null });
  });

  it('answers DeleteInvite for a pending invite and for a member', async () => {
    const before = await official<{ entity: TeamEntity }>(emu, GET_TEAM_ENTITY, { name: 'vision-team' });
    const invite = before.entity.members.find((m) => m.email === 'dave@example.com');
    const sa = before.entity.members.find((m) => m.accountType === 'SERVICE');
    for (const member of [invite, sa]) {
      const d = await official<{ result: { success: boolean } }>(emu, DELETE_INVITE, {
        id: member?.id,
        entity: 'vision-team',
      });
      expect(d.result.success).toBe(true);
    }
    const after = await official<{ entity: TeamEntity }>(emu, GET_TEAM_ENTITY, { name: 'vision-team' });
    expect(after.entity.members.map((m) => m.username)).toEqual(['alice', 'bob']);
    const gone = await gql(
      emu,
      DELETE_INVITE,
      { id: invite?.id, entity: 'vision-team' },
      { operationName: '' },
    );
    expect(gone.status).toBe(404);
  });

  it('answers GetTeamEntity of a personal entity (its user as the only member) and null for an unknown name', async () => {
    const d = await official<{ entity: TeamEntity }>(emu, GET_TEAM_ENTITY, { name: 'carol' });
    expect(d.entity).toMatchObject({ isTeam: false, entityType: 'user' });
    expect(d.entity.members.map((m) => m.username)).toEqual(['carol']);
    const none = await official<{ entity: null }>(emu, GET_TEAM_ENTITY, { name: 'no-such-team' });
    expect(none.entity).toBeNull();
  });
});
