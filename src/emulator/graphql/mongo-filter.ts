/**
 * The emulator's one evaluator of Mongo-style `filters` JSON strings (run filters, sweep filters):
 * parses the text, checks it, rewrites field names to document paths and compiles it with mingo.
 * Each domain says, in a {@link MongoFilterDialect}, which field names it allows and where they
 * are in its documents, which fields hold dates, and how its errors name the filter.
 *
 * The operators are the same everywhere: `$and $or $nor` over sub-filters, and `$eq $ne $gt $gte
 * $lt $lte $in $nin $exists $regex` on a field. Anything else is refused, never ignored. `$and: []`
 * matches everything (the official client sends it); an empty `$or` or `$nor` is refused.
 *
 * @example
 * ```ts
 * import { compileMongoFilter } from './mongo-filter.js';
 * const matches = compileMongoFilter('{"name": {"$in": ["a", "b"]}}', {
 *   noun: 'filter',
 *   fieldPath: (field) => field,
 * });
 * matches({ name: 'a' }); // true
 * ```
 * @module
 */
import { Query } from 'mingo';
import { QueryInputError } from './errors.js';

const LOGICAL_OPERATORS = new Set('$and $or $nor'.split(' '));
const FIELD_OPERATORS = new Set('$eq $ne $gt $gte $lt $lte $in $nin $exists $regex'.split(' '));
const SUPPORTED = [...LOGICAL_OPERATORS, ...FIELD_OPERATORS].join(' ');
/** The operators of the registry searches besides those (`registries/_filters/operators.py`). */
const EXTENDED_FIELD_OPERATORS = new Set('$contains $size $all $not'.split(' '));
const EXTENDED_SUPPORTED = `${SUPPORTED} $not ${[...EXTENDED_FIELD_OPERATORS].filter((o) => o !== '$not').join(' ')}`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What a domain tells the evaluator about its filters.
 *
 * @example
 * ```ts
 * const dialect: MongoFilterDialect = {
 *   noun: 'sweep filter',
 *   fieldPath: (field) => field,
 *   parseJson: parseJsonString,
 * };
 * ```
 */
export interface MongoFilterDialect {
  /**
   * How errors name one filter: `'filter'` gives `Invalid filter on "state": ...` and
   * `Invalid filters: ...`; `'sweep filter'` gives `Invalid sweep filter on ...` and so on.
   */
  noun: string;
  /**
   * Maps a field name as clients write it to its path in the documents (an alias, a nested
   * path). Throws {@link QueryInputError} for a field the domain does not allow.
   */
  fieldPath(field: string): string;
  /**
   * The document paths holding a time as epoch milliseconds. A filter value under them must be an
   * ISO 8601 date ({@link parseFilterDate}) and compares by instant; `$regex` is refused on them.
   */
  dateFields?: readonly string[];
  /**
   * The criteria a checked condition on `path` becomes, for a field that is not matched at its
   * own path alone. Default: `{ [path]: condition }`.
   */
  criteria?(path: string, condition: unknown): Record<string, unknown>;
  /** Parses the filters text. Default: `JSON.parse`. */
  parseJson?(text: string): unknown;
  /**
   * Also take the operators of the registry searches: `$contains` (a substring of a string, or
   * of any string of an array), `$size` and `$all` on arrays, `$not` on a field's condition, and
   * `$not` over a sub-filter (as `$nor` of it). Default `false`.
   */
  extendedOperators?: boolean;
}

/**
 * Whether a value is a JSON object (not an array, not null).
 *
 * @example
 * ```ts
 * isPlainObject({ $eq: 1 }); // true
 * isPlainObject([1]); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

/** Checks and rewrites one filters document for one dialect. */
class FilterRewriter {
  constructor(private readonly dialect: MongoFilterDialect) {}

  private get supported(): string {
    return this.dialect.extendedOperators === true ? EXTENDED_SUPPORTED : SUPPORTED;
  }

  private error(field: string, what: string): QueryInputError {
    return new QueryInputError(`Invalid ${this.dialect.noun} on "${field}": ${what}`);
  }

  private toDate(field: string, value: unknown): unknown {
    if (value === null) return null; // matches documents without the field, as for any other field
    const millis = typeof value === 'string' ? parseFilterDate(value) : undefined;
    if (millis === undefined) {
      throw this.error(
        field,
        `expected an ISO 8601 date such as "2024-01-01" or "2024-01-01T00:00:00Z", got ${JSON.stringify(value)}`,
      );
    }
    return millis;
  }

  /** A field's condition: a plain value or object (equality), or an object of operators. */
  condition(field: string, path: string, condition: unknown): unknown {
    const isDate = this.dialect.dateFields?.includes(path) ?? false;
    if (!isPlainObject(condition)) return isDate ? this.toDate(field, condition) : condition;
    const keys = Object.keys(condition);
    const operators = keys.filter((k) => k.startsWith('$'));
    if (operators.length === 0) return isDate ? this.toDate(field, condition) : condition;
    if (operators.length !== keys.length) throw this.error(field, 'operators and plain keys cannot be mixed');
    const out: Record<string, unknown> = {};
    for (const op of operators) {
      const arg = condition[op];
      const extended = this.dialect.extendedOperators === true && EXTENDED_FIELD_OPERATORS.has(op);
      if (!FIELD_OPERATORS.has(op) && !extended) {
        throw new QueryInputError(
          `Unsupported ${this.dialect.noun} operator ${op} on "${field}". Supported: ${this.supported}`,
        );
      }
      if (op === '$contains') {
        if (typeof arg !== 'string') throw this.error(field, '$contains needs a string');
        out.$regex = escapeRegExp(arg);
        continue;
      }
      if (op === '$not') {
        if (!isPlainObject(arg) || !Object.keys(arg).every((k) => k.startsWith('$'))) {
          throw this.error(field, '$not needs an object of operators');
        }
        out.$not = this.condition(field, path, arg);
        continue;
      }
      if (op === '$all' && !Array.isArray(arg)) throw this.error(field, '$all needs an array');
      if (op === '$size' && (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 0)) {
        throw this.error(field, '$size needs an integer >= 0');
      }
      if ((op === '$in' || op === '$nin') && !Array.isArray(arg))
        throw this.error(field, `${op} needs an array`);
      if (op === '$regex') {
        if (typeof arg !== 'string') throw this.error(field, '$regex needs a string');
        if (isDate) {
          throw this.error(field, '$regex does not apply to a date field; compare with $gt, $lt, ...');
        }
        try {
          new RegExp(arg);
        } catch (e) {
          throw new QueryInputError(`Invalid $regex on "${field}": ${(e as Error).message}`);
        }
      }
      if (isDate && op !== '$exists') {
        out[op] = Array.isArray(arg) ? arg.map((item) => this.toDate(field, item)) : this.toDate(field, arg);
      } else out[op] = arg;
    }
    return out;
  }

  /** A filter object: logical operators over sub-filters, and conditions on fields. */
  filter(filter: unknown, where: string): Record<string, unknown> {
    const { noun } = this.dialect;
    if (!isPlainObject(filter)) throw new QueryInputError(`Invalid ${noun}s: ${where} must be a JSON object`);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$not' && this.dialect.extendedOperators === true) {
        const nor = [...(Array.isArray(out.$nor) ? (out.$nor as unknown[]) : [])];
        nor.push(this.filter(value, '$not'));
        out.$nor = nor;
        continue;
      }
      if (key.startsWith('$')) {
        if (!LOGICAL_OPERATORS.has(key)) {
          throw new QueryInputError(
            `Unsupported ${noun} operator ${key} at ${where}. Supported: ${this.supported}`,
          );
        }
        // `$and: []` is the empty conjunction and matches every document: the official client
        // sends it for an unfiltered run set (the app's default filter tree), and W&B accepts
        // it. An empty `$or` or `$nor` is refused, as MongoDB refuses it: an empty disjunction
        // would match nothing, which no client means.
        if (key === '$and' && Array.isArray(value) && value.length === 0) continue;
        if (!Array.isArray(value) || value.length === 0) {
          throw new QueryInputError(`Invalid ${noun}s: ${key} needs a non-empty array`);
        }
        const rewritten = value.map((item, i) => this.filter(item, `${key}[${i}]`));
        // A `$not` before it (extended operators) may already have started the `$nor` list.
        out[key] = Array.isArray(out[key]) ? [...(out[key] as unknown[]), ...rewritten] : rewritten;
      } else {
        const path = this.dialect.fieldPath(key);
        if (path in out) throw new QueryInputError(`Invalid ${noun}s: "${key}" given twice`);
        const condition = this.condition(key, path, value);
        Object.assign(out, this.dialect.criteria?.(path, condition) ?? { [path]: condition });
      }
    }
    return out;
  }
}

/**
 * The predicate of an empty filter: matches every document.
 *
 * @example
 * ```ts
 * matchAll(); // true
 * ```
 */
export const matchAll = (): boolean => true;

/**
 * Compiles a `filters` JSON string into a predicate over documents, with a domain's
 * {@link MongoFilterDialect}. Empty, `null` or `'{}'` matches everything. Throws
 * {@link QueryInputError} for text that is not JSON, unknown fields, operators outside
 * `$and $or $nor $eq $ne $gt $gte $lt $lte $in $nin $exists $regex`, malformed operands, or a
 * value under a date field that is not an ISO 8601 date.
 *
 * An empty filter answers {@link matchAll} itself, so callers can skip building documents.
 *
 * @example
 * ```ts
 * const test = compileMongoFilter('{"$or":[{"state":"running"},{"tags":"best"}]}', runDialect);
 * test({ state: 'running' }); // true
 * ```
 */
export function compileMongoFilter(
  filters: string | null | undefined,
  dialect: MongoFilterDialect,
): (doc: Record<string, unknown>) => boolean {
  if (filters === null || filters === undefined || filters.trim() === '') return matchAll;
  let parsed: unknown;
  try {
    parsed = (dialect.parseJson ?? JSON.parse)(filters);
  } catch (e) {
    throw new QueryInputError(`Invalid ${dialect.noun}s: not JSON (${(e as Error).message})`);
  }
  const criteria = new FilterRewriter(dialect).filter(parsed, 'the top level');
  if (Object.keys(criteria).length === 0) return matchAll;
  let query: Query;
  try {
    query = new Query(criteria);
  } catch (e) {
    throw new QueryInputError(`Invalid ${dialect.noun}s: ${(e as Error).message}`);
  }
  return (doc) => query.test(doc);
}
