/**
 * Server information over GraphQL (wandb-ops.md §3): `Query.serverInfo` and its `features`, the
 * capability flags clients check.
 *
 * @example
 * ```ts
 * import { serverResolvers } from './resolvers.js';
 * ```
 * @module
 */
import type { EmulatorResolvers } from '../../graphql/arguments.js';

/**
 * The resolvers of the server domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(serverResolvers, userResolvers);
 * ```
 */
export const serverResolvers: EmulatorResolvers = {
  Query: {
    serverInfo: (_root, _args, { store }) => ({ features: store.features }),
  },
  ServerInfo: {
    features: (info) => [...info.features].map(([name, isEnabled]) => ({ name, isEnabled })),
  },
  ServerFeature: {
    name: (feature) => feature.name,
    isEnabled: (feature) => feature.isEnabled,
  },
};
