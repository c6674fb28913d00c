/**
 * Sweeps over GraphQL (wandb-ops.md §6.4, §7.2): `Project.sweep`, `Project.sweeps` (filtered by
 * `filters`, see `filters.ts`), `Project.totalSweeps` (not filtered) and `Sweep`, whose `bestLoss`
 * is computed from its runs unless seeded.
 *
 * @example
 * ```ts
 * import { sweepResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { parse as parseYaml } from 'yaml';
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate } from '../../graphql/connections.js';
import type { FeatureArgument } from '../../graphql/feature-arguments.js';
import { globalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import type { ProjectRecord } from '../projects/records.js';
import type { RunRecord } from '../runs/records.js';
import { authorOf } from '../users/lookup.js';
import { compileSweepFilter } from './filters.js';
import type { SweepRecord } from './records.js';

/**
 * The arguments of the sweeps domain that a server has only with a feature on: `Project.sweeps`
 * has `filters` only with `SWEEPS_QUERY_FILTERING` (wandb-ops.md §3). Without it, a document that
 * names the argument fails validation (`Unknown argument "filters" on field "Project.sweeps".`).
 *
 * @example
 * ```ts
 * sweepFeatureArguments[0]?.feature; // 'SWEEPS_QUERY_FILTERING'
 * ```
 */
export const sweepFeatureArguments: readonly FeatureArgument[] = [
  { feature: 'SWEEPS_QUERY_FILTERING', field: 'Project.sweeps', argument: 'filters' },
];

function sweepsOf(store: EmulatorStore, project: ProjectRecord): SweepRecord[] {
  return [...store.sweeps.values()].filter((s) => s.projectId === project.id);
}

function runsOf(store: EmulatorStore, sweep: SweepRecord): RunRecord[] {
  return store.runsOfProject(sweep.projectId).filter((r) => r.sweep === sweep.name);
}

/**
 * The best value of the sweep config's `metric` over the runs' summaries, or null.
 *
 * @example
 * ```ts
 * bestMetric('metric: { name: loss, goal: minimize }', runs); // the smallest finite summary loss
 * ```
 */
export function bestMetric(configYaml: string, runs: readonly RunRecord[]): number | null {
  const config: unknown = parseYaml(configYaml);
  const metric = (config as { metric?: { name?: unknown; goal?: unknown } } | null)?.metric;
  if (!metric || typeof metric.name !== 'string') return null;
  const name = metric.name;
  // NaN and ±Infinity (a diverged run) are no best value, and GraphQL's Float cannot carry them.
  const values = runs.map((r) => r.summary[name]).filter((v): v is number => Number.isFinite(v));
  if (values.length === 0) return null;
  return metric.goal === 'maximize' ? Math.max(...values) : Math.min(...values);
}

/**
 * The resolvers of the sweeps domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectResolvers, sweepResolvers);
 * ```
 */
export const sweepResolvers: EmulatorResolvers = {
  Project: {
    sweep: handles(
      ['sweepName'],
      (project, args, { store }) => store.findSweep(project.id, args.sweepName) ?? null,
    ),
    sweeps: handles(['filters', 'after', 'first'], (project, args, { store }) => {
      // The official client always sends `filters` ("{}" when there are none); `totalSweeps` is not filtered.
      // Without SWEEPS_QUERY_FILTERING, validation refuses a document naming `filters` (sweepFeatureArguments).
      const matches = compileSweepFilter(args.filters);
      const sweeps = sweepsOf(store, project).filter(matches);
      const page = paginate(sweeps, byCreation, 'sweeps', 1, pageArgs(args));
      return connectionOf(page, (sweep) => sweep);
    }),
    totalSweeps: (project, _args, { store }) => sweepsOf(store, project).length,
  },
  Sweep: {
    id: (sweep) => globalId('Sweep', sweep.id),
    name: (sweep) => sweep.name,
    displayName: (sweep) => sweep.displayName,
    method: (sweep) => sweep.method,
    state: (sweep) => sweep.state,
    description: (sweep) => sweep.description,
    user: (sweep, _args, { store }) => authorOf(store, sweep.username),
    config: (sweep) => sweep.config,
    createdAt: (sweep) => sweep.createdAt,
    updatedAt: (sweep) => sweep.updatedAt,
    bestLoss: (sweep, _args, { store }) =>
      sweep.bestLoss !== undefined ? sweep.bestLoss : bestMetric(sweep.config, runsOf(store, sweep)),
    runCount: (sweep, _args, { store }) => runsOf(store, sweep).length,
    runCountExpected: (sweep) => sweep.runCountExpected,
  },
  SweepConnection: {
    pageInfo: (connection) => connection.pageInfo,
    edges: (connection) => connection.edges,
  },
  SweepEdge: {
    node: (edge) => edge.node,
    cursor: (edge) => edge.cursor,
  },
};
