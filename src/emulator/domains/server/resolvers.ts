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
import { EMULATOR_SCHEMA_FEATURES } from './records.js';

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
    // The emulator's own schema switches are no server features: never listed.
    features: (info) =>
      [...info.features]
        .filter(([name]) => !EMULATOR_SCHEMA_FEATURES.includes(name))
        .map(([name, isEnabled]) => ({ name, isEnabled })),
  },
  ServerFeature: {
    name: (feature) => feature.name,
    isEnabled: (feature) => feature.isEnabled,
  },
};
