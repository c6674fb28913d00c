/**
 * The GraphQL side of the emulator: the schema (read from the repository's `schema.graphql`),
 * views of stored objects, and a field resolver that refuses to answer fields the emulator does
 * not implement.
 *
 * @example
 * ```ts
 * import { graphql } from 'graphql';
 * import { loadSchema, createRootValue, emulatorFieldResolver } from './resolvers.js';
 * const schema = await loadSchema();
 * await graphql({ schema, source: '{ viewer { username } }', rootValue: createRootValue(store),
 *   fieldResolver: emulatorFieldResolver });
 * ```
 * @module
 */
import type { GraphQLFieldResolver } from 'graphql';
import { parse as parseYaml } from 'yaml';
import {
  historyArgs,
  historyKeys,
  historyRows,
  parseSampledHistorySpec,
  sampledHistory,
} from './domains/history/sampling.js';
import type { ProjectRecord } from './domains/projects/records.js';
import type { ReportRecord } from './domains/reports/records.js';
import { compileRunFilter, runDocument } from './domains/runs/filters.js';
import { parseRunOrder, runSortKey } from './domains/runs/order.js';
import type { RunRecord } from './domains/runs/records.js';
import type { SweepRecord } from './domains/sweeps/records.js';
import type { EntityRecord, UserRecord } from './domains/users/records.js';
import { fileMutations, runFilesConnection } from './file-views.js';
import { optionalString, pageArgs, rejectArgs, type Args } from './graphql/arguments.js';
import { byCreation as byId, connectionOf, paginate } from './graphql/connections.js';
import { globalId } from './graphql/ids.js';
import { stringifyJsonString } from './graphql/json-string.js';
import { writeMutations } from './mutations.js';
import type { EmulatorStore } from './store/store.js';

/**
 * A field value in a view: a plain value, or a function called with the field's arguments.
 *
 * @example
 * ```ts
 * const view: View = { name: 'x', runCount: (args) => 3 };
 * ```
 */
export type View = Record<string, unknown>;

/**
 * The default field resolver: answers a field from the parent view's own property of that name
 * (calling it with `(args, context, info)` when it is a function), and throws
 * `The emulator does not implement field Type.field` when the view has no such property.
 *
 * @example
 * ```ts
 * graphql({ schema, source, rootValue, fieldResolver: emulatorFieldResolver });
 * ```
 */
export const emulatorFieldResolver: GraphQLFieldResolver<unknown, unknown> = (
  source,
  args,
  context,
  info,
) => {
  if (typeof source === 'object' && source !== null && Object.hasOwn(source, info.fieldName)) {
    const value: unknown = (source as View)[info.fieldName];
    if (typeof value === 'function')
      return (value as (a: Args, c: unknown, i: unknown) => unknown)(args, context, info);
    return value;
  }
  throw new Error(`The emulator does not implement field ${info.parentType.name}.${info.fieldName}`);
};

/**
 * Builds views over the store. Each view has exactly the fields the emulator implements.
 *
 * @example
 * ```ts
 * const views = new Views(store);
 * views.user(store.viewer).username;
 * ```
 */
export class Views {
  constructor(private readonly store: EmulatorStore) {}

  /** A `User`. */
  user(user: UserRecord): View {
    return {
      id: globalId('User', user.id),
      createdAt: user.createdAt,
      name: user.name,
      username: user.username,
      email: user.email,
      photoUrl: user.photoUrl,
      admin: user.admin,
      deletedAt: null,
      entity: user.entity,
      flags: '{}',
      teams: (args: Args) => {
        const teams = user.teams
          .map((name) => this.store.findEntity(name))
          .filter((e): e is EntityRecord => e !== undefined);
        const page = paginate(teams, byId, 'teams', 1, pageArgs(args), 'User.teams', 1000);
        return { edges: page.edges.map((e) => ({ node: this.entity(e.node), cursor: e.cursor })) };
      },
    };
  }

  /** An `Entity`. */
  entity(entity: EntityRecord): View {
    return {
      id: globalId('Entity', entity.id),
      createdAt: entity.createdAt,
      name: entity.name,
      isTeam: entity.isTeam,
    };
  }

  /** The `User` of a stored username, or null (the object has no known author). */
  private userNamed(username: string | null): View | null {
    const user = username === null ? undefined : this.store.findUser(username);
    return user ? this.user(user) : null;
  }

  /** A `Project`. */
  project(project: ProjectRecord): View {
    return {
      id: globalId('Project', project.id),
      createdAt: project.createdAt,
      updatedAt: project.updatedAt,
      name: project.name,
      entityName: project.entityName,
      entity: () => this.entity(this.store.ensureEntity(project.entityName)),
      description: project.description,
      access: project.access,
      isBenchmark: false,
      readOnly: false,
      user: () => this.userNamed(project.username),
      runCount: (args: Args) => this.filteredRuns(project, args).length,
      runs: (args: Args) => {
        rejectArgs(args, ['jobKey', 'fields'], 'Project.runs');
        const order = parseRunOrder(optionalString(args, 'order'));
        const runs = this.filteredRuns(project, args);
        const page = paginate(
          runs,
          ({ run, doc }) => runSortKey(run, doc, order),
          order.tag,
          order.direction,
          pageArgs(args),
          'Project.runs',
        );
        return { totalCount: page.totalCount, ...connectionOf(page, (node) => this.run(node.run)) };
      },
      run: (args: Args) => {
        rejectArgs(args, ['desc'], 'Project.run');
        const name = optionalString(args, 'name');
        const run = name === null ? undefined : this.store.findRun(project.id, name);
        return run ? this.run(run) : null;
      },
      sweep: (args: Args) => {
        const name = optionalString(args, 'sweepName');
        const sweep = name === null ? undefined : this.store.findSweep(project.id, name);
        return sweep ? this.sweep(sweep) : null;
      },
      sweeps: (args: Args) => {
        rejectArgs(args, ['order'], 'Project.sweeps');
        const page = paginate(this.sweepsOf(project), byId, 'sweeps', 1, pageArgs(args), 'Project.sweeps');
        return connectionOf(page, (sweep) => this.sweep(sweep));
      },
      totalSweeps: () => this.sweepsOf(project).length,
      // Reports are the views of type "runs" (wandb-ops.md §6.5), listed in creation order.
      allViews: (args: Args) => {
        rejectArgs(args, ['userId', 'userName', 'offset'], 'Project.allViews');
        const type = optionalString(args, 'viewType');
        const name = optionalString(args, 'viewName');
        const views = [...this.store.reports.values()].filter(
          (r) =>
            r.projectId === project.id &&
            (type === null || r.type === type) &&
            (name === null || r.name === name),
        );
        const page = paginate(views, byId, 'views', 1, pageArgs(args), 'Project.allViews');
        return { totalCount: page.totalCount, ...connectionOf(page, (report) => this.view(report)) };
      },
    };
  }

  private sweepsOf(project: ProjectRecord): SweepRecord[] {
    return [...this.store.sweeps.values()].filter((s) => s.projectId === project.id);
  }

  /** A `View` (a report when its type is `runs`). */
  view(report: ReportRecord): View {
    const project = this.store.projects.get(report.projectId);
    return {
      id: globalId('View', report.id),
      name: report.name,
      displayName: report.displayName,
      type: report.type,
      description: report.description,
      spec: report.spec,
      user: () => this.userNamed(report.username),
      createdAt: report.createdAt,
      updatedAt: report.updatedAt,
      entityName: project?.entityName ?? '',
      projectName: project?.name ?? '',
    };
  }

  /** A `Sweep`. */
  sweep(sweep: SweepRecord): View {
    const runs = () => this.store.runsOfProject(sweep.projectId).filter((r) => r.sweep === sweep.name);
    return {
      id: globalId('Sweep', sweep.id),
      name: sweep.name,
      displayName: sweep.displayName,
      method: sweep.method,
      state: sweep.state,
      description: sweep.description,
      user: () => this.userNamed(sweep.username),
      config: sweep.config,
      createdAt: sweep.createdAt,
      updatedAt: sweep.updatedAt,
      bestLoss: () => (sweep.bestLoss !== undefined ? sweep.bestLoss : bestMetric(sweep.config, runs())),
      runCount: () => runs().length,
      runCountExpected: sweep.runCountExpected,
    };
  }

  private filteredRuns(
    project: ProjectRecord,
    args: Args,
  ): { run: RunRecord; doc: Record<string, unknown> }[] {
    const matches = compileRunFilter(optionalString(args, 'filters'));
    const names = Array.isArray(args.names)
      ? args.names.filter((n): n is string => typeof n === 'string')
      : null;
    const sweepIds = new Map(this.sweepsOf(project).map((s) => [s.name, globalId('Sweep', s.id)]));
    return this.store
      .runsOfProject(project.id)
      .filter((run) => names === null || names.includes(run.name))
      .map((run) => ({ run, doc: runDocument(run, sweepIds.get(run.sweep ?? '')) }))
      .filter(({ doc }) => matches(doc));
  }

  /** A `Run`. */
  run(run: RunRecord): View {
    return {
      id: globalId('Run', run.id),
      projectId: String(run.projectId),
      name: run.name,
      displayName: run.displayName,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      heartbeatAt: run.heartbeatAt,
      state: run.state,
      tags: run.tags,
      notes: run.notes,
      description: run.description,
      group: run.group,
      jobType: run.jobType,
      sweepName: run.sweep,
      commit: run.commit,
      host: run.host,
      readOnly: false,
      user: () => this.userNamed(run.username),
      project: () => {
        const project = this.store.projects.get(run.projectId);
        return project ? this.project(project) : null;
      },
      historyLineCount: run.history.length,
      // JSONString fields: non-finite numbers are bare NaN / Infinity tokens, as the server sends them.
      config: () => stringifyJsonString(run.config),
      summaryMetrics: () => stringifyJsonString(run.summary),
      systemMetrics: () => stringifyJsonString(run.systemMetrics),
      historyKeys: () => historyKeys(run.history),
      // History (wandb-ops.md §7.1): `history` / `events` rows are JSON strings, `sampledHistory` objects.
      history: (args: Args) => {
        rejectArgs(args, ['maxKeyLimit'], 'Run.history');
        return historyRows(run.history, historyArgs(args, 'Run.history')).map(stringifyJsonString);
      },
      sampledHistory: (args: Args) => {
        rejectArgs(args, ['packVersion'], 'Run.sampledHistory');
        const specs = Array.isArray(args.specs) ? args.specs : [];
        return specs.map((spec) => sampledHistory(run.history, parseSampledHistorySpec(spec)));
      },
      events: (args: Args) => {
        const { samples } = historyArgs(args, 'Run.events');
        return historyRows(run.events, { samples }).map(stringifyJsonString);
      },
      // Files (wandb-ops.md §7.1, §7.3): signed URLs need the request's origin, from the context.
      fileCount: () => run.files.size,
      files: (args: Args, context: unknown) => {
        rejectArgs(args, ['contentType'], 'Run.files');
        const selection = { names: args.names, pattern: args.pattern, page: pageArgs(args) };
        return runFilesConnection(run, selection, context);
      },
    };
  }
}

/**
 * The root `Query` view over a store.
 *
 * @example
 * ```ts
 * const rootValue = createRootValue(store);
 * ```
 */
export function createRootValue(store: EmulatorStore): View {
  const views = new Views(store);
  return {
    viewer: (args: Args) => {
      rejectArgs(args, ['entityName'], 'Query.viewer');
      return views.user(store.viewer);
    },
    models: (args: Args) => {
      rejectArgs(args, ['keysOnly', 'batchSize', 'pageSize'], 'Query.models');
      const entityName = optionalString(args, 'entityName') ?? store.viewer.entity;
      const projects = store.projectsOfEntity(entityName);
      const page = paginate(projects, byId, 'models', 1, pageArgs(args), 'Query.models');
      return connectionOf(page, (project) => views.project(project));
    },
    project: (args: Args) => {
      const name = optionalString(args, 'name');
      const entityName = optionalString(args, 'entityName') ?? store.viewer.entity;
      const project = name === null ? undefined : store.findProject(entityName, name);
      return project ? views.project(project) : null;
    },
    serverInfo: () => ({
      features: [...store.features].map(([name, isEnabled]) => ({ name, isEnabled })),
    }),
    ...writeMutations(store, views),
    ...fileMutations(store),
  };
}

/** The best value of the sweep config's `metric` over the runs' summaries, or null. */
function bestMetric(configYaml: string, runs: RunRecord[]): number | null {
  const config: unknown = parseYaml(configYaml);
  const metric = (config as { metric?: { name?: unknown; goal?: unknown } } | null)?.metric;
  if (!metric || typeof metric.name !== 'string') return null;
  const name = metric.name;
  // NaN and ±Infinity (a diverged run) are no best value, and GraphQL's Float cannot carry them.
  const values = runs.map((r) => r.summary[name]).filter((v): v is number => Number.isFinite(v));
  if (values.length === 0) return null;
  return metric.goal === 'maximize' ? Math.max(...values) : Math.min(...values);
}
