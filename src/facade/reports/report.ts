/**
 * W&B reports: {@link BetaReport} and the project listing behind {@link Api.reports}.
 *
 * @example
 * ```ts
 * for await (const report of api.reports('acme/vision')) console.log(report.displayName, report.url);
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { ReportFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { parseJsonString } from '../core/json.js';
import { type ListOptions } from '../core/pagination.js';
import { uiFilterToMongo, uiKeyToServerPath } from '../core/ui-filters.js';
import { describeValue, isPlainObject, optionalBoolean, optionsObject } from '../core/validate.js';
import type { RunFilter } from '../runs/filters.js';
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
  runs(section: unknown, options: ReportRunsOptions = {}): Runs {
    const o = optionsObject(options);
    const onlySelected = optionalBoolean(o.onlySelected, 'onlySelected') ?? true;
    const sections = this.sections;
    const found: unknown =
      typeof section === 'number' ? (Number.isInteger(section) ? sections[section] : undefined) : section;
    if (!isPlainObject(found)) {
      throw new ValidationError(
        'section',
        `expected a section object with runSets (such as one of report.sections) or the index of one of report.sections (${sections.length} in this report), got ${describeValue(section)}`,
      );
    }
    const query = runSetQuery(found, `section`, onlySelected);
    const { onlySelected: _, ...listOptions } = o;
    return this.#ctx.projectRuns(
      { entity: query.entity ?? this.entity, project: query.project ?? this.project },
      { ...listOptions, filters: query.filters, order: query.order },
    );
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

/** What a run set of a section lists: filter, order and (when it names one) its project. */
interface RunSetQuery {
  filters: RunFilter | undefined;
  order: string;
  entity: string | undefined;
  project: string | undefined;
}

function field(
  obj: Record<string, unknown>,
  key: string,
  at: string,
  expected: string,
): Record<string, unknown> {
  const value = obj[key];
  if (!isPlainObject(value)) {
    throw new ValidationError(`${at}.${key}`, `expected ${expected}, got ${describeValue(value)}`);
  }
  return value;
}

/** The order of a run set's `sort` (`keys[0]`, or the older `key` / `ascending`). */
function runSetOrder(runSet: Record<string, unknown>, at: string): string {
  if (runSet.sort === undefined || runSet.sort === null) return '-createdAt';
  const sort = field(runSet, 'sort', at, 'a sort { keys: [{ key, ascending }] }');
  let entry: Record<string, unknown> = sort;
  let where = `${at}.sort`;
  if (sort.keys !== undefined) {
    if (!Array.isArray(sort.keys)) {
      throw new ValidationError(
        `${where}.keys`,
        `expected a list of sort keys, got ${describeValue(sort.keys)}`,
      );
    }
    if (sort.keys.length === 0) return '-createdAt';
    where = `${where}.keys[0]`;
    if (!isPlainObject(sort.keys[0])) {
      throw new ValidationError(where, `expected { key, ascending }, got ${describeValue(sort.keys[0])}`);
    }
    entry = sort.keys[0];
  }
  const path = uiKeyToServerPath(entry.key, `${where}.key`);
  return `${entry.ascending === true ? '+' : '-'}${path}`;
}

/** The condition on run names of a run set's selections, or `undefined` when every run is shown. */
function selectionFilter(runSet: Record<string, unknown>, at: string): RunFilter | undefined {
  if (runSet.selections === undefined || runSet.selections === null) return undefined;
  const selections = field(runSet, 'selections', at, 'selections { root, tree }');
  const tree: unknown = selections.tree ?? [];
  if (!Array.isArray(tree) || !tree.every((n) => typeof n === 'string')) {
    throw new ValidationError(
      `${at}.selections.tree`,
      `expected a list of run ids, got ${describeValue(tree)}`,
    );
  }
  const root = selections.root;
  if (root !== undefined && root !== null && root !== 0 && root !== 1) {
    throw new ValidationError(`${at}.selections.root`, `expected 0 or 1, got ${describeValue(root)}`);
  }
  if (root === 1) return tree.length === 0 ? undefined : { name: { $nin: tree as string[] } };
  return { name: { $in: tree as string[] } };
}

/** `filter` and `selection` both, added to the app's `$or: [{ $and: [...] }]` as the official client does. */
function withSelection(filter: RunFilter, selection: RunFilter | undefined): RunFilter {
  if (selection === undefined) return filter;
  const keys = Object.keys(filter);
  if (keys.length === 0) return selection;
  const branches = filter.$or;
  const only = branches?.length === 1 && keys.length === 1 ? branches[0] : undefined;
  if (only?.$and && Object.keys(only).length === 1) return { $or: [{ $and: [...only.$and, selection] }] };
  return { $and: [filter, selection] };
}

/** Reads the open run set of a section (see {@link BetaReport.runs}). */
function runSetQuery(section: unknown, at: string, onlySelected: boolean): RunSetQuery {
  if (!isPlainObject(section)) {
    throw new ValidationError(at, `expected a section object with runSets, got ${describeValue(section)}`);
  }
  const runSets = section.runSets;
  if (!Array.isArray(runSets) || runSets.length === 0) {
    throw new ValidationError(`${at}.runSets`, 'the section has no run set, so it shows no runs');
  }
  const open: unknown = section.openRunSet ?? 0;
  if (typeof open !== 'number' || !Number.isInteger(open) || open < 0 || open >= runSets.length) {
    throw new ValidationError(
      `${at}.openRunSet`,
      `expected the index of one of its ${runSets.length} run sets, got ${describeValue(open)}`,
    );
  }
  const where = `${at}.runSets[${open}]`;
  const runSet: unknown = runSets[open];
  if (!isPlainObject(runSet)) {
    throw new ValidationError(where, `expected a run set object, got ${describeValue(runSet)}`);
  }
  const tree = runSet.filters ?? { op: 'OR', filters: [] };
  const converted = uiFilterToMongo(tree, `${where}.filters`) as RunFilter;
  const filters = withSelection(converted, onlySelected ? selectionFilter(runSet, where) : undefined);
  let entity: string | undefined;
  let project: string | undefined;
  if (isPlainObject(runSet.project)) {
    const { entityName, name } = runSet.project;
    if (typeof entityName === 'string' && entityName !== '' && typeof name === 'string' && name !== '') {
      entity = entityName;
      project = name;
    }
  }
  return {
    filters: Object.keys(filters).length === 0 ? undefined : filters,
    order: runSetOrder(runSet, where),
    entity,
    project,
  };
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
