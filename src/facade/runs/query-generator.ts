/**
 * `QueryGenerator` (alias `Q`): a typed builder for the Mongo-style run filters and the order
 * strings `api.runs()` takes, plus the conversions between the keys the W&B UI shows
 * (`config.lr`, `summary.loss`, `run.state`) and the paths the server filters and sorts on
 * (`config.lr.value`, `summary_metrics.loss`, `state`).
 *
 * Everything it builds is plain JSON: `JSON.stringify` of a filter gives exactly the `filters`
 * string sent to the server, and orders are ready-made `+field` / `-field` strings.
 *
 * Server paths:
 * - `Q.config('lr')` filters and sorts on `config.lr.value`: the server stores every config
 *   value as `{ value, desc }`, so `.value` addresses the value itself (nested keys go after it:
 *   `Q.config('model.depth')` is `config.model.value.depth`).
 * - `Q.summary('loss')` is `summary_metrics.loss`.
 * - Run columns keep their filter names (`state`, `createdAt`, `displayName`, ...); in orders the
 *   time columns use the server's `created_at` / `heartbeat_at` / `updated_at` spelling.
 *
 * @example
 * ```ts
 * import { Api, Q } from 'wandb-api';
 * const runs = new Api().runs('acme/vision', {
 *   filters: Q.and(Q.config('lr').gt(0.01), Q.state.in(['finished']), Q.summary('loss').lt(1)),
 *   order: Q.summary('accuracy').desc(),
 * });
 * // filters: {"$and":[{"config.lr.value":{"$gt":0.01}},{"state":{"$in":["finished"]}},{"summary_metrics.loss":{"$lt":1}}]}
 * // order:   "-summary_metrics.accuracy"
 * ```
 * @module
 */

import { ValidationError } from '../../errors/index.js';
import { validateRunFilter, type RunFilter, type RunFilterColumn, type RunFilterLiteral } from './filters.js';
import { ISO_DATE } from '../core/dates.js';
import { parseOrder } from './order.js';
import { mongoToUiFilter, uiFilterToMongo, type UiFilter } from '../core/ui-filters.js';
import { describeValue } from '../core/validate.js';
import type { RunState } from './run.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/**
 * The comparison operators of a field. Each method returns a one-field {@link RunFilter}
 * `{ <server path>: { <$op>: <value> } }`, ready for `api.runs(path, { filters })` or for
 * {@link QueryGenerator.and}, {@link QueryGenerator.or}, {@link QueryGenerator.nor}.
 *
 * `V` is what ordering comparisons take, `E` what equality and membership take (usually `V`
 * plus `null`, which matches runs where the field is unset).
 *
 * @example
 * ```ts
 * const duration: QueryField<number> = Q.duration;
 * duration.gte(60); // { duration: { $gte: 60 } }
 * ```
 */
export interface QueryField<V, E = V | null> {
  /**
   * The UI key of the field: `config.<key>`, `summary.<key>` or `run.<column>`.
   *
   * @example
   * ```ts
   * Q.summary('loss').key; // 'summary.loss'
   * ```
   */
  readonly key: string;
  /**
   * The server path the filters use: `config.<key>.value`, `summary_metrics.<key>` or the column.
   *
   * @example
   * ```ts
   * Q.config('lr').path; // 'config.lr.value'
   * ```
   */
  readonly path: string;
  /**
   * Equal to `value` (`$eq`). `null` matches runs where the field is unset. On `tags`, matches
   * runs that have the tag.
   *
   * @throws {@link ValidationError} for a value of the wrong type (parameter `value`).
   * @example
   * ```ts
   * Q.config('optimizer').eq('adam'); // { 'config.optimizer.value': { $eq: 'adam' } }
   * ```
   */
  eq(value: E): RunFilter;
  /**
   * Not equal to `value` (`$ne`). `ne(null)` matches runs where the field is set.
   *
   * @throws {@link ValidationError} for a value of the wrong type (parameter `value`).
   * @example
   * ```ts
   * Q.state.ne('crashed'); // { state: { $ne: 'crashed' } }
   * ```
   */
  ne(value: E): RunFilter;
  /**
   * Greater than `value` (`$gt`).
   *
   * @throws {@link ValidationError} for a value of the wrong type or `null` (parameter `value`).
   * @example
   * ```ts
   * Q.config('lr').gt(0.01); // { 'config.lr.value': { $gt: 0.01 } }
   * ```
   */
  gt(value: V): RunFilter;
  /**
   * Greater than or equal to `value` (`$gte`).
   *
   * @throws {@link ValidationError} for a value of the wrong type or `null` (parameter `value`).
   * @example
   * ```ts
   * Q.createdAt.gte(new Date('2024-01-01')); // { createdAt: { $gte: '2024-01-01T00:00:00.000Z' } }
   * ```
   */
  gte(value: V): RunFilter;
  /**
   * Less than `value` (`$lt`).
   *
   * @throws {@link ValidationError} for a value of the wrong type or `null` (parameter `value`).
   * @example
   * ```ts
   * Q.summary('loss').lt(1); // { 'summary_metrics.loss': { $lt: 1 } }
   * ```
   */
  lt(value: V): RunFilter;
  /**
   * Less than or equal to `value` (`$lte`).
   *
   * @throws {@link ValidationError} for a value of the wrong type or `null` (parameter `value`).
   * @example
   * ```ts
   * Q.duration.lte(3600); // { duration: { $lte: 3600 } }
   * ```
   */
  lte(value: V): RunFilter;
  /**
   * Equal to one of `values` (`$in`). An empty array matches no run. On `tags`, matches runs
   * that have at least one of the tags.
   *
   * @throws {@link ValidationError} when `values` is not an array or an element has the wrong
   * type (parameter `values`).
   * @example
   * ```ts
   * Q.state.in(['finished', 'crashed']); // { state: { $in: ['finished', 'crashed'] } }
   * ```
   */
  in(values: readonly E[]): RunFilter;
  /**
   * Equal to none of `values` (`$nin`). On `tags`, matches runs that have none of the tags.
   *
   * @throws {@link ValidationError} when `values` is not an array or an element has the wrong
   * type (parameter `values`).
   * @example
   * ```ts
   * Q.tags.nin(['debug']); // { tags: { $nin: ['debug'] } }
   * ```
   */
  nin(values: readonly E[]): RunFilter;
  /**
   * The field is set (`true`, the default) or unset (`false`) (`$exists`).
   *
   * @throws {@link ValidationError} when `present` is not a boolean (parameter `present`).
   * @example
   * ```ts
   * Q.summary('loss').exists(); // { 'summary_metrics.loss': { $exists: true } }
   * Q.group.exists(false); // { group: { $exists: false } }
   * ```
   */
  exists(present?: boolean): RunFilter;
}

/**
 * Text matching for fields that hold strings.
 *
 * @example
 * ```ts
 * Q.displayName.regex(/^sweep-/); // { displayName: { $regex: '^sweep-' } }
 * ```
 */
export interface QueryRegexField {
  /**
   * Matches the regular expression (`$regex`; the server evaluates it with RE2 syntax, so no
   * look-around or back-references). A `RegExp` is sent as its `source`; its flags cannot be
   * sent, so `i`, `m`, `s` and `v` are rejected (`g`, `y`, `d`, `u` are ignored). On `tags`,
   * matches runs with at least one matching tag.
   *
   * @throws {@link ValidationError} for a pattern that is neither a string nor a RegExp, does
   * not compile, or carries a flag that cannot be sent (parameter `pattern`).
   * @example
   * ```ts
   * Q.config('model').regex('^resnet'); // { 'config.model.value': { $regex: '^resnet' } }
   * ```
   */
  regex(pattern: string | RegExp): RunFilter;
}

/**
 * Sorting for the fields the server can order runs by.
 *
 * @example
 * ```ts
 * api.runs('acme/vision', { order: Q.summary('accuracy').desc() }); // order '-summary_metrics.accuracy'
 * ```
 */
export interface QueryOrderField {
  /**
   * The ascending order string for `runs({ order })`: `+` and the server's sort path.
   *
   * @throws {@link ValidationError} when the key cannot be an order (e.g. it contains spaces).
   * @example
   * ```ts
   * Q.config('lr').asc(); // '+config.lr.value'
   * Q.createdAt.asc(); // '+created_at'
   * ```
   */
  asc(): string;
  /**
   * The descending order string for `runs({ order })`: `-` and the server's sort path.
   *
   * @throws {@link ValidationError} when the key cannot be an order (e.g. it contains spaces).
   * @example
   * ```ts
   * Q.summary('loss').desc(); // '-summary_metrics.loss'
   * ```
   */
  desc(): string;
}

/**
 * A config or summary field (`Q.config(key)`, `Q.summary(key)`): any JSON scalar or a Date
 * (sent as an ISO-8601 string), text matching, and sorting.
 *
 * @example
 * ```ts
 * const acc: QueryValueField = Q.summary('accuracy');
 * api.runs('acme/vision', { filters: acc.gte(0.9), order: acc.desc() });
 * ```
 */
export interface QueryValueField
  extends QueryField<Exclude<RunFilterLiteral, null>, RunFilterLiteral>, QueryRegexField, QueryOrderField {}

/**
 * A text run column that cannot be sorted on (`Q.tags`, `Q.host`). `T` narrows the values
 * offered by auto-completion.
 *
 * @example
 * ```ts
 * const tags: QueryTextField = Q.tags;
 * tags.in(['best', 'baseline']); // { tags: { $in: ['best', 'baseline'] } }
 * ```
 */
export interface QueryTextField<T extends string = string>
  extends QueryField<string, T | null>, QueryRegexField {}

/**
 * A text run column that runs can also be sorted by (`Q.state`, `Q.displayName`, `Q.group`, ...).
 *
 * @example
 * ```ts
 * const state: QueryTextColumn<RunState> = Q.state;
 * state.eq('finished'); // { state: { $eq: 'finished' } }
 * state.asc(); // '+state'
 * ```
 */
export interface QueryTextColumn<T extends string = string> extends QueryTextField<T>, QueryOrderField {}

/**
 * A time column (`Q.createdAt`, `Q.heartbeatAt`). Takes a `Date` (sent as
 * `date.toISOString()`) or an ISO-8601 string (`2024-01-01`, `2024-01-01T12:00:00Z`, with an
 * optional offset), sent unchanged.
 *
 * @example
 * ```ts
 * const created: QueryDateColumn = Q.createdAt;
 * created.lt('2024-06-01'); // { createdAt: { $lt: '2024-06-01' } }
 * created.desc(); // '-created_at'
 * ```
 */
export interface QueryDateColumn extends QueryField<Date | string>, QueryOrderField {}

/**
 * A numeric run column (`Q.duration`, in seconds).
 *
 * @example
 * ```ts
 * const duration: QueryNumberColumn = Q.duration;
 * duration.gt(600); // { duration: { $gt: 600 } }
 * ```
 */
export interface QueryNumberColumn extends QueryField<number>, QueryOrderField {}

/**
 * The field builder each run column gives (what {@link QueryGenerator.run} returns).
 *
 * @example
 * ```ts
 * const f: QueryRunColumns['createdAt'] = Q.run('createdAt'); // a QueryDateColumn
 * ```
 */
export interface QueryRunColumns {
  /** When the run was created. */
  createdAt: QueryDateColumn;
  /** The run's last heartbeat. */
  heartbeatAt: QueryDateColumn;
  /** The run's display name. */
  displayName: QueryTextColumn;
  /** Run time in seconds. */
  duration: QueryNumberColumn;
  /** The run's group. */
  group: QueryTextColumn;
  /** The host the run ran on. */
  host: QueryTextField;
  /** The run's job type. */
  jobType: QueryTextColumn;
  /** The run id (the `e/p/<id>` part of its path). */
  name: QueryTextColumn;
  /** `running`, `finished`, `crashed`, ... */
  state: QueryTextColumn<RunState>;
  /** The run's tags (an array: `eq`/`in`/`regex` match when any tag does). */
  tags: QueryTextField;
  /** The author's username. */
  username: QueryTextColumn;
  /** The id of the sweep the run belongs to. */
  sweep: QueryTextColumn;
}

/**
 * A run order split into its UI key and direction (see {@link QueryGenerator.orderToKey}).
 *
 * @example
 * ```ts
 * const k: QueryOrderKey = { key: 'summary.loss', ascending: false }; // order '-summary_metrics.loss'
 * ```
 */
export interface QueryOrderKey {
  /** The UI key: `config.<key>`, `summary.<key>` or `run.<column>`. */
  key: string;
  /** `true` for `+` (ascending), `false` for `-` (descending). */
  ascending: boolean;
}

/**
 * The filter and order builder, exported as `QueryGenerator` and `Q`. Field builders
 * (`Q.config`, `Q.summary`, `Q.run` and one property per run column) give the comparison
 * operators the server accepts; `Q.and` / `Q.or` / `Q.nor` / `Q.not` combine filters; and
 * `keyToServerPath` / `serverPathToKey` / `keyToOrder` / `orderToKey` convert between UI keys and
 * server paths.
 *
 * Every method checks its arguments and throws {@link ValidationError} naming the bad one.
 *
 * @example
 * ```ts
 * const filters = Q.or(Q.tags.in(['best']), Q.and(Q.config('optimizer').eq('adam'), Q.summary('acc').gt(0.9)));
 * JSON.stringify(filters);
 * // {"$or":[{"tags":{"$in":["best"]}},{"$and":[{"config.optimizer.value":{"$eq":"adam"}},{"summary_metrics.acc":{"$gt":0.9}}]}]}
 * ```
 */
export interface QueryGenerator {
  /**
   * A config field. `key` is the config key as logged (`lr`); dots address nested values
   * (`model.depth`). The server path is `config.<key>.value[.<nested>]`, because the server
   * stores each config value as `{ value, desc }`.
   *
   * @throws {@link ValidationError} for an empty key, empty dot segments, or a key that already
   * names `.value` / `.desc` (parameter `key`).
   * @example
   * ```ts
   * Q.config('lr').gt(0.01); // { 'config.lr.value': { $gt: 0.01 } }
   * Q.config('model.depth').eq(50); // { 'config.model.value.depth': { $eq: 50 } }
   * Q.config('lr').desc(); // '-config.lr.value'
   * ```
   */
  config(key: string): QueryValueField;
  /**
   * A summary metric. The server path is `summary_metrics.<key>`; dots address nested values.
   *
   * @throws {@link ValidationError} for an empty key or empty dot segments (parameter `key`).
   * @example
   * ```ts
   * Q.summary('loss').lt(1); // { 'summary_metrics.loss': { $lt: 1 } }
   * Q.summary('accuracy').desc(); // '-summary_metrics.accuracy'
   * ```
   */
  summary(key: string): QueryValueField;
  /**
   * A run column by name (the same builders as the properties `Q.state`, `Q.createdAt`, ...).
   *
   * @throws {@link ValidationError} for a name that is not one of `createdAt displayName duration
   * group host jobType name state tags username sweep heartbeatAt` (parameter `column`).
   * @example
   * ```ts
   * Q.run('jobType').eq('train'); // { jobType: { $eq: 'train' } }
   * ```
   */
  run<C extends RunFilterColumn>(column: C): QueryRunColumns[C];
  /**
   * Creation time (`createdAt`; order `created_at`).
   *
   * @example
   * ```ts
   * Q.createdAt.gte(new Date('2024-01-01')); // { createdAt: { $gte: '2024-01-01T00:00:00.000Z' } }
   * ```
   */
  readonly createdAt: QueryDateColumn;
  /**
   * Last heartbeat (`heartbeatAt`; order `heartbeat_at`).
   *
   * @example
   * ```ts
   * Q.heartbeatAt.lt('2024-01-01'); // { heartbeatAt: { $lt: '2024-01-01' } }
   * ```
   */
  readonly heartbeatAt: QueryDateColumn;
  /**
   * Display name (`displayName`).
   *
   * @example
   * ```ts
   * Q.displayName.regex('^baseline'); // { displayName: { $regex: '^baseline' } }
   * ```
   */
  readonly displayName: QueryTextColumn;
  /**
   * Run time in seconds (`duration`).
   *
   * @example
   * ```ts
   * Q.duration.gt(3600); // { duration: { $gt: 3600 } }
   * ```
   */
  readonly duration: QueryNumberColumn;
  /**
   * Group (`group`).
   *
   * @example
   * ```ts
   * Q.group.eq('ablation'); // { group: { $eq: 'ablation' } }
   * ```
   */
  readonly group: QueryTextColumn;
  /**
   * Host name (`host`; not sortable).
   *
   * @example
   * ```ts
   * Q.host.regex('^gpu-'); // { host: { $regex: '^gpu-' } }
   * ```
   */
  readonly host: QueryTextField;
  /**
   * Job type (`jobType`).
   *
   * @example
   * ```ts
   * Q.jobType.in(['train', 'eval']); // { jobType: { $in: ['train', 'eval'] } }
   * ```
   */
  readonly jobType: QueryTextColumn;
  /**
   * Run id (`name`, the last part of the run's path; the display name is {@link QueryGenerator.displayName}).
   *
   * @example
   * ```ts
   * Q.name.in(['abc12345', 'def67890']); // { name: { $in: ['abc12345', 'def67890'] } }
   * ```
   */
  readonly name: QueryTextColumn;
  /**
   * Run state (`state`).
   *
   * @example
   * ```ts
   * Q.state.in(['finished']); // { state: { $in: ['finished'] } }
   * ```
   */
  readonly state: QueryTextColumn<RunState>;
  /**
   * Tags (`tags`, an array: `eq` / `in` / `regex` match when any tag does; not sortable).
   *
   * @example
   * ```ts
   * Q.tags.eq('best'); // { tags: { $eq: 'best' } }
   * ```
   */
  readonly tags: QueryTextField;
  /**
   * The author's username (`username`).
   *
   * @example
   * ```ts
   * Q.username.eq('alice'); // { username: { $eq: 'alice' } }
   * ```
   */
  readonly username: QueryTextColumn;
  /**
   * Sweep id (`sweep`).
   *
   * @example
   * ```ts
   * Q.sweep.eq('swp12345'); // { sweep: { $eq: 'swp12345' } }
   * ```
   */
  readonly sweep: QueryTextColumn;
  /**
   * Every filter matches: `{ $and: [...] }`. The filters are copied as plain JSON (Dates become
   * ISO strings), so later changes to them do not leak in.
   *
   * @throws {@link ValidationError} with no filters, or for an argument that is not a valid
   * {@link RunFilter} (parameter `filters[i]`).
   * @example
   * ```ts
   * Q.and(Q.state.eq('finished'), Q.config('lr').lte(0.01));
   * // { $and: [{ state: { $eq: 'finished' } }, { 'config.lr.value': { $lte: 0.01 } }] }
   * ```
   */
  and(...filters: RunFilter[]): RunFilter;
  /**
   * At least one filter matches: `{ $or: [...] }`.
   *
   * @throws {@link ValidationError} as {@link QueryGenerator.and}.
   * @example
   * ```ts
   * Q.or(Q.state.eq('crashed'), Q.tags.eq('best'));
   * // { $or: [{ state: { $eq: 'crashed' } }, { tags: { $eq: 'best' } }] }
   * ```
   */
  or(...filters: RunFilter[]): RunFilter;
  /**
   * No filter matches: `{ $nor: [...] }`.
   *
   * @throws {@link ValidationError} as {@link QueryGenerator.and}.
   * @example
   * ```ts
   * Q.nor(Q.state.eq('crashed'), Q.tags.eq('debug'));
   * // { $nor: [{ state: { $eq: 'crashed' } }, { tags: { $eq: 'debug' } }] }
   * ```
   */
  nor(...filters: RunFilter[]): RunFilter;
  /**
   * The filter does not match: `{ $nor: [filter] }` (the server has no `$not`; a one-element
   * `$nor` is its negation).
   *
   * @throws {@link ValidationError} for an argument that is not a valid {@link RunFilter}
   * (parameter `filter`).
   * @example
   * ```ts
   * Q.not(Q.tags.eq('debug')); // { $nor: [{ tags: { $eq: 'debug' } }] }
   * ```
   */
  not(filter: RunFilter): RunFilter;
  /**
   * Converts a UI key to the server path used in filters:
   * `config.<key>` → `config.<key>.value` (nested: `config.a.b` → `config.a.value.b`),
   * `summary.<key>` → `summary_metrics.<key>`, `run.<column>` (or the bare column name) →
   * `<column>`.
   *
   * @throws {@link ValidationError} for any other shape, a server path passed by mistake, or a
   * run column the server does not filter on (parameter `key`).
   * @example
   * ```ts
   * Q.keyToServerPath('config.lr'); // 'config.lr.value'
   * Q.keyToServerPath('summary.loss'); // 'summary_metrics.loss'
   * Q.keyToServerPath('run.createdAt'); // 'createdAt'
   * ```
   */
  keyToServerPath(key: string): string;
  /**
   * Converts a server filter path to its UI key, the inverse of
   * {@link QueryGenerator.keyToServerPath}: `config.<key>.value[.<nested>]` →
   * `config.<key>[.<nested>]`, `summary_metrics.<key>` → `summary.<key>`, a run column
   * (camelCase, or snake_case such as `created_at`) → `run.<column>`. The shorthand
   * `config.<key>` (without `.value`), which means the same to the server, is also accepted.
   *
   * @throws {@link ValidationError} for any other shape, including `config.<key>.desc` (a
   * description, which has no UI key) (parameter `path`).
   * @example
   * ```ts
   * Q.serverPathToKey('config.lr.value'); // 'config.lr'
   * Q.serverPathToKey('summary_metrics.loss'); // 'summary.loss'
   * Q.serverPathToKey('createdAt'); // 'run.createdAt'
   * ```
   */
  serverPathToKey(path: string): string;
  /**
   * Converts a UI key and a direction to an order string for `runs({ order })`: the same paths
   * as {@link QueryGenerator.keyToServerPath}, except that the time columns use the server's
   * `created_at` / `heartbeat_at` / `updated_at`. Runs can also be ordered by `run.updatedAt`,
   * but not by `run.tags` or `run.host`.
   *
   * @param ascending - `true` (default) for `+`, `false` for `-`.
   * @throws {@link ValidationError} for a key {@link QueryGenerator.keyToServerPath} rejects, a
   * column runs cannot be sorted by (parameter `key`), or a non-boolean `ascending`.
   * @example
   * ```ts
   * Q.keyToOrder('summary.loss'); // '+summary_metrics.loss'
   * Q.keyToOrder('run.createdAt', false); // '-created_at'
   * ```
   */
  keyToOrder(key: string, ascending?: boolean): string;
  /**
   * Splits an order string (anything `runs({ order })` accepts, see `parseOrder`) into its UI
   * key and direction, the inverse of {@link QueryGenerator.keyToOrder}. An unsigned order is
   * ascending.
   *
   * @throws {@link ValidationError} for an invalid order (parameter `order`).
   * @example
   * ```ts
   * Q.orderToKey('-summary_metrics.loss'); // { key: 'summary.loss', ascending: false }
   * Q.orderToKey('+created_at'); // { key: 'run.createdAt', ascending: true }
   * ```
   */
  orderToKey(order: string): QueryOrderKey;
  /**
   * Converts the W&B app's filter tree (a report run set's `filters`, see {@link UiFilter}) to
   * the Mongo-style filter `runs({ filters })` takes, as the official client's
   * `filter_to_mongo`: groups become `$and` / `$or`, `=` a plain equality, the other operators
   * `$ne $lt $lte $gt $gte $in $nin $regex`, keys their server paths (`config.<name>`,
   * `summary_metrics.<name>`, the run column), tag conditions `{ tags: name }` or its negation.
   * Conditions without a name, disabled, or without a value (except `=` / `!=`) are left out, and
   * so are empty groups: an empty tree is `{}` (every run). Config names keep the app's spelling
   * (`lr.value`), which the server reads the same as `lr`.
   *
   * @throws {@link ValidationError} for anything but such a tree, naming where
   * (`filter.filters[0].op`), or a result the server would refuse (e.g. a `$regex` that does not compile).
   * @example
   * ```ts
   * Q.filterToMongo({ op: 'OR', filters: [{ op: 'AND', filters: [
   *   { key: { section: 'run', name: 'state' }, op: '=', value: 'finished' },
   *   { key: { section: 'config', name: 'lr.value' }, op: '<', value: 0.01 },
   * ] }] });
   * // { $or: [{ $and: [{ state: 'finished' }, { 'config.lr.value': { $lt: 0.01 } }] }] }
   * ```
   */
  filterToMongo(filter: UiFilter): RunFilter;
  /**
   * Converts a Mongo-style run filter to the W&B app's filter tree, the inverse of
   * {@link QueryGenerator.filterToMongo} (the official client's `mongo_to_filter`): `$and` / `$or`
   * become groups, each field operator a condition (`$eq` and plain values `=`; several operators
   * on a field, or several fields in one object, an `AND` group), paths their keys
   * (`summary_metrics.acc` → `{ section: 'summary', name: 'acc' }`, an unprefixed path a run
   * column). `{}` is the app's empty tree `{ op: 'OR', filters: [{ op: 'AND', filters: [] }] }`.
   *
   * @throws {@link ValidationError} for an invalid filter, and for `$nor` (so `Q.not`) and
   * `$exists`, which the tree cannot hold.
   * @example
   * ```ts
   * Q.mongoToFilter(Q.and(Q.state.eq('finished'), Q.summary('acc').gte(0.9)));
   * // { op: 'AND', filters: [
   * //   { key: { section: 'run', name: 'state' }, op: '=', value: 'finished' },
   * //   { key: { section: 'summary', name: 'acc' }, op: '>=', value: 0.9 } ] }
   * ```
   */
  mongoToFilter(filter: RunFilter): UiFilter;
}

// ---------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------

/** How a field's operands are checked and encoded. */
type Kind = 'value' | 'text' | 'number' | 'date';

const COLUMN_KIND: Record<RunFilterColumn, Kind> = {
  createdAt: 'date',
  heartbeatAt: 'date',
  displayName: 'text',
  duration: 'number',
  group: 'text',
  host: 'text',
  jobType: 'text',
  name: 'text',
  state: 'text',
  tags: 'text',
  username: 'text',
  sweep: 'text',
};

/** The run columns runs can be sorted by, with the path used in the order string. */
const ORDER_PATH: Readonly<Record<string, string>> = {
  createdAt: 'created_at',
  heartbeatAt: 'heartbeat_at',
  updatedAt: 'updated_at',
  displayName: 'displayName',
  duration: 'duration',
  group: 'group',
  jobType: 'jobType',
  name: 'name',
  state: 'state',
  username: 'username',
  sweep: 'sweep',
};

/** snake_case spellings of run columns, as in order strings. */
const SNAKE_COLUMNS: Readonly<Record<string, string>> = {
  created_at: 'createdAt',
  heartbeat_at: 'heartbeatAt',
  updated_at: 'updatedAt',
  display_name: 'displayName',
  job_type: 'jobType',
};

const FILTER_COLUMNS = Object.keys(COLUMN_KIND) as RunFilterColumn[];

function isFilterColumn(name: string): name is RunFilterColumn {
  return Object.hasOwn(COLUMN_KIND, name);
}

/** An ISO-8601 date or date-time ({@link ISO_DATE}) with a real calendar day and a real time of day. */
function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = (m[1] as string).split('-').map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return false;
  const [hours = 0, minutes = 0, seconds = 0] = (m[2] ?? '')
    .split(':')
    .map((part) => Math.floor(Number(part)));
  return hours < 24 && minutes < 60 && seconds < 60;
}

/** Splits a dotted key, rejecting empty keys and empty segments. */
function segments(key: unknown, parameter: string, what: string): string[] {
  if (typeof key !== 'string')
    throw new ValidationError(parameter, `${what} must be a string, got ${describeValue(key)}`);
  const parts = key.split('.');
  if (key === '' || parts.some((p) => p === '')) {
    throw new ValidationError(
      parameter,
      `${what} ${JSON.stringify(key)} must be non-empty, with dots only between names (e.g. "lr" or "model.depth")`,
    );
  }
  return parts;
}

/** `lr` → `config.lr.value`, `model.depth` → `config.model.value.depth`. */
function configPath(key: unknown, parameter: string, shown: (k: string) => string): string {
  const [head = '', second, ...rest] = segments(key, parameter, 'a config key');
  if (second === 'value' || second === 'desc') {
    throw new ValidationError(
      parameter,
      `${shown(String(key))} names the server's ".${second}" wrapper; give the config key itself ` +
        `(${shown(head)}): the server path config.${head}.value is built for you`,
    );
  }
  return ['config', head, 'value', ...(second === undefined ? [] : [second]), ...rest].join('.');
}

function summaryPath(key: unknown, parameter: string): string {
  return ['summary_metrics', ...segments(key, parameter, 'a summary key')].join('.');
}

/** A field's builder. One class for every kind; the public interfaces expose what fits each. */
class Field {
  readonly key: string;
  readonly path: string;
  readonly #kind: Kind;
  readonly #orderPath: string | undefined;

  constructor(key: string, path: string, kind: Kind, orderPath: string | undefined) {
    this.key = key;
    this.path = path;
    this.#kind = kind;
    this.#orderPath = orderPath;
  }

  eq(value: unknown): RunFilter {
    return this.#filter('$eq', this.#operand(value, 'eq', 'value', true));
  }
  ne(value: unknown): RunFilter {
    return this.#filter('$ne', this.#operand(value, 'ne', 'value', true));
  }
  gt(value: unknown): RunFilter {
    return this.#filter('$gt', this.#operand(value, 'gt', 'value', false));
  }
  gte(value: unknown): RunFilter {
    return this.#filter('$gte', this.#operand(value, 'gte', 'value', false));
  }
  lt(value: unknown): RunFilter {
    return this.#filter('$lt', this.#operand(value, 'lt', 'value', false));
  }
  lte(value: unknown): RunFilter {
    return this.#filter('$lte', this.#operand(value, 'lte', 'value', false));
  }
  in(values: unknown): RunFilter {
    return this.#filter('$in', this.#operands(values, 'in'));
  }
  nin(values: unknown): RunFilter {
    return this.#filter('$nin', this.#operands(values, 'nin'));
  }
  exists(present: unknown = true): RunFilter {
    if (typeof present !== 'boolean') {
      throw new ValidationError(
        'present',
        `${this.key}.exists() takes true or false, got ${describeValue(present)}`,
      );
    }
    return this.#filter('$exists', present);
  }
  regex(pattern: unknown): RunFilter {
    if (this.#kind === 'number' || this.#kind === 'date') {
      throw new ValidationError(
        'pattern',
        `${this.key} holds ${this.#kind === 'date' ? 'times' : 'numbers'}; $regex applies to text (compare with gt, lt, ...)`,
      );
    }
    let source: string;
    if (pattern instanceof RegExp) {
      const bad = [...pattern.flags].filter((f) => 'imsv'.includes(f));
      if (bad.length > 0) {
        throw new ValidationError(
          'pattern',
          `${this.key}.regex() cannot send the RegExp flag${bad.length > 1 ? 's' : ''} "${bad.join('')}": the server ` +
            'takes a bare pattern (for case-insensitive matching write both cases, e.g. "[Bb]est")',
        );
      }
      source = pattern.source;
    } else if (typeof pattern === 'string') {
      source = pattern;
    } else {
      throw new ValidationError(
        'pattern',
        `${this.key}.regex() takes a string or a RegExp, got ${describeValue(pattern)}`,
      );
    }
    try {
      new RegExp(source);
    } catch (e) {
      throw new ValidationError(
        'pattern',
        `${JSON.stringify(source)} is not a valid regular expression: ${(e as Error).message}`,
      );
    }
    return this.#filter('$regex', source);
  }
  asc(): string {
    return this.#order('+');
  }
  desc(): string {
    return this.#order('-');
  }

  #filter(op: string, operand: unknown): RunFilter {
    return { [this.path]: { [op]: operand } } as RunFilter;
  }

  #order(sign: '+' | '-'): string {
    if (this.#orderPath === undefined) {
      throw new ValidationError(
        'order',
        `runs cannot be ordered by ${this.key}; sort by a config or summary key or one of ` +
          Object.keys(ORDER_PATH).join(', '),
      );
    }
    return parseOrder(`${sign}${this.#orderPath}`);
  }

  #operands(values: unknown, method: string): unknown[] {
    if (!Array.isArray(values)) {
      throw new ValidationError(
        'values',
        `${this.key}.${method}() takes an array of values, got ${describeValue(values)} (e.g. .${method}([${
          this.#kind === 'number' ? '1, 2' : "'a', 'b'"
        }]))`,
      );
    }
    return values.map((v: unknown, i) => this.#operand(v, method, `values[${i}]`, true));
  }

  /** Checks one operand against the field's kind and encodes it as JSON (Dates → ISO strings). */
  #operand(
    value: unknown,
    method: string,
    parameter: string,
    nullable: boolean,
  ): string | number | boolean | null {
    const call = `${this.key}.${method}()`;
    if (value === null) {
      if (nullable) return null;
      throw new ValidationError(
        parameter,
        `${call} cannot compare with null; use .eq(null) / .exists(false) to match runs without the field`,
      );
    }
    const fail = (expected: string): never => {
      throw new ValidationError(parameter, `${call} takes ${expected}, got ${describeValue(value)}`);
    };
    if (value instanceof Date && Number.isNaN(value.getTime())) fail('a valid Date');
    if (typeof value === 'number' && !Number.isFinite(value)) fail('a finite number');
    switch (this.#kind) {
      case 'text':
        return typeof value === 'string' ? value : fail('a string');
      case 'number':
        return typeof value === 'number' ? value : fail('a number');
      case 'date':
        if (value instanceof Date) return value.toISOString();
        if (typeof value === 'string' && isIsoDate(value)) return value;
        return fail('a Date or an ISO-8601 date string such as "2024-01-01" or "2024-01-01T12:00:00Z"');
      default:
        if (value instanceof Date) return value.toISOString();
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
          return value;
        return fail('a string, number, boolean or Date');
    }
  }
}

function columnField(column: RunFilterColumn): Field {
  return new Field(`run.${column}`, column, COLUMN_KIND[column], ORDER_PATH[column]);
}

function configField(key: string): Field {
  const path = configPath(key, 'key', (k) => `Q.config(${JSON.stringify(k)})`);
  return new Field(`config.${key}`, path, 'value', path);
}

function summaryField(key: string): Field {
  const path = summaryPath(key, 'key');
  return new Field(`summary.${key}`, path, 'value', path);
}

/** A deep copy as plain JSON (Dates → ISO strings, undefined keys dropped). */
function plain(filter: RunFilter): RunFilter {
  return JSON.parse(JSON.stringify(filter)) as RunFilter;
}

function checkFilter(filter: unknown, parameter: string, call: string): RunFilter {
  if (filter === undefined || Array.isArray(filter)) {
    throw new ValidationError(
      parameter,
      Array.isArray(filter)
        ? `${call} takes filters as separate arguments, not an array: ${call.slice(0, -1)}a, b) or ${call.slice(0, -1)}...list)`
        : `${call} got undefined where a filter was expected`,
    );
  }
  validateRunFilter(filter, parameter);
  return plain(filter as RunFilter);
}

function combine(op: '$and' | '$or' | '$nor', filters: unknown[]): RunFilter {
  const call = `Q.${op.slice(1)}()`;
  if (filters.length === 0) {
    throw new ValidationError('filters', `${call} needs at least one filter`);
  }
  return { [op]: filters.map((f, i) => checkFilter(f, `filters[${i}]`, call)) } as RunFilter;
}

type Section = 'config' | 'summary' | 'run';

/** Splits a UI key into its section and name; run columns may be any sortable or filterable column. */
function parseKey(key: unknown, parameter: string): { section: Section; name: string } {
  if (typeof key !== 'string')
    throw new ValidationError(parameter, `expected a UI key string, got ${describeValue(key)}`);
  const dot = key.indexOf('.');
  const head = dot < 0 ? key : key.slice(0, dot);
  const name = dot < 0 ? '' : key.slice(dot + 1);
  if (head === 'config' || head === 'summary') return { section: head, name };
  const column = head === 'run' ? name : key;
  if (isFilterColumn(column) || Object.hasOwn(ORDER_PATH, column)) return { section: 'run', name: column };
  let hint = '';
  if (head === 'summary_metrics') hint = ` ("${key}" is a server path; its UI key is summary.${name})`;
  else if (head === 'run') hint = ` (unknown run column "${name}")`;
  else if (Object.hasOwn(SNAKE_COLUMNS, column)) hint = ` (use run.${SNAKE_COLUMNS[column]})`;
  throw new ValidationError(
    parameter,
    `${JSON.stringify(key)} is not a UI key; use config.<key>, summary.<key> or run.<column> where column is one of ` +
      `${FILTER_COLUMNS.join(', ')}${hint}`,
  );
}

function keyToServerPath(key: string): string {
  const { section, name } = parseKey(key, 'key');
  if (section === 'config') return configPath(name, 'key', (k) => `config.${k}`);
  if (section === 'summary') return summaryPath(name, 'key');
  if (!isFilterColumn(name)) {
    throw new ValidationError(
      'key',
      `run.${name} is not a column the server filters on; use one of ${FILTER_COLUMNS.join(', ')}`,
    );
  }
  return name;
}

function serverPathToKey(path: string, parameter = 'path'): string {
  if (typeof path !== 'string')
    throw new ValidationError(parameter, `expected a server path string, got ${describeValue(path)}`);
  const column = SNAKE_COLUMNS[path] ?? path;
  if (isFilterColumn(column)) return `run.${column}`;
  if (path.startsWith('config.')) {
    const [key = '', second, ...rest] = segments(path.slice('config.'.length), parameter, 'a config path');
    if (second === 'desc') {
      throw new ValidationError(
        parameter,
        `${path} is the description of config.${key}, which has no UI key; the value is config.${key}.value`,
      );
    }
    const nested = second === 'value' ? rest : second === undefined ? [] : [second, ...rest];
    return ['config', key, ...nested].join('.');
  }
  if (path.startsWith('summary_metrics.')) {
    return ['summary', ...segments(path.slice('summary_metrics.'.length), parameter, 'a summary path')].join(
      '.',
    );
  }
  throw new ValidationError(
    parameter,
    `${JSON.stringify(path)} is not a run filter path; expected config.<key>.value, summary_metrics.<key> or one of ` +
      FILTER_COLUMNS.join(', '),
  );
}

function keyToOrder(key: string, ascending: boolean = true): string {
  if (typeof ascending !== 'boolean') {
    throw new ValidationError('ascending', `expected true or false, got ${describeValue(ascending)}`);
  }
  const { section, name } = parseKey(key, 'key');
  let path: string;
  if (section === 'run') {
    const order = ORDER_PATH[name];
    if (order === undefined) {
      throw new ValidationError(
        'key',
        `runs cannot be ordered by run.${name}; sort by config.<key>, summary.<key> or one of ` +
          Object.keys(ORDER_PATH)
            .map((c) => `run.${c}`)
            .join(', '),
      );
    }
    path = order;
  } else {
    path = keyToServerPath(key);
  }
  return parseOrder(`${ascending ? '+' : '-'}${path}`, 'key');
}

function orderToKey(order: string): QueryOrderKey {
  const normalized = parseOrder(order, 'order');
  const field = normalized.slice(1);
  const column = SNAKE_COLUMNS[field] ?? field;
  const key = Object.hasOwn(ORDER_PATH, column) ? `run.${column}` : serverPathToKey(field, 'order');
  return { key, ascending: normalized.startsWith('+') };
}

/**
 * The filter and order builder (see the {@link QueryGenerator} interface for every member).
 *
 * @example
 * ```ts
 * import { QueryGenerator } from 'wandb-api';
 * api.runs('acme/vision', { filters: QueryGenerator.config('lr').gt(0.01), order: QueryGenerator.createdAt.desc() });
 * ```
 */
export const QueryGenerator: QueryGenerator = {
  config: (key) => configField(key),
  summary: (key) => summaryField(key),
  run<C extends RunFilterColumn>(column: C): QueryRunColumns[C] {
    if (typeof column !== 'string' || !isFilterColumn(column)) {
      throw new ValidationError(
        'column',
        `${describeValue(column)} is not a run column; use one of ${FILTER_COLUMNS.join(', ')}, or Q.config(key) / Q.summary(key)`,
      );
    }
    return columnField(column) as unknown as QueryRunColumns[C];
  },
  get createdAt() {
    return columnField('createdAt');
  },
  get heartbeatAt() {
    return columnField('heartbeatAt');
  },
  get displayName() {
    return columnField('displayName');
  },
  get duration() {
    return columnField('duration');
  },
  get group() {
    return columnField('group');
  },
  get host() {
    return columnField('host');
  },
  get jobType() {
    return columnField('jobType');
  },
  get name() {
    return columnField('name');
  },
  get state() {
    return columnField('state');
  },
  get tags() {
    return columnField('tags');
  },
  get username() {
    return columnField('username');
  },
  get sweep() {
    return columnField('sweep');
  },
  and: (...filters) => combine('$and', filters),
  or: (...filters) => combine('$or', filters),
  nor: (...filters) => combine('$nor', filters),
  not: (filter) => ({ $nor: [checkFilter(filter, 'filter', 'Q.not()')] }),
  keyToServerPath: (key) => keyToServerPath(key),
  serverPathToKey: (path) => serverPathToKey(path),
  keyToOrder: (key, ascending) => keyToOrder(key, ascending),
  orderToKey: (order) => orderToKey(order),
  filterToMongo: (filter) => uiFilterToMongo(filter) as RunFilter,
  mongoToFilter: (filter) => mongoToUiFilter(filter),
};

/**
 * Short alias of {@link QueryGenerator}.
 *
 * @example
 * ```ts
 * import { Q } from 'wandb-api';
 * const filters = Q.and(Q.config('lr').gt(0.01), Q.summary('loss').lt(1));
 * ```
 */
export const Q: QueryGenerator = QueryGenerator;
