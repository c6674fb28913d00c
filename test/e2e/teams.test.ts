// api.team / api.createTeam, team.invite, team.createServiceAccount, member.delete against the
// emulator over HTTP, as a team admin, a plain member and an instance admin.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  ConflictError,
  GraphQLRequestError,
  Member,
  NotFoundError,
  PermissionError,
  Team,
  ValidationError,
} from '../../src/index.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

const BOB_KEY = 'bob-key-0123456789abcdef0123456789abcdef0';
const ROOT_KEY = 'root-key-0123456789abcdef0123456789abcdef';

describe('teams', () => {
  let emu: Emulator;
  let api: Api; // alice, admin of vision-team
  let bob: Api; // a plain member of vision-team
  const apiFor = (key: string): Api => new Api({ baseUrl: emu.url, apiKey: key, retry: { maxAttempts: 1 } });
  useEmulator(
    (ctx) => {
      ({ emu, api } = ctx);
      emu.seed.user({ username: 'bob', apiKey: BOB_KEY });
      emu.seed.user({ username: 'root', admin: true, apiKey: ROOT_KEY });
      emu.seed.team({
        name: 'vision-team',
        admins: ['alice'],
        members: ['bob'],
        invites: [{ email: 'carol@example.com' }],
        defaultAccess: 'USER_READ',
        storageBytes: 2048,
      });
      bob = apiFor(BOB_KEY);
    },
    { freshEach: true },
  );

  describe('api.team', () => {
    it('loads the settings and the members, pending invitations included', async () => {
      const team = await api.team('vision-team');
      expect(team).toBeInstanceOf(Team);
      expect(team).toMatchObject({
        name: 'vision-team',
        isTeam: true,
        entityType: 'team',
        defaultAccess: 'USER_READ',
        readOnly: false,
        storageBytes: 2048,
        available: false,
      });
      expect(team.members.every((m) => m instanceof Member)).toBe(true);
      expect(team.members.map((m) => [m.username ?? m.email, m.admin, m.pending, m.accountType])).toEqual([
        ['alice', true, false, 'USER'],
        ['bob', false, false, 'USER'],
        ['carol@example.com', false, true, 'USER'],
      ]);
      // Never a key on a member, not even as a property.
      expect(Object.keys(team.members[0]?.toJSON() ?? {})).not.toContain('apiKey');
      expect(JSON.parse(JSON.stringify(team))).toMatchObject({
        name: 'vision-team',
        members: expect.any(Array),
      });
    });

    it('rejects a missing team with NotFoundError, and a blank name before sending', async () => {
      await expect(api.team('no-such-team')).rejects.toBeInstanceOf(NotFoundError);
      emu.clearRequests();
      await expect(api.team(' ')).rejects.toBeInstanceOf(ValidationError);
      expect(graphqlCalls(emu)).toBe(0);
    });

    it("answers a user's personal entity with isTeam false", async () => {
      const personal = await api.team('bob');
      expect(personal.isTeam).toBe(false);
      expect(personal.members.map((m) => m.username)).toEqual(['bob']);
    });
  });

  describe('api.createTeam', () => {
    it('creates a team with you as its admin', async () => {
      const team = await api.createTeam('nlp-team');
      expect(team).toBeInstanceOf(Team);
      expect(team.constructor.name).toBe('Team');
      expect(team.name).toBe('nlp-team');
      expect(team.members.map((m) => [m.username, m.admin])).toEqual([['alice', true]]);
    });

    it('answers an existing team as it is', async () => {
      const team = await bob.createTeam('vision-team');
      expect(team.members).toHaveLength(3);
      expect(graphqlCalls(emu, 'CreateTeam')).toBe(1);
    });

    it('does not swallow a permission error, nor a name a user holds', async () => {
      await expect(bob.createTeam('x-team', { adminUsername: 'alice' })).rejects.toBeInstanceOf(
        PermissionError,
      );
      expect(emu.store.findEntity('x-team')).toBeUndefined();
      await expect(api.createTeam('bob')).rejects.toBeInstanceOf(ConflictError);
      // An instance admin may name another admin.
      const made = await apiFor(ROOT_KEY).createTeam('x-team', { adminUsername: 'bob' });
      expect(made.members.map((m) => m.username)).toEqual(['bob']);
    });

    it('checks the name before sending', async () => {
      emu.clearRequests();
      await expect(api.createTeam('a b')).rejects.toThrow(/letters, digits, - and _/);
      await expect(api.createTeam('a/b')).rejects.toBeInstanceOf(ValidationError);
      await expect(api.createTeam('ok', { adminUsername: 3 as unknown as string })).rejects.toThrow(
        /adminUsername/,
      );
      expect(graphqlCalls(emu)).toBe(0);
    });
  });

  describe('team.invite', () => {
    it('invites by email (with @) or by username; true, and a pending member after reload', async () => {
      const team = await api.team('vision-team');
      expect(await team.invite('dave@example.com')).toBe(true);
      expect(await team.invite('root', { admin: true })).toBe(true);
      const sent = emu.requests.filter((r) => r.operationName === 'CreateInvite').map((r) => r.variables);
      expect(sent).toEqual([
        { entity: 'vision-team', email: 'dave@example.com', admin: false },
        { entity: 'vision-team', username: 'root', admin: true },
      ]);
      await team.reload();
      expect(team.members.filter((m) => m.pending).map((m) => [m.username ?? m.email, m.admin])).toEqual([
        ['carol@example.com', false],
        ['dave@example.com', false],
        ['root', true],
      ]);
    });

    it('is false, with the reason on lastInviteError, when already invited or no such user', async () => {
      const team = await api.team('vision-team');
      expect(await team.invite('carol@example.com')).toBe(false);
      expect(team.lastInviteError).toBeInstanceOf(ConflictError);
      expect(await team.invite('bob')).toBe(false);
      expect(team.lastInviteError?.message).toMatch(/already a member/);
      expect(await team.invite('nobody')).toBe(false);
      expect(team.lastInviteError).toBeInstanceOf(NotFoundError);
      expect(await team.invite('erin@example.com')).toBe(true);
      expect(team.lastInviteError).toBeUndefined();
    });

    it('rejects (not false) when the caller may not invite', async () => {
      const team = await bob.team('vision-team');
      await expect(team.invite('erin@example.com')).rejects.toBeInstanceOf(PermissionError);
      emu.clearRequests();
      await expect(team.invite('')).rejects.toBeInstanceOf(ValidationError);
      await expect(team.invite('x', { admin: 1 as unknown as boolean })).rejects.toThrow(/admin/);
      expect(graphqlCalls(emu)).toBe(0);
    });
    it('reads only a refusal of the invitation itself as false, from a server that answers GraphQL errors at HTTP 200', async () => {
      const team = await api.team('vision-team');
      const answer = (message: string): void => {
        emu.faults.add({
          operationName: 'CreateInvite',
          status: 200,
          times: 1,
          body: JSON.stringify({ data: { createInvite: null }, errors: [{ message }] }),
        });
      };
      answer('user is already invited to this team');
      expect(await team.invite('erin@example.com')).toBe(false);
      expect(team.lastInviteError).toBeInstanceOf(GraphQLRequestError);
      answer('permission denied');
      await expect(team.invite('erin@example.com')).rejects.toBeInstanceOf(PermissionError);
      answer('Cannot query field "invite" on type "CreateInvitePayload".');
      const other = await team.invite('erin@example.com').catch((e: unknown) => e);
      expect(other).toBeInstanceOf(GraphQLRequestError);
      expect(other).not.toBeInstanceOf(PermissionError);
      emu.faults.clear();
    });
  });

  describe('team.createServiceAccount and member.delete', () => {
    it('answers the new service account exactly, even with invitations listed after it', async () => {
      const team = await api.team('vision-team');
      const bot = await team.createServiceAccount('CI bot');
      expect(bot).toBeInstanceOf(Member);
      expect(bot.constructor.name).toBe('Member');
      expect(bot).toMatchObject({
        accountType: 'SERVICE',
        name: 'CI bot',
        pending: false,
        team: 'vision-team',
      });
      expect(team.members.at(-1)?.pending).toBe(true); // the last member is an invite, not the bot
      expect(team.members).toContain(bot);
      await expect(team.createServiceAccount(' ')).rejects.toBeInstanceOf(ValidationError);
      await expect((await bob.team('vision-team')).createServiceAccount('x')).rejects.toBeInstanceOf(
        PermissionError,
      );
    });

    it('removes a member and withdraws an invitation; a plain member may not; a gone one is NotFound', async () => {
      const team = await api.team('vision-team');
      const asBob = await bob.team('vision-team');
      await expect(asBob.members.find((m) => m.pending)?.delete()).rejects.toBeInstanceOf(PermissionError);
      for (const member of team.members.filter((m) => m.username === 'bob' || m.pending))
        await member.delete();
      await team.reload();
      expect(team.members.map((m) => m.username)).toEqual(['alice']);
      // The stale copy's invitation is gone now.
      await expect(asBob.members.find((m) => m.pending)?.delete()).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
