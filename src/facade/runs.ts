import { RunsPageDocument, SweepDetailDocument } from '../generated/graphql.js';
import type { FacadeContext } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';
import { serializeRunFilter, type RunFilter } from './filters.js';
import { parseOrder } from './order.js';
import { Paginated, validatePerPage, type Page } from './pagination.js';
import { Run } from './run.js';
import { Sweep } from './sweep.js';

/** Options of {@link Api.runs}. */
export interface RunsOptions {
  /**
   * A Mongo-style filter over run fields (`state`, `tags`, `config.<key>`,
   * `summary_metrics.<key>`, ...). Operators: `$and $or $nor $eq $ne $gt $gte $lt $lte $in $nin
   * $exists $regex`. Default: all runs.
   */
  filters?: RunFilter;
  /** `+field` (ascending), `-field` (descending) or `field`. Default `+created_at`. */
  order?: string;
  /** Runs fetched per request, a positive integer. Default 50. */
  perPage?: number;
  /**
   * `true` fetches only light fields; reading `config`, `summary`, `systemMetrics` or
   * `historyKeys` then needs `await run.load()`. Default `false`.
   */
  lazy?: boolean;
  /**
   * `true` also fetches the sweep of every run that belongs to one (once per sweep per listing)
   * and sets `run.sweep`. Default `false`.
   */
  includeSweeps?: boolean;
  /** A cursor from {@link Paginated.cursor} to resume a listing after that position. */
  start?: string | null;
  /** Cancels the listing. */
  signal?: AbortSignal;
}

/** A resolved project address plus what the user asked for. @internal */
export interface RunsQuery {
  entity: string | undefined;
  project: string;
  options: RunsOptions;
}

/**
 * A lazily paginated list of runs, returned by {@link Api.runs}. Iterate it with `for await`,
 * or use `toArray()`, `first()`, `pages()`; `totalCount()` is the server's count for the filter.
 *
 * @example
 * ```ts
 * const runs = api.runs('acme/vision', { filters: { 'config.optimizer': 'adam' }, order: '-summary_metrics.accuracy' });
 * console.log(await runs.totalCount());
 * for await (const run of runs) console.log(run.name, run.summary.accuracy);
 * ```
 */
export class Runs extends Paginated<Run> {
  /** The filter this listing applies, as sent to the server. */
  readonly filters: RunFilter | undefined;
  /** The order this listing applies, normalized (`+created_at`). */
  readonly order: string;
  /** Whether runs come without heavy fields. */
  readonly lazy: boolean;
  /** Whether runs come with their sweeps. */
  readonly includeSweeps: boolean;

  /** @internal Made by {@link Api.runs}; validates everything before any request. */
  constructor(ctx: FacadeContext, query: RunsQuery) {
    const { options } = query;
    const perPage = options.perPage ?? 50;
    validatePerPage(perPage);
    for (const flag of ['lazy', 'includeSweeps'] as const) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
        throw new ValidationError(flag, `expected a boolean, got ${typeof options[flag]}`);
      }
    }
    const includeSweeps = options.includeSweeps ?? false;
    const sweeps = new Map<string, Promise<Sweep | undefined>>();
    const sweepOf = (entity: string, name: string, signal?: AbortSignal): Promise<Sweep | undefined> => {
      let sweep = sweeps.get(name);
      if (!sweep) {
        sweep = ctx
          .request(SweepDetailDocument, { entity, project: query.project, name }, { signal })
          .then((data) => {
            const found = data.project?.sweep;
            return found ? Sweep.fromData(ctx.appUrl, entity, query.project, found) : undefined;
          });
        sweep.catch(() => sweeps.delete(name));
        sweeps.set(name, sweep);
      }
      return sweep;
    };
    const order = parseOrder(options.order);
    const filters = serializeRunFilter(options.filters);
    const heavy = !options.lazy;
    let entityPromise: Promise<string> | undefined;
    const fetchPage = async (args: {
      cursor: string | null;
      perPage: number;
      signal?: AbortSignal;
    }): Promise<Page<Run>> => {
      entityPromise ??= ctx.resolveEntity(query.entity);
      const entity = await entityPromise;
      const data = await ctx.request(
        RunsPageDocument,
        { entity, project: query.project, cursor: args.cursor, perPage: args.perPage, order, filters, heavy },
        { signal: args.signal },
      );
      const project = data.project;
      if (!project) throw new NotFoundError(`Project ${entity}/${query.project} not found`);
      const edges = project.runs?.edges ?? [];
      const last = edges[edges.length - 1];
      const runSweeps = new Map<string, Sweep | undefined>();
      if (includeSweeps) {
        const names = [...new Set(edges.flatMap((e) => (e.node.sweepName ? [e.node.sweepName] : [])))];
        const found = await Promise.all(names.map((name) => sweepOf(entity, name, args.signal)));
        names.forEach((name, i) => runSweeps.set(name, found[i]));
      }
      return {
        items: edges.map(
          (e) =>
            new Run(
              ctx,
              entity,
              query.project,
              e.node,
              e.node.sweepName ? runSweeps.get(e.node.sweepName) : undefined,
            ),
        ),
        cursor: last?.cursor ?? project.runs?.pageInfo.endCursor ?? null,
        hasNextPage: project.runs?.pageInfo.hasNextPage ?? false,
        totalCount: project.runCount,
      };
    };
    super(fetchPage, { perPage, start: options.start ?? null, signal: options.signal, what: 'runs' });
    this.filters = options.filters;
    this.order = order;
    this.lazy = !heavy;
    this.includeSweeps = includeSweeps;
  }
}
