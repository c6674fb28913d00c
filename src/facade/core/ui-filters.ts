/**
 * The W&B app's filter tree (what a report's run set or a workspace stores under `filters`) and
 * its conversions to and from the Mongo-style filters the server takes, as the official client's
 * `QueryGenerator.filter_to_mongo` / `mongo_to_filter` do (`wandb/apis/public/query_generator.py`).
 * Exposed as `Q.filterToMongo` / `Q.mongoToFilter`; `report.runs()` uses them too, which is why
 * they live in `core/`.
 *
 * A tree is a group `{ op: 'AND' | 'OR', filters: [...] }` or a condition
 * `{ key: { section, name }, op, value, disabled? }`; the app's empty filter is
 * `{ op: 'OR', filters: [{ op: 'AND', filters: [] }] }`.
 *
 * @example
 * ```ts
 * const tree: UiFilter = { op: 'OR', filters: [{ op: 'AND', filters: [
 *   { key: { section: 'run', name: 'state' }, op: '=', value: 'finished' },
 *   { key: { section: 'summary', name: 'acc' }, op: '>=', value: 0.9 },
 * ] }] };
 * uiFilterToMongo(tree); // { $or: [{ $and: [{ state: 'finished' }, { 'summary_metrics.acc': { $gte: 0.9 } }] }] }
 * mongoToUiFilter(uiFilterToMongo(tree)); // the same tree
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { validateFilter, type FilterLiteral, type MongoFilter } from './filters.js';
import { describeValue, isPlainObject } from './validate.js';

/**
 * Where a key of the app's filter tree points: a run column (`run`), a config value, a summary
 * metric, a tag (`tags`, the tag being the key's name) or a history key's info (`keys_info`).
 *
 * @example
 * ```ts
 * const section: UiFilterSection = 'summary';
 * ```
 */
export type UiFilterSection = 'run' | 'config' | 'summary' | 'tags' | 'keys_info';

/**
 * A key of the app's filter tree. Config names are as the app writes them, usually with the
 * server's `.value` (`lr.value`); `{ section: 'config', name: 'lr' }` means the same to the server.
 *
 * @example
 * ```ts
 * const key: UiFilterKey = { section: 'config', name: 'lr.value' }; // server path config.lr.value
 * ```
 */
export interface UiFilterKey {
  /** What the name is in. */
  section: UiFilterSection;
  /** The column, config key, metric, tag or history key. */
  name: string;
}

/**
 * The operators of a condition in the app's filter tree. `==` is the reports API's spelling of `=`;
 * `REGEX` is the official client's.
 *
 * @example
 * ```ts
 * const op: UiFilterOperator = '>=';
 * ```
 */
export type UiFilterOperator = '=' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'NIN' | 'REGEX';

/**
 * One condition of the app's filter tree. On the `tags` section, `value: true` (with `=`) means
 * "has the tag named `key.name`" and `false` "has not"; `IN` / `NIN` take a list of tags.
 *
 * @example
 * ```ts
 * const c: UiFilterCondition = { key: { section: 'run', name: 'state' }, op: 'IN', value: ['finished', 'crashed'] };
 * const tag: UiFilterCondition = { key: { section: 'tags', name: 'baseline' }, op: '=', value: true };
 * ```
 */
export interface UiFilterCondition {
  /** What is compared. */
  key: UiFilterKey;
  /** How. */
  op: UiFilterOperator;
  /** With what: a JSON scalar, or a list for `IN` / `NIN`. A missing value with an operator other than `=` / `!=` makes the condition a no-op, as in the app. */
  value?: FilterLiteral | readonly FilterLiteral[];
  /** A disabled condition is left out. */
  disabled?: boolean;
}

/**
 * A group of the app's filter tree: every (`AND`) or any (`OR`) of its filters.
 *
 * @example
 * ```ts
 * const g: UiFilterGroup = { op: 'AND', filters: [] };
 * ```
 */
export interface UiFilterGroup {
  /** `AND` or `OR`. */
  op: 'AND' | 'OR';
  /** The members. */
  filters: readonly UiFilter[];
}

/**
 * The app's filter tree (a report run set's `filters`): a group or a condition.
 *
 * @example
 * ```ts
 * const empty: UiFilter = { op: 'OR', filters: [{ op: 'AND', filters: [] }] };
 * ```
 */
export type UiFilter = UiFilterGroup | UiFilterCondition;

const TO_MONGO: Readonly<Record<string, string>> = {
  '!=': '$ne',
  '<': '$lt',
  '<=': '$lte',
  '>': '$gt',
  '>=': '$gte',
  IN: '$in',
  NIN: '$nin',
  REGEX: '$regex',
};
const FROM_MONGO: Readonly<Record<string, UiFilterOperator>> = {
  $eq: '=',
  ...Object.fromEntries(Object.entries(TO_MONGO).map(([ui, mongo]) => [mongo, ui as UiFilterOperator])),
};
const OPERATORS: readonly string[] = ['=', '==', ...Object.keys(TO_MONGO)];
const SECTIONS: readonly UiFilterSection[] = ['run', 'config', 'summary', 'tags', 'keys_info'];
const PREFIXES: readonly [UiFilterSection, string][] = [
  ['config', 'config.'],
  ['summary', 'summary_metrics.'],
  ['keys_info', 'keys_info.keys.'],
  ['tags', 'tags.'],
];

/**
 * The server path of a key: `config.<name>`, `summary_metrics.<name>`, `keys_info.keys.<name>`,
 * `tags.<name>`, or the run column itself (the official client's `key_to_server_path`).
 *
 * @throws {@link ValidationError} for a key that is not `{ section, name }` with a known section.
 * @example
 * ```ts
 * uiKeyToServerPath({ section: 'summary', name: 'acc' }); // 'summary_metrics.acc'
 * uiKeyToServerPath({ section: 'run', name: 'createdAt' }); // 'createdAt'
 * ```
 */
export function uiKeyToServerPath(key: unknown, parameter = 'key'): string {
  const { section, name } = checkKey(key, parameter);
  if (section === 'run') return name;
  const prefix = PREFIXES.find(([s]) => s === section)?.[1] as string;
  return `${prefix}${name}`;
}

/**
 * The key of a server path, the inverse of {@link uiKeyToServerPath} (the official client's
 * `server_path_to_key`): a path without a known prefix is a run column.
 *
 * @throws {@link ValidationError} for an empty path or a prefix with nothing after it.
 * @example
 * ```ts
 * serverPathToUiKey('config.lr.value'); // { section: 'config', name: 'lr.value' }
 * serverPathToUiKey('state'); // { section: 'run', name: 'state' }
 * ```
 */
export function serverPathToUiKey(path: unknown, parameter = 'path'): UiFilterKey {
  if (typeof path !== 'string' || path === '') {
    throw new ValidationError(
      parameter,
      `expected a server path such as "state" or "config.lr.value", got ${describeValue(path)}`,
    );
  }
  for (const [section, prefix] of PREFIXES) {
    if (!path.startsWith(prefix)) continue;
    const name = path.slice(prefix.length);
    if (name === '') throw new ValidationError(parameter, `"${path}" names no key after "${prefix}"`);
    return { section, name };
  }
  return { section: 'run', name: path };
}

function checkKey(key: unknown, parameter: string): UiFilterKey {
  if (!isPlainObject(key)) {
    throw new ValidationError(parameter, `expected a key { section, name }, got ${describeValue(key)}`);
  }
  const { section, name } = key;
  if (typeof section !== 'string' || !SECTIONS.includes(section as UiFilterSection)) {
    throw new ValidationError(
      `${parameter}.section`,
      `expected one of ${SECTIONS.join(', ')}, got ${describeValue(section)}`,
    );
  }
  if (typeof name !== 'string') {
    throw new ValidationError(`${parameter}.name`, `expected a string, got ${describeValue(name)}`);
  }
  return { section: section as UiFilterSection, name };
}

/** A filter object being built (checked with `validateFilter` once whole). */
type Json = Record<string, unknown>;

/** A condition as Mongo, or `undefined` when the app leaves it out (no name, disabled, no value). */
function conditionToMongo(c: Record<string, unknown>, at: string): Json | undefined {
  const key = checkKey(c.key, `${at}.key`);
  const op = c.op;
  if (typeof op !== 'string' || !OPERATORS.includes(op)) {
    throw new ValidationError(`${at}.op`, `expected one of ${OPERATORS.join(' ')}, got ${describeValue(op)}`);
  }
  if (c.disabled !== undefined && c.disabled !== null && typeof c.disabled !== 'boolean') {
    throw new ValidationError(`${at}.disabled`, `expected true or false, got ${describeValue(c.disabled)}`);
  }
  const value = c.value ?? null;
  const equality = op === '=' || op === '==' || op === '!=';
  if (key.name === '' || c.disabled === true || (value === null && !equality)) return undefined;
  const list = op === 'IN' || op === 'NIN';
  if (list !== Array.isArray(value)) {
    throw new ValidationError(
      `${at}.value`,
      list
        ? `${op} takes a list of values, got ${describeValue(value)}`
        : `${op} takes one value, not a list`,
    );
  }
  if (key.section === 'tags' && !list) {
    if (op === 'REGEX' || !equality) {
      throw new ValidationError(
        `${at}.op`,
        `a tag condition takes =, != (with true or false), IN or NIN; got ${op}`,
      );
    }
    if (typeof value !== 'boolean') {
      throw new ValidationError(
        `${at}.value`,
        `a tag condition's value is true (has the tag) or false (has not), got ${describeValue(value)}`,
      );
    }
    const has = value === (op !== '!=');
    return has ? { tags: key.name } : { $or: [{ tags: null }, { tags: { $ne: key.name } }] };
  }
  const path = key.section === 'tags' ? 'tags' : uiKeyToServerPath(key, `${at}.key`);
  if (op === '=' || op === '==') return { [path]: value as FilterLiteral };
  return { [path]: { [TO_MONGO[op] as string]: value } };
}

/**
 * What one member of a tree converts to: a filter; `LEFT_OUT` for a condition the app leaves out
 * (it constrains nothing and is not a member of its group); `EVERY_RUN` for a group that matches
 * every run (nothing left in it, or an `OR` with such a member).
 */
const LEFT_OUT = Symbol('left out');
const EVERY_RUN = Symbol('every run');
type Converted = Json | typeof LEFT_OUT | typeof EVERY_RUN;

function treeToMongo(tree: unknown, at: string, depth: number): Converted {
  if (depth > 64) throw new ValidationError(at, 'the filter tree is nested more than 64 levels deep');
  if (!isPlainObject(tree)) {
    throw new ValidationError(
      at,
      `expected a filter group { op, filters } or condition { key, op, value }, got ${describeValue(tree)}`,
    );
  }
  if (tree.key !== undefined && tree.key !== null) return conditionToMongo(tree, at) ?? LEFT_OUT;
  if (tree.filters === undefined || tree.filters === null) {
    throw new ValidationError(at, 'expected a filter group { op, filters } or condition { key, op, value }');
  }
  if (tree.op !== 'AND' && tree.op !== 'OR') {
    throw new ValidationError(`${at}.op`, `a group's op is AND or OR, got ${describeValue(tree.op)}`);
  }
  if (!Array.isArray(tree.filters)) {
    throw new ValidationError(
      `${at}.filters`,
      `expected a list of filters, got ${describeValue(tree.filters)}`,
    );
  }
  const converted = (tree.filters as unknown[]).map((f, i) =>
    treeToMongo(f, `${at}.filters[${i}]`, depth + 1),
  );
  // Inside AND a member matching every run constrains nothing; inside OR it makes the group match every run.
  if (tree.op === 'OR' && converted.includes(EVERY_RUN)) return EVERY_RUN;
  const members = converted.filter((m): m is Json => m !== LEFT_OUT && m !== EVERY_RUN);
  if (members.length === 0) return EVERY_RUN;
  return { [tree.op === 'AND' ? '$and' : '$or']: members };
}

/**
 * Converts the app's filter tree to the Mongo-style filter runs are listed with (the official
 * client's `filter_to_mongo`): `AND` / `OR` groups become `$and` / `$or`; `=` a plain equality,
 * the other operators `$ne $lt $lte $gt $gte $in $nin $regex`; keys their server paths
 * ({@link uiKeyToServerPath}); a tag condition `{ tags: name }` (has) or
 * `{ $or: [{ tags: null }, { tags: { $ne: name } }] }` (has not). As in the app, conditions
 * without a name, disabled, or with no value (except with `=` / `!=`) are left out (where the
 * official client sends `null` members). A group with nothing left in it matches every run, as
 * the official client's `$and: []` does: inside `AND` it is left out, and an `OR` holding one
 * matches every run too (so `OR(AND(), state = x)` is every run, not just those of state `x`). A
 * tree that matches every run is `{}`.
 *
 * @param parameter - the name used in errors (default `"filter"`).
 * @throws {@link ValidationError} for anything else than such a tree, naming where
 * (`filter.filters[0].op`), and for a result the server would refuse (a `$regex` that does not compile, ...).
 * @example
 * ```ts
 * uiFilterToMongo({ op: 'AND', filters: [{ key: { section: 'config', name: 'lr.value' }, op: '<', value: 0.01 }] });
 * // { $and: [{ 'config.lr.value': { $lt: 0.01 } }] }
 * ```
 */
export function uiFilterToMongo(tree: unknown, parameter = 'filter'): MongoFilter<string> {
  const converted = treeToMongo(tree, parameter, 1);
  const filter: unknown = converted === LEFT_OUT || converted === EVERY_RUN ? {} : converted;
  validateFilter(filter, parameter);
  return filter as MongoFilter<string>;
}

/** The app's empty filter: every run. */
function emptyTree(): UiFilterGroup {
  return { op: 'OR', filters: [{ op: 'AND', filters: [] }] };
}

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));
}

/** `{ $or: [{ tags: null }, { tags: { $ne: name } }] }`, what a "has not the tag" condition becomes. */
function lacksTag(list: unknown): string | undefined {
  if (!Array.isArray(list) || list.length !== 2) return undefined;
  const [a, b] = list as unknown[];
  if (!isPlainObject(a) || !isPlainObject(b) || Object.keys(a).length !== 1 || Object.keys(b).length !== 1)
    return undefined;
  if (a.tags !== null || !isPlainObject(b.tags)) return undefined;
  const ne = b.tags;
  return Object.keys(ne).length === 1 && typeof ne.$ne === 'string' ? ne.$ne : undefined;
}

function fieldToTree(path: string, condition: unknown, at: string): UiFilter {
  const key = serverPathToUiKey(path, at);
  if (!isOperatorObject(condition)) {
    if (path === 'tags' && typeof condition === 'string') {
      return { key: { section: 'tags', name: condition }, op: '=', value: true };
    }
    return { key, op: '=', value: condition as FilterLiteral };
  }
  const parts = Object.entries(condition).map(([op, value]): UiFilterCondition => {
    const ui = FROM_MONGO[op];
    if (ui === undefined) {
      const hint = op === '$exists' ? ' (write { field: null } or { field: { $ne: null } } instead)' : '';
      throw new ValidationError(
        `${at}.${op}`,
        `${op} has no counterpart in the app's filter tree${hint}; it has ${Object.keys(FROM_MONGO).join(' ')}`,
      );
    }
    return { key, op: ui, value: value as FilterLiteral };
  });
  return parts.length === 1 ? (parts[0] as UiFilterCondition) : { op: 'AND', filters: parts };
}

function mongoToTree(filter: unknown, at: string, depth: number): UiFilter {
  if (depth > 64) throw new ValidationError(at, 'the filter is nested more than 64 levels deep');
  if (!isPlainObject(filter))
    throw new ValidationError(at, `expected a filter object, got ${describeValue(filter)}`);
  const entries = Object.entries(filter).filter(([, v]) => v !== undefined);
  const parts = entries.map(([k, v]): UiFilter => {
    if (k === '$and' || k === '$or') {
      const name = lacksTag(v);
      if (k === '$or' && name !== undefined) return { key: { section: 'tags', name }, op: '=', value: false };
      if (!Array.isArray(v))
        throw new ValidationError(`${at}.${k}`, `expected a list of filters, got ${describeValue(v)}`);
      return {
        op: k === '$and' ? 'AND' : 'OR',
        filters: v.map((f, i) => mongoToTree(f, `${at}.${k}[${i}]`, depth + 1)),
      };
    }
    if (k.startsWith('$')) {
      throw new ValidationError(
        `${at}.${k}`,
        `${k} has no counterpart in the app's filter tree, which has AND and OR groups only`,
      );
    }
    return fieldToTree(k, v, `${at}.${k}`);
  });
  if (parts.length === 1) return parts[0] as UiFilter;
  return { op: 'AND', filters: parts };
}

/**
 * Converts a Mongo-style run filter to the app's filter tree (the official client's
 * `mongo_to_filter`), the inverse of {@link uiFilterToMongo}: `$and` / `$or` become groups; a
 * field condition one condition per operator (`$eq` and a plain value `=`; several operators on
 * one field, or several fields in one object, an `AND` group); paths their keys
 * ({@link serverPathToUiKey}); `{ tags: name }` and the "has not" form tag conditions. `{}` (or
 * `undefined`) is the app's empty filter `{ op: 'OR', filters: [{ op: 'AND', filters: [] }] }`.
 * The filter is checked first ({@link ValidationError} as for `runs({ filters })`).
 *
 * @param parameter - the name used in errors (default `"filter"`).
 * @throws {@link ValidationError} for an invalid filter, and for what the tree cannot hold:
 * `$nor` and `$exists` (naming where).
 * @example
 * ```ts
 * mongoToUiFilter({ state: 'finished', 'summary_metrics.acc': { $gte: 0.9 } });
 * // { op: 'AND', filters: [
 * //   { key: { section: 'run', name: 'state' }, op: '=', value: 'finished' },
 * //   { key: { section: 'summary', name: 'acc' }, op: '>=', value: 0.9 } ] }
 * ```
 */
export function mongoToUiFilter(filter: unknown, parameter = 'filter'): UiFilter {
  validateFilter(filter, parameter);
  const plain: unknown = filter === undefined ? {} : JSON.parse(JSON.stringify(filter));
  if (isPlainObject(plain) && Object.keys(plain).length === 0) return emptyTree();
  return mongoToTree(plain, parameter, 1);
}
