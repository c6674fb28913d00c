/**
 * The reports of a project as `Api` lists and finds them ({@link listReports}, {@link reportFromPath}):
 * a module of its own, which `Api` loads on first use, apart from the {@link BetaReport} class that
 * `wandb-api` exports (a browser app loads that class with the page).
 *
 * @example
 * ```ts
 * for await (const report of listReports(ctx, 'acme/vision', {})) console.log(report.displayName);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import type { FacadeContext } from '../core/context.js';
import { once } from '../core/memo.js';
import { projectNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated } from '../core/pagination.js';
import { optionalSignal, optionalString, optionsObject } from '../core/validate.js';
import { lenientDecode, parseProjectPath } from '../paths/paths.js';
import type { BetaReport, ReportsOptions } from './report.js';
import { BetaReportImpl } from './report-impl.js';

/**
 * The reports of a project path (`entity/project`, or `project` with the default entity), page
 * by page (no total: the server gives none). Validates the path and the options before any
 * request; a missing project rejects with {@link NotFoundError}.
 * @internal Users call {@link Api.reports}.
 * @example
 * ```ts
 * const reports = await listReports(ctx, 'acme/vision', { name: 'weekly-sync' }).toArray();
 * ```
 */
export function listReports(
  ctx: FacadeContext,
  path: string,
  options: ReportsOptions = {},
): Paginated<BetaReport> {
  const o = optionsObject(options);
  const where = parseProjectPath(path, ctx.settings);
  const signal = optionalSignal(o.signal);
  const name = optionalString(o.name, 'name');
  const viewName = name === undefined ? undefined : lenientDecode(name);
  const entityName = once(() => ctx.resolveEntity(where.entity));
  const project = where.project;
  return new Paginated<BetaReport>(
    async ({ cursor, perPage: first, signal: pageSignal }) => {
      const entity = await entityName();
      const data = await ctx.request(
        (await documents()).ProjectViewsDocument,
        { entity, project, cursor, perPage: first, viewName },
        { signal: pageSignal, cacheIf: (d) => d.project != null },
      );
      if (!data.project) throw projectNotFound(entity, project);
      const connection = data.project.allViews;
      return {
        items: (connection?.edges ?? []).flatMap((e) =>
          e.node ? [new BetaReportImpl(ctx, entity, project, e.node)] : [],
        ),
        ...connectionPosition(connection),
      };
    },
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: 'reports',
      countable: false,
      prefetch: o.prefetch,
    },
  );
}

/**
 * The report a report path or URL names (`entity/project/reports/Title--reportId`), built without
 * a request: only `id`, `displayName` and `url` are known.
 * @internal Users call {@link Api.fromPath}.
 * @example
 * ```ts
 * const report = reportFromPath(ctx, { entity: 'acme', project: 'vision', displayName: 'Weekly sync', reportId: 'Vmlldzo0Mg==' });
 * console.log(report.url);
 * ```
 */
export function reportFromPath(
  ctx: FacadeContext,
  target: { entity: string; project: string; displayName: string; reportId: string },
): BetaReport {
  return new BetaReportImpl(ctx, target.entity, target.project, {
    id: target.reportId,
    displayName: target.displayName,
    spec: '{}',
  });
}
