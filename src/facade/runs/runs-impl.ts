/**
 * What a {@link Runs} listing loads with its first call (or at once, when this module has loaded
 * already): the checks of its order and filter, its pages (`RunsPage`, with the sweeps of
 * `includeSweeps`) and `runs.histories()`. Apart from `runs.ts`, so that `api.runs()` returns a
 * light `Runs` without them.
 *
 * @example
 * ```ts
 * const query = checkRunsQuery({ order: '-summary_metrics.accuracy' });
 * const pages = runsPages(ctx, { entity: 'acme', project: 'vision', options: {} }, query);
 * ```
 * @module
 */
import type { FacadeContext } from '../core/context.js';
import { documents } from '../core/lazy.js';
import { once } from '../core/memo.js';
import { projectNotFound } from '../core/notFound.js';
import { connectionPosition, type PageFetcher } from '../core/pagination.js';
import type { Sweep } from '../sweeps/sweep.js';
import { serializeRunFilter } from './filters.js';
import { parseOrder } from './order.js';
import type { Run } from './run.js';
import type { RunsOptions, RunsQuery } from './runs.js';

export { runHistories } from './bulk.js';

/**
 * The order and filter of a listing, as sent: normalized and checked.
 *
 * @example
 * ```ts
 * const { order, filters }: CheckedRunsQuery = checkRunsQuery({});
 * ```
 */
export interface CheckedRunsQuery {
  /** The normalized order (`+created_at`). */
  order: string;
  /** The filter as a JSON string (`{}` when there is none). */
  filters: string;
}

/**
 * Checks a listing's order and filter.
 *
 * @throws {@link ValidationError} for a bad order or filter.
 * @example
 * ```ts
 * checkRunsQuery({ order: 'config.lr' }); // { order: '+config.lr', filters: '{}' }
 * ```
 */
export function checkRunsQuery(options: RunsOptions): CheckedRunsQuery {
  return { order: parseOrder(options.order), filters: serializeRunFilter(options.filters) };
}

/**
 * The pages of one listing: the entity resolved once, each sweep of `includeSweeps` fetched once.
 *
 * @example
 * ```ts
 * const page = await runsPages(ctx, query, checkRunsQuery(query.options))({ cursor: null, perPage: 50 });
 * ```
 */
export function runsPages(
  ctx: FacadeContext,
  query: RunsQuery,
  { order, filters }: CheckedRunsQuery,
): PageFetcher<Run> {
  const lazy = query.options.lazy ?? false;
  const includeSweeps = query.options.includeSweeps ?? false;
  const entityName = once(() => ctx.resolveEntity(query.entity));
  const sweeps = new Map<string, () => Promise<Sweep | undefined>>();
  const sweepOf = (entity: string, name: string, pageSignal?: AbortSignal): Promise<Sweep | undefined> => {
    let load = sweeps.get(name);
    if (!load) {
      const where = { entity, project: query.project, sweepId: name };
      load = once(() => ctx.findSweep(where, { signal: pageSignal }));
      sweeps.set(name, load);
    }
    return load();
  };
  return async (args) => {
    const entity = await entityName();
    const { RunsPageDocument } = await documents();
    const data = await ctx.request(
      RunsPageDocument,
      {
        entity,
        project: query.project,
        cursor: args.cursor,
        perPage: args.perPage,
        order,
        filters,
        heavy: !lazy,
        withTotal: args.total ?? true,
      },
      { signal: args.signal, cacheIf: (d) => d.project != null },
    );
    const project = data.project;
    if (!project) throw projectNotFound(entity, query.project);
    const edges = project.runs?.edges ?? [];
    const position = connectionPosition(project.runs);
    const totalCount = project.runCount ?? undefined;
    // The next page may be asked for now; it then gets a turn to reach the network before this
    // page's runs are made.
    await args.onPosition?.({
      ...position,
      count: edges.length,
      ...(totalCount === undefined ? {} : { totalCount }),
    });
    const runSweeps = new Map<string, Sweep | undefined>();
    if (includeSweeps) {
      const names = [...new Set(edges.flatMap((e) => (e.node.sweepName ? [e.node.sweepName] : [])))];
      const found = await Promise.all(names.map((name) => sweepOf(entity, name, args.signal)));
      names.forEach((name, i) => runSweeps.set(name, found[i]));
    }
    return {
      // Made by the context, which loads `Run` with the first page.
      items: await Promise.all(
        edges.map((e) =>
          ctx.runFromData(
            entity,
            query.project,
            e.node,
            e.node.sweepName ? runSweeps.get(e.node.sweepName) : undefined,
          ),
        ),
      ),
      ...position,
      totalCount,
    };
  };
}
