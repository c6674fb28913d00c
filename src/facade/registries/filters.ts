/**
 * Registry search filters (protocol notes §4 R1, R3, R4): the typed Mongo-style filters of
 * `api.registries()`, `.collections()` and `.versions()`, their allowed field lists ("basic" and
 * "advanced" search), the checks made before any request, the renaming of aliases to canonical
 * names, the `wandb-registry-` prefix added to registry `name` operands, and the `order` rule.
 * Pure logic: no request is made here.
 *
 * @example
 * ```ts
 * const f = normalizeSearchFilter({ name: { $in: ['models', 'wandb-registry-data'] } }, REGISTRY_FIELDS.basic, 'filter');
 * encodeSearchFilter(f); // '{"name":{"$in":["wandb-registry-models","wandb-registry-data"]}}'
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { FilterLiteral } from '../core/filters.js';
import { describeValue, isPlainObject } from '../core/validate.js';
import { REGISTRY_PROJECT_PREFIX } from '../paths/artifact-paths.js';

/**
 * The operators a field of a registry search filter takes: those of the run filters plus
 * `$contains` (substring), `$size` (array length), `$all` (an array holding every value) and
 * `$not` (negates an operator object).
 *
 * @example
 * ```ts
 * const ops: SearchFieldOperators = { $contains: 'detector', $not: { $regex: '^tmp' } };
 * ```
 */
export interface SearchFieldOperators {
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
  /** Matches the regular expression (RE2 syntax on the server). Registry names in it are not prefixed. */
  $regex?: string;
  /** Contains the substring. */
  $contains?: string;
  /** An array field of exactly this length. */
  $size?: number;
  /** An array field holding every one of these values. */
  $all?: readonly FilterLiteral[];
  /** The operators inside do not match. */
  $not?: SearchFieldOperators;
}

/**
 * What a field maps to in a search filter: a literal (equality) or an operator object.
 *
 * @example
 * ```ts
 * const c: SearchFieldCondition = { $gt: new Date('2024-01-01') };
 * ```
 */
export type SearchFieldCondition = FilterLiteral | SearchFieldOperators;

/**
 * A Mongo-style search filter over the fields `F`, with `$and`, `$or`, `$nor` (arrays of filters)
 * and `$not` (one filter).
 *
 * @example
 * ```ts
 * const f: SearchFilter<'name' | 'tag'> = { $or: [{ name: 'a' }, { tag: { $in: ['x', 'y'] } }] };
 * ```
 */
export type SearchFilter<F extends string> = { [K in F]?: SearchFieldCondition } & {
  /** Every sub-filter matches. */
  $and?: readonly SearchFilter<F>[];
  /** At least one sub-filter matches. */
  $or?: readonly SearchFilter<F>[];
  /** No sub-filter matches. */
  $nor?: readonly SearchFilter<F>[];
  /** The sub-filter does not match. */
  $not?: SearchFilter<F>;
};

/**
 * The fields a registry filter may name (`api.registries({ filter })`): `name` operands get the
 * `wandb-registry-` prefix when they lack it (except inside `$regex`); `id` is the registry's
 * integer id. In `.versions()` with the server's advanced search, `project_id` is the canonical
 * name of `id`.
 *
 * @example
 * ```ts
 * const field: RegistryFilterField = 'created_at';
 * ```
 */
export type RegistryFilterField =
  'id' | 'name' | 'entity_id' | 'description' | 'created_at' | 'updated_at' | 'project_id';

/**
 * The fields a registry collection filter may name (`.collections({ filter })`); `collection_id`
 * and `id` are aliases of `artifact_collection_id`, and in advanced search `collection_name` /
 * `artifact_collection_name` of `name` and `tags` of `tag`.
 *
 * @example
 * ```ts
 * const field: RegistryCollectionFilterField = 'tag';
 * ```
 */
export type RegistryCollectionFilterField =
  | 'artifact_collection_id'
  | 'collection_id'
  | 'id'
  | 'name'
  | 'tag'
  | 'description'
  | 'created_at'
  | 'updated_at'
  | 'collection_name'
  | 'artifact_collection_name'
  | 'tags';

/**
 * The fields a registry version filter may name (`.versions({ filter })`): basic search takes
 * `id`, `version`, `tag`, `alias`, `metadata` (and `metadata.<key>`), `created_at`, `updated_at`;
 * advanced search (when the organization has it) `artifact_id` (`id`), `version` (`version_index`),
 * `tag` (`tags`), `alias` (`aliases`), `metadata` (`artifact_metadata`), `artifact_created_at`
 * (`created_at`) and `artifact_size`.
 *
 * @example
 * ```ts
 * const f: RegistryVersionFilter = { $or: [{ alias: 'production' }, { 'metadata.accuracy': { $gte: 0.9 } }] };
 * ```
 */
export type RegistryVersionFilterField =
  | 'id'
  | 'version'
  | 'tag'
  | 'alias'
  | 'metadata'
  | `metadata.${string}`
  | 'created_at'
  | 'updated_at'
  | 'artifact_id'
  | 'version_index'
  | 'tags'
  | 'aliases'
  | 'artifact_metadata'
  | `artifact_metadata.${string}`
  | 'artifact_created_at'
  | 'artifact_size';

/**
 * A filter of `api.registries({ filter })`.
 *
 * @example
 * ```ts
 * const f: RegistryFilter = { name: { $in: ['models', 'datasets'] }, description: { $contains: 'prod' } };
 * ```
 */
export type RegistryFilter = SearchFilter<RegistryFilterField>;

/**
 * A filter of `.collections({ filter })` on registries.
 *
 * @example
 * ```ts
 * const f: RegistryCollectionFilter = { name: { $regex: '^detector' }, tag: 'vision' };
 * ```
 */
export type RegistryCollectionFilter = SearchFilter<RegistryCollectionFilterField>;

/**
 * A filter of `.versions({ filter })` on registries, their collections or one registry.
 *
 * @example
 * ```ts
 * const f: RegistryVersionFilter = { alias: 'production' };
 * ```
 */
export type RegistryVersionFilter = SearchFilter<RegistryVersionFilterField>;

/**
 * One list of allowed fields: each accepted name (canonical names and aliases) mapped to its
 * canonical name, and whether registry `name` operands get the prefix.
 *
 * @example
 * ```ts
 * REGISTRY_FIELDS.advanced.aliases.id; // 'project_id'
 * ```
 */
export interface SearchFields {
  /** What is being filtered, for messages (`"registry"`, `"collection"`, `"version"`). */
  readonly what: string;
  /** Accepted name → canonical name. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Whether the canonical `name` field holds registry names (which get `wandb-registry-`). */
  readonly prefixName: boolean;
}

function fields(what: string, list: Record<string, readonly string[]>, prefixName = false): SearchFields {
  const aliases: Record<string, string> = {};
  for (const [canonical, others] of Object.entries(list)) {
    aliases[canonical] = canonical;
    for (const alias of others) aliases[alias] = canonical;
  }
  return Object.freeze({ what, aliases: Object.freeze(aliases), prefixName });
}

/**
 * The registry filter fields, basic (`api.registries()`, `.collections()`, basic `.versions()`)
 * and advanced (`.versions()` when the organization has advanced search).
 *
 * @example
 * ```ts
 * Object.keys(REGISTRY_FIELDS.basic.aliases); // ['id', 'name', 'entity_id', 'description', 'created_at', 'updated_at']
 * ```
 */
export const REGISTRY_FIELDS = Object.freeze({
  basic: fields(
    'registry',
    { id: [], name: [], entity_id: [], description: [], created_at: [], updated_at: [] },
    true,
  ),
  advanced: fields('registry', { project_id: ['id'], name: [], entity_id: [] }, true),
});

/**
 * The collection filter fields, basic and advanced (see {@link REGISTRY_FIELDS}).
 *
 * @example
 * ```ts
 * COLLECTION_FIELDS.basic.aliases.id; // 'artifact_collection_id'
 * ```
 */
export const COLLECTION_FIELDS = Object.freeze({
  basic: fields('collection', {
    artifact_collection_id: ['collection_id', 'id'],
    name: [],
    tag: [],
    description: [],
    created_at: [],
    updated_at: [],
  }),
  advanced: fields('collection', {
    artifact_collection_id: ['collection_id', 'id'],
    name: ['collection_name', 'artifact_collection_name'],
    tag: ['tags'],
  }),
});

/**
 * The version filter fields, basic and advanced (see {@link REGISTRY_FIELDS}).
 *
 * @example
 * ```ts
 * VERSION_FIELDS.advanced.aliases.aliases; // 'alias'
 * ```
 */
export const VERSION_FIELDS = Object.freeze({
  basic: fields('version', {
    id: [],
    version: [],
    tag: [],
    alias: [],
    metadata: [],
    created_at: [],
    updated_at: [],
  }),
  advanced: fields('version', {
    artifact_id: ['id'],
    version: ['version_index'],
    tag: ['tags'],
    alias: ['aliases'],
    metadata: ['artifact_metadata'],
    artifact_created_at: ['created_at'],
    artifact_size: [],
  }),
});

/**
 * The basic and advanced version fields together: what a `.versions()` filter is checked against
 * before any request (which list applies is known only after asking the server whether the
 * organization has advanced search).
 *
 * @example
 * ```ts
 * ANY_VERSION_FIELDS.aliases.artifact_size; // 'artifact_size'
 * ```
 */
export const ANY_VERSION_FIELDS: SearchFields = Object.freeze({
  what: 'version',
  aliases: Object.freeze({ ...VERSION_FIELDS.basic.aliases, ...VERSION_FIELDS.advanced.aliases }),
  prefixName: false,
});

const LOGICAL = ['$and', '$or', '$nor', '$not'] as const;
const COMPARISON = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);
const LISTS = new Set(['$in', '$nin', '$all']);

/**
 * The operators a field of a search filter takes.
 *
 * @example
 * ```ts
 * SEARCH_FIELD_OPERATORS.includes('$contains'); // true
 * ```
 */
export const SEARCH_FIELD_OPERATORS: readonly string[] = Object.freeze([
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
  '$contains',
  '$size',
  '$all',
  '$not',
]);

const MAX_DEPTH = 64;
const quote = (names: Iterable<string>): string => [...names].map((n) => JSON.stringify(n)).join(', ');

class SearchFilterChecker {
  readonly invalid = new Set<string>();
  private readonly active = new Set<object>();

  constructor(
    private readonly fields: SearchFields,
    private readonly parameter: string,
  ) {}

  fail(where: string, message: string): never {
    throw new ValidationError(this.parameter, where ? `${message} (at ${where})` : message);
  }

  private enter(obj: object, where: string): void {
    if (this.active.has(obj)) this.fail(where, 'the filter contains a reference to itself');
    this.active.add(obj);
  }

  private entries(obj: Record<string, unknown>, where: string): [string, unknown][] {
    if (Object.getOwnPropertySymbols(obj).some((k) => Object.prototype.propertyIsEnumerable.call(obj, k))) {
      this.fail(where, 'a symbol key cannot be sent; use string keys');
    }
    return Object.entries(obj).filter(([, v]) => v !== undefined);
  }

  /** Checks one filter object and returns its canonical copy. */
  filter(value: unknown, where: string, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) this.fail('', `the filter is nested more than ${MAX_DEPTH} levels deep`);
    if (!isPlainObject(value)) this.fail(where, `expected a filter object, got ${describeValue(value)}`);
    this.enter(value, where);
    const out: Record<string, unknown> = {};
    const put = (key: string, v: unknown, at: string): void => {
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        this.fail(
          at,
          `duplicate fields: ${JSON.stringify(key)} is named twice (through its aliases) in one object`,
        );
      }
      out[key] = v;
    };
    for (const [key, v] of this.entries(value, where)) {
      const at = where ? `${where}.${key}` : key;
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (!Array.isArray(v) || v.length === 0) {
          this.fail(at, `${key} expects a non-empty array of filter objects, got ${describeValue(v)}`);
        }
        this.enter(v, at);
        const list: unknown[] = [];
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) this.fail(`${at}[${i}]`, 'an empty slot in an array would be sent as null');
          list.push(this.filter(v[i], `${at}[${i}]`, depth + 1));
        }
        this.active.delete(v);
        put(key, list, at);
      } else if (key === '$not') {
        put(key, this.filter(v, at, depth + 1), at);
      } else if (key.startsWith('$')) {
        const hint = SEARCH_FIELD_OPERATORS.includes(key)
          ? ` (${key} applies to a field: { field: { ${key}: ... } })`
          : '';
        this.fail(at, `unknown operator "${key}"${hint}; allowed here: ${LOGICAL.join(', ')}`);
      } else {
        if (key.trim() === '') this.fail(at, 'field names must be non-empty strings');
        const dot = key.indexOf('.');
        const root = dot < 0 ? key : key.slice(0, dot);
        const canonical = this.fields.aliases[root];
        if (canonical === undefined) {
          this.invalid.add(root);
          this.condition(v, at, depth);
          continue;
        }
        const field = dot < 0 ? canonical : `${canonical}${key.slice(dot)}`;
        const condition = this.condition(v, at, depth);
        put(
          field,
          this.fields.prefixName && field === 'name' ? prefixRegistryName(condition) : condition,
          at,
        );
      }
    }
    this.active.delete(value);
    return out;
  }

  private literal(v: unknown, where: string, what: string): FilterLiteral {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) this.fail(where, `${what} must be a finite number, got ${v}`);
      return v;
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) this.fail(where, `${what} is an invalid Date`);
      return v;
    }
    const hint = v instanceof RegExp ? '; use { $regex: "..." } instead of a RegExp' : '';
    const list = Array.isArray(v) ? '; to match one of several values use { $in: [...] }' : '';
    return this.fail(
      where,
      `${what} must be a string, number, boolean, null or Date, got ${describeValue(v)}${hint}${list}`,
    );
  }

  private list(v: unknown, where: string, op: string): FilterLiteral[] {
    if (!Array.isArray(v)) this.fail(where, `${op} expects an array, got ${describeValue(v)}`);
    const out: FilterLiteral[] = [];
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) this.fail(`${where}[${i}]`, 'an empty slot in an array would be sent as null');
      out.push(this.literal(v[i], `${where}[${i}]`, `each ${op} element`));
    }
    return out;
  }

  condition(v: unknown, where: string, depth: number): SearchFieldCondition {
    if (!isPlainObject(v)) return this.literal(v, where, 'the value');
    if (depth > MAX_DEPTH) this.fail('', `the filter is nested more than ${MAX_DEPTH} levels deep`);
    this.enter(v, where);
    const entries = this.entries(v, where);
    if (entries.length === 0) {
      this.fail(where, `empty operator object; use one of ${SEARCH_FIELD_OPERATORS.join(', ')}`);
    }
    const out: Record<string, unknown> = {};
    for (const [op, x] of entries) {
      const at = `${where}.${op}`;
      if (!SEARCH_FIELD_OPERATORS.includes(op)) {
        const hint = op.startsWith('$')
          ? ''
          : ' (to match a nested key use a dotted field name such as "metadata.accuracy")';
        this.fail(
          at,
          `unknown operator "${op}"${hint}; allowed on a field: ${SEARCH_FIELD_OPERATORS.join(', ')}`,
        );
      }
      if (COMPARISON.has(op)) out[op] = this.literal(x, at, `the ${op} operand`);
      else if (LISTS.has(op)) out[op] = this.list(x, at, op);
      else if (op === '$exists') {
        if (typeof x !== 'boolean') this.fail(at, `$exists expects true or false, got ${describeValue(x)}`);
        out[op] = x;
      } else if (op === '$size') {
        if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) {
          this.fail(at, `$size expects a non-negative integer, got ${describeValue(x)}`);
        }
        out[op] = x;
      } else if (op === '$contains') {
        if (typeof x !== 'string') this.fail(at, `$contains expects a string, got ${describeValue(x)}`);
        out[op] = x;
      } else if (op === '$regex') {
        if (typeof x !== 'string') this.fail(at, `$regex expects a string, got ${describeValue(x)}`);
        try {
          new RegExp(x);
        } catch (e) {
          this.fail(
            at,
            `$regex ${JSON.stringify(x)} is not a valid regular expression: ${(e as Error).message}`,
          );
        }
        out[op] = x;
      } else {
        // $not: an operator object
        if (!isPlainObject(x)) {
          this.fail(at, `$not expects an operator object such as { $eq: "a" }, got ${describeValue(x)}`);
        }
        out[op] = this.condition(x, at, depth + 1);
      }
    }
    this.active.delete(v);
    return out as SearchFieldOperators;
  }
}

/**
 * Adds the `wandb-registry-` prefix to every string of a registry-name operand that lacks it,
 * through operator objects and arrays, except the operands of `$regex` (as the official client's
 * `prefix_registry_name`).
 *
 * @example
 * ```ts
 * prefixRegistryName({ $in: ['a', 'wandb-registry-b'] }); // { $in: ['wandb-registry-a', 'wandb-registry-b'] }
 * prefixRegistryName({ $regex: 'mod' }); // { $regex: 'mod' }
 * ```
 */
export function prefixRegistryName(operand: SearchFieldCondition): SearchFieldCondition;
export function prefixRegistryName(operand: unknown): unknown;
export function prefixRegistryName(operand: unknown): unknown {
  if (typeof operand === 'string') {
    return operand.startsWith(REGISTRY_PROJECT_PREFIX) ? operand : `${REGISTRY_PROJECT_PREFIX}${operand}`;
  }
  if (Array.isArray(operand)) return operand.map((v: unknown) => prefixRegistryName(v));
  if (isPlainObject(operand)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(operand)) out[k] = k === '$regex' ? v : prefixRegistryName(v);
    return out;
  }
  return operand;
}

/**
 * A checked search filter in canonical form (aliases renamed, registry names prefixed), ready to
 * encode with {@link encodeSearchFilter}, or to check again with another field list.
 *
 * @example
 * ```ts
 * const f: CanonicalFilter = { name: 'wandb-registry-models' };
 * ```
 */
export type CanonicalFilter = Readonly<Record<string, unknown>>;

/**
 * Checks a search filter deeply — known operators with operands of the right kind, non-empty
 * `$and` / `$or` / `$nor` arrays, every field's root (the part before the first `.`) in `allowed`
 * — and returns it in canonical form: aliases renamed to their canonical names (`collection_id` →
 * `artifact_collection_id`), and, for registry fields, the `wandb-registry-` prefix added to
 * `name` operands. `undefined` stays `undefined`.
 *
 * @param parameter - the option named by errors.
 * @throws {@link ValidationError} naming the fields that are not allowed and the allowed ones, or
 *   two aliases of one field in one object.
 * @example
 * ```ts
 * normalizeSearchFilter({ collection_id: 3 }, COLLECTION_FIELDS.basic, 'filter'); // { artifact_collection_id: 3 }
 * normalizeSearchFilter({ size: 1 }, REGISTRY_FIELDS.basic, 'filter'); // throws: invalid filter fields "size"; must be one of ...
 * ```
 */
export function normalizeSearchFilter(
  filter: unknown,
  allowed: SearchFields,
  parameter: string,
): CanonicalFilter | undefined {
  if (filter === undefined) return undefined;
  const checker = new SearchFilterChecker(allowed, parameter);
  const out = checker.filter(filter, '', 1);
  if (checker.invalid.size > 0) {
    throw new ValidationError(
      parameter,
      `invalid ${allowed.what} filter fields: ${quote([...checker.invalid].sort())}; must be one of: ${quote(
        Object.keys(allowed.aliases).sort(),
      )}`,
    );
  }
  return Object.freeze(out);
}

/**
 * Encodes a canonical filter as the compact JSON string the `JSONString` arguments take (Dates as
 * ISO-8601 strings); `undefined` stays `undefined` (the variable is then not sent).
 *
 * @example
 * ```ts
 * encodeSearchFilter({ name: 'wandb-registry-models' }); // '{"name":"wandb-registry-models"}'
 * ```
 */
export function encodeSearchFilter(filter: CanonicalFilter | undefined): string | undefined {
  return filter === undefined ? undefined : JSON.stringify(filter);
}
