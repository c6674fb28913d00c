/**
 * The emulator's resolver map: the resolvers of every domain, merged (a field resolved by two
 * domains throws at start-up), plus the `PageInfo` every connection shares; and the arguments
 * the domains have only with a server feature on.
 *
 * @example
 * ```ts
 * import { emulatorResolvers } from './resolvers.js';
 * const schema = buildExecutableSchema(sdl, emulatorResolvers);
 * ```
 * @module
 */
import { artifactMutations } from '../domains/artifacts/mutations.js';
import { artifactFeatureGates, artifactResolvers } from '../domains/artifacts/resolvers.js';
import { fileMutations } from '../domains/files/mutations.js';
import { fileResolvers } from '../domains/files/resolvers.js';
import { historyFeatureGates, historyResolvers } from '../domains/history/resolvers.js';
import { fileStreamResolvers } from '../domains/filestream/resolvers.js';
import { organizationResolvers } from '../domains/organizations/resolvers.js';
import { automationFeatureGates, automationResolvers } from '../domains/automations/resolvers.js';
import { integrationResolvers } from '../domains/integrations/resolvers.js';
import { chartResolvers } from '../domains/charts/resolvers.js';
import { launchFeatureGates, launchResolvers } from '../domains/launch/resolvers.js';
import { projectMutations } from '../domains/projects/mutations.js';
import { registryMutations } from '../domains/registries/mutations.js';
import { registryMemberResolvers } from '../domains/registries/members.js';
import { registryFeatureGates, registryResolvers } from '../domains/registries/resolvers.js';
import { projectResolvers } from '../domains/projects/resolvers.js';
import { reportResolvers } from '../domains/reports/resolvers.js';
import { runMutations } from '../domains/runs/mutations.js';
import { runResolvers } from '../domains/runs/resolvers.js';
import { serverResolvers } from '../domains/server/resolvers.js';
import { sweepFeatureArguments, sweepResolvers } from '../domains/sweeps/resolvers.js';
import { teamResolvers } from '../domains/teams/resolvers.js';
import { userMutations } from '../domains/users/mutations.js';
import { userResolvers } from '../domains/users/resolvers.js';
import type { EmulatorResolvers } from './arguments.js';
import { mergeResolvers } from './executable.js';
import type { FeatureArgument, FeatureGates } from './feature-arguments.js';

/** `PageInfo`, the same in every connection. */
const pageInfoResolvers: EmulatorResolvers = {
  PageInfo: {
    hasNextPage: (info) => info.hasNextPage,
    hasPreviousPage: (info) => info.hasPreviousPage,
    startCursor: (info) => info.startCursor ?? null,
    endCursor: (info) => info.endCursor ?? null,
  },
};

/**
 * Every resolver of the emulator. A schema field that is in none of the domains answers
 * `The emulator does not implement field Type.field`.
 *
 * @example
 * ```ts
 * Object.keys(emulatorResolvers.Run ?? {}).includes('files'); // true
 * ```
 */
export const emulatorResolvers: EmulatorResolvers = mergeResolvers<EmulatorResolvers>(
  pageInfoResolvers,
  userResolvers,
  userMutations,
  teamResolvers,
  organizationResolvers,
  projectResolvers,
  projectMutations,
  runResolvers,
  runMutations,
  historyResolvers,
  fileStreamResolvers,
  fileResolvers,
  fileMutations,
  sweepResolvers,
  reportResolvers,
  serverResolvers,
  artifactResolvers,
  artifactMutations,
  registryResolvers,
  registryMutations,
  registryMemberResolvers,
  integrationResolvers,
  automationResolvers,
  chartResolvers,
  launchResolvers,
);

/**
 * The arguments of every domain that exist only when a server feature is on; with the feature
 * off, validation refuses a document that names one (`feature-arguments.ts`).
 *
 * @example
 * ```ts
 * emulatorFeatureArguments.map((a) => `${a.field}(${a.argument}:)`); // ['Project.sweeps(filters:)', ...]
 * ```
 */
export const emulatorFeatureArguments: readonly FeatureArgument[] = [
  ...sweepFeatureArguments,
  ...artifactFeatureGates.arguments,
];

/**
 * Everything of the schema that exists only when a server feature is on (arguments, fields, input
 * fields), from every domain; with the feature off, a request that names one is refused as an
 * older server would (`feature-arguments.ts`).
 *
 * @example
 * ```ts
 * emulatorFeatureGates.fields.map((f) => f.field); // ['FileConnection.totalCount', ...]
 * ```
 */
export const emulatorFeatureGates: FeatureGates = {
  arguments: emulatorFeatureArguments,
  fields: [
    ...artifactFeatureGates.fields,
    ...registryFeatureGates.fields,
    ...automationFeatureGates.fields,
    ...launchFeatureGates.fields,
    ...historyFeatureGates.fields,
  ],
  inputFields: [...artifactFeatureGates.inputFields, ...registryFeatureGates.inputFields],
  unionMembers: automationFeatureGates.unionMembers,
};
