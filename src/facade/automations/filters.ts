/**
 * The conditions of automation events: Mongo-style filters on artifact fields
 * ({@link ArtifactEvent}) and run fields ({@link RunEvent}), run metric conditions (threshold,
 * change, z-score) and run state conditions, with their wire encodings
 * (`/work/notes/registries-protocol.md` §7.5). Pure: no request is ever made here.
 *
 * @example
 * ```ts
 * const filter = RunEvent.metric('loss').mean(5).gt(0.5).and(RunEvent.name.contains('baseline'));
 * const onProd = ArtifactEvent.alias.eq('prod').or(ArtifactEvent.alias.eq('production'));
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { describeValue, isPlainObject } from '../core/validate.js';

/**
 * A value a filter compares with.
 *
 * @example
 * ```ts
 * const v: FilterScalar = 'prod';
 * ```
 */
export type FilterScalar = string | number | boolean;

/**
 * One node of a filter expression tree, as the server reads it. `field` nodes hold the operator
 * object exactly as sent (`{ $eq: 'prod' }`); `raw` nodes are parts of a saved filter this client
 * does not model (kept and resent unchanged).
 *
 * @example
 * ```ts
 * const node: FilterNode = { kind: 'field', field: 'alias', condition: { $eq: 'prod' } };
 * ```
 */
export type FilterNode =
  | {
      /** A condition on one field. */
      readonly kind: 'field';
      /** The field (`alias`, `tag`, `name`, ...). */
      readonly field: string;
      /** The operator object exactly as sent (`{ $eq: 'prod' }`). */
      readonly condition: Readonly<Record<string, unknown>>;
    }
  | {
      /** All, any or none of the nested expressions. */
      readonly kind: '$and' | '$or' | '$nor';
      /** The nested expressions. */
      readonly exprs: readonly FilterNode[];
    }
  | {
      /** The negation of one expression. */
      readonly kind: '$not';
      /** The negated expression. */
      readonly expr: FilterNode;
    }
  | {
      /** A part of a saved filter this client does not model. */
      readonly kind: 'raw';
      /** That part as the server sent it, resent unchanged. */
      readonly value: unknown;
    };

/**
 * What a filter applies to: artifact events (`alias`, `tag`) or run events (`name`).
 *
 * @example
 * ```ts
 * const d: FilterDomain = 'artifact';
 * ```
 */
export type FilterDomain = 'artifact' | 'run';

/** A fresh And/Or/Nor node. @internal */
export function logical(kind: '$and' | '$or' | '$nor', exprs: readonly FilterNode[]): FilterNode {
  return { kind, exprs };
}

/**
 * A filter on the fields of an artifact event ({@link ArtifactEventFilter}) or of a run
 * ({@link RunEventFilter}), combined with `and`, `or` and `not`. Immutable.
 *
 * @example
 * ```ts
 * const f = ArtifactEvent.alias.eq('prod').and(ArtifactEvent.tag.eq('vision'));
 * console.log(JSON.stringify(f.toMongo())); // {"$and":[{"alias":{"$eq":"prod"}},{"tag":{"$eq":"vision"}}]}
 * ```
 */
export class EventFilter<D extends FilterDomain> {
  /** Which events the filter is for: `'artifact'` or `'run'`. */
  readonly domain: D;
  /** The expression tree. */
  readonly node: FilterNode;

  /** @internal Made by the fields of {@link ArtifactEvent} and {@link RunEvent}. */
  constructor(domain: D, node: FilterNode) {
    this.domain = domain;
    this.node = node;
  }

  /**
   * Both conditions. On a run filter, `and` with a metric or state condition gives the run
   * event's whole filter (the same as `metricCondition.and(runFilter)`).
   *
   * @example
   * ```ts
   * ArtifactEvent.alias.eq('prod').and(ArtifactEvent.tag.eq('vision'));
   * RunEvent.name.contains('baseline').and(RunEvent.metric('loss').gt(1));
   * ```
   */
  and(other: EventFilter<D>): EventFilter<D>;
  and(this: EventFilter<'run'>, other: MetricCondition): RunMetricFilter;
  and(this: EventFilter<'run'>, other: StateCondition): RunStateFilter;
  and(
    other: EventFilter<D> | MetricCondition | StateCondition,
  ): EventFilter<D> | RunMetricFilter | RunStateFilter {
    if (isMetricCondition(other) || other instanceof StateCondition) {
      if (this.domain !== 'run') {
        throw new ValidationError('filter', 'a metric or state condition combines only with a run filter');
      }
      return other.and(this as unknown as RunEventFilter);
    }
    checkSameDomain(this, other, 'and');
    return new EventFilter(this.domain, logical('$and', [this.node, other.node]));
  }

  /**
   * Either condition.
   *
   * @example
   * ```ts
   * ArtifactEvent.alias.eq('prod').or(ArtifactEvent.alias.eq('production'));
   * ```
   */
  or(other: EventFilter<D>): EventFilter<D> {
    checkSameDomain(this, other, 'or');
    return new EventFilter(this.domain, logical('$or', [this.node, other.node]));
  }

  /**
   * The negation (`{"$not": …}`; a negated `$or` is sent as `$nor`, as the official client does).
   *
   * @example
   * ```ts
   * ArtifactEvent.alias.eq('staging').not();
   * ```
   */
  not(): EventFilter<D> {
    return new EventFilter(this.domain, { kind: '$not', expr: this.node });
  }

  /**
   * The filter as a Mongo-style object (not simplified, not wrapped).
   *
   * @example
   * ```ts
   * RunEvent.name.eq('x').toMongo(); // { display_name: { $eq: 'x' } }
   * ```
   */
  toMongo(): unknown {
    return nodeToMongo(this.node);
  }
}

/**
 * A filter of artifact events (`OnLinkArtifact`, `OnAddArtifactAlias`, ...), on `alias` and `tag`.
 *
 * @example
 * ```ts
 * const f: ArtifactEventFilter = ArtifactEvent.alias.eq('prod');
 * ```
 */
export type ArtifactEventFilter = EventFilter<'artifact'>;

/**
 * A filter of the runs a run event watches, on the run's `name` (its display name).
 *
 * @example
 * ```ts
 * const f: RunEventFilter = RunEvent.name.contains('baseline');
 * ```
 */
export type RunEventFilter = EventFilter<'run'>;

function checkSameDomain(
  a: EventFilter<FilterDomain>,
  b: unknown,
  op: string,
): asserts b is EventFilter<FilterDomain> {
  if (!(b instanceof EventFilter)) {
    throw new ValidationError('filter', `${op}() expects a filter, got ${describeValue(b)}`);
  }
  if (a.domain !== b.domain) {
    throw new ValidationError('filter', `cannot combine an ${a.domain} filter with a ${b.domain} filter`);
  }
}

function checkScalar(value: unknown, parameter: string): FilterScalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new ValidationError(
    parameter,
    `expected a string, a finite number or a boolean, got ${describeValue(value)}`,
  );
}

function checkScalars(values: unknown, parameter: string): FilterScalar[] {
  if (!Array.isArray(values) && !(values instanceof Set)) {
    throw new ValidationError(parameter, `expected an array of values, got ${describeValue(values)}`);
  }
  return [...(values as Iterable<unknown>)].map((v, i) => checkScalar(v, `${parameter}[${i}]`));
}

function checkText(value: unknown, parameter: string): string {
  if (typeof value !== 'string')
    throw new ValidationError(parameter, `expected a string, got ${describeValue(value)}`);
  return value;
}

/**
 * A field of an event that filters compare: `ArtifactEvent.alias`, `ArtifactEvent.tag`,
 * `RunEvent.name`. Each method gives an {@link EventFilter}.
 *
 * @example
 * ```ts
 * ArtifactEvent.alias.matchesRegex('^prod-.*');
 * RunEvent.name.in(['baseline', 'ablation']);
 * ```
 */
export class FilterField<D extends FilterDomain> {
  /** The field's name on the wire (`RunEvent.name` is `display_name`). */
  readonly field: string;
  readonly #domain: D;

  /** @internal The fields are {@link ArtifactEvent}'s and {@link RunEvent}'s. */
  constructor(domain: D, field: string) {
    this.#domain = domain;
    this.field = field;
  }

  #op(op: string, value: unknown): EventFilter<D> {
    return new EventFilter(this.#domain, { kind: 'field', field: this.field, condition: { [op]: value } });
  }

  /**
   * Equal to `value`.
   *
   * @example
   * ```ts
   * ArtifactEvent.alias.eq('prod'); // {"alias":{"$eq":"prod"}}
   * ```
   */
  eq(value: FilterScalar): EventFilter<D> {
    return this.#op('$eq', checkScalar(value, this.field));
  }
  /**
   * Not equal to `value`.
   *
   * @example
   * ```ts
   * RunEvent.name.ne('scratch');
   * ```
   */
  ne(value: FilterScalar): EventFilter<D> {
    return this.#op('$ne', checkScalar(value, this.field));
  }
  /**
   * Greater than `value`.
   *
   * @example
   * ```ts
   * RunEvent.name.gt('run-100');
   * ```
   */
  gt(value: FilterScalar): EventFilter<D> {
    return this.#op('$gt', checkScalar(value, this.field));
  }
  /**
   * Greater than or equal to `value`.
   *
   * @example
   * ```ts
   * RunEvent.name.gte('run-100');
   * ```
   */
  gte(value: FilterScalar): EventFilter<D> {
    return this.#op('$gte', checkScalar(value, this.field));
  }
  /**
   * Less than `value`.
   *
   * @example
   * ```ts
   * RunEvent.name.lt('run-100');
   * ```
   */
  lt(value: FilterScalar): EventFilter<D> {
    return this.#op('$lt', checkScalar(value, this.field));
  }
  /**
   * Less than or equal to `value`.
   *
   * @example
   * ```ts
   * RunEvent.name.lte('run-100');
   * ```
   */
  lte(value: FilterScalar): EventFilter<D> {
    return this.#op('$lte', checkScalar(value, this.field));
  }
  /**
   * One of `values`.
   *
   * @example
   * ```ts
   * ArtifactEvent.alias.in(['prod', 'staging']); // {"alias":{"$in":["prod","staging"]}}
   * ```
   */
  in(values: readonly FilterScalar[]): EventFilter<D> {
    return this.#op('$in', checkScalars(values, this.field));
  }
  /**
   * None of `values`.
   *
   * @example
   * ```ts
   * ArtifactEvent.tag.notIn(['wip']);
   * ```
   */
  notIn(values: readonly FilterScalar[]): EventFilter<D> {
    return this.#op('$nin', checkScalars(values, this.field));
  }
  /**
   * Matches a regular expression (given as text, in the server's syntax).
   *
   * @example
   * ```ts
   * ArtifactEvent.alias.matchesRegex('prod-.*'); // {"alias":{"$regex":"prod-.*"}}
   * ```
   */
  matchesRegex(pattern: string): EventFilter<D> {
    return this.#op('$regex', checkText(pattern, this.field));
  }
  /**
   * Contains `text` (W&B's `$contains`).
   *
   * @example
   * ```ts
   * RunEvent.name.contains('baseline'); // {"display_name":{"$contains":"baseline"}}
   * ```
   */
  contains(text: string): EventFilter<D> {
    return this.#op('$contains', checkText(text, this.field));
  }
  /**
   * The field is set (`true`, the default) or not.
   *
   * @example
   * ```ts
   * ArtifactEvent.tag.exists();
   * ```
   */
  exists(exists = true): EventFilter<D> {
    if (typeof exists !== 'boolean') {
      throw new ValidationError(this.field, `expected a boolean, got ${describeValue(exists)}`);
    }
    return this.#op('$exists', exists);
  }
}

// --- Run metric conditions ------------------------------------------------------------------

/**
 * How a metric's values over a window are combined: `MAX`, `MIN` or `AVERAGE`.
 *
 * @example
 * ```ts
 * const agg: MetricAggregation = 'AVERAGE';
 * ```
 */
export type MetricAggregation = 'MAX' | 'MIN' | 'AVERAGE';

/**
 * Which way a metric must move: `INCREASE`, `DECREASE` or `ANY`.
 *
 * @example
 * ```ts
 * const dir: ChangeDirection = 'INCREASE';
 * ```
 */
export type ChangeDirection = 'INCREASE' | 'DECREASE' | 'ANY';

/**
 * A comparison of a threshold condition.
 *
 * @example
 * ```ts
 * const cmp: ThresholdComparison = '$gte';
 * ```
 */
export type ThresholdComparison = '$gt' | '$gte' | '$lt' | '$lte';

function checkWindow(value: unknown, parameter: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError(parameter, `expected an integer of at least 1, got ${describeValue(value)}`);
  }
  return value;
}

function checkNumber(value: unknown, parameter: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError(parameter, `expected a finite number, got ${describeValue(value)}`);
  }
  return value;
}

function checkPositive(value: unknown, parameter: string): number {
  const n = checkNumber(value, parameter);
  if (n <= 0) throw new ValidationError(parameter, `expected a positive number, got ${n}`);
  return n;
}

function checkMetricName(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError('metric', `expected a metric name, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A run metric condition: a {@link MetricThreshold}, {@link MetricChange} or {@link MetricZScore}.
 *
 * @example
 * ```ts
 * const c: MetricCondition = RunEvent.metric('loss').gt(1);
 * ```
 */
export type MetricCondition = MetricThreshold | MetricChange | MetricZScore;

function isMetricCondition(v: unknown): v is MetricCondition {
  return v instanceof MetricThreshold || v instanceof MetricChange || v instanceof MetricZScore;
}

/**
 * A metric compared with a threshold (event `RUN_METRIC`): the last value, or the max, min or
 * average of the last `window` values.
 *
 * @example
 * ```ts
 * const c = RunEvent.metric('loss').mean(5).gt(0.5); // average of the last 5 values > 0.5
 * console.log(c.aggregation, c.window, c.comparison, c.threshold); // 'AVERAGE' 5 '$gt' 0.5
 * ```
 */
export class MetricThreshold {
  /** The metric's name. */
  readonly name: string;
  /** How the window's values are combined, or `undefined` for the last value. */
  readonly aggregation: MetricAggregation | undefined;
  /** The window size (1 without an aggregation). */
  readonly window: number;
  /** The comparison. */
  readonly comparison: ThresholdComparison;
  /** The threshold. */
  readonly threshold: number;

  /**
   * @internal Made by `RunEvent.metric(...).gt(...)` and the like.
   * @throws {@link ValidationError} for a bad window, comparison or threshold.
   */
  constructor(fields: {
    name: string;
    aggregation: MetricAggregation | undefined;
    window: number;
    comparison: ThresholdComparison;
    threshold: number;
  }) {
    this.name = checkMetricName(fields.name);
    this.aggregation = fields.aggregation;
    this.window = checkWindow(fields.window, 'window');
    if (!['$gt', '$gte', '$lt', '$lte'].includes(fields.comparison)) {
      throw new ValidationError(
        'comparison',
        `expected $gt, $gte, $lt or $lte, got ${describeValue(fields.comparison)}`,
      );
    }
    this.comparison = fields.comparison;
    this.threshold = checkNumber(fields.threshold, 'threshold');
  }

  /**
   * This condition for runs that also match `runs`.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').gt(1).and(RunEvent.name.contains('baseline'));
   * ```
   */
  and(runs: RunEventFilter): RunMetricFilter {
    return new RunMetricFilter(this, runs);
  }

  /** @internal The wire object (`run_metric_filter`). */
  toWire(): Record<string, unknown> {
    return {
      threshold_filter: {
        name: this.name,
        agg_op: this.aggregation ?? null,
        window_size: this.window,
        cmp_op: this.comparison,
        threshold: this.threshold,
      },
    };
  }
}

/**
 * Options of a change condition ({@link MetricOperand.changes}).
 *
 * @example
 * ```ts
 * const o: MetricChangeOptions = { by: 0.1, relative: true, direction: 'INCREASE' };
 * ```
 */
export interface MetricChangeOptions {
  /** How much the metric must change: a positive number (a fraction with `relative`: 0.1 = 10 %). */
  by: number;
  /** `true`: `by` is relative to the prior window's value; default `false` (an absolute difference). */
  relative?: boolean;
  /** Which way: `INCREASE`, `DECREASE` or `ANY` (default). */
  direction?: ChangeDirection;
  /**
   * The current window's size (values compared); default the aggregation's window
   * (`.mean(n)`, ...), else 1. Giving both is a `ValidationError` when they differ.
   */
  window?: number;
  /** The prior window's size; default the current window's. */
  priorWindow?: number;
}

/**
 * A change of a metric between the current window and the prior one (event `RUN_METRIC_CHANGE`).
 *
 * @example
 * ```ts
 * const c = RunEvent.metric('loss').mean(5).changes({ by: 0.1, relative: true });
 * console.log(c.changeType, c.direction, c.amount); // 'RELATIVE' 'ANY' 0.1
 * ```
 */
export class MetricChange {
  /** The metric's name. */
  readonly name: string;
  /** How each window's values are combined, or `undefined`. */
  readonly aggregation: MetricAggregation | undefined;
  /** The current window's size. */
  readonly window: number;
  /** The prior window's size. */
  readonly priorWindow: number;
  /** `ABSOLUTE` (a difference) or `RELATIVE` (a fraction of the prior value). */
  readonly changeType: 'ABSOLUTE' | 'RELATIVE';
  /** Which way the metric must move. */
  readonly direction: ChangeDirection;
  /** The change amount (positive). */
  readonly amount: number;

  /**
   * @internal Made by `RunEvent.metric(...).changes(...)` and the like.
   * @throws {@link ValidationError} for a bad window, amount or direction.
   */
  constructor(fields: {
    name: string;
    aggregation: MetricAggregation | undefined;
    window: number;
    priorWindow?: number | undefined;
    changeType: 'ABSOLUTE' | 'RELATIVE';
    direction: ChangeDirection;
    amount: number;
  }) {
    this.name = checkMetricName(fields.name);
    this.aggregation = fields.aggregation;
    this.window = checkWindow(fields.window, 'window');
    this.priorWindow = checkWindow(fields.priorWindow ?? this.window, 'priorWindow');
    this.changeType = fields.changeType;
    this.direction = checkDirection(fields.direction);
    this.amount = checkPositive(fields.amount, 'by');
  }

  /**
   * This condition for runs that also match `runs`.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').changes({ by: 2 }).and(RunEvent.name.eq('baseline'));
   * ```
   */
  and(runs: RunEventFilter): RunMetricFilter {
    return new RunMetricFilter(this, runs);
  }

  /** @internal The wire object (`run_metric_filter`). */
  toWire(): Record<string, unknown> {
    return {
      change_filter: {
        name: this.name,
        agg_op: this.aggregation ?? null,
        current_window_size: this.window,
        change_amount: this.amount,
        prior_window_size: this.priorWindow,
        change_type: this.changeType,
        change_dir: this.direction,
      },
    };
  }
}

function checkDirection(value: unknown): ChangeDirection {
  if (value === 'INCREASE' || value === 'DECREASE' || value === 'ANY') return value;
  throw new ValidationError('direction', `expected INCREASE, DECREASE or ANY, got ${describeValue(value)}`);
}

/**
 * A metric's z-score over a window beyond a threshold (event `RUN_METRIC_ZSCORE`; servers with
 * `AUTOMATION_EVENT_RUN_METRIC_ZSCORE`).
 *
 * @example
 * ```ts
 * const c = RunEvent.metric('loss').zscore(30).abs().gt(3);
 * console.log(c.window, c.threshold, c.direction); // 30 3 'ANY'
 * ```
 */
export class MetricZScore {
  /** The metric's name. */
  readonly name: string;
  /** The window the mean and standard deviation are computed over. */
  readonly window: number;
  /** The z-score threshold (positive). */
  readonly threshold: number;
  /** `INCREASE` (above +threshold), `DECREASE` (below −threshold) or `ANY` (either). */
  readonly direction: ChangeDirection;

  /**
   * @internal Made by `RunEvent.metric(...).zscore(...)`.
   * @throws {@link ValidationError} for a bad window, threshold or direction.
   */
  constructor(fields: { name: string; window: number; threshold: number; direction: ChangeDirection }) {
    this.name = checkMetricName(fields.name);
    this.window = checkWindow(fields.window, 'window');
    this.threshold = checkPositive(fields.threshold, 'threshold');
    this.direction = checkDirection(fields.direction);
  }

  /**
   * This condition for runs that also match `runs`.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').zscore(30).gt(3).and(RunEvent.name.contains('prod'));
   * ```
   */
  and(runs: RunEventFilter): RunMetricFilter {
    return new RunMetricFilter(this, runs);
  }

  /** @internal The wire object (`run_metric_filter`). */
  toWire(): Record<string, unknown> {
    return {
      zscore_filter: {
        name: this.name,
        window_size: this.window,
        threshold: this.threshold,
        change_dir: this.direction,
      },
    };
  }
}

/**
 * A metric (or its aggregation over a window), the left side of a metric condition. Get one
 * with `RunEvent.metric(name)`; `.max(n)`, `.min(n)`, `.mean(n)` aggregate it.
 *
 * @example
 * ```ts
 * RunEvent.metric('loss').gt(1);
 * RunEvent.metric('acc').max(3).lte(0.2);
 * RunEvent.metric('loss').mean(5).changes({ by: 0.1, relative: true, direction: 'INCREASE' });
 * ```
 */
export class MetricOperand {
  /** The metric's name. */
  readonly name: string;
  /** The aggregation, or `undefined` for the last value. */
  readonly aggregation: MetricAggregation | undefined;
  /** The window size (1 without an aggregation). */
  readonly window: number;

  /** @internal Made by `RunEvent.metric(name)`. */
  constructor(name: string, aggregation?: MetricAggregation, window = 1) {
    this.name = checkMetricName(name);
    this.aggregation = aggregation;
    this.window = checkWindow(window, 'window');
  }

  #aggregate(aggregation: MetricAggregation, window: number): MetricOperand {
    if (this.aggregation !== undefined) {
      throw new ValidationError('metric', `${this.name} is already aggregated (${this.aggregation})`);
    }
    return new MetricOperand(this.name, aggregation, checkWindow(window, 'window'));
  }

  /**
   * The maximum of the last `window` values (an integer ≥ 1).
   *
   * @example
   * ```ts
   * RunEvent.metric('acc').max(3).lte(2);
   * ```
   */
  max(window: number): MetricOperand {
    return this.#aggregate('MAX', window);
  }
  /**
   * The minimum of the last `window` values (an integer ≥ 1).
   *
   * @example
   * ```ts
   * RunEvent.metric('acc').min(3).lt(0.5);
   * ```
   */
  min(window: number): MetricOperand {
    return this.#aggregate('MIN', window);
  }
  /**
   * The average of the last `window` values (an integer ≥ 1).
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').mean(5).gt(0.5);
   * ```
   */
  mean(window: number): MetricOperand {
    return this.#aggregate('AVERAGE', window);
  }
  /**
   * The same as {@link MetricOperand.mean}.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').avg(5).gt(0.5);
   * ```
   */
  avg(window: number): MetricOperand {
    return this.#aggregate('AVERAGE', window);
  }

  #threshold(comparison: ThresholdComparison, threshold: number): MetricThreshold {
    return new MetricThreshold({
      name: this.name,
      aggregation: this.aggregation,
      window: this.window,
      comparison,
      threshold,
    });
  }
  /**
   * Greater than `threshold`.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').gt(1);
   * ```
   */
  gt(threshold: number): MetricThreshold {
    return this.#threshold('$gt', threshold);
  }
  /**
   * Greater than or equal to `threshold`.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').gte(1);
   * ```
   */
  gte(threshold: number): MetricThreshold {
    return this.#threshold('$gte', threshold);
  }
  /**
   * Less than `threshold`.
   *
   * @example
   * ```ts
   * RunEvent.metric('acc').lt(0.5);
   * ```
   */
  lt(threshold: number): MetricThreshold {
    return this.#threshold('$lt', threshold);
  }
  /**
   * Less than or equal to `threshold`.
   *
   * @example
   * ```ts
   * RunEvent.metric('acc').lte(0.5);
   * ```
   */
  lte(threshold: number): MetricThreshold {
    return this.#threshold('$lte', threshold);
  }

  /**
   * A change between the current window and the prior one (event `RUN_METRIC_CHANGE`).
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').mean(5).changes({ by: 0.1, relative: true }); // ±10 % of the 5-value average
   * RunEvent.metric('loss').changes({ by: 2, direction: 'INCREASE' });
   * ```
   */
  changes(options: MetricChangeOptions): MetricChange {
    if (!isPlainObject(options)) {
      throw new ValidationError(
        'changes',
        `expected an object { by, relative, direction, window }, got ${describeValue(options)}`,
      );
    }
    const relative = options.relative ?? false;
    if (typeof relative !== 'boolean') {
      throw new ValidationError('relative', `expected a boolean, got ${describeValue(relative)}`);
    }
    let window = this.window;
    if (options.window !== undefined) {
      const given = checkWindow(options.window, 'window');
      if (this.aggregation !== undefined && given !== this.window) {
        throw new ValidationError('window', `${given} differs from the aggregation's window ${this.window}`);
      }
      window = given;
    }
    return new MetricChange({
      name: this.name,
      aggregation: this.aggregation,
      window,
      priorWindow: options.priorWindow,
      changeType: relative ? 'RELATIVE' : 'ABSOLUTE',
      direction: options.direction ?? 'ANY',
      amount: options.by,
    });
  }
  /**
   * An increase by at least `by` (absolute; `{ relative: true }` for a fraction).
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').increasesBy(2);
   * ```
   */
  increasesBy(by: number, options: Omit<MetricChangeOptions, 'by' | 'direction'> = {}): MetricChange {
    return this.changes({ ...options, by, direction: 'INCREASE' });
  }
  /**
   * A decrease by at least `by` (absolute; `{ relative: true }` for a fraction).
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').min(4).decreasesBy(0.5);
   * ```
   */
  decreasesBy(by: number, options: Omit<MetricChangeOptions, 'by' | 'direction'> = {}): MetricChange {
    return this.changes({ ...options, by, direction: 'DECREASE' });
  }

  /**
   * The metric's z-score over the last `window` values (default 30), to compare with
   * `.gt(t)` (above +t), `.lt(-t)` (below −t) or `.abs().gt(t)` (either way).
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').zscore(30).gt(3);
   * ```
   */
  zscore(window = 30): ZScoreOperand {
    if (this.aggregation !== undefined) {
      throw new ValidationError('metric', 'a z-score is computed over the raw values: drop the aggregation');
    }
    return new ZScoreOperand(this.name, checkWindow(window, 'window'), false);
  }
}

/**
 * A metric's z-score, the left side of a {@link MetricZScore} condition. `>=` is the same as
 * `>` and `<=` as `<` (the server compares inclusively).
 *
 * @example
 * ```ts
 * RunEvent.metric('loss').zscore(10).abs().gt(2.5);
 * RunEvent.metric('loss').zscore(30).lt(-3);
 * ```
 */
export class ZScoreOperand {
  readonly #name: string;
  readonly #window: number;
  readonly #absolute: boolean;

  /** @internal Made by {@link MetricOperand.zscore}. */
  constructor(name: string, window: number, absolute: boolean) {
    this.#name = name;
    this.#window = window;
    this.#absolute = absolute;
  }

  /**
   * Either direction: `.abs().gt(t)` fires when |z| > t.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').zscore().abs().gt(3);
   * ```
   */
  abs(): ZScoreOperand {
    return new ZScoreOperand(this.#name, this.#window, true);
  }

  /**
   * Above `threshold` (positive), or beyond it either way after `.abs()`.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').zscore(30).gt(3);
   * ```
   */
  gt(threshold: number): MetricZScore {
    const t = checkNumber(threshold, 'threshold');
    if (t <= 0) throw new ValidationError('threshold', `expected a positive z-score threshold, got ${t}`);
    return new MetricZScore({
      name: this.#name,
      window: this.#window,
      threshold: Math.abs(t),
      direction: this.#absolute ? 'ANY' : 'INCREASE',
    });
  }
  /**
   * The same as {@link ZScoreOperand.gt}.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').zscore(30).gte(3);
   * ```
   */
  gte(threshold: number): MetricZScore {
    return this.gt(threshold);
  }
  /**
   * Below `threshold` (negative). Not after `.abs()`.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').zscore(30).lt(-3);
   * ```
   */
  lt(threshold: number): MetricZScore {
    if (this.#absolute)
      throw new ValidationError('threshold', 'an absolute z-score cannot be compared with lt()');
    const t = checkNumber(threshold, 'threshold');
    if (t >= 0) throw new ValidationError('threshold', `expected a negative z-score threshold, got ${t}`);
    return new MetricZScore({
      name: this.#name,
      window: this.#window,
      threshold: Math.abs(t),
      direction: 'DECREASE',
    });
  }
  /**
   * The same as {@link ZScoreOperand.lt}.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').zscore(30).lte(-3);
   * ```
   */
  lte(threshold: number): MetricZScore {
    return this.lt(threshold);
  }
}

// --- Run state conditions ---------------------------------------------------------------------

/**
 * The run states a run state event watches for (`CRASHED` is accepted as `FAILED`; case does
 * not matter in the input).
 *
 * @example
 * ```ts
 * const s: RunStateName = 'FAILED';
 * ```
 */
export type RunStateName = 'RUNNING' | 'FINISHED' | 'FAILED';

const STATES: readonly RunStateName[] = ['RUNNING', 'FINISHED', 'FAILED'];

function checkState(value: unknown, parameter: string): RunStateName {
  if (typeof value === 'string') {
    const upper = value.trim().toUpperCase();
    if (upper === 'CRASHED') return 'FAILED';
    if ((STATES as readonly string[]).includes(upper)) return upper as RunStateName;
  }
  throw new ValidationError(
    parameter,
    `expected one of running, finished, failed (or crashed), got ${describeValue(value)}`,
  );
}

/**
 * The run states an `OnRunState` event fires for. Get one with `RunEvent.state.eq(...)` or
 * `RunEvent.state.in([...])`.
 *
 * @example
 * ```ts
 * const c = RunEvent.state.in(['failed', 'finished']);
 * console.log(c.states); // ['FAILED', 'FINISHED']
 * ```
 */
export class StateCondition {
  /** The states, upper case, deduplicated and sorted (as the official client sends them). */
  readonly states: readonly RunStateName[];

  /**
   * @internal Made by `RunEvent.state`.
   * @throws {@link ValidationError} for an empty list or an unknown state.
   */
  constructor(states: Iterable<string>) {
    const list = [...states].map((s, i) => checkState(s, `states[${i}]`));
    if (list.length === 0) throw new ValidationError('states', 'expected at least one run state');
    this.states = Object.freeze([...new Set(list)].sort());
  }

  /**
   * This condition for runs that also match `runs`.
   *
   * @example
   * ```ts
   * RunEvent.state.eq('failed').and(RunEvent.name.contains('prod'));
   * ```
   */
  and(runs: RunEventFilter): RunStateFilter {
    return new RunStateFilter(this, runs);
  }
}

// --- Whole run event filters ----------------------------------------------------------------

/** The empty And, the default run filter. */
const EMPTY_AND: FilterNode = { kind: '$and', exprs: [] };

function checkRunFilter(runs: unknown): RunEventFilter {
  if (!(runs instanceof EventFilter) || runs.domain !== 'run') {
    throw new ValidationError(
      'filter',
      `expected a run filter (RunEvent.name...), got ${describeValue(runs)}`,
    );
  }
  return runs as RunEventFilter;
}

/**
 * The whole filter of an `OnRunMetric` event: a metric condition and the runs it applies to.
 *
 * @example
 * ```ts
 * const f = RunEvent.metric('loss').gt(1).and(RunEvent.name.contains('baseline'));
 * console.log(f.metric.threshold, f.runs?.toMongo());
 * ```
 */
export class RunMetricFilter {
  /** The metric condition. */
  readonly metric: MetricCondition;
  /** The runs it applies to, or `undefined` (every run of the scope). */
  readonly runs: RunEventFilter | undefined;

  /** @internal Made by `metricCondition.and(runFilter)`. */
  constructor(metric: MetricCondition, runs?: RunEventFilter) {
    if (!isMetricCondition(metric)) {
      throw new ValidationError('filter', `expected a metric condition, got ${describeValue(metric)}`);
    }
    this.metric = metric;
    this.runs = runs === undefined ? undefined : checkRunFilter(runs);
  }

  /**
   * Narrows the runs further.
   *
   * @example
   * ```ts
   * RunEvent.metric('loss').gt(1).and(RunEvent.name.contains('a')).and(RunEvent.name.ne('ab'));
   * ```
   */
  and(runs: RunEventFilter): RunMetricFilter {
    const more = checkRunFilter(runs);
    return new RunMetricFilter(this.metric, this.runs ? this.runs.and(more) : more);
  }
}

/**
 * The whole filter of an `OnRunState` event: the states and the runs they apply to.
 *
 * @example
 * ```ts
 * const f = RunEvent.state.eq('failed').and(RunEvent.name.eq('nightly'));
 * ```
 */
export class RunStateFilter {
  /** The states. */
  readonly state: StateCondition;
  /** The runs it applies to, or `undefined` (every run of the scope). */
  readonly runs: RunEventFilter | undefined;

  /** @internal Made by `stateCondition.and(runFilter)`. */
  constructor(state: StateCondition, runs?: RunEventFilter) {
    if (!(state instanceof StateCondition)) {
      throw new ValidationError(
        'filter',
        `expected a state condition (RunEvent.state...), got ${describeValue(state)}`,
      );
    }
    this.state = state;
    this.runs = runs === undefined ? undefined : checkRunFilter(runs);
  }

  /**
   * Narrows the runs further.
   *
   * @example
   * ```ts
   * RunEvent.state.eq('failed').and(RunEvent.name.contains('a')).and(RunEvent.name.ne('ab'));
   * ```
   */
  and(runs: RunEventFilter): RunStateFilter {
    const more = checkRunFilter(runs);
    return new RunStateFilter(this.state, this.runs ? this.runs.and(more) : more);
  }
}

// --- Entry points ---------------------------------------------------------------------------

/**
 * The fields run events filter on: `RunEvent.name` (the run's display name), `RunEvent.state`,
 * and `RunEvent.metric(name)`.
 *
 * @example
 * ```ts
 * const onLoss = RunEvent.metric('loss').mean(5).gt(0.5).and(RunEvent.name.contains('baseline'));
 * const onFail = RunEvent.state.in(['FAILED']);
 * ```
 */
export const RunEvent = /* @__PURE__ */ Object.freeze({
  /** The run's display name (`display_name` on the wire). */
  name: /* @__PURE__ */ new FilterField('run', 'display_name'),
  /** The run's state: `.eq(state)` or `.in(states)`. */
  state: /* @__PURE__ */ Object.freeze({
    /**
     * One state.
     *
     * @example
     * ```ts
     * RunEvent.state.eq('finished');
     * ```
     */
    eq(state: RunStateName | Lowercase<RunStateName> | 'CRASHED' | 'crashed'): StateCondition {
      return new StateCondition([state]);
    },
    /**
     * Any of `states`.
     *
     * @example
     * ```ts
     * RunEvent.state.in(['FAILED', 'FINISHED']);
     * ```
     */
    in(states: readonly (RunStateName | Lowercase<RunStateName> | 'CRASHED' | 'crashed')[]): StateCondition {
      if (!Array.isArray(states))
        throw new ValidationError('states', `expected an array, got ${describeValue(states)}`);
      return new StateCondition(states);
    },
  }),
  /**
   * A metric the run logs.
   *
   * @example
   * ```ts
   * RunEvent.metric('val/loss').min(3).lt(0.1);
   * ```
   */
  metric(name: string): MetricOperand {
    return new MetricOperand(name);
  },
});

/**
 * The fields artifact events filter on: `ArtifactEvent.alias` and `ArtifactEvent.tag`.
 *
 * @example
 * ```ts
 * const f = ArtifactEvent.alias.eq('prod');
 * ```
 */
export const ArtifactEvent = /* @__PURE__ */ Object.freeze({
  /** An alias of the artifact version. */
  alias: /* @__PURE__ */ new FilterField('artifact', 'alias'),
  /** A tag (of the version or the collection, depending on the event). */
  tag: /* @__PURE__ */ new FilterField('artifact', 'tag'),
});

// --- Encoding and parsing -------------------------------------------------------------------

/** The Mongo-style object of a node. */
function nodeToMongo(node: FilterNode): unknown {
  switch (node.kind) {
    case 'field':
      return { [node.field]: node.condition };
    case '$and':
    case '$or':
    case '$nor':
      return { [node.kind]: node.exprs.map(nodeToMongo) };
    case '$not':
      return { $not: nodeToMongo(node.expr) };
    case 'raw':
      return node.value;
  }
}

/**
 * The official client's simplification (`simplify_expr`): nested And/Or/Nor of the same kind
 * flattened, single children unnested, `$not` of `$not`/`$or`/`$nor` inverted.
 */
export function simplify(node: FilterNode): FilterNode {
  switch (node.kind) {
    case '$and':
    case '$or':
    case '$nor': {
      const flat: FilterNode[] = [];
      const collect = (n: FilterNode): void => {
        if (n.kind === node.kind && 'exprs' in n) n.exprs.forEach(collect);
        else flat.push(n);
      };
      node.exprs.forEach(collect);
      const exprs = flat.map(simplify);
      return exprs.length === 1 ? (exprs[0] as FilterNode) : logical(node.kind, exprs);
    }
    case '$not': {
      const inner = node.expr;
      if (inner.kind === '$not') return simplify(inner.expr);
      if (inner.kind === '$or') return simplify(logical('$nor', inner.exprs));
      if (inner.kind === '$nor') return simplify(logical('$or', inner.exprs));
      return { kind: '$not', expr: simplify(inner) };
    }
    default:
      return node;
  }
}

/** `And.wrap`: the node if it is an And, else an And of it. */
function wrapIn(kind: '$and' | '$or', node: FilterNode): FilterNode {
  return node.kind === kind ? node : logical(kind, [node]);
}

/**
 * The `eventFilter` of an artifact (mutation) event: the filter simplified and wrapped as
 * `{"$or":[{"$and":[…]}]}`, compact JSON.
 *
 * @example
 * ```ts
 * encodeMutationFilter(ArtifactEvent.alias.eq('prod')); // '{"$or":[{"$and":[{"alias":{"$eq":"prod"}}]}]}'
 * ```
 */
export function encodeMutationFilter(filter: ArtifactEventFilter | undefined): string {
  const node = filter ? simplify(filter.node) : EMPTY_AND;
  return JSON.stringify(nodeToMongo(wrapIn('$or', wrapIn('$and', node))));
}

/** The `run_filter` string: the run filter simplified and wrapped in `$and`. */
function encodeRunFilter(runs: RunEventFilter | undefined): string {
  const node = runs ? simplify(runs.node) : EMPTY_AND;
  return JSON.stringify(nodeToMongo(wrapIn('$and', node)));
}

/**
 * The `eventFilter` of an `OnRunMetric` event (compact JSON; `metric_filter` is always `null`,
 * as the official client sends it).
 *
 * @example
 * ```ts
 * encodeRunMetricFilter(new RunMetricFilter(RunEvent.metric('loss').gt(1)));
 * // '{"run_filter":"{\"$and\":[]}","run_metric_filter":{"threshold_filter":{...}},"metric_filter":null}'
 * ```
 */
export function encodeRunMetricFilter(filter: RunMetricFilter): string {
  return JSON.stringify({
    run_filter: encodeRunFilter(filter.runs),
    run_metric_filter: filter.metric.toWire(),
    metric_filter: null,
  });
}

/**
 * The `eventFilter` of an `OnRunState` event (compact JSON).
 *
 * @example
 * ```ts
 * encodeRunStateFilter(new RunStateFilter(RunEvent.state.eq('failed')));
 * // '{"run_filter":"{\"$and\":[]}","run_state_filter":{"states":["FAILED"]}}'
 * ```
 */
export function encodeRunStateFilter(filter: RunStateFilter): string {
  return JSON.stringify({
    run_filter: encodeRunFilter(filter.runs),
    run_state_filter: { states: filter.state.states },
  });
}
