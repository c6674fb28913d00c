/**
 * {@link BetaReportImpl}: a {@link BetaReport} with its `spec` parsed and the code of
 * `report.runs()` (a section's open run set read as a filter, an order and a project, as the
 * official client's `BetaReport.runs` builds them), loaded with the reports domain.
 *
 * @example
 * ```ts
 * const report = new BetaReportImpl(ctx, 'acme', 'vision', data);
 * const runs = report.runs(0, { perPage: 20 });
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { parseJsonString } from '../core/json.js';
import { uiFilterToMongo, uiKeyToServerPath } from '../core/ui-filters.js';
import { describeValue, isPlainObject, optionalBoolean, optionsObject } from '../core/validate.js';
import type { RunFilter } from '../runs/filters.js';
import type { Runs } from '../runs/runs.js';
import { BetaReport, type ReportData, type ReportRunsOptions } from './report.js';

/**
 * A {@link BetaReport} with the code of its methods.
 * @internal Made by the reports listing (`reports.ts`).
 * @example
 * ```ts
 * const report = new BetaReportImpl(ctx, 'acme', 'vision', { id: 'Vmlldzo0Mg==', displayName: 'Weekly sync' });
 * ```
 */
export class BetaReportImpl extends BetaReport {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'BetaReport' });
  }

  /** @throws {@link WandbError} when `spec` is not a JSON object. */
  constructor(ctx: FacadeContext, entity: string, project: string, data: ReportData) {
    super(ctx, entity, project, data, parseJsonString(data.spec, `spec of report ${data.id}`));
  }

  override runs(section: unknown, options: ReportRunsOptions = {}): Runs {
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
    return this.ctx.projectRuns(
      { entity: query.entity ?? this.entity, project: query.project ?? this.project },
      { ...listOptions, filters: query.filters, order: query.order },
    );
  }
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
