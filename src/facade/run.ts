import {
  RunDetailDocument,
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

/** Raised when a heavy field is read on a run that was listed with `lazy: true` and not loaded. */
export class RunNotLoadedError extends WandbError {
  constructor(field: string, path: string) {
    super(
      `Run ${path} was listed with lazy: true, so "${field}" is not loaded. ` +
        'Call `await run.load()` first, or list runs with `lazy: false`.',
      'VALIDATION',
    );
  }
}

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
  /** The short run id, e.g. `a1b2c3d4` (GraphQL `name`). */
  readonly id: string;
  /** The server's node id (GraphQL `id`), used by mutations. */
  readonly storageId: string;
  /** Entity (user or team) that owns the run. */
  readonly entity: string;
  /** Project the run belongs to. */
  readonly project: string;
  /** Display name, e.g. `brisk-forest-12`. */
  readonly name: string;
  /** State: `running`, `finished`, `crashed`, `failed`, ... */
  readonly state: RunState;
  /** Tags. */
  readonly tags: readonly string[];
  /** Notes (markdown), or `undefined`. */
  readonly notes: string | undefined;
  /** Description, or `undefined`. */
  readonly description: string | undefined;
  /** Group name, or `undefined`. */
  readonly group: string | undefined;
  /** Job type, or `undefined`. */
  readonly jobType: string | undefined;
  /** Id of the sweep that started the run, or `undefined`. */
  readonly sweepName: string | undefined;
  /** Git commit the run was started from, or `undefined`. */
  readonly commit: string | undefined;
  /** The user that logged the run. */
  readonly user: RunUser | undefined;
  /** When the run was created. */
  readonly createdAt: Date | undefined;
  /** Last heartbeat from the run's process. */
  readonly heartbeatAt: Date | undefined;
  /** Whether the caller may only read this run. */
  readonly readOnly: boolean;
  /** Number of history rows logged. */
  readonly historyLineCount: number;

  /**
   * The sweep that started the run, when it was listed with `includeSweeps: true` (each sweep is
   * fetched once per listing); otherwise `undefined` — `sweepName` still holds its id.
   */
  readonly sweep: Sweep | undefined;

  #ctx: FacadeContext;
  #heavy: HeavyFields | undefined;

  /** @internal Runs are made by {@link Api.run} and {@link Api.runs}. */
  constructor(ctx: FacadeContext, entity: string, project: string, data: RunData, sweep?: Sweep) {
    this.#ctx = ctx;
    this.sweep = sweep;
    this.entity = entity;
    this.project = project;
    this.id = data.name;
    this.storageId = data.id;
    this.name = data.displayName ?? data.name;
    this.state = data.state ?? 'unknown';
    this.tags = data.tags ?? [];
    this.notes = data.notes ?? undefined;
    this.description = data.description ?? undefined;
    this.group = data.group ?? undefined;
    this.jobType = data.jobType ?? undefined;
    this.sweepName = data.sweepName ?? undefined;
    this.commit = data.commit ?? undefined;
    this.user = data.user ? { name: data.user.name, username: data.user.username ?? undefined } : undefined;
    this.createdAt = parseServerDate(data.createdAt);
    this.heartbeatAt = parseServerDate(data.heartbeatAt);
    this.readOnly = data.readOnly ?? false;
    this.historyLineCount = data.historyLineCount ?? 0;
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

  /** `[entity, project, id]`. */
  get path(): [string, string, string] {
    return [this.entity, this.project, this.id];
  }

  /** The run's page in the W&B app. */
  get url(): string {
    return runUrl(this.#ctx.appUrl, this.entity, this.project, this.id);
  }

  /** Whether config, summary, system metrics and history keys are loaded. */
  get loaded(): boolean {
    return this.#heavy !== undefined;
  }

  /** The run's config as plain values (the server's `{ value, desc }` wrappers removed, `_wandb` dropped). */
  get config(): Record<string, unknown> {
    return this.#need('config').config;
  }

  /** The run's summary metrics (last logged value of each key, unless set explicitly). */
  get summary(): Record<string, unknown> {
    return this.#need('summary').summary;
  }

  /** The latest system metrics (GPU, CPU, memory, ...). */
  get systemMetrics(): Record<string, unknown> {
    return this.#need('systemMetrics').systemMetrics;
  }

  /** History key statistics, including `lastStep`. */
  get historyKeys(): HistoryKeys {
    return this.#need('historyKeys').historyKeys;
  }

  /**
   * Loads the heavy fields (config, summary, system metrics, history keys). Does nothing when
   * they are loaded already, unless `force` is set. Returns the run itself.
   *
   * @example
   * ```ts
   * for await (const run of api.runs('acme/vision', { lazy: true })) {
   *   if (run.state === 'finished') console.log((await run.load()).summary.accuracy);
   * }
   * ```
   */
  async load(options: { force?: boolean } & RequestOptions = {}): Promise<this> {
    if (this.#heavy && !options.force) return this;
    const data = await this.#ctx.request(
      RunDetailDocument,
      { entity: this.entity, project: this.project, name: this.id },
      { signal: options.signal, cache: options.force ? false : options.cache },
    );
    const run = data.project?.run;
    if (!run) throw new NotFoundError(`Run ${this.path.join('/')} not found`);
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
