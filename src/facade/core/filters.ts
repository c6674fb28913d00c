/**
 * Mongo-style filters, as W&B's `filters: JSONString` arguments take them (runs, sweeps, and later
 * artifact collections): the generic {@link MongoFilter} type, a deep validator and the JSON-string
 * serializer. Each domain names its own fields (`RunFilter` in `runs/filters.ts`, `SweepFilter`
 * in `sweeps/`); the operators and the checks are the same everywhere, so they live here once.
 *
 * @example
 * ```ts
 * const filter: MongoFilter<'state' | 'name'> = { state: 'finished', $or: [{ name: 'a' }, { name: 'b' }] };
 * serializeFilter(filter); // '{"state":"finished","$or":[{"name":"a"},{"name":"b"}]}'
 * ```
 * @module
 */

import { ValidationError } from '../../errors/index.js';
import { describeValue, isPlainObject } from './validate.js';

/**
 * A value compared against a field. Dates are sent as ISO-8601 strings.
 *
 * @example
 * ```ts
 * const v: FilterLiteral = new Date('2024-01-01');
 * ```
 */
export type FilterLiteral = string | number | boolean | null | Date;

/**
 * The operators W&B accepts on a field (`$regex` uses RE2 syntax on the server).
 *
 * @example
 * ```ts
 * const ops: FilterOperators = { $gte: 0.9, $exists: true };
 * ```
 */
export interface FilterOperators {
  /** Equal to. */
  $eq?: FilterLiteral;
  /** Not equal to. */
  $ne?: FilterLiteral;
  /** Greater than. */
  $gt?: FilterLiteral;
  /** Greater than or equal to. */
  $gte?: FilterLiteral;
  /** Less than. */
  $lt?: FilterLiteral;
  /** Less than or equal to. */
  $lte?: FilterLiteral;
  /** Equal to one of. */
  $in?: readonly FilterLiteral[];
  /** Equal to none of. */
  $nin?: readonly FilterLiteral[];
  /** The field is (true) or is not (false) set. */
  $exists?: boolean;
  /** Matches the regular expression (RE2 syntax). */
  $regex?: string;
}

/**
 * What a field maps to: a literal (equality) or an operator object.
 *
 * @example
 * ```ts
 * const c: FilterCondition = { $in: ['running', 'finished'] };
 * ```
 */
export type FilterCondition = FilterLiteral | FilterOperators;

/**
 * A Mongo-style filter over the fields `F`, with the logical operators `$and`, `$or`, `$nor`.
 * `F` may hold template-literal patterns (`config.${string}`), which type every matching field.
 *
 * @example
 * ```ts
 * const f: MongoFilter<'state' | `config.${string}`> = { $or: [{ state: 'running' }, { 'config.lr': { $lt: 0.1 } }] };
 * ```
 */
export type MongoFilter<F extends string> = { [K in F]?: FilterCondition } & {
  /** Every sub-filter matches. */
  $and?: readonly MongoFilter<F>[];
  /** At least one sub-filter matches. */
  $or?: readonly MongoFilter<F>[];
  /** No sub-filter matches. */
  $nor?: readonly MongoFilter<F>[];
};

/**
 * The logical operators allowed where a filter (not a field) is expected.
 *
 * @example
 * ```ts
 * LOGICAL_OPERATORS.includes('$or'); // true
 * ```
 */
export const LOGICAL_OPERATORS: readonly string[] = ['$and', '$or', '$nor'];

/**
 * The operators allowed on a field.
 *
 * @example
 * ```ts
 * FIELD_OPERATORS.includes('$regex'); // true
 * ```
 */
export const FIELD_OPERATORS: readonly string[] = [
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
];

const COMPARISON = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);

/**
 * The deepest nesting of filter objects a filter may have (the top-level filter is level 1;
 * each `$and` / `$or` / `$nor` adds one). Deeper filters are refused before any request.
 *
 * @example
 * ```ts
 * MAX_FILTER_DEPTH; // 64
 * ```
 */
export const MAX_FILTER_DEPTH = 64;

class FilterChecker {
  private readonly active = new Set<object>();
  constructor(private readonly parameter: string) {}

  fail(where: string, message: string): never {
    throw new ValidationError(this.parameter, where ? `${message} (at ${where})` : message);
  }

  enter(obj: object, where: string): void {
    if (this.active.has(obj)) this.fail(where, 'the filter contains a reference to itself');
    this.active.add(obj);
  }

  /** JSON would drop symbol keys silently. */
  noSymbolKeys(obj: object, where: string): void {
    const symbol = Object.getOwnPropertySymbols(obj).find((k) =>
      Object.prototype.propertyIsEnumerable.call(obj, k),
    );
    if (symbol !== undefined)
      this.fail(where, `a symbol key (${String(symbol)}) cannot be sent; use string keys`);
  }

  /** Each item of an array, holes included (JSON would send a hole as null). */
  items(list: unknown[], at: string, check: (item: unknown, where: string) => void): void {
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) this.fail(`${at}[${i}]`, 'an empty slot in an array would be sent as null');
      check(list[i], `${at}[${i}]`);
    }
  }

  filter(value: unknown, where: string, depth = 1): void {
    if (depth > MAX_FILTER_DEPTH) {
      this.fail(
        where.length > 80 ? `…${where.slice(-60)}` : where,
        `the filter is nested more than ${MAX_FILTER_DEPTH} levels deep; flatten it (e.g. one $and of many conditions instead of nested ones)`,
      );
    }
    if (!isPlainObject(value)) this.fail(where, `expected a filter object, got ${describeValue(value)}`);
    this.noSymbolKeys(value, where);
    this.enter(value, where);
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const at = where ? `${where}.${key}` : key;
      if (key.startsWith('$')) {
        if (!LOGICAL_OPERATORS.includes(key)) {
          const hint = FIELD_OPERATORS.includes(key)
            ? ` (${key} applies to a field: { field: { ${key}: ... } })`
            : '';
          this.fail(at, `unknown operator "${key}"${hint}; allowed here: ${LOGICAL_OPERATORS.join(', ')}`);
        }
        // `$and: []` matches everything: MongoDB refuses it, but W&B accepts it, and the official
        // client sends it for the app's unfiltered run set. An empty `$or` / `$nor` is refused.
        if (!Array.isArray(v) || (v.length === 0 && key !== '$and')) {
          const what = key === '$and' ? 'an array' : 'a non-empty array';
          this.fail(at, `${key} expects ${what} of filter objects, got ${describeValue(v)}`);
        }
        this.enter(v, at);
        this.items(v, at, (sub, subAt) => this.filter(sub, subAt, depth + 1));
        this.active.delete(v);
      } else {
        if (key.trim() === '') this.fail(at, 'field names must be non-empty strings');
        this.condition(v, at);
      }
    }
    this.active.delete(value);
  }

  literal(v: unknown, where: string, what: string): void {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) this.fail(where, `${what} must be a finite number, got ${v}`);
      return;
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) this.fail(where, `${what} is an invalid Date`);
      return;
    }
    const hint = v instanceof RegExp ? '; use { $regex: "..." } instead of a RegExp' : '';
    this.fail(
      where,
      `${what} must be a string, number, boolean, null or Date, got ${describeValue(v)}${hint}`,
    );
  }

  condition(v: unknown, where: string): void {
    if (!isPlainObject(v)) {
      this.literal(v, where, 'the value');
      return;
    }
    this.noSymbolKeys(v, where);
    this.enter(v, where);
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) {
      this.fail(where, `empty operator object; use one of ${FIELD_OPERATORS.join(', ')}`);
    }
    for (const [op, x] of entries) {
      const at = `${where}.${op}`;
      if (!FIELD_OPERATORS.includes(op)) {
        const hint = op.startsWith('$')
          ? ''
          : ' (to match a nested key use a dotted field name such as "config.optimizer.name")';
        this.fail(at, `unknown operator "${op}"${hint}; allowed on a field: ${FIELD_OPERATORS.join(', ')}`);
      }
      if (COMPARISON.has(op)) {
        this.literal(x, at, `the ${op} operand`);
      } else if (op === '$in' || op === '$nin') {
        if (!Array.isArray(x)) this.fail(at, `${op} expects an array, got ${describeValue(x)}`);
        this.items(x, at, (item, itemAt) => this.literal(item, itemAt, `each ${op} element`));
      } else if (op === '$exists') {
        if (typeof x !== 'boolean') this.fail(at, `$exists expects true or false, got ${describeValue(x)}`);
      } else {
        // $regex
        if (typeof x !== 'string') this.fail(at, `$regex expects a string, got ${describeValue(x)}`);
        try {
          new RegExp(x);
        } catch (e) {
          this.fail(
            at,
            `$regex ${JSON.stringify(x)} is not a valid regular expression: ${(e as Error).message}`,
          );
        }
      }
    }
    this.active.delete(v);
  }
}

/**
 * Checks a filter deeply before it is sent: only known operators (naming the bad one and listing
 * the allowed ones), arrays of objects for `$and` / `$or` / `$nor` (non-empty, except `$and: []`,
 * which matches everything: the official client sends it, W&B accepts it, though MongoDB would
 * not), `$in` / `$nin` arrays,
 * boolean `$exists`, a `$regex` string that compiles, finite numbers, valid Dates, non-empty field
 * names, and at most {@link MAX_FILTER_DEPTH} levels of nesting. `undefined` (no filter) is
 * valid; keys whose value is `undefined` are ignored. Field names are not checked against a
 * list: the server decides.
 *
 * @param parameter - the option name used in errors (default `"filters"`).
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * validateFilter({ state: { $in: ['running'] } }); // ok
 * validateFilter({ state: { $like: 'run%' } }); // throws: unknown operator "$like"
 * ```
 */
export function validateFilter(
  filter: unknown,
  parameter = 'filters',
): asserts filter is MongoFilter<string> | undefined {
  if (filter === undefined) return;
  new FilterChecker(parameter).filter(filter, '');
}

/**
 * Validates a filter and encodes it as the JSON string W&B's `filters: JSONString` arguments
 * take (`"{}"` when there is none). Dates become ISO-8601 strings.
 *
 * @throws {@link ValidationError} as {@link validateFilter}.
 * @example
 * ```ts
 * serializeFilter(); // '{}'
 * serializeFilter({ createdAt: { $gt: new Date(0) } }); // '{"createdAt":{"$gt":"1970-01-01T00:00:00.000Z"}}'
 * ```
 */
export function serializeFilter(filter?: MongoFilter<string>, parameter = 'filters'): string {
  validateFilter(filter, parameter);
  return filter === undefined ? '{}' : JSON.stringify(filter);
}
