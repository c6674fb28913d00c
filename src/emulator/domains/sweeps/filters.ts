/**
 * Sweep filters: the Mongo-style `filters` JSON of `Project.sweeps` (newer than the 2024 schema;
 * the official client's GetSweeps sends it, `"{}"` when there are none, and its tests filter by
 * `name`), evaluated by mingo over a document per sweep.
 *
 * The fields are the sweep's own text fields, {@link SWEEP_FILTER_FIELDS}; the operators are those
 * of run filters: `$and $or $nor` over sub-filters, and `$eq $ne $gt $gte $lt $lte $in $nin
 * $exists $regex` on a field. Anything else is refused, never ignored.
 *
 * @example
 * ```ts
 * import { compileSweepFilter } from './filters.js';
 * const matches = compileSweepFilter('{"name": {"$in": ["sw1", "sw2"]}}');
 * matches(sweep); // boolean
 * ```
 * @module
 */
import { Query } from 'mingo';
import { QueryInputError } from '../../graphql/errors.js';
import { parseJsonString } from '../../graphql/json-string.js';
import type { SweepRecord } from './records.js';

/**
 * The sweep fields a filter may name: `Sweep.name` (the sweep id), `displayName`, `state`
 * (`RUNNING`, `FINISHED`, ...), `method` and `description`.
 *
 * @example
 * ```ts
 * SWEEP_FILTER_FIELDS.includes('state'); // true
 * ```
 */
export const SWEEP_FILTER_FIELDS: readonly string[] = [
  'name',
  'displayName',
  'state',
  'method',
  'description',
];

const LOGICAL = new Set(['$and', '$or', '$nor']);
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkCondition(field: string, condition: unknown): void {
  if (!isPlainObject(condition)) return; // a plain value: equality
  const keys = Object.keys(condition);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) return; // an object value: equality
  if (operators.length !== keys.length) {
    throw new QueryInputError(`Invalid sweep filter on "${field}": operators and plain keys cannot be mixed`);
  }
  for (const op of operators) {
    const arg = condition[op];
    if (!FIELD_OPERATORS.has(op)) {
      throw new QueryInputError(
        `Unsupported sweep filter operator ${op} on "${field}". Supported: ${SUPPORTED}`,
      );
    }
    if ((op === '$in' || op === '$nin') && !Array.isArray(arg)) {
      throw new QueryInputError(`Invalid sweep filter on "${field}": ${op} needs an array`);
    }
    if (op === '$regex') {
      if (typeof arg !== 'string') {
        throw new QueryInputError(`Invalid sweep filter on "${field}": $regex needs a string`);
      }
      try {
        new RegExp(arg);
      } catch (e) {
        throw new QueryInputError(`Invalid $regex on "${field}": ${(e as Error).message}`);
      }
    }
  }
}

function checkFilter(filter: unknown, where: string): void {
  if (!isPlainObject(filter))
    throw new QueryInputError(`Invalid sweep filters: ${where} must be a JSON object`);
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (!LOGICAL.has(key)) {
        throw new QueryInputError(
          `Unsupported sweep filter operator ${key} at ${where}. Supported: ${SUPPORTED}`,
        );
      }
      if (!Array.isArray(value) || value.length === 0) {
        throw new QueryInputError(`Invalid sweep filters: ${key} needs a non-empty array`);
      }
      value.forEach((item, i) => checkFilter(item, `${key}[${i}]`));
    } else if (SWEEP_FILTER_FIELDS.includes(key)) {
      checkCondition(key, value);
    } else {
      throw new QueryInputError(
        `Unknown sweep field "${key}" in filters. Supported: ${SWEEP_FILTER_FIELDS.join(', ')}`,
      );
    }
  }
}

/** The document a sweep filter runs against; null fields are left out, as for runs. */
function sweepDocument(sweep: SweepRecord): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const field of SWEEP_FILTER_FIELDS) {
    const value = sweep[field as keyof SweepRecord];
    if (value !== null && value !== undefined) doc[field] = value;
  }
  return doc;
}

/**
 * Compiles a sweeps `filters` JSON string into a predicate over sweeps. Empty, `null` or `'{}'`
 * matches every sweep. Throws {@link QueryInputError} for bad JSON, unknown fields or operators.
 *
 * @example
 * ```ts
 * compileSweepFilter('{"name": "sw1"}')(sweep); // sweep.name === 'sw1'
 * compileSweepFilter('{"$or": [{"state": "RUNNING"}, {"method": "grid"}]}');
 * ```
 */
export function compileSweepFilter(filters: string | null | undefined): (sweep: SweepRecord) => boolean {
  if (filters === null || filters === undefined || filters.trim() === '') return () => true;
  let parsed: unknown;
  try {
    parsed = parseJsonString(filters);
  } catch (e) {
    throw new QueryInputError(`Invalid sweep filters: not JSON (${(e as Error).message})`);
  }
  checkFilter(parsed, 'the top level');
  const criteria = parsed as Record<string, unknown>;
  if (Object.keys(criteria).length === 0) return () => true;
  let query: Query;
  try {
    query = new Query(criteria);
  } catch (e) {
    throw new QueryInputError(`Invalid sweep filters: ${(e as Error).message}`);
  }
  return (sweep) => query.test(sweepDocument(sweep));
}
