import {
  RunDetailDocument,
  type RunDetailQuery,
  type RunHeavyFieldsFragment,
  type RunLightFieldsFragment,
} from '../generated/graphql.js';
import type { FacadeContext, RequestOptions } from './context.js';
import { parseServerDate } from './dates.js';
import { NotFoundError, WandbError } from './errors.js';
import { parseJsonString, unwrapConfig } from './json.js';
import { runUrl } from './paths.js';
import type { Sweep } from './sweep.js';

/** Run states the server reports. Other strings may appear on newer servers. */
export type RunState =
  'running' | 'finished' | 'crashed' | 'failed' | 'killed' | 'preempted' | 'pending' | (string & {});

/** The author of a run. */
export interface RunUser {
  /** Full name. */
  name: string;
  /** Login name. */
  username: string | undefined;
}

/** The server's history key statistics (`historyKeys`): at least `lastStep`, usually per-key type info. */
export interface HistoryKeys {
  /** The last history step logged, or -1 when none. */
  lastStep: number;
  /** Per-key information as the server sends it. */
  keys: Record<string, unknown>;
  [extra: string]: unknown;
}

/**
 * Raised when a heavy field (`config`, `summary`, `systemMetrics`, `historyKeys`) is read on a run
 * that was listed with `lazy: true` and not loaded yet.
 *
 * @example
 * ```ts
 * try {
 *   run.config;
 * } catch (e) {
 *   if (e instanceof RunNotLoadedError) await run.load();
 * }
 * ```
 */
export class RunNotLoadedError extends WandbError {
  constructor(field: string, path: string) {
    super(
      `Run ${path} was listed with lazy: true, so "${field}" is not loaded. ` +
        'Call `await run.load()` first, or list runs with `lazy: false`.',
      'NOT_LOADED',
    );
  }
}

/**
 * Fetches one run with every field (`RunDetail`); a run that does not exist is a
 * {@link NotFoundError} and is not cached, so it is found once it exists.
 * @internal
 */
export async function fetchRunDetail(
  ctx: FacadeContext,
  entity: string,
  project: string,
  runId: string,
  options: RequestOptions = {},
): Promise<RunDetailFields> {
  const data = await ctx.request(
    RunDetailDocument,
    { entity, project, name: runId },
    { ...options, cacheIf: (d) => d.project?.run != null },
  );
  if (!data.project?.run) {
    const where = data.project
      ? `in project ${entity}/${project}`
      : `(project ${entity}/${project} not found)`;
    throw new NotFoundError(`Run ${runId} not found ${where}`);
  }
  return data.project.run;
}

type RunDetailFields = NonNullable<NonNullable<RunDetailQuery['project']>['run']>;

type RunData = RunLightFieldsFragment & Partial<RunHeavyFieldsFragment> & { projectId?: string };

interface HeavyFields {
  rawConfig: Record<string, unknown>;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
  systemMetrics: Record<string, unknown>;
  historyKeys: HistoryKeys;
}

function hasHeavyFields(data: RunData): data is RunData & RunHeavyFieldsFragment {
  return 'config' in data && 'summaryMetrics' in data && 'systemMetrics' in data && 'historyKeys' in data;
}

function toHistoryKeys(value: unknown): HistoryKeys {
  const raw = typeof value === 'string' ? parseJsonString(value, 'historyKeys') : value;
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const lastStep = typeof obj.lastStep === 'number' ? obj.lastStep : -1;
  const keys = obj.keys && typeof obj.keys === 'object' ? (obj.keys as Record<string, unknown>) : {};
  return { ...obj, lastStep, keys };
}

/**
 * One W&B run. Get one with {@link Api.run}, or iterate {@link Api.runs}.
 *
 * Identity: `id` is the short run id (`a1b2c3d4`, what URLs show), `name` is the display name,
 * `storageId` is the server's node id.
 *
 * @example
 * ```ts
 * const run = await api.run('acme/vision/a1b2c3d4');
 * console.log(run.name, run.state, run.config.lr, run.summary.accuracy, run.url);
 * ```
 */
export class Run {
  /** Entity (user or team) that owns the run. */
  readonly entity: string;
  /** Project the run belongs to. */
  readonly project: string;
  /**
   * The sweep that started the run, when it was listed with `includeSweeps: true` (each sweep is
   * fetched once per listing); otherwise `undefined` — `sweepName` still holds its id.
   */
  readonly sweep: Sweep | undefined;

  #ctx: FacadeContext;
  #data: RunLightFieldsFragment;
  #heavy: HeavyFields | undefined;

  /** @internal Runs are made by {@link Api.run} and {@link Api.runs}. */
  constructor(ctx: FacadeContext, entity: string, project: string, data: RunData, sweep?: Sweep) {
    this.#ctx = ctx;
    this.entity = entity;
    this.project = project;
    this.sweep = sweep;
    this.#data = data;
    if (hasHeavyFields(data)) this.#setHeavy(data);
  }

  #setHeavy(data: RunHeavyFieldsFragment): void {
    const rawConfig = parseJsonString(data.config, 'config');
    this.#heavy = {
      rawConfig,
      config: unwrapConfig(rawConfig),
      summary: parseJsonString(data.summaryMetrics, 'summaryMetrics'),
      systemMetrics: parseJsonString(data.systemMetrics, 'systemMetrics'),
      historyKeys: toHistoryKeys(data.historyKeys),
    };
  }

  #need(field: string): HeavyFields {
    if (!this.#heavy) throw new RunNotLoadedError(field, this.path.join('/'));
    return this.#heavy;
  }

  /** The short run id, e.g. `a1b2c3d4` (GraphQL `name`). */
  get id(): string {
    return this.#data.name;
  }
  /** The server's node id (GraphQL `id`), used by mutations. */
  get storageId(): string {
    return this.#data.id;
  }
  /** Display name, e.g. `brisk-forest-12` (the run id when it has none). */
  get name(): string {
    return this.#data.displayName ?? this.#data.name;
  }
  /** State: `running`, `finished`, `crashed`, `failed`, ... */
  get state(): RunState {
    return this.#data.state ?? 'unknown';
  }
  /** Tags. */
  get tags(): readonly string[] {
    return this.#data.tags ?? [];
  }
  /** Notes (markdown), or `undefined`. */
  get notes(): string | undefined {
    return this.#data.notes ?? undefined;
  }
  /** Description, or `undefined`. */
  get description(): string | undefined {
    return this.#data.description ?? undefined;
  }
  /** Group name, or `undefined`. */
  get group(): string | undefined {
    return this.#data.group ?? undefined;
  }
  /** Job type, or `undefined`. */
  get jobType(): string | undefined {
    return this.#data.jobType ?? undefined;
  }
  /** Id of the sweep that started the run, or `undefined`. */
  get sweepName(): string | undefined {
    return this.#data.sweepName ?? undefined;
  }
  /** Git commit the run was started from, or `undefined`. */
  get commit(): string | undefined {
    return this.#data.commit ?? undefined;
  }
  /** The user that logged the run. */
  get user(): RunUser | undefined {
    const user = this.#data.user;
    return user ? { name: user.name, username: user.username ?? undefined } : undefined;
  }
  /** When the run was created. */
  get createdAt(): Date | undefined {
    return parseServerDate(this.#data.createdAt);
  }
  /** Last heartbeat from the run's process. */
  get heartbeatAt(): Date | undefined {
    return parseServerDate(this.#data.heartbeatAt);
  }
  /** Whether the caller may only read this run. */
  get readOnly(): boolean {
    return this.#data.readOnly ?? false;
  }
  /** Number of history rows logged. */
  get historyLineCount(): number {
    return this.#data.historyLineCount ?? 0;
  }

  /**
   * `[entity, project, id]`.
   *
   * @example
   * ```ts
   * const [entity, project, id] = run.path;
   * ```
   */
  get path(): [string, string, string] {
    return [this.entity, this.project, this.id];
  }

  /**
   * The run's page in the W&B app (each path segment URL-encoded).
   *
   * @example
   * ```ts
   * console.log(run.url); // 'https://wandb.ai/acme/vision/runs/a1b2c3d4'
   * ```
   */
  get url(): string {
    return runUrl(this.#ctx.appUrl, this.entity, this.project, this.id);
  }

  /**
   * Whether config, summary, system metrics and history keys are loaded.
   *
   * @example
   * ```ts
   * if (!run.loaded) await run.load();
   * ```
   */
  get loaded(): boolean {
    return this.#heavy !== undefined;
  }

  /**
   * The run's config as plain values (the server's `{ value, desc }` wrappers removed, `_wandb` dropped).
   *
   * @example
   * ```ts
   * const { lr, batch_size } = run.config;
   * ```
   */
  get config(): Record<string, unknown> {
    return this.#need('config').config;
  }

  /**
   * The run's summary metrics (last logged value of each key, unless set explicitly).
   *
   * @example
   * ```ts
   * console.log(run.summary.accuracy);
   * ```
   */
  get summary(): Record<string, unknown> {
    return this.#need('summary').summary;
  }

  /**
   * The latest system metrics (GPU, CPU, memory, ...).
   *
   * @example
   * ```ts
   * console.log(run.systemMetrics['system.gpu.0.gpu']);
   * ```
   */
  get systemMetrics(): Record<string, unknown> {
    return this.#need('systemMetrics').systemMetrics;
  }

  /**
   * History key statistics, including `lastStep`.
   *
   * @example
   * ```ts
   * console.log(`last step ${run.historyKeys.lastStep}`);
   * ```
   */
  get historyKeys(): HistoryKeys {
    return this.#need('historyKeys').historyKeys;
  }

  /**
   * Loads every field, heavy ones included (config, summary, system metrics, history keys). Does
   * nothing when they are loaded already, unless `force` is set: then the whole run (state,
   * tags, summary, ...) is read again from the server. Returns the run itself.
   *
   * @example
   * ```ts
   * for await (const run of api.runs('acme/vision', { lazy: true })) {
   *   if (run.state === 'finished') console.log((await run.load()).summary.accuracy);
   * }
   * await run.load({ force: true }); // refresh a running run
   * ```
   */
  async load(options: { force?: boolean } & RequestOptions = {}): Promise<this> {
    if (this.#heavy && !options.force) return this;
    const run = await fetchRunDetail(this.#ctx, this.entity, this.project, this.id, {
      signal: options.signal,
      cache: options.force ? false : options.cache,
    });
    this.#data = run;
    this.#setHeavy(run);
    return this;
  }

  /**
   * A plain-object form, for logging and JSON (heavy fields only when loaded).
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(run, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, storageId, entity, project, name, state, tags, notes, group, jobType, sweepName, user } =
      this;
    const base = {
      id,
      storageId,
      entity,
      project,
      name,
      state,
      tags,
      notes,
      group,
      jobType,
      sweepName,
      user,
    };
    const times = { createdAt: this.createdAt, heartbeatAt: this.heartbeatAt, url: this.url };
    if (!this.#heavy) return { ...base, ...times, loaded: false };
    const { config, summary, systemMetrics } = this.#heavy;
    return { ...base, ...times, loaded: true, config, summary, systemMetrics };
  }
}
