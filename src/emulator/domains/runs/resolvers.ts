/**
 * Runs over GraphQL (wandb-ops.md §6.3, §7.1): `Project.runs` (filtered, ordered, paged),
 * `Project.runCount`, `Project.run` and the fields of `Run` that are the run's own. Its history
 * and files are fields the history and files domains add to `Run`.
 *
 * @example
 * ```ts
 * import { runResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { pageOfSorted, paginate, sortByKey, type SortKey } from '../../graphql/connections.js';
import { globalId } from '../../graphql/ids.js';
import { stringifyJsonString } from '../../graphql/json-string.js';
import type { EmulatorStore } from '../../store/store.js';
import type { ProjectRecord } from '../projects/records.js';
import { authorOf } from '../users/lookup.js';
import { matchAll } from '../../graphql/mongo-filter.js';
import { compileRunFilter, runDocument, type RunDocument } from './filters.js';
import { parseRunOrder, runSortKey, runSortKeyFor, type RunOrder } from './order.js';
import type { RunRecord } from './records.js';

/**
 * The runs of a project that match a `filters` JSON string and, when given, have one of `names`,
 * each with the document filters and orders read.
 *
 * @example
 * ```ts
 * matchingRuns(store, project, '{"state": "finished"}', null).length;
 * ```
 */
export function matchingRuns(
  store: EmulatorStore,
  project: ProjectRecord,
  filters: string | null | undefined,
  names: readonly (string | null)[] | null | undefined,
): { run: RunRecord; doc: RunDocument }[] {
  const matches = compileRunFilter(filters);
  const wanted = names ? names.filter((n): n is string => typeof n === 'string') : null;
  const sweepIds = new Map(
    [...store.sweeps.values()]
      .filter((s) => s.projectId === project.id)
      .map((s) => [s.name, globalId('Sweep', s.id)]),
  );
  return store
    .runsOfProject(project.id)
    .filter((run) => wanted === null || wanted.includes(run.name))
    .map((run) => ({ run, doc: runDocument(run, sweepIds.get(run.sweep ?? '')) }))
    .filter(({ doc }) => matches(doc));
}

/** Sorted listings by creation (whose keys never change), per project and direction, with the run list's version. */
const byCreation = new WeakMap<
  EmulatorStore,
  Map<string, { version: number; keyed: { item: RunRecord; key: SortKey }[] }>
>();

/**
 * Every run of a project, sorted for `order`. In creation order (the default) the sorted list is
 * kept until a run of the project is added or removed, so paging through 100,000 runs does not
 * sort them again for every page; other orders read values that writes change, and sort each time.
 *
 * @example
 * ```ts
 * pageOfSorted(unfilteredRuns(store, project, parseRunOrder(null)), '+createdAt', 1, { first: 50 });
 * ```
 */
export function unfilteredRuns(
  store: EmulatorStore,
  project: ProjectRecord,
  order: RunOrder,
): readonly { item: RunRecord; key: SortKey }[] {
  const runs = store.runs.ofProject(project.id);
  if (order.path !== 'createdAt') return sortByKey(runs, runSortKeyFor(order), order.direction);
  let cache = byCreation.get(store);
  if (!cache) byCreation.set(store, (cache = new Map()));
  const name = `${project.id}:${order.direction}`;
  const version = store.runs.versionOf(project.id);
  const cached = cache.get(name);
  if (cached?.version === version) return cached.keyed;
  const keyed = sortByKey(runs, runSortKeyFor(order), order.direction);
  cache.set(name, { version, keyed });
  return keyed;
}

/**
 * The resolvers of the runs domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(runResolvers, historyResolvers, fileResolvers);
 * ```
 */
export const runResolvers: EmulatorResolvers = {
  Project: {
    runCount: handles(['filters'], (project, args, { store }) =>
      compileRunFilter(args.filters) === matchAll
        ? store.runs.ofProject(project.id).length
        : matchingRuns(store, project, args.filters, null).length,
    ),
    runs: handles(['filters', 'order', 'names', 'after', 'first'], (project, args, { store }) => {
      const order = parseRunOrder(args.order);
      if (!args.names && compileRunFilter(args.filters) === matchAll) {
        // No filter: every run of the project, keyed from its own fields (no documents built).
        const page = pageOfSorted(
          unfilteredRuns(store, project, order),
          order.tag,
          order.direction,
          pageArgs(args),
        );
        return { totalCount: page.totalCount, pageInfo: page.pageInfo, edges: page.edges };
      }
      const runs = matchingRuns(store, project, args.filters, args.names);
      const page = paginate(
        runs,
        ({ run, doc }) => runSortKey(run, doc, order),
        order.tag,
        order.direction,
        pageArgs(args),
      );
      return {
        totalCount: page.totalCount,
        pageInfo: page.pageInfo,
        edges: page.edges.map((e) => ({ node: e.node.run, cursor: e.cursor })),
      };
    }),
    run: handles(['name'], (project, args, { store }) => {
      const name = args.name ?? null;
      return (name === null ? undefined : store.findRun(project.id, name)) ?? null;
    }),
  },
  Run: {
    id: (run) => globalId('Run', run.id),
    projectId: (run) => String(run.projectId),
    name: (run) => run.name,
    displayName: (run) => run.displayName,
    createdAt: (run) => run.createdAt,
    updatedAt: (run) => run.updatedAt,
    heartbeatAt: (run) => run.heartbeatAt,
    state: (run) => run.state,
    tags: (run) => run.tags,
    notes: (run) => run.notes,
    description: (run) => run.description,
    group: (run) => run.group,
    jobType: (run) => run.jobType,
    sweepName: (run) => run.sweep,
    commit: (run) => run.commit,
    host: (run) => run.host,
    readOnly: () => false,
    user: (run, _args, { store }) => authorOf(store, run.username),
    project: (run, _args, { store }) => store.projects.get(run.projectId) ?? null,
    // JSONString fields: non-finite numbers are bare NaN / Infinity tokens, as the server sends them.
    config: handles([], (run) => stringifyJsonString(run.config)),
    summaryMetrics: handles([], (run) => stringifyJsonString(run.summary)),
    systemMetrics: (run) => stringifyJsonString(run.systemMetrics),
  },
  RunConnection: {
    totalCount: (connection) => connection.totalCount,
    pageInfo: (connection) => connection.pageInfo,
    edges: (connection) => connection.edges,
  },
  RunEdge: {
    node: (edge) => edge.node,
    cursor: (edge) => edge.cursor,
  },
};
