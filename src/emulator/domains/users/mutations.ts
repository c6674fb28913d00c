/**
 * User and API key operations (wandb-ops.md §6.1): `Query.users(query)` and `createUser`, which
 * answer only an instance admin, as the server does ("only admins can use createUser()" is the
 * W&B server's refusal, github:wandb/wandb#1056; `users` is refused the same way, with HTTP 403),
 * and `generateApiKey` / `deleteApiKey` for the acting user.
 *
 * `generateApiKey` answers the new secret as `apiKey.name`, the one place a secret is ever
 * answered (wandb/apis/public/users.py `User.generate_api_key` returns that `name` as "the full
 * secret"); the key then authenticates as its owner until `deleteApiKey`, and `User.apiKeys`
 * lists it under a label.
 *
 * @example
 * ```ts
 * import { userMutations } from './mutations.js';
 * const resolvers = mergeResolvers(userResolvers, userMutations);
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, paginate } from '../../graphql/connections.js';
import { HttpStatusError } from '../../graphql/errors.js';
import { parseGlobalId } from '../../graphql/ids.js';
import { has, text } from '../../graphql/input.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { deleteKey, generateKey } from './api-keys.js';
import type { UserRecord } from './records.js';
import { seedUser } from './seed.js';

/**
 * Refuses the operation unless the acting user is an instance admin: HTTP 403 with
 * `only admins can use <field>()`.
 *
 * @example
 * ```ts
 * requireAdmin(store, 'createUser');
 * ```
 */
export function requireAdmin(store: EmulatorStore, field: string): void {
  if (!store.viewer.admin) {
    throw new HttpStatusError(403, 'PERMISSION_DENIED', `only admins can use ${field}()`);
  }
}

/**
 * The users whose username or email contains `query` (case-insensitive), in creation order; all
 * users for an empty or absent query.
 *
 * @example
 * ```ts
 * searchUsers(store, 'example.com').map((u) => u.username); // ['alice', 'bob']
 * ```
 */
export function searchUsers(store: EmulatorStore, query: string | null | undefined): UserRecord[] {
  const q = (query ?? '').toLowerCase();
  return [...store.users.values()].filter(
    (u) => q === '' || u.username.toLowerCase().includes(q) || (u.email ?? '').toLowerCase().includes(q),
  );
}

function usernameFor(store: EmulatorStore, email: string): string {
  const base = (email.split('@')[0] ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-') || 'user';
  let name = base;
  for (let n = 2; store.users.has(name) || store.entities.has(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * The users domain's queries and mutations.
 *
 * @example
 * ```ts
 * Object.keys(userMutations.Mutation ?? {}); // ['createUser', 'generateApiKey', 'deleteApiKey']
 * ```
 */
export const userMutations: EmulatorResolvers = {
  Query: {
    users: handles(['query', 'after', 'first'], (_root, args, { store }) => {
      requireAdmin(store, 'users');
      const page = paginate(searchUsers(store, args.query), byCreation, 'users', 1, pageArgs(args), 1000);
      return { pageInfo: page.pageInfo, edges: page.edges };
    }),
  },
  UserConnection: {
    pageInfo: (connection) => connection.pageInfo,
    edges: (connection) => connection.edges,
  },
  UserEdge: {
    node: (edge) => edge.node ?? null,
    cursor: (edge) => edge.cursor,
  },
  Mutation: {
    createUser: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createUser';
      requireAdmin(store, m);
      for (const field of ['password', 'accountType'] as const) {
        if (has(input, field)) throw new Error(`The emulator does not implement CreateUserInput.${field}`);
      }
      const email = text(input, 'email') ?? '';
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`${m}: invalid email ${JSON.stringify(email)}`);
      const taken = [...store.users.values()].some((u) => u.email?.toLowerCase() === email.toLowerCase());
      if (taken)
        throw new HttpStatusError(409, 'ALREADY_EXISTS', `${m}: a user with email ${email} already exists`);
      const user = seedUser(store, {
        username: usernameFor(store, email),
        email,
        admin: input.admin ?? false,
      });
      user.createdAt = toTimestamp(store.now());
      return { user };
    }),
    generateApiKey: handles(['input'], (_root, { input }, { store }) => {
      const { record, secret } = generateKey(store, store.viewerUsername, text(input, 'description') ?? null);
      // The payload's copy answers the secret as its name; the stored record keeps its label.
      return { apiKey: { ...record, name: secret } };
    }),
    deleteApiKey: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteApiKey';
      const id = parseGlobalId(input.id, 'ApiKey');
      const record = id === undefined ? undefined : store.apiKeys.get(id);
      if (!record)
        throw new HttpStatusError(404, 'NOT_FOUND', `${m}: no API key with id ${String(input.id)}`);
      const viewer = store.viewer;
      if (record.username !== viewer.username && !viewer.admin) {
        throw new HttpStatusError(
          403,
          'PERMISSION_DENIED',
          `${m}: only the key's owner or an admin can delete it`,
        );
      }
      deleteKey(store, record.id);
      return { success: true };
    }),
  },
  CreateUserPayload: { user: (payload) => payload.user ?? null },
  GenerateApiKeyPayload: { apiKey: (payload) => payload.apiKey ?? null },
  DeleteApiKeyPayload: { success: (payload) => payload.success ?? null },
};
