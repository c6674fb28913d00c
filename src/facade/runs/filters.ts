/**
 * Run filters: the run columns W&B filters on and {@link RunFilter}, over the Mongo-style filters
 * of `core/filters.ts` (the operators, the checks and the encoding are shared with sweeps).
 *
 * @example
 * ```ts
 * const filter: RunFilter = { state: 'finished', 'config.lr': { $lte: 0.01 }, $or: [{ tags: 'a' }, { tags: 'b' }] };
 * serializeRunFilter(filter); // '{"state":"finished","config.lr":{"$lte":0.01},"$or":[{"tags":"a"},{"tags":"b"}]}'
 * ```
 * @module
 */
import {
  serializeFilter,
  validateFilter,
  type FilterCondition,
  type FilterLiteral,
  type FilterOperators,
  type MongoFilter,
} from '../core/filters.js';

export { FIELD_OPERATORS, LOGICAL_OPERATORS, MAX_FILTER_DEPTH } from '../core/filters.js';

/**
 * A value compared against a run field. Dates are sent as ISO-8601 strings.
 *
 * @example
 * ```ts
 * const v: RunFilterLiteral = new Date('2024-01-01');
 * ```
 */
export type RunFilterLiteral = FilterLiteral;

/**
 * The operators W&B accepts on a run field (`$regex` uses RE2 syntax on the server).
 *
 * @example
 * ```ts
 * const ops: RunFilterOperators = { $gte: 0.9, $exists: true };
 * ```
 */
export type RunFilterOperators = FilterOperators;

/**
 * What a run field maps to: a literal (equality) or an operator object.
 *
 * @example
 * ```ts
 * const c: RunFilterCondition = { $in: ['running', 'finished'] };
 * ```
 */
export type RunFilterCondition = FilterCondition;

/**
 * The top-level run columns W&B filters on. Other names are accepted at run time (the server
 * decides), but need a cast to {@link RunFilter}.
 *
 * @example
 * ```ts
 * const f: RunFilterColumn = 'displayName';
 * ```
 */
export type RunFilterColumn =
  | 'createdAt'
  | 'displayName'
  | 'duration'
  | 'group'
  | 'host'
  | 'jobType'
  | 'name'
  | 'state'
  | 'tags'
  | 'username'
  | 'sweep'
  | 'heartbeatAt';

/**
 * A Mongo-style run filter: known columns, `config.<key>` and `summary_metrics.<key>` fields,
 * and the logical operators `$and`, `$or`, `$nor`.
 *
 * @example
 * ```ts
 * const f: RunFilter = {
 *   $or: [{ 'summary_metrics.accuracy': { $gt: 0.9 } }, { tags: { $in: ['best'] } }],
 *   createdAt: { $gte: new Date('2024-01-01') },
 * };
 * ```
 */
export type RunFilter = MongoFilter<RunFilterColumn | `config.${string}` | `summary_metrics.${string}`>;

/**
 * Checks a run filter deeply before it is sent (the rules of `validateFilter` in `core/filters.ts`):
 * only known operators (naming the bad one and listing the allowed ones), arrays of objects for
 * `$and` / `$or` / `$nor` (non-empty, except `$and: []`, every run: the official client sends it
 * for an unfiltered report run set, and W&B accepts it, though MongoDB would not), `$in` / `$nin` arrays, boolean `$exists`, a `$regex` string
 * that compiles, finite numbers, valid Dates, non-empty field names, and at most
 * 64 levels of nesting. `undefined` (no filter) is valid; keys whose value is
 * `undefined` are ignored. Field names are not checked against a list: the server decides.
 *
 * @param parameter - the option name used in errors (default `"filters"`).
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * validateRunFilter({ state: { $in: ['running'] } }); // ok
 * validateRunFilter({ state: { $like: 'run%' } }); // throws: unknown operator "$like"
 * ```
 */
export function validateRunFilter(
  filter: unknown,
  parameter = 'filters',
): asserts filter is RunFilter | undefined {
  validateFilter(filter, parameter);
}

/**
 * Validates a run filter and encodes it as the JSON string W&B's `filters: JSONString`
 * arguments take (`"{}"` when there is none). Dates become ISO-8601 strings.
 *
 * @throws {@link ValidationError} as {@link validateRunFilter}.
 * @example
 * ```ts
 * serializeRunFilter(); // '{}'
 * serializeRunFilter({ createdAt: { $gt: new Date(0) } }); // '{"createdAt":{"$gt":"1970-01-01T00:00:00.000Z"}}'
 * ```
 */
export function serializeRunFilter(filter?: RunFilter, parameter = 'filters'): string {
  return serializeFilter(filter, parameter);
}
