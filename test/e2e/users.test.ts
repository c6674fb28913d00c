// api.user / api.users / api.createUser (admin only), User.apiKeys, generateApiKey and
// deleteApiKey, against the emulator over HTTP, as an admin and as a plain user.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  ConflictError,
  GraphQLRequestError,
  NotFoundError,
  PermissionError,
  User,
  ValidationError,
  WandbError,
} from '../../src/index.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

const ROOT_KEY = 'root-key-0123456789abcdef0123456789abcdef';
const BOB_KEY = 'bob-key-0123456789abcdef0123456789abcdef0';

describe('users', () => {
  let emu: Emulator;
  let api: Api; // alice: not an admin
  let admin: Api;
  const apiFor = (key: string): Api => new Api({ baseUrl: emu.url, apiKey: key, retry: { maxAttempts: 1 } });
  useEmulator(
    (ctx) => {
      ({ emu, api } = ctx);
      emu.seed.user({ username: 'root', admin: true, apiKey: ROOT_KEY });
      emu.seed.user({ username: 'bob', email: 'bob@example.com', apiKey: BOB_KEY, teams: ['vision-team'] });
      emu.seed.user({ username: 'bobby', email: 'bobby@example.org' });
      admin = apiFor(ROOT_KEY);
    },
    { freshEach: true },
  );

  describe('api.user / api.users (admin)', () => {
    it('finds users by part of a username or email, with their key names', async () => {
      const found = await admin.users('bob');
      expect(found.map((u) => u.username)).toEqual(['bob', 'bobby']);
      expect(found[0]).toBeInstanceOf(User);
      expect(found[0]).toMatchObject({ email: 'bob@example.com', admin: false, teams: ['vision-team'] });
      expect(found[0]?.apiKeys).toEqual(['key-1']);
      expect(await admin.users('nobody-here')).toEqual([]);
    });

    it('api.user prefers the exact match, else the first; null when none', async () => {
      expect((await admin.user('bobby@example.org'))?.username).toBe('bobby');
      expect((await admin.user('BOB'))?.username).toBe('bob');
      expect((await admin.user('obb'))?.username).toBe('bobby');
      expect(await admin.user('zed')).toBeNull();
    });

    it('rejects for a non-admin with a PermissionError saying an admin key is needed', async () => {
      for (const call of [
        () => api.user('bob'),
        () => api.users('bob'),
        () => api.createUser('c@example.com'),
      ]) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(PermissionError);
        expect((err as Error).message).toMatch(/needs an admin API key/);
        expect((err as Error).message).toMatch(/only admins can use/);
        expect((err as Error).message).not.toContain(emu.apiKey);
      }
      expect(emu.store.findUser('c')).toBeUndefined();
    });

    it('maps a refusal answered as HTTP 200 with a GraphQL error the same way', async () => {
      emu.faults.add({
        operationName: 'SearchUsers',
        status: 200,
        body: JSON.stringify({ data: { users: null }, errors: [{ message: 'only admins can use users()' }] }),
      });
      const err = await admin.users('bob').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermissionError);
      expect((err as Error).message).toMatch(/api\.users\(\) needs an admin API key/);
      // Another GraphQL error is not taken for a refusal.
      emu.faults.add({
        operationName: 'SearchUsers',
        status: 200,
        body: JSON.stringify({ data: null, errors: [{ message: 'user admin@example.com is locked' }] }),
      });
      await expect(admin.users('bob')).rejects.toBeInstanceOf(GraphQLRequestError);
    });

    it('refuses blank queries before sending anything', async () => {
      emu.clearRequests();
      await expect(admin.user('  ')).rejects.toBeInstanceOf(ValidationError);
      await expect(admin.users(42 as unknown as string)).rejects.toThrow(/query/);
      expect(graphqlCalls(emu)).toBe(0);
    });
  });

  describe('api.createUser (admin)', () => {
    it('creates a user that api.user then finds; a taken email is a ConflictError', async () => {
      const carol = await admin.createUser('carol@example.com', { admin: true });
      expect(carol).toBeInstanceOf(User);
      expect(carol.constructor.name).toBe('User');
      expect(carol).toMatchObject({ username: 'carol', email: 'carol@example.com', admin: true });
      expect((await admin.user('carol@example.com'))?.id).toBe(carol.id);
      await expect(admin.createUser('carol@example.com')).rejects.toBeInstanceOf(ConflictError);
    });

    it('checks the email and options before sending', async () => {
      emu.clearRequests();
      await expect(admin.createUser('not-an-email')).rejects.toThrow(/email/);
      await expect(admin.createUser('a@b.c', { admin: 'yes' as unknown as boolean })).rejects.toThrow(
        /admin/,
      );
      expect(graphqlCalls(emu)).toBe(0);
    });
  });

  describe('API keys', () => {
    it('viewer() does not load key names; generateApiKey answers a working secret once', async () => {
      const bobApi = apiFor(BOB_KEY);
      const me = await bobApi.viewer();
      expect(me).toBeInstanceOf(User);
      expect(me.apiKeys).toBeUndefined();
      const secret = await me.generateApiKey({ description: 'CI' });
      expect(secret).toMatch(/^[0-9a-f]{40}$/);
      // Nothing kept: not on the object, not in its JSON.
      expect(JSON.stringify(me)).not.toContain(secret);
      expect(Object.values(me)).not.toContain(secret);
      const ci = apiFor(secret);
      expect((await ci.viewer()).username).toBe('bob');
      // The new key is listed by name, which is not the secret.
      const listed = (await admin.user('bob'))?.apiKeys;
      expect(listed).toEqual(['key-1', 'key-2']);
      expect(listed).not.toContain(secret);
    });

    it('deleteApiKey by name: the key stops working; the viewer loads its names first', async () => {
      const bobApi = apiFor(BOB_KEY);
      const me = await bobApi.viewer();
      const secret = await me.generateApiKey();
      await me.deleteApiKey('key-2');
      expect(me.apiKeys).toEqual(['key-1']);
      const err = await apiFor(secret)
        .viewer()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WandbError);
      expect((err as Error).message).not.toContain(secret);
      expect((await bobApi.flush(), await bobApi.viewer()).username).toBe('bob');
    });

    it('an unknown key name is a NotFoundError before the deletion is sent', async () => {
      const bob = await admin.user('bob');
      emu.clearRequests();
      const err = await bob?.deleteApiKey('no-such-key').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as Error).message).toMatch(/"no-such-key".*key-1/);
      expect(graphqlCalls(emu, 'DeleteApiKey')).toBe(0);
    });

    it('an admin deletes another user’s key; a plain user cannot', async () => {
      const bob = await admin.user('bob');
      await bob?.deleteApiKey('key-1');
      expect(
        (await apiFor(BOB_KEY)
          .viewer()
          .catch((e: unknown) => e)) instanceof Error,
      ).toBe(true);
      expect(emu.store.keyRing.lookup(BOB_KEY)).toBeUndefined();
    });

    it('generateApiKey on a user other than the caller is refused before sending', async () => {
      const bob = await admin.user('bob');
      emu.clearRequests();
      await expect(bob?.generateApiKey()).rejects.toBeInstanceOf(ValidationError);
      expect(graphqlCalls(emu, 'GenerateApiKey')).toBe(0);
    });

    it('a partial answer with errors never carries the secret into the error', async () => {
      emu.faults.add({
        operationName: 'GenerateApiKey',
        status: 200,
        body: JSON.stringify({
          data: { result: { apiKey: { id: 'QXBpS2V5Ojk5', name: 'f'.repeat(40) } } },
          errors: [{ message: 'rate of key creation exceeded' }],
        }),
      });
      const err = await (await apiFor(BOB_KEY).viewer()).generateApiKey().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphQLRequestError);
      expect(JSON.stringify(err)).not.toContain('f'.repeat(40));
      expect((err as GraphQLRequestError).data).toBeUndefined();
    });

    it('api.viewer() JSON lists no key names (they were not loaded)', async () => {
      const me = await api.viewer();
      expect(me.toJSON()).not.toHaveProperty('apiKeys');
      expect(me.username).toBe('alice');
    });
  });
});
