/**
 * Getting and listing sweeps (wandb-ops.md §6.4, §7.2): the functions behind {@link Api.sweep},
 * {@link Project.sweeps} and the `includeSweeps` option of run listings.
 *
 * @example
 * ```ts
 * const sweep = await getSweep(ctx, 'acme/vision/sweeps/k3x9a0qz');
 * for await (const s of listSweeps(ctx, { entity: 'acme', project: 'vision' })) console.log(s.id);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { AuthenticationError } from '../../errors/index.js';
import type {
  ProjectSweepsFilteredQuery,
  ProjectSweepsQuery,
  SweepFieldsFragment,
  SweepLegacyFieldsFragment,
} from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { projectNotFound, sweepNotFound } from '../core/notFound.js';
import { requireFeature } from '../core/features.js';
import { serializeFilter, type MongoFilter } from '../core/filters.js';
import { connectionPosition, Paginated, type ListOptions, type Page } from '../core/pagination.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { parseSweepPath, type ProjectPath, type SweepRef } from '../paths/paths.js';
import type { Sweep } from './sweep.js';
import { sweepFromData } from './sweep-impl.js';

/**
 * The sweep fields a {@link SweepFilter} names without a cast: the sweep's id (`name`), its
 * `displayName`, `state` (`RUNNING`, `FINISHED`, ...), search `method` and `description`. Other
 * names are sent as they are (the server decides), with a cast.
 *
 * @example
 * ```ts
 * const field: SweepFilterField = 'state';
 * ```
 */
export type SweepFilterField = 'name' | 'displayName' | 'state' | 'method' | 'description';

/**
 * A Mongo-style sweep filter, as {@link Project.sweeps} takes it: the operators of run filters
 * (`$and $or $nor`, and `$eq $ne $gt $gte $lt $lte $in $nin $exists $regex` on a field) over the
 * sweep's fields.
 *
 * @example
 * ```ts
 * const filter: SweepFilter = { $or: [{ state: 'RUNNING' }, { displayName: { $regex: '^lr-' } }] };
 * ```
 */
export type SweepFilter = MongoFilter<SweepFilterField>;

/**
 * Options of {@link Project.sweeps}: those of every listing (`perPage`, default 50; `start`;
 * `signal`), and `filters`.
 *
 * @example
 * ```ts
 * const sweeps = project.sweeps({ filters: { state: 'RUNNING' }, perPage: 20, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface SweepsOptions extends ListOptions {
  /**
   * Only the sweeps this filter selects, filtered on the server. Needs the server feature
   * `SWEEPS_QUERY_FILTERING` (W&B cloud has it; older W&B Server releases do not): without it the
   * listing rejects with `UnsupportedError` rather than return every sweep. With a filter,
   * `totalCount()` is not available (the server's count covers all of the project's sweeps).
   * Default: every sweep.
   */
  filters?: SweepFilter;
}

/** A `SweepDetail` answer: `project: null` when the project is missing, `project.sweep: null` when only the sweep is. */
interface SweepAnswer {
  project: { sweep: SweepFieldsFragment | SweepLegacyFieldsFragment | null } | null;
}

/**
 * Asks for one sweep. Like the official client, a failure of the full query is retried once with
 * the legacy selection that older servers answer (wandb-ops.md §6.4); if that fails too, the
 * first error is thrown. An answer without the sweep is not cached.
 */
async function fetchSweepAnswer(
  ctx: FacadeContext,
  where: SweepRef,
  options: RequestOptions,
): Promise<SweepAnswer> {
  const { signal, cache } = options;
  const vars = { entity: where.entity, project: where.project, name: where.sweepId };
  const cacheIf = (d: SweepAnswer) => d.project?.sweep != null;
  try {
    return await ctx.request((await documents()).SweepDetailDocument, vars, { signal, cache, cacheIf });
  } catch (error) {
    if (error instanceof AuthenticationError || signal?.aborted) throw error;
    return ctx
      .request((await documents()).SweepDetailLegacyDocument, vars, { signal, cache, cacheIf })
      .catch(() => Promise.reject(error));
  }
}

/**
 * One sweep, or `undefined` when the project has none of that id (or there is no such project).
 * @internal Run listings with `includeSweeps` reach it as {@link FacadeContext.findSweep}.
 * @example
 * ```ts
 * const sweep = await findSweep(ctx, { entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' });
 * ```
 */
export async function findSweep(
  ctx: FacadeContext,
  where: SweepRef,
  options: RequestOptions = {},
): Promise<Sweep | undefined> {
  const sweep = (await fetchSweepAnswer(ctx, where, options)).project?.sweep;
  return sweep ? sweepFromData(ctx, where.entity, where.project, sweep) : undefined;
}

/**
 * One sweep, loaded, by any sweep path form (missing parts from the settings, else the viewer).
 * {@link NotFoundError} when there is none, saying whether the project exists.
 * @internal Users call {@link Api.sweep}.
 * @example
 * ```ts
 * const sweep = await getSweep(ctx, 'vision/k3x9a0qz', { cache: false });
 * ```
 */
export async function getSweep(
  ctx: FacadeContext,
  path: string,
  options: RequestOptions = {},
): Promise<Sweep> {
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const parsed = parseSweepPath(path, ctx.settings);
  const where = { ...parsed, entity: await ctx.resolveEntity(parsed.entity) };
  const data = await fetchSweepAnswer(ctx, where, { signal, cache });
  const sweep = data.project?.sweep;
  if (!sweep) throw sweepNotFound(where.entity, where.project, where.sweepId, data.project != null);
  return sweepFromData(ctx, where.entity, where.project, sweep);
}

/**
 * The sweeps of a project, page by page; the total is the project's `totalSweeps` (none with
 * `filters`). Each page's sweeps are complete (no request per sweep). Validates the options
 * before any request; with `filters`, checks `SWEEPS_QUERY_FILTERING` before the first page.
 * @internal Users call {@link Project.sweeps} (through {@link FacadeContext.projectSweeps}).
 * @example
 * ```ts
 * const sweeps = listSweeps(ctx, { entity: 'acme', project: 'vision' }, { filters: { state: 'RUNNING' } });
 * ```
 */
export function listSweeps(
  ctx: FacadeContext,
  where: Required<ProjectPath>,
  options: SweepsOptions = {},
): Paginated<Sweep> {
  const { entity, project } = where;
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const filters = o.filters === undefined ? undefined : serializeFilter(o.filters);
  const page = async (data: ProjectSweepsQuery | ProjectSweepsFilteredQuery): Promise<Page<Sweep>> => {
    if (!data.project) throw projectNotFound(entity, project);
    const connection = data.project.sweeps;
    return {
      items: await Promise.all(
        (connection?.edges ?? []).map((e) => sweepFromData(ctx, entity, project, e.node)),
      ),
      ...connectionPosition(connection),
      totalCount: 'totalSweeps' in data.project ? (data.project.totalSweeps ?? undefined) : undefined,
    };
  };
  const listing = { perPage: o.perPage ?? 50, start: o.start ?? null, signal, prefetch: o.prefetch };
  if (filters === undefined) {
    return new Paginated<Sweep>(
      async ({ cursor, perPage: first, signal: pageSignal, total }) =>
        page(
          await ctx.request(
            (await documents()).ProjectSweepsDocument,
            { entity, project, cursor, perPage: first, withTotal: total ?? true },
            { signal: pageSignal, cacheIf: (d) => d.project != null },
          ),
        ),
      { ...listing, what: 'sweeps' },
    );
  }
  return new Paginated<Sweep>(
    async ({ cursor, perPage: first, signal: pageSignal }) => {
      await requireFeature(ctx, 'SWEEPS_QUERY_FILTERING', 'Filtering sweeps');
      return page(
        await ctx.request(
          (await documents()).ProjectSweepsFilteredDocument,
          { entity, project, filters, cursor, perPage: first },
          { signal: pageSignal, cacheIf: (d) => d.project != null },
        ),
      );
    },
    {
      ...listing,
      what: 'filtered sweeps',
      countable: false,
      noTotalReason: "the server's totalSweeps counts all of a project's sweeps, not the filtered ones",
    },
  );
}
