/**
 * Columns of runs and history rows for the CLI's writers: a run flattened to one row
 * (`id, name, state, created, config.<key>..., summary.<key>...`), a stable column order over
 * many runs, dotted column selection (`config.lr`, `summary.loss`, `config.optimizer.name`) and
 * the column list of `--columns`.
 *
 * Only the top level of `config` and `summary` becomes columns; a nested value (an object, an
 * array) stays one cell: an object in JSON Lines, JSON text in CSV, a `JSON` column in Parquet.
 *
 * @example
 * ```ts
 * const rows = runs.map(flattenRun);
 * const columns = runColumns(rows); // ['id', 'name', 'state', 'created', 'config.lr', 'summary.loss']
 * selectColumn(rows[0]!, 'config.optimizer.name'); // 'adam' (from config.optimizer = { name: 'adam' })
 * ```
 * @module
 */
import { ValidationError, type Run } from '../../node.js';
import type { Row } from './cells.js';

/**
 * The first columns of a flattened run, in this order.
 *
 * @example
 * ```ts
 * RUN_BASE_COLUMNS; // ['id', 'name', 'state', 'created']
 * ```
 */
export const RUN_BASE_COLUMNS = ['id', 'name', 'state', 'created'] as const;

/**
 * Other fields of a run that `--columns` may name (they are not in a flattened run unless asked
 * for): `tags` (a list), `group`, `jobType`, `notes`, `url`, `sweep` (its name), `user` (the
 * username), `heartbeat` (a date), `path` (`entity/project/id`), `commit`.
 *
 * @example
 * ```ts
 * RUN_EXTRA_COLUMNS.includes('tags'); // true
 * ```
 */
export const RUN_EXTRA_COLUMNS = [
  'tags',
  'group',
  'jobType',
  'notes',
  'url',
  'sweep',
  'user',
  'heartbeat',
  'path',
  'commit',
] as const;

/** The prefixes of the run's JSON fields that become columns. */
const PREFIXES = ['config', 'summary'] as const;

/**
 * What {@link flattenRun} reads of a run (a listed, loaded {@link Run}, or a plain object in tests).
 *
 * @example
 * ```ts
 * const run: FlattenableRun = { id: 'a1', name: 'baseline', state: 'finished', createdAt: new Date(), config: {}, summary: {} };
 * ```
 */
export type FlattenableRun = Pick<Run, 'id' | 'name' | 'state' | 'createdAt'> & {
  config: object;
  summary: object;
};

/**
 * One row for a run: `id`, `name`, `state`, `created` (a `Date`, or null), then `config.<key>`
 * and `summary.<key>` for each top-level key (values as they are; nested ones stay nested).
 * Reads `run.config` and `run.summary`, so the run must be loaded (a listing without `lazy`).
 *
 * @example
 * ```ts
 * flattenRun(run); // { id: 'a1', name: 'baseline', state: 'finished', created: Date, 'config.lr': 0.1, 'summary.loss': 0.2 }
 * ```
 */
export function flattenRun(run: FlattenableRun): Row {
  const row: Row = { id: run.id, name: run.name, state: run.state, created: run.createdAt ?? null };
  const fields: Record<(typeof PREFIXES)[number], object> = { config: run.config, summary: run.summary };
  for (const prefix of PREFIXES) {
    for (const [key, value] of Object.entries(fields[prefix])) row[`${prefix}.${key}`] = value;
  }
  return row;
}

/**
 * The columns of flattened runs in a stable order, whatever order the runs and their keys came
 * in: {@link RUN_BASE_COLUMNS}, then every `config.*` column sorted, then every `summary.*`
 * column sorted (by code unit, as `Array.prototype.sort`), then any other columns sorted.
 *
 * @example
 * ```ts
 * runColumns([{ id: 'a', 'summary.b': 1, 'config.z': 1, 'config.a': 2 }]); // ['id', 'name', 'state', 'created', 'config.a', 'config.z', 'summary.b']
 * ```
 */
export function runColumns(rows: Iterable<Row>): string[] {
  const seen = new Set<string>(RUN_BASE_COLUMNS);
  const groups = new Map<string, string[]>(PREFIXES.map((p) => [p, []]));
  const others: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const prefix = PREFIXES.find((p) => key.startsWith(`${p}.`));
      (prefix ? groups.get(prefix)! : others).push(key);
    }
  }
  return [...RUN_BASE_COLUMNS, ...[...groups.values()].flatMap((keys) => keys.sort()), ...others.sort()];
}

/**
 * The columns of history rows in a stable order: `_step` first (when present), then every
 * other key sorted.
 *
 * @example
 * ```ts
 * historyColumns([{ loss: 1, _step: 0 }, { _step: 1, acc: 0.5 }]); // ['_step', 'acc', 'loss']
 * ```
 */
export function historyColumns(rows: Iterable<Row>): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const hasStep = keys.delete('_step');
  return [...(hasStep ? ['_step'] : []), ...[...keys].sort()];
}

/**
 * A column of a row by its dotted name: the key itself when the row has it (`config.lr`), else
 * the longest key that is a prefix of the name, then the rest of the name walked into the
 * nested value (`config.optimizer.name` reads `row['config.optimizer'].name`). `undefined`
 * when there is no such value.
 *
 * @example
 * ```ts
 * selectColumn({ 'config.opt': { name: 'adam' } }, 'config.opt.name'); // 'adam'
 * ```
 */
export function selectColumn(row: Row, column: string): unknown {
  if (Object.hasOwn(row, column)) return row[column];
  const parts = column.split('.');
  for (let cut = parts.length - 1; cut >= 1; cut--) {
    const head = parts.slice(0, cut).join('.');
    if (!Object.hasOwn(row, head)) continue;
    let value: unknown = row[head];
    for (const part of parts.slice(cut)) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  }
  return undefined;
}

/**
 * A row of just `columns` (in their order), each read with {@link selectColumn}.
 *
 * @example
 * ```ts
 * selectColumns(flattenRun(run), ['name', 'summary.loss']); // { name: 'baseline', 'summary.loss': 0.2 }
 * ```
 */
export function selectColumns(row: Row, columns: readonly string[]): Row {
  const out: Row = {};
  for (const column of columns) out[column] = selectColumn(row, column);
  return out;
}

/**
 * A run's value of a column {@link parseRunColumns} accepts: a base column, an extra one
 * ({@link RUN_EXTRA_COLUMNS}) or a dotted `config.` / `summary.` name.
 *
 * @example
 * ```ts
 * runColumnValue(run, 'tags'); // ['baseline']
 * runColumnValue(run, 'config.lr'); // 0.1
 * ```
 */
export function runColumnValue(run: Run, column: string, flat: Row = flattenRun(run)): unknown {
  switch (column) {
    case 'tags':
      return [...run.tags];
    case 'group':
      return run.group ?? null;
    case 'jobType':
      return run.jobType ?? null;
    case 'notes':
      return run.notes ?? null;
    case 'url':
      return run.url;
    case 'sweep':
      return run.sweepName ?? null;
    case 'user':
      return run.user?.username ?? null;
    case 'heartbeat':
      return run.heartbeatAt ?? null;
    case 'path':
      return run.path.join('/');
    case 'commit':
      return run.commit ?? null;
    default:
      return selectColumn(flat, column);
  }
}

/**
 * The column list of a `--columns` value (`name,state,config.lr,summary.loss`): names split on
 * commas and trimmed, each a base column, an extra column or `config.<key>` / `summary.<key>`.
 *
 * @param parameter - named in the error (default `--columns`).
 * @throws {@link ValidationError} for an empty list, an empty name, a repeated one or an unknown one.
 * @example
 * ```ts
 * parseRunColumns('name, config.lr'); // ['name', 'config.lr']
 * ```
 */
export function parseRunColumns(value: string, parameter = '--columns'): string[] {
  const names = value.split(',').map((s) => s.trim());
  const allowed = `${[...RUN_BASE_COLUMNS, ...RUN_EXTRA_COLUMNS].join(', ')}, config.<key> or summary.<key>`;
  if (names.every((n) => n === ''))
    throw new ValidationError(parameter, `is empty: list columns among ${allowed}`);
  const seen = new Set<string>();
  for (const name of names) {
    const known =
      (RUN_BASE_COLUMNS as readonly string[]).includes(name) ||
      (RUN_EXTRA_COLUMNS as readonly string[]).includes(name) ||
      PREFIXES.some((p) => name.startsWith(`${p}.`) && name.length > p.length + 1);
    if (!known) {
      throw new ValidationError(
        parameter,
        `has ${name === '' ? 'an empty column name' : `an unknown column ${JSON.stringify(name)}`}: use ${allowed}`,
      );
    }
    if (seen.has(name)) throw new ValidationError(parameter, `names ${JSON.stringify(name)} twice`);
    seen.add(name);
  }
  return names;
}

/**
 * The key list of a `--keys` value (`loss,acc`): names split on commas and trimmed, none empty.
 *
 * @throws {@link ValidationError} for an empty list or an empty name.
 * @example
 * ```ts
 * parseKeyList('loss, acc'); // ['loss', 'acc']
 * ```
 */
export function parseKeyList(value: string, parameter = '--keys'): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n === ''))
    throw new ValidationError(parameter, 'needs comma-separated non-empty key names, e.g. loss,acc');
  return [...new Set(names)];
}
