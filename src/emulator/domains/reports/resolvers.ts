/**
 * Reports over GraphQL (wandb-ops.md §6.5): `Project.allViews` (reports are the views of type
 * `runs`, listed in creation order) and `View`.
 *
 * @example
 * ```ts
 * import { reportResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate } from '../../graphql/connections.js';
import { globalId } from '../../graphql/ids.js';
import { authorOf } from '../users/lookup.js';

/**
 * The resolvers of the reports domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectResolvers, reportResolvers);
 * ```
 */
export const reportResolvers: EmulatorResolvers = {
  Project: {
    allViews: handles(['viewType', 'viewName', 'after', 'first'], (project, args, { store }) => {
      const type = args.viewType ?? null;
      const name = args.viewName ?? null;
      const views = [...store.reports.values()].filter(
        (r) =>
          r.projectId === project.id &&
          (type === null || r.type === type) &&
          (name === null || r.name === name),
      );
      const page = paginate(views, byCreation, 'views', 1, pageArgs(args));
      return { totalCount: page.totalCount, ...connectionOf(page, (report) => report) };
    }),
  },
  View: {
    id: (report) => globalId('View', report.id),
    name: (report) => report.name,
    displayName: (report) => report.displayName,
    type: (report) => report.type,
    description: (report) => report.description,
    spec: (report) => report.spec,
    user: (report, _args, { store }) => authorOf(store, report.username),
    createdAt: (report) => report.createdAt,
    updatedAt: (report) => report.updatedAt,
    entityName: (report, _args, { store }) => store.projects.get(report.projectId)?.entityName ?? '',
    projectName: (report, _args, { store }) => store.projects.get(report.projectId)?.name ?? '',
  },
  ViewConnection: {
    totalCount: (connection) => connection.totalCount,
    pageInfo: (connection) => connection.pageInfo,
    edges: (connection) => connection.edges,
  },
  ViewEdge: {
    node: (edge) => edge.node ?? null,
    cursor: (edge) => edge.cursor,
  },
};
