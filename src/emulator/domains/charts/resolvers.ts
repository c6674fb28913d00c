/**
 * Custom charts over GraphQL (wandb-ops.md §6.9): `createCustomChart`, and the read-back the
 * schema has, `Query.customChart(id)` and `Query.customCharts(type, entity)`. A chart's id is
 * `entity/name`. `createCustomChart` refuses an entity the viewer cannot write to (as every write,
 * `users/permissions.ts`), invalid fields (a GraphQL error), and a name the entity already has
 * (HTTP 409 with a GraphQL error, `extensions.code` `ALREADY_EXISTS`: the real server refuses a
 * duplicate too, but its exact answer is not known). A private chart is visible only to who may
 * write to its entity.
 *
 * @example
 * ```ts
 * import { chartResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate } from '../../graphql/connections.js';
import { HttpStatusError } from '../../graphql/errors.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { checkWritable } from '../users/permissions.js';
import type { CustomChartRecord } from './records.js';
import { addChart, chartId, chartProblem } from './seed.js';

function visible(store: EmulatorStore, chart: CustomChartRecord): boolean {
  return chart.access === 'PUBLIC' || store.canWrite(store.viewerUsername, chart.entityName);
}

/**
 * The custom-chart resolvers and mutation.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(userResolvers, chartResolvers);
 * ```
 */
export const chartResolvers: EmulatorResolvers = {
  Query: {
    customChart: handles(['id'], (_root, { id }, { store }) => {
      const chart = store.charts.get(id);
      return chart && visible(store, chart) ? chart : null;
    }),
    customCharts: handles(['type', 'entity', 'after', 'first'], (_root, args, { store }) => {
      const entity = args.entity ?? null;
      const charts = [...store.charts.values()].filter(
        (c) => c.type === args.type && (entity === null || c.entityName === entity) && visible(store, c),
      );
      return connectionOf(paginate(charts, byCreation, 'customCharts', 1, pageArgs(args)), (c) => c);
    }),
  },
  Mutation: {
    createCustomChart: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createCustomChart';
      if (!store.entities.has(input.entity)) throw new Error(`${m}: entity ${input.entity} not found`);
      checkWritable(store, input.entity, m);
      const problem = chartProblem(input);
      if (problem) throw new Error(`${m}: ${problem}`);
      if (store.charts.has(chartId(input.entity, input.name))) {
        throw new HttpStatusError(
          409,
          'ALREADY_EXISTS',
          `${m}: a custom chart named ${JSON.stringify(input.name)} already exists in entity ${input.entity}`,
        );
      }
      const now = toTimestamp(store.now());
      const chart = addChart(store, {
        entityName: input.entity,
        name: input.name,
        displayName: input.displayName,
        type: input.type,
        access: input.access,
        spec: input.spec,
        username: store.viewerUsername,
        createdAt: now,
        updatedAt: now,
      });
      return { chart, clientMutationId: input.clientMutationId ?? null };
    }),
  },
  CreateCustomChartPayload: {
    chart: (p) => p.chart,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  CustomChart: {
    id: (c) => chartId(c.entityName, c.name),
    entity: (c, _args, { store }) => {
      const entity = store.entities.get(c.entityName);
      if (!entity) throw new Error(`entity ${c.entityName} of custom chart ${c.name} not found`);
      return entity;
    },
    name: (c) => c.name,
    displayName: (c) => c.displayName,
    type: (c) => c.type,
    user: (c, _args, { store }) => {
      const user = store.findUser(c.username);
      if (!user) throw new Error(`author ${c.username} of custom chart ${c.name} not found`);
      return user;
    },
    createdAt: (c) => c.createdAt,
    updatedAt: (c) => c.updatedAt,
    access: (c) => c.access,
    spec: (c) => c.spec,
  },
  CustomChartConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  CustomChartEdge: { node: (e) => e.node, cursor: (e) => e.cursor },
};
