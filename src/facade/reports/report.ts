/**
 * W&B reports: {@link BetaReport} and the project listing behind {@link Api.reports}.
 *
 * @example
 * ```ts
 * for await (const report of api.reports('acme/vision')) console.log(report.displayName, report.url);
 * ```
 * @module
 */
import { ProjectViewsDocument, type ReportFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { parseJsonString } from '../core/json.js';
import { once } from '../core/memo.js';
import { projectNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated, type ListOptions } from '../core/pagination.js';
import { optionalSignal, optionalString, optionsObject } from '../core/validate.js';
import { lenientDecode, parseProjectPath } from '../paths/paths.js';
import { reportUrl } from '../paths/urls.js';

/**
 * The author of a report.
 *
 * @example
 * ```ts
 * const user: ReportUser | undefined = report.user;
 * console.log(user?.username, user?.email);
 * ```
 */
export interface ReportUser {
  /** Username, or `undefined` when the server hides it. */
  readonly username: string | undefined;
  /** Avatar URL, or `undefined`. */
  readonly photoUrl: string | undefined;
  /** Email, or `undefined` when the server hides it. */
  readonly email: string | undefined;
}

/**
 * What a {@link BetaReport} is built from: a `ReportFields` selection, or, for a report named
 * by its URL, only its id and display name. @internal
 */
export type ReportData = Pick<ReportFieldsFragment, 'id'> & Partial<ReportFieldsFragment>;

/**
 * A W&B report (a saved view of type `runs`), read-only. List a project's with
 * {@link Api.reports}, or name one by its URL with {@link Api.fromPath}.
 *
 * @example
 * ```ts
 * const [report] = await api.reports('acme/vision', { name: 'weekly-sync' }).toArray({ limit: 1 });
 * console.log(report?.displayName, report?.user?.username, report?.url);
 * for (const section of report?.sections ?? []) console.log(section);
 * ```
 */
export class BetaReport {
  /** The server's node id (base64), e.g. `Vmlldzo0Mg==`. */
  readonly id: string;
  /** The view's internal name, or `undefined` (unknown for a report built from a path). */
  readonly name: string | undefined;
  /** The title shown in the app, or `undefined`. */
  readonly displayName: string | undefined;
  /** Description, or `undefined`. */
  readonly description: string | undefined;
  /** The author, or `undefined` when unknown. */
  readonly user: ReportUser | undefined;
  /** The report's content (blocks, panel grids, run sets), parsed from JSON; `{}` when empty. */
  readonly spec: Readonly<Record<string, unknown>>;
  /** When the report was created, or `undefined` when unknown. */
  readonly createdAt: Date | undefined;
  /** When the report was last saved, or `undefined` when unknown. */
  readonly updatedAt: Date | undefined;
  /** Entity of the report's project. */
  readonly entity: string;
  /** Project the report belongs to. */
  readonly project: string;

  readonly #ctx: FacadeContext;

  /**
   * @internal Made by {@link Api.reports} and {@link Api.fromPath}.
   * @throws {@link WandbError} when `spec` is not a JSON object.
   */
  constructor(ctx: FacadeContext, entity: string, project: string, data: ReportData) {
    this.#ctx = ctx;
    this.entity = entity;
    this.project = project;
    this.id = data.id;
    this.name = data.name ?? undefined;
    this.displayName = data.displayName ?? undefined;
    this.description = data.description ?? undefined;
    this.user = data.user
      ? {
          username: data.user.username ?? undefined,
          photoUrl: data.user.photoUrl ?? undefined,
          email: data.user.email ?? undefined,
        }
      : undefined;
    this.spec = parseJsonString(data.spec, `spec of report ${data.id}`);
    this.createdAt = parseServerDate(data.createdAt);
    this.updatedAt = parseServerDate(data.updatedAt);
  }

  /**
   * The report's sections (`spec.panelGroups`), or `[]`.
   *
   * @example
   * ```ts
   * console.log(`${report.sections.length} sections`);
   * ```
   */
  get sections(): readonly unknown[] {
    const groups = this.spec.panelGroups;
    return Array.isArray(groups) ? groups : [];
  }

  /**
   * The report's page in the W&B app: `{appUrl}/{entity}/{project}/reports/{Title}--{id}`.
   *
   * @example
   * ```ts
   * console.log(report.url); // 'https://wandb.ai/acme/vision/reports/Weekly-sync--Vmlldzo0Mg'
   * ```
   */
  get url(): string {
    return reportUrl(this.#ctx.appUrl, this.entity, this.project, this.displayName ?? '', this.id);
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(report, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, displayName, description, user, spec, createdAt, updatedAt, entity, project, url } =
      this;
    return { id, name, displayName, description, user, spec, createdAt, updatedAt, entity, project, url };
  }
}

/**
 * Options of {@link Api.reports}: a view name, plus the options of every listing (`perPage`,
 * default 50; `start`; `signal`).
 *
 * @example
 * ```ts
 * const reports = api.reports('acme/vision', { name: 'weekly-sync', perPage: 10 });
 * ```
 */
export interface ReportsOptions extends ListOptions {
  /** Only the report with this view name (URL-encoded names are decoded first). Default: all. */
  name?: string;
}

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
        ProjectViewsDocument,
        { entity, project, cursor, perPage: first, viewName },
        { signal: pageSignal, cacheIf: (d) => d.project != null },
      );
      if (!data.project) throw projectNotFound(entity, project);
      const connection = data.project.allViews;
      return {
        items: (connection?.edges ?? []).flatMap((e) =>
          e.node ? [new BetaReport(ctx, entity, project, e.node)] : [],
        ),
        ...connectionPosition(connection),
      };
    },
    { perPage: o.perPage ?? 50, start: o.start ?? null, signal, what: 'reports', countable: false },
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
  return new BetaReport(ctx, target.entity, target.project, {
    id: target.reportId,
    displayName: target.displayName,
    spec: '{}',
  });
}
