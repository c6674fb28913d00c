/**
 * W&B reports: {@link BetaReport}, a light shell (its fields, `sections`, `url`); reading a
 * section's run set (`report.runs()`) is in `report-impl.ts` and the project listing behind
 * {@link Api.reports} in `reports.ts`, loaded with the reports domain.
 *
 * @example
 * ```ts
 * for await (const report of api.reports('acme/vision')) console.log(report.displayName, report.url);
 * ```
 * @module
 */
import type { ReportFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { ListOptions } from '../core/pagination.js';
import type { Runs } from '../runs/runs.js';
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
export abstract class BetaReport {
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

  /** @internal The context, for the methods of `report-impl.ts`. */
  protected get ctx(): FacadeContext {
    return this.#ctx;
  }

  /** @internal Made by {@link Api.reports} and {@link Api.fromPath}; `spec` is `data.spec` parsed. */
  constructor(
    ctx: FacadeContext,
    entity: string,
    project: string,
    data: ReportData,
    spec: Readonly<Record<string, unknown>>,
  ) {
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
    this.spec = spec;
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
   * The runs a section of the report shows: those of its open run set (`section.openRunSet`,
   * default the first), as the official client's `BetaReport.runs` builds them (wandb-ops.md
   * §7.10). Nothing is sent until the listing is read.
   *
   * - filter: the run set's filter tree, converted with {@link QueryGenerator.filterToMongo};
   * - order: the run set's sort key (`sort.keys[0]`, or the older `sort.key` / `sort.ascending`):
   *   a config key gives `config.<name>`, a summary key `summary_metrics.<name>`, a run column
   *   itself; `+` when ascending, else `-`. Without a sort, `-createdAt` (the app's default);
   * - with `onlySelected` (default `true`), only the runs the run set shows: its
   *   `selections.tree` lists the shown runs when `selections.root` is `0`, the hidden ones when
   *   it is `1` (the app's default, where every run is shown but those); without a `root` the
   *   tree is taken as the shown runs, as the official client always does.
   *
   * The runs are those of the run set's project when it names one (`runSet.project`), else the
   * report's.
   *
   * @param section - a section: any object with `runSets`, as in {@link BetaReport.sections}
   * (the object itself, a copy, one from another fetch of the report, or one you built), or the
   * index of one of this report's sections. As in the official client, it need not be one of
   * this report's: its runs are listed in the run set's project, else this report's.
   * @throws {@link ValidationError} (parameter `section`, naming where) for something else than
   * a section object or an index of {@link BetaReport.sections}, for a section whose run set is
   * missing or malformed, and for bad `options`.
   * @example
   * ```ts
   * const [report] = await api.reports('acme/vision', { name: 'cifar-baselines' }).toArray({ limit: 1 });
   * const section = report!.sections[0]!;
   * for await (const run of report!.runs(section, { perPage: 20 })) console.log(run.name, run.summary.val_accuracy);
   * const everyMatch = report!.runs(section, { onlySelected: false }); // the filter and order only
   * ```
   */
  abstract runs(section: unknown, options?: ReportRunsOptions): Runs;

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
 * Options of {@link BetaReport.runs}: whether to keep only the runs the run set shows, plus the
 * options of every listing (`perPage`, default 50; `start`; `signal`).
 *
 * @example
 * ```ts
 * const runs = report.runs(report.sections[0], { perPage: 20, onlySelected: false });
 * ```
 */
export interface ReportRunsOptions extends ListOptions {
  /** Only the runs the run set shows (its selections). Default `true`. */
  onlySelected?: boolean;
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
