/**
 * Users and entities over GraphQL (wandb-ops.md §6.1): `Query.viewer`, `User` and its `teams`,
 * `Entity`.
 *
 * @example
 * ```ts
 * import { userResolvers } from './resolvers.js';
 * userResolvers.Query?.viewer; // answers the store's viewer
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, paginate } from '../../graphql/connections.js';
import { globalId } from '../../graphql/ids.js';
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
