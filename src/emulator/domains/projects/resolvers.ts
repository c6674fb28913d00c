/**
 * Projects over GraphQL (wandb-ops.md §6.2): `Query.models` (the legacy name of the projects
 * listing), `Query.project` and the fields of `Project` that are the project's own. Its runs,
 * sweeps and reports are fields the runs, sweeps and reports domains add to `Project`.
 *
 * @example
 * ```ts
 * import { projectResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate } from '../../graphql/connections.js';
import { globalId } from '../../graphql/ids.js';
import { authorOf } from '../users/lookup.js';
import { projectVisible } from '../registries/members.js';

/**
 * The resolvers of the projects domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectResolvers, runResolvers);
 * ```
 */
export const projectResolvers: EmulatorResolvers = {
  Query: {
    models: handles(['entityName', 'after', 'first'], (_root, args, { store }) => {
      const projects = store.projectsOfEntity(args.entityName ?? store.viewer.entity);
      return connectionOf(paginate(projects, byCreation, 'models', 1, pageArgs(args)), (project) => project);
    }),
    project: handles(['name', 'entityName'], (_root, args, { store }) => {
      const name = args.name ?? null;
      if (name === null) return null;
      const project = store.findProject(args.entityName ?? store.viewer.entity, name);
      // A restricted registry is seen by its members only.
      return project && projectVisible(store, project) ? project : null;
    }),
  },
  Project: {
    id: (project) => globalId('Project', project.id),
    // Newer than the 2024 schema; the official client decodes `ProjectInternalId:<n>` (or `Project:<n>`).
    internalId: (project) => globalId('ProjectInternalId', project.id),
    createdAt: (project) => project.createdAt,
    updatedAt: (project) => project.updatedAt,
    name: (project) => project.name,
    entityName: (project) => project.entityName,
    entity: (project, _args, { store }) => store.ensureEntity(project.entityName),
    description: (project) => project.description,
    access: (project) => project.access,
    views: (project) => project.views,
    isBenchmark: () => false,
    readOnly: () => false,
    user: (project, _args, { store }) => authorOf(store, project.username),
  },
  ProjectConnection: {
    pageInfo: (connection) => connection.pageInfo,
    edges: (connection) => connection.edges,
  },
  ProjectEdge: {
    node: (edge) => edge.node ?? null,
    cursor: (edge) => edge.cursor,
  },
};
