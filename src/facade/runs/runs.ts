/**
 * Run listings: {@link Runs} (the lazily paginated list {@link Api.runs} returns) and the
 * functions that make one for a path or a project.
 *
 * @example
 * ```ts
 * const runs = listRuns(ctx, 'acme/vision', { filters: { state: 'finished' } });
 * console.log(await runs.totalCount());
 * ```
 * @module
 */
import type { FacadeContext } from '../core/context.js';
import { lazy } from '../core/lazy.js';
import { Paginated, validatePerPage, type ListOptions, type PageFetcher } from '../core/pagination.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { parseProjectPath, type ProjectPath } from '../paths/paths.js';
import type { RunFilter } from './filters.js';
import type { RunHistoriesOptions, RunHistory } from './bulk.js';
import { DEFAULT_RUN_ORDER } from './order-default.js';
import type { Run, RunConfig, RunSummary } from './run.js';

// The order and filter checks, the pages and `histories()`: loaded with a listing's first call.
const listings = /* @__PURE__ */ lazy(() => import('./runs-impl.js'), 'its runs/runs-impl module');

/**
 * Options of {@link Api.runs} (and `project.runs()`): a filter, an order and how much of each
 * run to fetch, plus the options of every listing (`perPage`, default 50; `start`; `signal`).
 *
 * @example
 * ```ts
 * const runs = api.runs('acme/vision', { filters: { state: 'finished' }, order: '-summary_metrics.accuracy', lazy: true });
 * ```
 */
export interface RunsOptions extends ListOptions {
  /**
   * A Mongo-style filter over run fields (`state`, `tags`, `config.<key>`,
   * `summary_metrics.<key>`, ...). Operators: `$and $or $nor $eq $ne $gt $gte $lt $lte $in $nin
   * $exists $regex`. Default: all runs.
   */
  filters?: RunFilter;
  /** `+field` (ascending), `-field` (descending) or `field`. Default `+created_at`. */
  order?: string;
  /**
   * `true` fetches only light fields; reading `config`, `summary`, `systemMetrics` or
   * `historyKeys` then needs `await run.load()`. Default `false`.
   */
  lazy?: boolean;
  /**
   * `true` also fetches the sweep of every run that belongs to one (once per sweep per listing)
   * and sets `run.sweep`. Default `false`.
   */
  includeSweeps?: boolean;
}

/** A resolved project address plus what the user asked for. @internal */
export interface RunsQuery {
  entity: string | undefined;
  project: string;
  options: RunsOptions;
}

/**
 * A lazily paginated list of runs, returned by {@link Api.runs}. Iterate it with `for await`,
 * or use `toArray()`, `first()`, `pages()`; `totalCount()` is the server's count for the filter.
 * `Config` and `Summary` type each run's `config` and `summary` (see {@link Run}).
 *
 * @example
 * ```ts
 * const runs = api.runs('acme/vision', { filters: { 'config.optimizer': 'adam' }, order: '-summary_metrics.accuracy' });
 * console.log(await runs.totalCount());
 * for await (const run of runs) console.log(run.name, run.summary.accuracy);
 * ```
 */
export class Runs<Config extends object = RunConfig, Summary extends object = RunSummary> extends Paginated<
  Run<Config, Summary>
> {
  /** The filter this listing applies, as sent to the server. */
  readonly filters: RunFilter | undefined;
  /** The order this listing applies, normalized (`+created_at`). */
  readonly order: string;
  /** Whether runs come without heavy fields. */
  readonly lazy: boolean;
  /** Whether runs come with their sweeps. */
  readonly includeSweeps: boolean;
  readonly #ctx: FacadeContext;
  readonly #query: RunsQuery;

  /**
   * @internal Made by {@link Api.runs}. Checks `perPage`, `start`, `signal`, `prefetch`, `lazy`
   * and `includeSweeps` at once, the order and the filter too once the listing code has loaded
   * (else with the first call), always before any request.
   */
  constructor(ctx: FacadeContext, query: RunsQuery) {
    const { options } = query;
    const perPage = validatePerPage(options.perPage ?? 50);
    const lazy = optionalBoolean(options.lazy, 'lazy') ?? false;
    const includeSweeps = optionalBoolean(options.includeSweeps, 'includeSweeps') ?? false;
    const signal = optionalSignal(options.signal);
    const checked = listings.loaded?.checkRunsQuery(options);
    const own: RunsQuery = { ...query, options: { ...options, lazy, includeSweeps } };
    let pages: PageFetcher<Run> | undefined;
    const fetchPage: PageFetcher<Run<Config, Summary>> = async (args) => {
      const m = await listings();
      pages ??= m.runsPages(ctx, own, checked ?? m.checkRunsQuery(options));
      return (await pages(args)) as Awaited<ReturnType<PageFetcher<Run<Config, Summary>>>>;
    };
    super(fetchPage, {
      perPage,
      start: options.start ?? null,
      signal,
      what: 'runs',
      prefetch: options.prefetch,
    });
    this.filters = options.filters;
    this.order = checked?.order ?? orderAsGiven(options.order);
    this.lazy = lazy;
    this.includeSweeps = includeSweeps;
    this.#ctx = ctx;
    this.#query = query;
  }

  /**
   * The history of every run of this listing, as `{ run, rows }`, in listing order: sampled rows
   * (`run.history({ keys, samples })`) by default, every row (`run.scanHistory()`, with its
   * `pageSize`, `minStep`, `maxStep`, `source`) with `scan: true`. The histories are fetched in
   * parallel, at most `concurrency` runs at once (default: the Api's `concurrency()`), every
   * request through the Api's one limiter, and only that many ahead of the loop: a slow loop
   * stops the read-ahead, so memory stays at a few histories whatever the number of runs. An
   * error of one run is thrown at its place, after every earlier run; `break` and `signal` cancel
   * everything in flight. Each `for await` starts over. Never cached.
   *
   * @throws {@link ValidationError} for bad options, before any request: when called, or, before
   *   the listing code has loaded (the listing has made no call yet), when the loop starts.
   * @example
   * ```ts
   * const runs = api.runs('acme/vision', { filters: { state: 'finished' } });
   * for await (const { run, rows } of runs.histories({ keys: ['loss'], samples: 200 })) {
   *   console.log(run.name, rows.at(-1)?.loss);
   * }
   * for await (const { run, rows } of runs.histories({ scan: true, keys: ['loss'], concurrency: 4 })) {
   *   console.log(run.id, rows.length); // every row of each run
   * }
   * ```
   */
  histories(options?: RunHistoriesOptions): AsyncIterable<RunHistory<Run<Config, Summary>>> {
    const ctx = this.#ctx;
    const query = this.#query;
    const runs = (signal: AbortSignal | undefined): Runs<Config, Summary> =>
      withSignal(this, ctx, query, signal);
    const loaded = listings.loaded;
    if (loaded) return loaded.runHistories(ctx, runs, options);
    optionsObject(options);
    return {
      async *[Symbol.asyncIterator]() {
        yield* (await listings()).runHistories(ctx, runs, options);
      },
    };
  }
}

/**
 * The order as {@link parseOrder} normalizes a valid one (an unsigned field gets `+`), for a
 * listing whose order is checked with its first call.
 */
function orderAsGiven(order: unknown): string {
  if (order === undefined) return DEFAULT_RUN_ORDER;
  if (typeof order !== 'string') return String(order);
  const trimmed = order.trim();
  return trimmed.startsWith('+') || trimmed.startsWith('-') ? trimmed : `+${trimmed}`;
}

/** The listing, or the same listing again stopped by `signal` too (for work that stops on its own signal). */
function withSignal<Config extends object, Summary extends object>(
  runs: Runs<Config, Summary>,
  ctx: FacadeContext,
  query: RunsQuery,
  signal: AbortSignal | undefined,
): Runs<Config, Summary> {
  if (!signal) return runs;
  const own = query.options.signal;
  const both = own ? linkSignals(own, signal) : signal;
  return new Runs<Config, Summary>(ctx, { ...query, options: { ...query.options, signal: both } });
}

/** A signal that aborts when either does, with its reason. */
function linkSignals(a: AbortSignal, b: AbortSignal): AbortSignal {
  const controller = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/**
 * The runs of a project path (`entity/project`, or `project` with the default entity), with
 * missing parts from the `entity` / `project` settings. Validates everything before any request
 * (see {@link Runs}' constructor for when).
 * @internal Users call {@link Api.runs}.
 * @example
 * ```ts
 * const runs = listRuns(ctx, 'acme/vision', { order: '-summary_metrics.accuracy' });
 * ```
 */
export function listRuns<Config extends object = RunConfig, Summary extends object = RunSummary>(
  ctx: FacadeContext,
  path: string,
  options: RunsOptions = {},
): Runs<Config, Summary> {
  const o = optionsObject(options);
  return projectRuns<Config, Summary>(ctx, parseProjectPath(path, ctx.settings), o);
}

/**
 * The runs of a project given by its parts (the entity, when absent, is resolved on the first page).
 * @internal Users call `project.runs()`; other domains reach it as {@link FacadeContext.projectRuns}.
 * @example
 * ```ts
 * const runs = projectRuns(ctx, { entity: 'acme', project: 'vision' }, { filters: { sweep: 'k3x9a0qz' } });
 * ```
 */
export function projectRuns<Config extends object = RunConfig, Summary extends object = RunSummary>(
  ctx: FacadeContext,
  where: ProjectPath,
  options: RunsOptions = {},
): Runs<Config, Summary> {
  return new Runs<Config, Summary>(ctx, {
    entity: where.entity,
    project: where.project,
    options: optionsObject(options),
  });
}
