/**
 * Users and entities over GraphQL (wandb-ops.md §6.1): `Query.viewer`, `User` with its `teams`
 * and `apiKeys` (records with a label for a name, never a secret; see `api-keys.ts`), `Entity`.
 *
 * @example
 * ```ts
 * import { userResolvers } from './resolvers.js';
 * userResolvers.Query?.viewer; // answers the store's viewer
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate } from '../../graphql/connections.js';
import { globalId } from '../../graphql/ids.js';
import { apiKeysOf } from './api-keys.js';
import type { EntityRecord } from './records.js';

/**
 * The resolvers of the users domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(userResolvers, projectResolvers);
 * ```
 */
export const userResolvers: EmulatorResolvers = {
  Query: {
    viewer: handles([], (_root, _args, { store }) => store.viewer),
    // An entity by name (the organization lookup of registry paths starts here); null when unknown.
    entity: handles(['name'], (_root, args, { store }) =>
      args.name ? (store.entities.get(args.name) ?? null) : null,
    ),
  },
  User: {
    id: (user) => globalId('User', user.id),
    createdAt: (user) => user.createdAt,
    name: (user) => user.name,
    username: (user) => user.username,
    email: (user) => user.email,
    photoUrl: (user) => user.photoUrl,
    admin: (user) => user.admin,
    deletedAt: () => null,
    entity: (user) => user.entity,
    flags: () => '{}',
    teams: handles(['after', 'first'], (user, args, { store }) => {
      const teams = user.teams
        .map((name) => store.findEntity(name))
        .filter((e): e is EntityRecord => e !== undefined);
      const page = paginate(teams, byCreation, 'teams', 1, pageArgs(args), 1000);
      return { edges: page.edges };
    }),
    // Only the viewer's own keys are listed, or any user's to an instance admin (who may delete them).
    apiKeys: handles(['after', 'first'], (user, args, { store }) => {
      const visible = user.username === store.viewerUsername || store.viewer.admin;
      const keys = visible ? apiKeysOf(store, user.username) : [];
      return connectionOf(paginate(keys, byCreation, 'apiKeys', 1, pageArgs(args), 1000), (key) => key);
    }),
  },
  ApiKey: {
    id: (key) => globalId('ApiKey', key.id),
    name: (key) => key.name,
    description: (key) => key.description,
    ips: () => [],
    rateLimit: () => null,
    user: (key, _args, { store }) => store.findUser(key.username) ?? null,
  },
  ApiKeyConnection: {
    pageInfo: (connection) => connection.pageInfo,
    edges: (connection) => connection.edges,
  },
  ApiKeyEdge: {
    node: (edge) => edge.node ?? null,
    cursor: (edge) => edge.cursor,
  },
  Entity: {
    id: (entity) => globalId('Entity', entity.id),
    createdAt: (entity) => entity.createdAt,
    name: (entity) => entity.name,
    isTeam: (entity) => entity.isTeam,
  },
  EntityConnection: {
    edges: (connection) => connection.edges,
  },
  EntityEdge: {
    node: (edge) => edge.node ?? null,
    cursor: (edge) => edge.cursor,
  },
};
