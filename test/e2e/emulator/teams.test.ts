// Teams over real HTTP: emu.seed.team (members, admins, invites, settings), and who may change a team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { basic, data, gql, KEY } from '../../support/emulator-http.js';

const TEAM = `query T($name: String!) {
  entity(name: $name) {
    name isTeam defaultAccess readOnly privateOnly isPaid codeSavingEnabled storageBytes photoUrl
    members { id username email pending admin accountType }
  }
}`;
const BOB_KEY = 'bob-key-0123456789abcdef0123456789abcdef';
const CAROL_KEY = 'carol-key-0123456789abcdef0123456789abcd';

interface Team {
  entity: {
    name: string;
    storageBytes: number;
    defaultAccess: string;
    readOnly: boolean;
    members: {
      id: string;
      username: string | null;
      email: string | null;
      pending: boolean;
      admin: boolean;
    }[];
  };
}

describe('emulator: teams', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.user({ username: 'bob', apiKey: BOB_KEY });
    emu.seed.user({ username: 'carol', apiKey: CAROL_KEY });
  });
  afterAll(() => emu.close());

  it('answers a seeded team: settings, members (created when missing), admins, then pending invites', async () => {
    const seeded = emu.seed.team({
      name: 'vision-team',
      members: ['carol', 'dave'],
      admins: ['bob'],
      invites: [{ email: 'erin@example.com', admin: true }],
      defaultAccess: 'USER_READ',
      readOnly: true,
      storageBytes: 4096,
    });
    expect(Buffer.from(seeded.id, 'base64').toString()).toMatch(/^Entity:\d+$/);
    expect(seeded.inviteIds).toHaveLength(1);
    const d = await data<Team>(emu, TEAM, { name: 'vision-team' });
    expect(d.entity).toMatchObject({ defaultAccess: 'USER_READ', readOnly: true, storageBytes: 4096 });
    expect(d.entity.members.map((m) => [m.username, m.pending, m.admin])).toEqual([
      ['bob', false, true],
      ['carol', false, false],
      ['dave', false, false],
      [null, true, true],
    ]);
    expect(d.entity.members[3]?.id).toBe(seeded.inviteIds[0]);
    expect(emu.store.findUser('dave')?.teams).toEqual(['vision-team']);
  });

  it('lets a team admin invite and remove, and refuses a plain member', async () => {
    const invite =
      'mutation I($u: String) { createInvite(input: { entityName: "vision-team", username: $u }) { invite { id } } }';
    const denied = await gql(emu, invite, { u: 'alice' }, { auth: basic(CAROL_KEY) });
    expect(denied.status).toBe(403);
    const ok = await gql(emu, invite, { u: 'alice' }, { auth: basic(BOB_KEY) });
    expect(ok.json.errors).toBeUndefined();
    const dave = (await data<Team>(emu, TEAM, { name: 'vision-team' })).entity.members.find(
      (m) => m.username === 'dave',
    );
    const remove =
      'mutation D($id: String) { deleteInvite(input: { id: $id, entityName: "vision-team" }) { success } }';
    expect((await gql(emu, remove, { id: dave?.id }, { auth: basic(CAROL_KEY) })).status).toBe(403);
    expect((await gql(emu, remove, { id: dave?.id }, { auth: basic(BOB_KEY) })).json.data).toEqual({
      deleteInvite: { success: true },
    });
    expect(emu.store.findUser('dave')?.teams).toEqual([]);
  });

  it('refuses a seed over a personal entity and a bad team name', () => {
    expect(() => emu.seed.team({ name: 'bob' })).toThrow(/personal entity/);
    expect(() => emu.seed.team({ name: 'a b' })).toThrow(/invalid team name/);
  });

  it('answers createTeam for another admin to an instance admin', async () => {
    emu.seed.user({ username: 'root', admin: true, apiKey: 'root-key-0123456789abcdef0123456789abcde' });
    const res = await gql(
      emu,
      'mutation { createTeam(input: { teamName: "nlp-team", teamAdminUserName: "carol" }) { entity { name } } }',
      {},
      { auth: basic('root-key-0123456789abcdef0123456789abcde') },
    );
    expect(res.json.data).toEqual({ createTeam: { entity: { name: 'nlp-team' } } });
    const d = await data<Team>(emu, TEAM, { name: 'nlp-team' });
    expect(d.entity.members.map((m) => [m.username, m.admin])).toEqual([['carol', true]]);
  });
});
