/**
 * Run filters: the Mongo-style `filters` JSON of `Project.runs` / `runCount` (wandb-ops.md §5),
 * evaluated by mingo over a document per run.
 *
 * @example
 * ```ts
 * import { compileRunFilter, runDocument } from './filters.js';
 * const matches = compileRunFilter('{"config.lr": {"$gt": 0.01}}');
 * matches(runDocument(run)); // boolean
 * ```
 * @module
 */
import { Query } from 'mingo';
import { QueryInputError } from '../../graphql/errors.js';
import type { RunRecord } from './records.js';

/**
 * A JSON-like document describing a run, with the field names W&B run filters use.
 *
 * @example
 * ```ts
 * const doc: RunDocument = { name: 'abc12345', state: 'finished', createdAt: 1704067200000 };
 * ```
 */
export type RunDocument = Record<string, unknown>;

/**
 * The run fields filters and orders may name (besides `config.<key>` and `summary_metrics.<key>`).
 *
 * @example
 * ```ts
 * RUN_FILTER_FIELDS.includes('state'); // true
 * ```
 */
export const RUN_FILTER_FIELDS: readonly string[] = [
  'createdAt',
  'displayName',
  'duration',
  'group',
  'host',
  'jobType',
  'name',
  'state',
  'tags',
  'username',
  'sweep',
  'heartbeatAt',
  'updatedAt',
];

const FIELD_ALIASES: Record<string, string> = {
  created_at: 'createdAt',
  display_name: 'displayName',
  heartbeat_at: 'heartbeatAt',
  updated_at: 'updatedAt',
  job_type: 'jobType',
  summaryMetrics: 'summary_metrics',
};

const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor']);
const FIELD_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$regex',
]);
const SUPPORTED = '$and $or $nor $eq $ne $gt $gte $lt $lte $in $nin $exists $regex';

/**
 * The run fields holding a time. In a {@link runDocument} they are epoch milliseconds, and filter
 * values under them are parsed as dates, so comparisons are by instant, not by text.
 *
 * @example
 * ```ts
 * RUN_DATE_FIELDS.includes('createdAt'); // true
 * ```
 */
export const RUN_DATE_FIELDS: readonly string[] = ['createdAt', 'heartbeatAt', 'updatedAt'];

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO 8601 date or date-time as clients send them in filters: `2024-01-01`,
 * `2024-01-01T00:00:00Z`, `2024-01-01T00:00:00.000Z`, with an optional offset (`+02:00`) or none
 * (read as UTC, like the server's stored times). Returns epoch milliseconds, or `undefined` when
 * the text is not such a date.
 *
 * @example
 * ```ts
 * parseFilterDate('2024-01-01'); // 1704067200000
 * parseFilterDate('2024-01-01T00:00:00.000Z'); // 1704067200000
 * parseFilterDate('yesterday'); // undefined
 * ```
 */
export function parseFilterDate(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, y = '', mo = '', d = '', h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined; // e.g. 2024-02-30
  date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const extraMinutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (offsetHours > 23 || extraMinutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + extraMinutes);
  }
  return date.getTime() - offsetMinutes * 60_000;
}

function epochMillis(value: string | null): number | null {
  return value === null ? null : Date.parse(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function omitNull(entries: [string, unknown][]): RunDocument {
  const doc: RunDocument = {};
  for (const [key, value] of entries) if (value !== null && value !== undefined) doc[key] = value;
  return doc;
}

/**
 * The document filters and orders run against. Null fields are left out, so `{ group: null }` and
 * `{ group: { $exists: false } }` both match runs without a group. `config` keeps the server's
 * `{ key: { value, desc } }` form; `summary_metrics` is the summary. The {@link RUN_DATE_FIELDS}
 * are epoch milliseconds (filter values under them are converted the same way). `sweepKeys` lists
 * what the `sweep` filter key matches by identity: the sweep id and, when given, the sweep's
 * global id (`sweepStorageId`), since clients filter a sweep's runs by either.
 *
 * @example
 * ```ts
 * runDocument(run).config; // { lr: { value: 0.1, desc: null } }
 * runDocument(run).createdAt; // 1704067200000 for '2024-01-01T00:00:00Z'
 * runDocument(run, 'U3dlZXA6MQ==').sweepKeys; // ['swp12345', 'U3dlZXA6MQ==']
 * ```
 */
export function runDocument(run: RunRecord, sweepStorageId?: string): RunDocument {
  const runtime = run.summary._runtime;
  let duration: number | null = null;
  if (typeof runtime === 'number') duration = runtime;
  else if (run.heartbeatAt) duration = (Date.parse(run.heartbeatAt) - Date.parse(run.createdAt)) / 1000;
  return omitNull([
    ['name', run.name],
    ['displayName', run.displayName],
    ['state', run.state],
    ['tags', run.tags],
    ['group', run.group],
    ['jobType', run.jobType],
    ['host', run.host],
    ['username', run.username],
    ['sweep', run.sweep],
    [SWEEP_KEYS, run.sweep === null ? null : sweepStorageId ? [run.sweep, sweepStorageId] : [run.sweep]],
    ['createdAt', epochMillis(run.createdAt)],
    ['heartbeatAt', epochMillis(run.heartbeatAt)],
    ['updatedAt', epochMillis(run.updatedAt)],
    ['duration', duration],
    ['config', run.config],
    ['summary_metrics', run.summary],
  ]);
}

/**
 * Maps a field name as clients write it to the document path: snake_case aliases
 * (`created_at` -> `createdAt`), and `config.<key>` -> `config.<key>.value` (so `config.lr` and
 * `config.lr.value` mean the same). Throws {@link QueryInputError} for unknown fields.
 *
 * @example
 * ```ts
 * normalizeRunField('config.lr'); // 'config.lr.value'
 * normalizeRunField('config.model.value.depth'); // 'config.model.value.depth'
 * normalizeRunField('created_at'); // 'createdAt'
 * ```
 */
export function normalizeRunField(field: string): string {
  const [rawHead = '', ...rest] = field.split('.');
  const head = FIELD_ALIASES[rawHead] ?? rawHead;
  if (head === 'config') {
    const [key, second, ...more] = rest;
    if (key === undefined || key === '')
      throw new QueryInputError(`Invalid field "${field}": use config.<key>`);
    if (second === 'value' || second === 'desc') return ['config', key, second, ...more].join('.');
    return ['config', key, 'value', ...rest.slice(1)].join('.');
  }
  if (head === 'summary_metrics') {
    if (rest.length === 0 || rest[0] === '') {
      throw new QueryInputError(`Invalid field "${field}": use summary_metrics.<key>`);
    }
    return ['summary_metrics', ...rest].join('.');
  }
  if (RUN_FILTER_FIELDS.includes(head)) return [head, ...rest].join('.');
  throw new QueryInputError(
    `Unknown run field "${field}". Supported: ${RUN_FILTER_FIELDS.join(', ')}, config.<key>, summary_metrics.<key>`,
  );
}

function toFilterDate(field: string, value: unknown): unknown {
  if (value === null) return null; // matches runs without the field, as for any other field
  const millis = typeof value === 'string' ? parseFilterDate(value) : undefined;
  if (millis === undefined) {
    throw new QueryInputError(
      `Invalid filter on "${field}": expected an ISO 8601 date such as "2024-01-01" or "2024-01-01T00:00:00Z", got ${JSON.stringify(value)}`,
    );
  }
  return millis;
}

function rewriteCondition(field: string, path: string, condition: unknown): unknown {
  const isDate = RUN_DATE_FIELDS.includes(path);
  if (!isPlainObject(condition)) return isDate ? toFilterDate(field, condition) : condition;
  const keys = Object.keys(condition);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) {
    if (isDate) return toFilterDate(field, condition);
    return condition;
  }
  if (operators.length !== keys.length) {
    throw new QueryInputError(`Invalid filter on "${field}": operators and plain keys cannot be mixed`);
  }
  const out: Record<string, unknown> = {};
  for (const op of operators) {
    const arg = condition[op];
    if (!FIELD_OPERATORS.has(op)) {
      throw new QueryInputError(`Unsupported filter operator ${op} on "${field}". Supported: ${SUPPORTED}`);
    }
    if ((op === '$in' || op === '$nin') && !Array.isArray(arg)) {
      throw new QueryInputError(`Invalid filter on "${field}": ${op} needs an array`);
    }
    if (op === '$regex') {
      if (typeof arg !== 'string')
        throw new QueryInputError(`Invalid filter on "${field}": $regex needs a string`);
      if (isDate) {
        throw new QueryInputError(
          `Invalid filter on "${field}": $regex does not apply to a date field; compare with $gt, $lt, ...`,
        );
      }
      try {
        new RegExp(arg);
      } catch (e) {
        throw new QueryInputError(`Invalid $regex on "${field}": ${(e as Error).message}`);
      }
    }
    if (isDate && op !== '$exists') {
      out[op] = Array.isArray(arg) ? arg.map((item) => toFilterDate(field, item)) : toFilterDate(field, arg);
    } else out[op] = arg;
  }
  return out;
}

/** The {@link runDocument} field holding the identifiers the `sweep` filter key matches. */
const SWEEP_KEYS = 'sweepKeys';
/** Operators that compare identity; on `sweep` they match the sweep id or its global id. */
const IDENTITY_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin']);

/**
 * A condition on `sweep`: equality and the identity operators go to {@link SWEEP_KEYS} (so the
 * sweep id and the sweep's global id both match, and `$ne` / `$nin` exclude by either); the
 * others (`$regex`, `$gt`, `$exists`, ...) compare the sweep id.
 */
function rewriteSweepCondition(field: string, condition: unknown): Record<string, unknown> {
  const rewritten = rewriteCondition(field, 'sweep', condition);
  if (!isPlainObject(rewritten) || !Object.keys(rewritten).some((k) => k.startsWith('$'))) {
    return { [SWEEP_KEYS]: rewritten };
  }
  const byKeys: Record<string, unknown> = {};
  const byName: Record<string, unknown> = {};
  for (const [op, arg] of Object.entries(rewritten)) (IDENTITY_OPERATORS.has(op) ? byKeys : byName)[op] = arg;
  const out: Record<string, unknown> = {};
  if (Object.keys(byKeys).length > 0) out[SWEEP_KEYS] = byKeys;
  if (Object.keys(byName).length > 0) out.sweep = byName;
  return out;
}

function rewriteFilter(filter: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(filter)) throw new QueryInputError(`Invalid filters: ${where} must be a JSON object`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (!LOGICAL_OPERATORS.has(key)) {
        throw new QueryInputError(`Unsupported filter operator ${key} at ${where}. Supported: ${SUPPORTED}`);
      }
      if (!Array.isArray(value) || value.length === 0) {
        throw new QueryInputError(`Invalid filters: ${key} needs a non-empty array`);
      }
      out[key] = value.map((item, i) => rewriteFilter(item, `${key}[${i}]`));
    } else {
      const path = normalizeRunField(key);
      if (path in out) throw new QueryInputError(`Invalid filters: "${key}" given twice`);
      if (path === 'sweep') Object.assign(out, rewriteSweepCondition(key, value));
      else out[path] = rewriteCondition(key, path, value);
    }
  }
  return out;
}

/**
 * Compiles a `filters` JSON string into a predicate over {@link runDocument}s. Empty, `null` or
 * `'{}'` matches everything. Throws {@link QueryInputError} for bad JSON, unknown fields,
 * operators outside `$and $or $nor $eq $ne $gt $gte $lt $lte $in $nin $exists $regex`, or a value
 * under a {@link RUN_DATE_FIELDS} field that is not an ISO 8601 date (those compare by instant).
 *
 * @example
 * ```ts
 * const test = compileRunFilter('{"$or":[{"state":"running"},{"config.lr":{"$lt":0.01}}]}');
 * test(runDocument(run)); // boolean
 * ```
 */
export function compileRunFilter(filters: string | null | undefined): (doc: RunDocument) => boolean {
  if (filters === null || filters === undefined || filters.trim() === '') return () => true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(filters);
  } catch (e) {
    throw new QueryInputError(`Invalid filters: not JSON (${(e as Error).message})`);
  }
  const criteria = rewriteFilter(parsed, 'the top level');
  if (Object.keys(criteria).length === 0) return () => true;
  let query: Query;
  try {
    query = new Query(criteria);
  } catch (e) {
    throw new QueryInputError(`Invalid filters: ${(e as Error).message}`);
  }
  return (doc) => query.test(doc);
}
