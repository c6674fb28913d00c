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
import { AuthenticationError } from '../../errors/index.js';
import {
  ProjectSweepsDocument,
  SweepDetailDocument,
  SweepDetailLegacyDocument,
  type SweepFieldsFragment,
  type SweepLegacyFieldsFragment,
} from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { projectNotFound, sweepNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated, type ListOptions } from '../core/pagination.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { parseSweepPath, type ProjectPath, type SweepRef } from '../paths/paths.js';
import { Sweep } from './sweep.js';

/**
 * Options of {@link Project.sweeps}: those of every listing (`perPage`, default 50; `start`; `signal`).
 *
 * @example
 * ```ts
 * const sweeps = project.sweeps({ perPage: 20, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export type SweepsOptions = ListOptions;

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
    return await ctx.request(SweepDetailDocument, vars, { signal, cache, cacheIf });
  } catch (error) {
    if (error instanceof AuthenticationError || signal?.aborted) throw error;
    return ctx
      .request(SweepDetailLegacyDocument, vars, { signal, cache, cacheIf })
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
  return sweep ? Sweep.fromData(ctx, where.entity, where.project, sweep) : undefined;
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
  return Sweep.fromData(ctx, where.entity, where.project, sweep);
}

/**
 * The sweeps of a project, page by page; the total is the project's `totalSweeps`. Each page's
 * sweeps are complete (no request per sweep). Validates the options before any request.
 * @internal Users call {@link Project.sweeps} (through {@link FacadeContext.projectSweeps}).
 * @example
 * ```ts
 * const sweeps = listSweeps(ctx, { entity: 'acme', project: 'vision' }, { perPage: 20 });
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
  return new Paginated<Sweep>(
    async ({ cursor, perPage: first, signal: pageSignal }) => {
      const data = await ctx.request(
        ProjectSweepsDocument,
        { entity, project, cursor, perPage: first },
        { signal: pageSignal, cacheIf: (d) => d.project != null },
      );
      if (!data.project) throw projectNotFound(entity, project);
      const connection = data.project.sweeps;
      return {
        items: await Promise.all(
          (connection?.edges ?? []).map((e) => Sweep.fromData(ctx, entity, project, e.node)),
        ),
        ...connectionPosition(connection),
        totalCount: data.project.totalSweeps,
      };
    },
    { perPage: o.perPage ?? 50, start: o.start ?? null, signal, what: 'sweeps' },
  );
}
