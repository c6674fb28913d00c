/**
 * W&B sweeps: {@link Sweep}, built from the `SweepFields` fragment (or the legacy selection older
 * servers answer), and the run order a sweep's metric implies ({@link sweepMetricOrder}). The
 * functions that get and list sweeps are in `sweeps.ts`; a sweep's runs come from the runs
 * domain, through the context.
 *
 * @example
 * ```ts
 * const sweep = await api.sweep('acme/vision/k3x9a0qz');
 * console.log(sweep.name, sweep.state, await sweep.runs.totalCount());
 * ```
 * @module
 */
import type { SweepFieldsFragment, SweepLegacyFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { isPlainObject } from '../core/validate.js';
import { sweepUrl } from '../paths/urls.js';
import type { RunFilter } from '../runs/filters.js';
import type { Run } from '../runs/run.js';
import type { Runs } from '../runs/runs.js';

/**
 * Options of {@link Sweep.bestRun}.
 *
 * @example
 * ```ts
 * const best = await sweep.bestRun({ order: '-summary_metrics.val_acc', signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface BestRunOptions extends Pick<RequestOptions, 'signal'> {
  /**
   * The run order that puts the best run first, in the grammar of {@link Api.runs}
   * (`-summary_metrics.accuracy`). Default: from the sweep config's `metric` (see
   * {@link sweepMetricOrder}).
   */
  order?: string;
}

/** Run columns a sweep metric may name as they are (wandb-ops.md §7.2). */
const METRIC_COLUMNS: readonly string[] = ['createdAt', 'updatedAt', 'name', 'sweep'];
/** Prefixes a sweep metric keeps instead of becoming `summary_metrics.<name>` (wandb-ops.md §7.2). */
const METRIC_PREFIXES: readonly string[] = ['config', 'summary_metrics', 'tags'];

/**
 * The run order a sweep config's `metric { name, goal }` implies, as the official client derives
 * it: `+` for `goal: minimize` (also when no goal is given), `-` otherwise; the name becomes
 * `summary_metrics.<name>` unless it is a run column (`createdAt`, `updatedAt`, `name`, `sweep`)
 * or a dotted path under `config`, `summary_metrics` or `tags`. `undefined` when the config names
 * no metric.
 *
 * @example
 * ```ts
 * sweepMetricOrder({ metric: { name: 'val_loss', goal: 'minimize' } }); // '+summary_metrics.val_loss'
 * sweepMetricOrder({ metric: { name: 'acc', goal: 'maximize' } }); // '-summary_metrics.acc'
 * sweepMetricOrder({ method: 'grid' }); // undefined
 * ```
 */
export function sweepMetricOrder(config: Readonly<Record<string, unknown>>): string | undefined {
  const metric = config.metric;
  if (!isPlainObject(metric) || typeof metric.name !== 'string' || metric.name.trim() === '')
    return undefined;
  const name = metric.name.trim();
  const goal = metric.goal ?? 'minimize';
  const parts = name.split('.');
  const asIs =
    (parts.length === 1 && METRIC_COLUMNS.includes(name)) ||
    (parts.length > 1 && METRIC_PREFIXES.includes(parts[0] as string));
  return `${goal === 'minimize' ? '+' : '-'}${asIs ? name : `summary_metrics.${name}`}`;
}

/**
 * Sweep states as W&B reports them. Other strings may appear on newer servers.
 *
 * @example
 * ```ts
 * const state: SweepState = (await api.sweep('acme/vision/k3x9a0qz')).state;
 * if (state === 'RUNNING') console.log('still searching');
 * ```
 */
export type SweepState = 'RUNNING' | 'PAUSED' | 'FINISHED' | 'CANCELED' | 'CRASHED' | (string & {});

/**
 * A hyperparameter sweep. Get one with {@link Api.sweep} (or {@link Api.fromPath}), list a
 * project's with {@link Project.sweeps}; runs listed with `includeSweeps: true` carry theirs as
 * `run.sweep`.
 *
 * @example
 * ```ts
 * const sweep = await api.sweep('acme/vision/k3x9a0qz');
 * console.log(sweep.name, sweep.state, sweep.config.method, `${sweep.runCount} runs`);
 * const best = await sweep.bestRun(); // by the config's metric
 * for await (const run of sweep.runs) console.log(run.id, run.summary.val_loss);
 * ```
 */
export abstract class Sweep {
  /** The sweep id, e.g. `k3x9a0qz` (GraphQL `name`; what runs' `sweepName` holds). */
  readonly id: string;
  /** The server's node id (GraphQL `id`). */
  readonly storageId: string;
  /** Entity that owns the sweep. */
  readonly entity: string;
  /** Project the sweep belongs to. */
  readonly project: string;
  /** Display name as set on the server, or `undefined`. */
  readonly displayName: string | undefined;
  /** State: `RUNNING`, `PAUSED`, `FINISHED`, `CANCELED`, `CRASHED`, ... */
  readonly state: SweepState;
  /** Search method: `grid`, `random`, `bayes`, ... */
  readonly method: string;
  /** Description, or `undefined`. */
  readonly description: string | undefined;
  /** The sweep configuration, parsed from the server's YAML. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Best value of the sweep's metric so far, or `undefined`. */
  readonly bestLoss: number | undefined;
  /** Number of runs in the sweep (`undefined` from servers too old to say). */
  readonly runCount: number | undefined;
  /** Runs expected when the sweep completes (grid search), or `undefined`. */
  readonly expectedRunCount: number | undefined;
  /** When the sweep was created. */
  readonly createdAt: Date | undefined;
  /** When the sweep was last updated. */
  readonly updatedAt: Date | undefined;

  readonly #ctx: FacadeContext;
  #runs: Runs | undefined;

  /** @internal The context, for the methods of `sweep-impl.ts`. */
  protected get ctx(): FacadeContext {
    return this.#ctx;
  }

  /** @internal Made by `sweepFromData()` (`sweep-impl.ts`): the config needs an asynchronous YAML parse. */
  constructor(
    ctx: FacadeContext,
    entity: string,
    project: string,
    data: SweepFieldsFragment | SweepLegacyFieldsFragment,
    config: Record<string, unknown>,
  ) {
    const full: Partial<SweepFieldsFragment> = data;
    this.#ctx = ctx;
    this.entity = entity;
    this.project = project;
    this.id = data.name;
    this.storageId = data.id;
    this.displayName = full.displayName ?? undefined;
    this.state = data.state;
    this.method = full.method ?? (typeof config.method === 'string' ? config.method : 'unknown');
    this.description = full.description ?? undefined;
    this.config = config;
    this.bestLoss = data.bestLoss ?? undefined;
    this.runCount = full.runCount;
    this.expectedRunCount = full.runCountExpected ?? undefined;
    this.createdAt = parseServerDate(full.createdAt);
    this.updatedAt = parseServerDate(full.updatedAt);
  }

  /**
   * The name to show: the display name, else the config's `name`, else the id.
   *
   * @example
   * ```ts
   * console.log(run.sweep?.name); // 'lr-sweep'
   * ```
   */
  get name(): string {
    const configName = this.config.name;
    // `||`, not `??`: an empty display name falls back too, as in the official client.
    return this.displayName || (typeof configName === 'string' && configName ? configName : this.id);
  }

  /**
   * `[entity, project, id]`.
   *
   * @example
   * ```ts
   * const [entity, project, id] = sweep.path;
   * ```
   */
  get path(): [string, string, string] {
    return [this.entity, this.project, this.id];
  }

  /**
   * The sweep's page in the W&B app.
   *
   * @example
   * ```ts
   * console.log(sweep.url); // 'https://wandb.ai/acme/vision/sweeps/k3x9a0qz'
   * ```
   */
  get url(): string {
    return sweepUrl(this.#ctx.appUrl, this.entity, this.project, this.id);
  }

  /** @internal The filter that selects this sweep's runs, as the official client sends it (by sweep id). */
  protected runFilter(): RunFilter {
    return { $and: [{ sweep: this.id }] };
  }

  /**
   * The sweep's runs, oldest first, 10 per request, fetched as you iterate (the same object on
   * every access; each iteration starts over). For other options use
   * `api.runs(path, { filters: { sweep: sweep.id }, ... })`.
   *
   * @example
   * ```ts
   * console.log(await sweep.runs.totalCount());
   * for await (const run of sweep.runs) console.log(run.id, run.config.lr, run.summary.loss);
   * ```
   */
  get runs(): Runs {
    // The default order of a listing is `+created_at`: oldest first.
    this.#runs ??= this.#ctx.projectRuns(this.where, { filters: this.runFilter(), perPage: 10 });
    return this.#runs;
  }

  /** @internal The sweep's project, for the runs domain. */
  protected get where(): { entity: string; project: string } {
    return { entity: this.entity, project: this.project };
  }

  /**
   * The best run of the sweep, fully loaded, or `undefined` when it has none: the first run in
   * `order`, which defaults to the one the sweep config's `metric` implies
   * ({@link sweepMetricOrder}). One request for one run.
   *
   * @throws {@link ValidationError} (`order`) when no order is given and the config names no
   *   metric, or for an invalid order — before any request.
   * @example
   * ```ts
   * const best = await sweep.bestRun(); // metric: { name: 'val_loss', goal: 'minimize' } -> lowest val_loss
   * const fastest = await sweep.bestRun({ order: '+summary_metrics._runtime' });
   * console.log(best?.id, best?.summary.val_loss);
   * ```
   */
  abstract bestRun(options?: BestRunOptions): Promise<Run | undefined>;

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(run.sweep!, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, storageId, entity, project, name, state, method, config, bestLoss, runCount, url } = this;
    const { expectedRunCount, createdAt } = this;
    return {
      id,
      storageId,
      entity,
      project,
      name,
      state,
      method,
      config,
      bestLoss,
      runCount,
      expectedRunCount,
      createdAt,
      url,
    };
  }
}
