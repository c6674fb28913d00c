/**
 * Integrations over GraphQL (notes I1, I2): `Entity.integrations` (every kind, creation order),
 * `SlackIntegration`, `GenericWebhookIntegration`, and `createGenericWebhookIntegration`, which
 * refuses an invalid name (a GraphQL error) and a name the entity already has (HTTP 409 with a
 * GraphQL error, `extensions.code` `ALREADY_EXISTS`; the real server's answer is not known).
 *
 * @example
 * ```ts
 * import { integrationResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate } from '../../graphql/connections.js';
import { HttpStatusError } from '../../graphql/errors.js';
import { globalId } from '../../graphql/ids.js';
import { toTimestamp } from '../../store/time.js';
import { checkWritable } from '../users/permissions.js';
import { addWebhook, webhookNameProblem } from './seed.js';

/**
 * The integration resolvers and mutation.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(userResolvers, integrationResolvers);
 * ```
 */
export const integrationResolvers: EmulatorResolvers = {
  Entity: {
    integrations: handles(['after', 'first'], (entity, args, { store }) => {
      const integrations = [...store.integrations.values()].filter((i) => i.entityName === entity.name);
      return connectionOf(paginate(integrations, byCreation, 'integrations', 1, pageArgs(args)), (i) => i);
    }),
  },
  Integration: {
    __resolveType: (integration) =>
      integration.kind === 'slack' ? 'SlackIntegration' : 'GenericWebhookIntegration',
  },
  SlackIntegration: {
    id: (i) => globalId('Integration', i.id),
    teamName: (i) => (i.kind === 'slack' ? i.teamName : ''),
    channelName: (i) => (i.kind === 'slack' ? i.channelName : ''),
  },
  GenericWebhookIntegration: {
    id: (i) => globalId('Integration', i.id),
    name: (i) => (i.kind === 'webhook' ? i.name : ''),
    urlEndpoint: (i) => (i.kind === 'webhook' ? i.urlEndpoint : ''),
    secretRef: (i) => (i.kind === 'webhook' ? i.secretRef : null),
    accessTokenRef: (i) => (i.kind === 'webhook' ? i.accessTokenRef : null),
    createdAt: (i) => i.createdAt,
  },
  IntegrationConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  IntegrationEdge: { node: (e) => e.node ?? null, cursor: (e) => e.cursor },
  Mutation: {
    createGenericWebhookIntegration: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createGenericWebhookIntegration';
      if (!store.entities.has(input.entityName))
        throw new Error(`${m}: entity ${input.entityName} not found`);
      checkWritable(store, input.entityName, m);
      const problem = webhookNameProblem(store, input.entityName, input.name);
      if (problem?.startsWith('a webhook'))
        throw new HttpStatusError(409, 'ALREADY_EXISTS', `${m}: ${problem}`);
      if (problem) throw new Error(`${m}: ${problem}`);
      if (!input.urlEndpoint) throw new Error(`${m}: urlEndpoint is required`);
      const integration = addWebhook(store, {
        entityName: input.entityName,
        name: input.name,
        urlEndpoint: input.urlEndpoint,
        secretRef: input.secretRef ?? null,
        accessTokenRef: input.accessTokenRef ?? null,
        createdAt: toTimestamp(store.now()),
      });
      return { integration, clientMutationId: input.clientMutationId ?? null };
    }),
  },
  CreateIntegrationPayload: {
    integration: (p) => p.integration,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
};
