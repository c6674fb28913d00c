/**
 * Sweep filters: the Mongo-style `filters` JSON of `Project.sweeps` (newer than the 2024 schema;
 * the official client's GetSweeps sends it, `"{}"` when there are none, and its tests filter by
 * `name`), evaluated over a document per sweep by the emulator's one Mongo filter evaluator
 * (`graphql/mongo-filter.ts`, mingo), the one run filters use.
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
import { QueryInputError } from '../../graphql/errors.js';
import { parseJsonString } from '../../graphql/json-string.js';
import { compileMongoFilter, type MongoFilterDialect } from '../../graphql/mongo-filter.js';
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

/** Sweep filters as {@link compileMongoFilter} reads them: the fields are matched as named. */
const SWEEP_DIALECT: MongoFilterDialect = {
  noun: 'sweep filter',
  fieldPath(field) {
    if (SWEEP_FILTER_FIELDS.includes(field)) return field;
    throw new QueryInputError(
      `Unknown sweep field "${field}" in filters. Supported: ${SWEEP_FILTER_FIELDS.join(', ')}`,
    );
  },
  parseJson: parseJsonString,
};

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
  const matches = compileMongoFilter(filters, SWEEP_DIALECT);
  return (sweep) => matches(sweepDocument(sweep));
}
