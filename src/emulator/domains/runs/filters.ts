/**
 * Run filters: the Mongo-style `filters` JSON of `Project.runs` / `runCount` (wandb-ops.md §5),
 * evaluated by the emulator's one Mongo filter evaluator (`graphql/mongo-filter.ts`, mingo) over a
 * document per run. This module says what is run-specific: the fields and their aliases, the date
 * fields, and the `sweep` key matching a sweep id or global id.
 *
 * @example
 * ```ts
 * import { compileRunFilter, runDocument } from './filters.js';
 * const matches = compileRunFilter('{"config.lr": {"$gt": 0.01}}');
 * matches(runDocument(run)); // boolean
 * ```
 * @module
 */
import { QueryInputError } from '../../graphql/errors.js';
import { compileMongoFilter, isPlainObject, type MongoFilterDialect } from '../../graphql/mongo-filter.js';
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

/**
 * The run fields holding a time. In a {@link runDocument} they are epoch milliseconds, and filter
 * values under them are parsed as dates (`parseFilterDate` of `graphql/mongo-filter.ts`), so
 * comparisons are by instant, not by text.
 *
 * @example
 * ```ts
 * RUN_DATE_FIELDS.includes('createdAt'); // true
 * ```
 */
export const RUN_DATE_FIELDS: readonly string[] = ['createdAt', 'heartbeatAt', 'updatedAt'];

/** Parsed timestamps: every listing reads each run's dates, which are immutable strings. */
const parsedDates = new Map<string, number>();

function epochMillis(value: string | null): number | null {
  if (value === null) return null;
  let millis = parsedDates.get(value);
  if (millis === undefined) {
    if (parsedDates.size >= 1_000_000) parsedDates.clear();
    millis = Date.parse(value);
    parsedDates.set(value, millis);
  }
  return millis;
}

/** The fields of a {@link runDocument}, in its key order. */
const DOCUMENT_FIELDS = [
  'name',
  'displayName',
  'state',
  'tags',
  'group',
  'jobType',
  'host',
  'username',
  'sweep',
  'sweepKeys',
  'createdAt',
  'heartbeatAt',
  'updatedAt',
  'duration',
  'config',
  'summary_metrics',
] as const;

/**
 * One field of a run's {@link runDocument} (`null` where the document leaves it out), computed
 * alone: what a listing ordered by that field reads, without building the whole document.
 *
 * @example
 * ```ts
 * runDocumentField(run, 'createdAt'); // 1704067200000
 * runDocumentField(run, 'config'); // run.config
 * ```
 */
export function runDocumentField(run: RunRecord, field: string, sweepStorageId?: string): unknown {
  switch (field) {
    case 'name':
      return run.name;
    case 'displayName':
      return run.displayName;
    case 'state':
      return run.state;
    case 'tags':
      return run.tags;
    case 'group':
      return run.group;
    case 'jobType':
      return run.jobType;
    case 'host':
      return run.host;
    case 'username':
      return run.username;
    case 'sweep':
      return run.sweep;
    case SWEEP_KEYS:
      return run.sweep === null ? null : sweepStorageId ? [run.sweep, sweepStorageId] : [run.sweep];
    case 'createdAt':
      return epochMillis(run.createdAt);
    case 'heartbeatAt':
      return epochMillis(run.heartbeatAt);
    case 'updatedAt':
      return epochMillis(run.updatedAt);
    case 'duration': {
      const runtime = run.summary._runtime;
      if (typeof runtime === 'number') return runtime;
      if (!run.heartbeatAt) return null;
      return ((epochMillis(run.heartbeatAt) ?? 0) - (epochMillis(run.createdAt) ?? 0)) / 1000;
    }
    case 'config':
      return run.config;
    case 'summary_metrics':
      return run.summary;
    default:
      return null;
  }
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
  const doc: RunDocument = {};
  for (const field of DOCUMENT_FIELDS) {
    const value = runDocumentField(run, field, sweepStorageId);
    if (value !== null && value !== undefined) doc[field] = value;
  }
  return doc;
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

/** The {@link runDocument} field holding the identifiers the `sweep` filter key matches. */
const SWEEP_KEYS = 'sweepKeys';
/** Operators that compare identity; on `sweep` they match the sweep id or its global id. */
const IDENTITY_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin']);

/**
 * A condition on `sweep`: equality and the identity operators go to {@link SWEEP_KEYS} (so the
 * sweep id and the sweep's global id both match, and `$ne` / `$nin` exclude by either); the
 * others (`$regex`, `$gt`, `$exists`, ...) compare the sweep id.
 */
function sweepCriteria(condition: unknown): Record<string, unknown> {
  if (!isPlainObject(condition) || !Object.keys(condition).some((k) => k.startsWith('$'))) {
    return { [SWEEP_KEYS]: condition };
  }
  const byKeys: Record<string, unknown> = {};
  const byName: Record<string, unknown> = {};
  for (const [op, arg] of Object.entries(condition)) (IDENTITY_OPERATORS.has(op) ? byKeys : byName)[op] = arg;
  const out: Record<string, unknown> = {};
  if (Object.keys(byKeys).length > 0) out[SWEEP_KEYS] = byKeys;
  if (Object.keys(byName).length > 0) out.sweep = byName;
  return out;
}

/** Run filters as {@link compileMongoFilter} reads them. */
const RUN_DIALECT: MongoFilterDialect = {
  noun: 'filter',
  fieldPath: normalizeRunField,
  dateFields: RUN_DATE_FIELDS,
  criteria: (path, condition) => (path === 'sweep' ? sweepCriteria(condition) : { [path]: condition }),
};

/**
 * Compiles a `filters` JSON string into a predicate over {@link runDocument}s. Empty, `null` or
 * `'{}'` matches everything. Throws {@link QueryInputError} for bad JSON, unknown fields,
 * operators outside `$and $or $nor $eq $ne $gt $gte $lt $lte $in $nin $exists $regex`, or a value
 * under a {@link RUN_DATE_FIELDS} field that is not an ISO 8601 date (those compare by instant).
 * The checks and the evaluation are those of {@link compileMongoFilter}.
 *
 * @example
 * ```ts
 * const test = compileRunFilter('{"$or":[{"state":"running"},{"config.lr":{"$lt":0.01}}]}');
 * test(runDocument(run)); // boolean
 * ```
 */
export function compileRunFilter(filters: string | null | undefined): (doc: RunDocument) => boolean {
  return compileMongoFilter(filters, RUN_DIALECT);
}
