/**
 * Run filters (Mongo-style, evaluated by mingo), orders, and keyset pagination with opaque cursors.
 *
 * @example
 * ```ts
 * import { compileRunFilter, parseRunOrder, paginate } from './query.js';
 * const matches = compileRunFilter('{"config.lr": {"$gt": 0.01}}');
 * const order = parseRunOrder('-summary_metrics.accuracy');
 * ```
 * @module
 */
import { Query } from 'mingo';
import type { RunRecord } from './store.js';

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

/**
 * An error in a client-supplied filter, order or cursor. Its message becomes the GraphQL error.
 *
 * @example
 * ```ts
 * try { compileRunFilter('{"x":{"$size":1}}'); } catch (e) { e instanceof QueryInputError; } // true
 * ```
 */
export class QueryInputError extends Error {
  override name = 'QueryInputError';
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

/**
 * A parsed run order.
 *
 * @example
 * ```ts
 * parseRunOrder('-config.lr'); // { path: 'config.lr.value', direction: -1, tag: '-config.lr.value' }
 * ```
 */
export interface RunOrder {
  /** Document path of the sort key. */
  path: string;
  /** 1 ascending, -1 descending. */
  direction: 1 | -1;
  /** Canonical text, used to tie cursors to their ordering. */
  tag: string;
}

/**
 * Parses `+field`, `-field` or `field` (ascending); empty means `+created_at`. Nested keys may
 * hold any character but white space (`-summary_metrics.val/loss`).
 *
 * @example
 * ```ts
 * parseRunOrder(null).path; // 'createdAt'
 * ```
 */
export function parseRunOrder(order: string | null | undefined): RunOrder {
  const text = order === null || order === undefined || order.trim() === '' ? '+created_at' : order.trim();
  const sign = text[0] === '-' ? -1 : 1;
  const field = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  // Metric names are free text (`val/loss`, `acc@1`): only white space ends a field.
  if (!/^[A-Za-z_]\S*$/.test(field)) throw new QueryInputError(`Invalid order "${text}"`);
  const path = normalizeRunField(field);
  return { path, direction: sign, tag: `${sign < 0 ? '-' : '+'}${path}` };
}

/**
 * Reads a dotted path from a document (no array traversal); `undefined` when absent.
 *
 * @example
 * ```ts
 * getPath({ a: { b: 1 } }, 'a.b'); // 1
 * ```
 */
export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/**
 * A position in an ordered listing: the sort value (`missing` when the item has none), then the
 * creation time and the integer id that make the ordering total.
 *
 * @example
 * ```ts
 * const key: SortKey = { missing: false, value: 0.1, createdAt: '2024-01-01T00:00:00Z', id: 7 };
 * ```
 */
export interface SortKey {
  missing: boolean;
  value: unknown;
  createdAt: string;
  id: number;
}

function typeRank(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  return 3;
}

function compareScalars(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') {
    // NaN sorts below every number (as in MongoDB); `a - b` would be NaN for NaN and for ±Infinity pairs.
    if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(b)) - Number(Number.isNaN(a));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (ra === 3) {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    return ja < jb ? -1 : ja > jb ? 1 : 0;
  }
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Compares two sort keys: items without a value come last whatever the direction; everything else
 * (value, then creation time, then id) follows `direction`.
 *
 * @example
 * ```ts
 * [k1, k2].sort((a, b) => compareSortKeys(a, b, -1));
 * ```
 */
export function compareSortKeys(a: SortKey, b: SortKey, direction: 1 | -1): number {
  if (a.missing !== b.missing) return a.missing ? 1 : -1;
  if (!a.missing) {
    const byValue = compareScalars(a.value, b.value);
    if (byValue !== 0) return byValue * direction;
  }
  if (a.createdAt !== b.createdAt) return (a.createdAt < b.createdAt ? -1 : 1) * direction;
  return (a.id - b.id) * direction;
}

/**
 * The sort key of a run for an order.
 *
 * @example
 * ```ts
 * runSortKey(run, runDocument(run), parseRunOrder('+name')).value; // run.name
 * ```
 */
export function runSortKey(run: RunRecord, doc: RunDocument, order: RunOrder): SortKey {
  const value = getPath(doc, order.path);
  const missing = value === undefined || value === null;
  return { missing, value: missing ? null : value, createdAt: run.createdAt, id: run.id };
}

interface CursorPayload {
  o: string;
  /** `[missing, value, createdAt, id]`; the value is wrapped by {@link wrapCursorValue}. */
  k: [boolean, unknown, string, number];
}

/** JSON has no NaN or ±Infinity: such sort values travel as `{ n: 'NaN' }`, others as `{ v: value }`. */
function wrapCursorValue(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { n: String(value) };
  return { v: value };
}

function unwrapCursorValue(wrapped: unknown): { ok: boolean; value: unknown } {
  if (!isPlainObject(wrapped)) return { ok: false, value: undefined };
  if (Object.hasOwn(wrapped, 'v')) return { ok: true, value: wrapped.v };
  if (wrapped.n === 'NaN' || wrapped.n === 'Infinity' || wrapped.n === '-Infinity') {
    return { ok: true, value: Number(wrapped.n) };
  }
  return { ok: false, value: undefined };
}

/**
 * Encodes an opaque cursor for a position in a listing ordered by `tag`.
 *
 * @example
 * ```ts
 * const cursor = encodeCursor('+createdAt', key);
 * decodeCursor(cursor, '+createdAt'); // key
 * ```
 */
export function encodeCursor(tag: string, key: SortKey): string {
  const payload: CursorPayload = {
    o: tag,
    k: [key.missing, wrapCursorValue(key.value), key.createdAt, key.id],
  };
  return Buffer.from(`cursor:${JSON.stringify(payload)}`, 'utf8').toString('base64');
}

/**
 * Decodes a cursor made by {@link encodeCursor}; throws {@link QueryInputError} when it is not one or
 * belongs to another ordering.
 *
 * @example
 * ```ts
 * decodeCursor('garbage', '+createdAt'); // throws
 * ```
 */
export function decodeCursor(cursor: string, tag: string): SortKey {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  let payload: unknown;
  try {
    if (!text.startsWith('cursor:')) throw new Error('no prefix');
    payload = JSON.parse(text.slice('cursor:'.length));
  } catch {
    throw new QueryInputError(`Invalid cursor "${cursor}"`);
  }
  if (!isPlainObject(payload) || typeof payload.o !== 'string' || !Array.isArray(payload.k)) {
    throw new QueryInputError(`Invalid cursor "${cursor}"`);
  }
  const [missing, wrapped, createdAt, id] = payload.k as unknown[];
  const { ok, value } = unwrapCursorValue(wrapped);
  if (!ok || typeof missing !== 'boolean' || typeof createdAt !== 'string' || typeof id !== 'number') {
    throw new QueryInputError(`Invalid cursor "${cursor}"`);
  }
  if (payload.o !== tag) {
    throw new QueryInputError(`Cursor "${cursor}" belongs to another ordering (${payload.o}, not ${tag})`);
  }
  return { missing, value, createdAt, id };
}

/**
 * Relay paging arguments. `before` and `last` are not supported by the emulator.
 *
 * @example
 * ```ts
 * const args: PageArgs = { after: null, first: 50 };
 * ```
 */
export interface PageArgs {
  after?: string | null;
  first?: number | null;
  before?: string | null;
  last?: number | null;
}

/**
 * One page of a connection.
 *
 * @example
 * ```ts
 * page.edges.map((e) => e.cursor);
 * ```
 */
export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

/**
 * The `pageInfo` and `edges` of a connection answer for a page, each node turned into its view.
 * (Connections that have a `totalCount` add `page.totalCount` themselves.)
 *
 * @example
 * ```ts
 * const page = paginate(projects, byId, 'models', 1, { first: 10 }, 'Query.models');
 * connectionOf(page, (project) => views.project(project)); // { pageInfo, edges: [{ node, cursor }] }
 * ```
 */
export function connectionOf<T, V>(
  page: Page<T>,
  view: (node: T) => V,
): { pageInfo: Page<T>['pageInfo']; edges: { node: V; cursor: string }[] } {
  return {
    pageInfo: page.pageInfo,
    edges: page.edges.map((e) => ({ node: view(e.node), cursor: e.cursor })),
  };
}

/**
 * Sorts items by key and returns the page after `args.after` of at most `args.first` items
 * (default `defaultFirst`). Keyset paging: a cursor stays valid even if its item disappears.
 *
 * @example
 * ```ts
 * paginate(runs, (r) => key(r), '+createdAt', 1, { first: 2 }, 'Project.runs');
 * ```
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  tag: string,
  direction: 1 | -1,
  args: PageArgs,
  field: string,
  defaultFirst = 50,
): Page<T> {
  if (args.before !== undefined && args.before !== null) {
    throw new Error(`The emulator does not implement argument ${field}(before)`);
  }
  if (args.last !== undefined && args.last !== null) {
    throw new Error(`The emulator does not implement argument ${field}(last)`);
  }
  const first = args.first ?? defaultFirst;
  if (!Number.isInteger(first) || first < 0) {
    throw new QueryInputError(`Invalid argument first: ${first} (must be an integer >= 0)`);
  }
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => compareSortKeys(a.key, b.key, direction));
  let start = 0;
  if (args.after !== undefined && args.after !== null) {
    const after = decodeCursor(args.after, tag);
    start = keyed.findIndex((k) => compareSortKeys(k.key, after, direction) > 0);
    if (start < 0) start = keyed.length;
  }
  const slice = keyed.slice(start, start + first);
  const edges = slice.map(({ item, key }) => ({ node: item, cursor: encodeCursor(tag, key) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + slice.length < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: keyed.length,
  };
}
