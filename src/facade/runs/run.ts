/**
 * W&B runs: {@link Run}, a light shell built from the `RunLightFields` / `RunHeavyFields`
 * fragments (its fields, their checked setters, the listings it reaches through the context);
 * the code of its requests (`update()`, `delete()`, `load()`, `scanHistory()`, `writer()`) and the
 * functions that get one are in `run-impl.ts`, loaded with the runs domain. A run's files are the
 * files domain's: `run.files()`, `run.file()` and `run.uploadFile()` reach it through the
 * context, as its artifacts (`run.loggedArtifacts()`, ...) reach the artifacts domain.
 *
 * @example
 * ```ts
 * const run = await api.run('acme/vision/a1b2c3d4');
 * console.log(run.name, run.config.lr, run.summary.loss);
 * ```
 * @module
 */
import { lazy } from '../core/lazy.js';
import { RunNotLoadedError, ValidationError } from '../../errors/index.js';
import type { RunHeavyFieldsFragment, RunLightFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { Paginated } from '../core/pagination.js';
import { describeValue, optionsObject } from '../core/validate.js';
import type { Api } from '../api.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { LogArtifactOptions, RunArtifactsOptions, UseArtifactOptions } from '../artifacts/artifacts.js';
import type { File, RunFilesOptions } from '../files/file.js';
import type { UploadData, UploadDataOptions, UploadFileOptions } from '../files/upload.js';
import type { RunRef } from '../paths/paths.js';
import { runUrl } from '../paths/urls.js';
import type { Sweep } from '../sweeps/sweep.js';
import type {
  HistoryColumns,
  HistoryColumnsOf,
  HistoryOptions,
  HistoryRow,
  HistoryRowOf,
  ScanHistoryOptions,
} from './history.js';
import { checkRunObject, checkRunTags, checkRunText } from './run-checks.js';
import type { RunCreateOptions, RunDeleteOptions, RunUpdateOptions } from './writes.js';
import type { RunWriter, RunWriterOptions } from './writer.js';

// The history code loads with the first history read: an app that lists runs does not download it.
const histories = /* @__PURE__ */ lazy(() => import('./history.js'), 'its runs/history module');

/**
 * Run states the server reports. Other strings may appear on newer servers.
 *
 * @example
 * ```ts
 * const state: RunState = run.state;
 * if (state === 'crashed' || state === 'failed') console.warn(`${run.id} ended ${state}`);
 * ```
 */
export type RunState =
  'running' | 'finished' | 'crashed' | 'failed' | 'killed' | 'preempted' | 'pending' | (string & {});

/**
 * The author of a run.
 *
 * @example
 * ```ts
 * const author: RunUser | undefined = run.user;
 * console.log(author?.username ?? author?.name);
 * ```
 */
export interface RunUser {
  /** Full name. */
  name: string;
  /** Login name. */
  username: string | undefined;
}

/**
 * The default type of {@link Run.config}: any keys, values to check before use. Give your own
 * with `api.run<MyConfig>(path)` or `api.runs<MyConfig>(path)`.
 *
 * @example
 * ```ts
 * const lr = (await api.run('acme/vision/a1b2c3d4')).config.lr; // unknown
 * ```
 */
export type RunConfig = Record<string, unknown>;

/**
 * The default type of {@link Run.summary}: any keys, values to check before use. Give your own
 * with `api.run<MyConfig, MySummary>(path)` or `api.runs<MyConfig, MySummary>(path)`.
 *
 * @example
 * ```ts
 * const accuracy = (await api.run('acme/vision/a1b2c3d4')).summary.accuracy; // unknown
 * ```
 */
export type RunSummary = Record<string, unknown>;

/**
 * The server's history key statistics (`historyKeys`): at least `lastStep`, usually per-key type info.
 *
 * @example
 * ```ts
 * const { lastStep, keys }: HistoryKeys = run.historyKeys;
 * console.log(`steps 0..${lastStep}; keys ${Object.keys(keys).join(', ')}`);
 * ```
 */
export interface HistoryKeys {
  /** The last history step logged, or -1 when none. */
  lastStep: number;
  /** Per-key information as the server sends it. */
  keys: Record<string, unknown>;
  [extra: string]: unknown;
}

/** What a run is built from: the light fields, the heavy ones when selected. @internal */
export type RunData = RunLightFieldsFragment & Partial<RunHeavyFieldsFragment> & { projectId?: string };

/** A run's heavy fields, parsed. @internal */
export interface HeavyFields {
  /** The config as the server sends it (`{ key: { value, desc } }`, `_wandb` kept). */
  rawConfig: Record<string, unknown>;
  /** The config as plain values. */
  config: Record<string, unknown>;
  /** The summary metrics. */
  summary: Record<string, unknown>;
  /** The latest system metrics. */
  systemMetrics: Record<string, unknown>;
  /** The history key statistics. */
  historyKeys: HistoryKeys;
}

/**
 * The state a run is created in by {@link Run.create}: `running` (default), or `pending` for a run
 * that something (a Launch agent, a scheduler) starts later.
 *
 * @example
 * ```ts
 * const state: RunCreateState = 'pending';
 * ```
 */
export type RunCreateState = 'running' | 'pending';

const CREATE_STATES: readonly RunCreateState[] = ['running', 'pending'];

/**
 * Checks the state of {@link Run.create}. @internal
 *
 * @throws {@link ValidationError} (parameter `state`) for anything but `running` or `pending`.
 * @example
 * ```ts
 * runCreateState(undefined); // 'running'
 * ```
 */
export function runCreateState(value: unknown): RunCreateState {
  if (value === undefined) return 'running';
  if (!CREATE_STATES.includes(value as RunCreateState)) {
    throw new ValidationError('state', `expected 'running' or 'pending', got ${describeValue(value)}`);
  }
  return value as RunCreateState;
}

/**
 * One W&B run. Get one with {@link Api.run}, or iterate {@link Api.runs}.
 *
 * Identity: `id` is the short run id (`a1b2c3d4`, what URLs show), `name` is the display name,
 * `storageId` is the server's node id.
 *
 * `Config` and `Summary` type {@link Run.config} and {@link Run.summary} (default: any keys,
 * `unknown` values). They are what you say the run holds, not checked against the server.
 *
 * @example
 * ```ts
 * const run = await api.run('acme/vision/a1b2c3d4');
 * console.log(run.name, run.state, run.config.lr, run.summary.accuracy, run.url);
 *
 * type Config = { lr: number; optimizer: 'adam' | 'sgd' };
 * const typed = await api.run<Config, { accuracy?: number }>('acme/vision/a1b2c3d4');
 * typed.config.lr; // number
 * ```
 */
export abstract class Run<Config extends object = RunConfig, Summary extends object = RunSummary> {
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
  #data: RunData;
  #heavy: HeavyFields | undefined;

  /**
   * Creates a run and returns it: the class-level form of {@link Api.createRun} (the official
   * client's `Run.create(api, run_id, project, entity, state)`), which can also create it
   * `pending`, for a run that a scheduler or a Launch agent starts later. The id defaults to 8
   * random characters of `[a-z0-9]`, the project to the Api's `project` option (without either a
   * {@link ValidationError}; never `uncategorized`), the entity to the `entity` option, else the
   * viewer's. An existing run of that id is set to the state and returned, not duplicated.
   * Everything is checked before any request.
   *
   * @param api - the {@link Api} to create it with.
   * @throws {@link ValidationError} for something other than an `Api` (parameter `api`), a
   * state other than `running` / `pending`, or the options {@link Api.createRun} refuses.
   * @example
   * ```ts
   * import { Api, Run } from 'wandb-api';
   * const api = new Api();
   * const run = await Run.create(api, { project: 'vision', runId: 'queued-7', state: 'pending' });
   * console.log(run.state, run.url); // 'pending', 'https://wandb.ai/acme/vision/runs/queued-7'
   * ```
   */
  static create(api: Api, options: RunCreateOptions = {}): Promise<Run> {
    return Promise.resolve().then(() => {
      if (typeof (api as Partial<Api> | null | undefined)?.createRunInState !== 'function') {
        throw new ValidationError('api', `expected an Api (new Api({ ... })), got ${describeValue(api)}`);
      }
      const { state, ...rest } = optionsObject(options);
      return api.createRunInState(rest, runCreateState(state));
    });
  }

  /**
   * @internal Runs are made by {@link Api.run} and {@link Api.runs}; `heavy` is the heavy fields
   * of `data`, parsed, when it has them.
   */
  constructor(
    ctx: FacadeContext,
    entity: string,
    project: string,
    data: RunData,
    heavy: HeavyFields | undefined,
    sweep?: Sweep,
  ) {
    this.#ctx = ctx;
    this.entity = entity;
    this.project = project;
    this.sweep = sweep;
    this.#data = data;
    this.#heavy = heavy;
  }

  /** @internal The context, for the methods of `run-impl.ts`. */
  protected get ctx(): FacadeContext {
    return this.#ctx;
  }

  /** @internal The run's fields as last read (with your edits), for the methods of `run-impl.ts`. */
  protected get data(): RunData {
    return this.#data;
  }

  /** @internal The heavy fields, parsed, once loaded (with your edits). */
  protected get heavy(): HeavyFields | undefined {
    return this.#heavy;
  }

  /** @internal What the server answered (`run-impl.ts`): every field, heavy ones parsed. */
  protected replace(data: RunData, heavy: HeavyFields): void {
    this.#data = data;
    this.#heavy = heavy;
  }

  /** @internal Where the run is, for the file helpers and the writer. */
  protected get ref(): RunRef {
    return { entity: this.entity, project: this.project, runId: this.id };
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
  /**
   * Sets the display name; `undefined` clears it. Saved by {@link Run.update}.
   *
   * @example
   * ```ts
   * run.name = 'baseline-lr-0.1';
   * await run.update();
   * ```
   */
  set name(value: string | undefined) {
    this.#data = { ...this.#data, displayName: checkRunText(value, 'name') };
  }
  /** State: `running`, `finished`, `crashed`, `failed`, ... */
  get state(): RunState {
    return this.#data.state ?? 'unknown';
  }
  /** Tags. */
  get tags(): readonly string[] {
    return this.#data.tags ?? [];
  }
  /**
   * Replaces the tags (an array of strings; a copy is kept). Saved by {@link Run.update}.
   *
   * @example
   * ```ts
   * run.tags = [...run.tags, 'best'];
   * await run.update();
   * ```
   */
  set tags(value: readonly string[]) {
    this.#data = { ...this.#data, tags: checkRunTags(value) };
  }
  /** Notes (markdown), or `undefined`. */
  get notes(): string | undefined {
    return this.#data.notes ?? undefined;
  }
  /**
   * Sets the notes (markdown); `undefined` clears them. Saved by {@link Run.update}.
   *
   * @example
   * ```ts
   * run.notes = 'Diverged after epoch 3.';
   * await run.update();
   * ```
   */
  set notes(value: string | undefined) {
    this.#data = { ...this.#data, notes: checkRunText(value, 'notes') };
  }
  /** Description, or `undefined`. */
  get description(): string | undefined {
    return this.#data.description ?? undefined;
  }
  /** Group name, or `undefined`. */
  get group(): string | undefined {
    return this.#data.group ?? undefined;
  }
  /**
   * Sets the group; `undefined` clears it. Saved by {@link Run.update}.
   *
   * @example
   * ```ts
   * run.group = 'sweep-2024-06';
   * await run.update();
   * ```
   */
  set group(value: string | undefined) {
    this.#data = { ...this.#data, group: checkRunText(value, 'group') };
  }
  /** Job type, or `undefined`. */
  get jobType(): string | undefined {
    return this.#data.jobType ?? undefined;
  }
  /**
   * Sets the job type; `undefined` clears it. Saved by {@link Run.update}.
   *
   * @example
   * ```ts
   * run.jobType = 'eval';
   * await run.update();
   * ```
   */
  set jobType(value: string | undefined) {
    this.#data = { ...this.#data, jobType: checkRunText(value, 'jobType') };
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
   * Saves your edits to `name`, `tags`, `notes`, `group`, `jobType`, `config` and `summary` in one
   * `UpdateRun` mutation, then shows the server's view of the run (every field, heavy ones
   * included, as the server returns them). Returns the run itself.
   *
   * What is sent: the id (`storageId`), the display name, notes, tags, group and job type as they
   * are now (`undefined` clears a text field); `config` and `summary` only when they are loaded
   * and differ from what was loaded, each in full (`config` in the server's `{ key: { value,
   * desc } }` form with `_wandb` kept; `summary` with `NaN` / `±Infinity` kept), so a lazily
   * listed run, or one whose config or summary you did not change, never has them overwritten.
   * Values that cannot be sent as they are — functions, symbols, `BigInt`s, `Map`s, `Set`s, class
   * instances other than `Date`, circular references, `undefined` in an array — throw a
   * {@link ValidationError} before any request, whose `parameter` is the key path
   * (`config.optimizer.schedule`); `NaN` and `±Infinity` are sent, Dates as ISO-8601 strings. If the request fails, your edits stay and a later
   * `update()` sends them again; repeating it is safe, so it is retried on transient failures.
   * Edits made while the request is in flight are replaced by the server's answer.
   *
   * @example
   * ```ts
   * const run = await api.run('acme/vision/a1b2c3d4');
   * run.tags = [...run.tags, 'best'];
   * run.notes = 'Best run of the sweep.';
   * run.config.lr = 0.2;
   * run.summary.best_accuracy = 0.93;
   * await run.update();
   * ```
   */
  abstract update(options?: RunUpdateOptions): Promise<this>;

  /**
   * Deletes the run on the server (with the artifacts it logged when `deleteArtifacts` is true).
   * Afterwards {@link Api.run} for its path is a {@link NotFoundError}.
   *
   * @example
   * ```ts
   * const run = await api.run('acme/vision/a1b2c3d4');
   * await run.delete({ deleteArtifacts: true });
   * ```
   */
  abstract delete(options?: RunDeleteOptions): Promise<void>;

  /**
   * The run's config as plain values (the server's `{ value, desc }` wrappers removed, `_wandb` dropped).
   * Edit it in place or assign a new plain object, then call {@link Run.update} to save it
   * (`_wandb` and the other internal keys are kept). Throws {@link RunNotLoadedError} on a lazily
   * listed run that is not loaded.
   *
   * @example
   * ```ts
   * const { lr, batch_size } = run.config;
   * run.config.lr = 0.2;
   * await run.update();
   * ```
   */
  get config(): Config {
    return this.#need('config').config as Config;
  }
  /** Replaces the config with a plain object (checked at once; saved by {@link Run.update}). */
  set config(value: Config) {
    this.#need('config').config = checkRunObject(value, 'config');
  }

  /**
   * The run's summary metrics (last logged value of each key, unless set explicitly). Edit it in
   * place or assign a new plain object, then call {@link Run.update} to save it (it replaces the
   * whole summary; `NaN` and `±Infinity` are kept). Throws {@link RunNotLoadedError} on a lazily
   * listed run that is not loaded.
   *
   * @example
   * ```ts
   * console.log(run.summary.accuracy);
   * run.summary.best_accuracy = 0.93;
   * await run.update();
   * ```
   */
  get summary(): Summary {
    return this.#need('summary').summary as Summary;
  }
  /** Replaces the summary with a plain object (checked at once; saved by {@link Run.update}). */
  set summary(value: Summary) {
    this.#need('summary').summary = checkRunObject(value, 'summary');
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
  abstract load(options?: { force?: boolean } & RequestOptions): Promise<this>;

  /**
   * Sampled history: at most `samples` rows (default 500), picked evenly by the server. Without
   * `keys` the rows hold every key logged (`_step`, `_runtime`, `_timestamp`, metrics); with
   * `keys` only rows that have all of them, with just `xAxis` (default `_step`) and those keys.
   * `stream: 'system'` reads the system metrics stream instead (not with `keys`).
   * `format: 'columns'` answers `{ key: values[] }` (missing values `null`; with `keys`, a column
   * for `xAxis` and each key even when no row has it). With `keys` the rows come from the
   * server's `sampledHistory`, which is plain JSON: `NaN` and `±Infinity` values may arrive as
   * `null` there. Rows are sampled, not exhaustive: use {@link Run.scanHistory} for every row.
   * Never cached.
   *
   * @throws {@link ValidationError} for bad options (before any request), {@link NotFoundError}
   *   when the run does not exist.
   * @example
   * ```ts
   * const rows = await run.history({ keys: ['loss', 'val_loss'], samples: 200 });
   * for (const { _step, loss } of rows) console.log(_step, loss);
   * const { _step, loss } = await run.history({ keys: ['loss'], format: 'columns' }); // two aligned arrays
   * const system = await run.history({ stream: 'system' }); // CPU, GPU, memory ...
   * ```
   *
   * With `keys` written out, rows are typed: `{ keys: ['loss', 'acc'] }` answers
   * `{ _step: number; loss: number | null; acc: number | null }[]` ({@link HistoryRowOf}; the
   * x axis is `xAxis` when given), and with `format: 'columns'` one array per key
   * ({@link HistoryColumnsOf}).
   */
  history<const K extends readonly string[], const X extends string = '_step'>(
    options: Omit<HistoryOptions, 'keys' | 'xAxis' | 'format'> & { keys: K; xAxis?: X; format: 'columns' },
  ): Promise<HistoryColumnsOf<K[number], X>>;
  history<const K extends readonly string[], const X extends string = '_step'>(
    options: Omit<HistoryOptions, 'keys' | 'xAxis' | 'format'> & { keys: K; xAxis?: X; format?: 'rows' },
  ): Promise<HistoryRowOf<K[number], X>[]>;
  history(options: HistoryOptions & { format: 'columns' }): Promise<HistoryColumns>;
  history(options?: HistoryOptions & { format?: 'rows' }): Promise<HistoryRow[]>;
  history(options?: HistoryOptions): Promise<HistoryRow[] | HistoryColumns>;
  history(options?: HistoryOptions): Promise<HistoryRow[] | HistoryColumns> {
    return histories().then((m) => m.fetchHistory(this.#ctx, this.entity, this.project, this.id, options));
  }

  /**
   * Every history row, in step order, fetched one window of `pageSize` steps per request
   * (windows without rows are passed over). Windows are fetched in parallel, up to the Api's
   * `concurrency()` ahead of the loop (through its one request limiter), and still yielded in step
   * order, each row once; a slow loop stops the read-ahead, so memory stays at a few windows. An
   * error in a window is thrown when the loop reaches it, after every earlier row; `break` and
   * `signal` cancel the windows in flight. For a run that is not running, the rows come by
   * default from its exported Parquet history files when the server offers them (far fewer
   * requests; the rows not exported yet still come by windows), see
   * {@link ScanHistoryOptions.source}. With `keys`, only rows that have all of them, each
   * holding `_step` and those keys (read from `sampledHistory`, plain JSON: `NaN` and `±Infinity`
   * may arrive as `null`). `minStep` (inclusive) and `maxStep` (exclusive) bound the
   * steps: a `maxStep` below `minStep` is a {@link ValidationError}, and `minStep === maxStep` an
   * empty scan that sends no request. Each `for await` starts over from the run's current last step. Options are checked
   * when it is called; aborting `signal` makes the pending `next()` reject with its reason.
   * Never cached.
   *
   * @throws {@link ValidationError} for bad options, when called; iteration rejects with
   *   {@link NotFoundError} when the run does not exist.
   * @example
   * ```ts
   * for await (const row of run.scanHistory({ keys: ['loss'], pageSize: 500 })) {
   *   console.log(row._step, row.loss);
   * }
   * const rows = [];
   * for await (const row of run.scanHistory({ minStep: 1000, maxStep: 2000 })) rows.push(row);
   * for await (const row of run.scanHistory({ source: 'windows' })) rows.push(row); // GraphQL only
   * ```
   *
   * With `keys` written out, rows are typed `{ _step: number; loss: number | null }`
   * ({@link HistoryRowOf}).
   */
  abstract scanHistory<const K extends readonly string[]>(
    options: Omit<ScanHistoryOptions, 'keys'> & { keys: K },
  ): AsyncIterable<HistoryRowOf<K[number]>>;
  abstract scanHistory(options?: ScanHistoryOptions): AsyncIterable<HistoryRow>;

  /**
   * A {@link RunWriter} that writes history rows and summary values to this run through its
   * `file_stream` (as the official client does), and `finish()`es it. On its first call it reads
   * the run again (one request), so a resumed run continues after its `historyLineCount` and last
   * step, with its summary kept. Bad options throw {@link ValidationError} here.
   *
   * @example
   * ```ts
   * const run = await api.createRun({ project: 'vision' });
   * const writer = run.writer({ rowsPerRequest: 500 });
   * for (const [i, loss] of [0.9, 0.5, 0.3].entries()) await writer.log({ loss, epoch: i });
   * await writer.summary({ best_loss: 0.3 });
   * await writer.finish(); // run.state is 'finished' once reloaded
   * ```
   */
  abstract writer(options?: RunWriterOptions): RunWriter;

  /**
   * The run's files (configs, logs, checkpoints, media, ...), fetched page by page as you iterate,
   * 50 per request by default; `names` keeps only those exact names, `pattern` only the names
   * matching an SQL `LIKE` pattern (`%` any run of characters, `_` one character), not both.
   * `totalCount()` is the number of files of the whole run (the server's `fileCount`), whatever
   * `names` or `pattern` selects. Bad options throw {@link ValidationError} here, before any
   * request; iterating a run that no longer exists rejects with {@link NotFoundError}.
   *
   * @example
   * ```ts
   * for await (const file of run.files()) console.log(file.name, file.size, file.updatedAt);
   * const [log] = await run.files({ names: ['output.log'] }).toArray();
   * const tables = await run.files({ pattern: '%.json' }).toArray();
   * console.log(`${await run.files().totalCount()} files`);
   * ```
   */
  files(options: RunFilesOptions = {}): Paginated<File> {
    return this.#ctx.runFiles(this.ref, options);
  }

  /**
   * One file of the run, by its exact name (e.g. `config.yaml`, `media/images/sample.png`).
   * Rejects with {@link NotFoundError} naming the file and the run when there is none (that answer
   * is not cached); `cache: false` reads the file's entry from the server again.
   *
   * @example
   * ```ts
   * const config = await (await run.file('config.yaml')).text();
   * const fresh = await run.file('output.log', { cache: false });
   * ```
   */
  file(name: string, options: RequestOptions = {}): Promise<File> {
    return this.#ctx.runFile(this.ref, name, options);
  }

  /**
   * Uploads a file to the run and resolves with its entry, as stored.
   *
   * - `uploadFile(name, data)` uploads `data` (a string, sent as UTF-8, a `Uint8Array` or a
   *   `Blob`) under `name`; it works anywhere, browsers included.
   * - `uploadFile(path, { root })` (Node only) uploads the file at `path`, stored under its path
   *   relative to `root` (default `.`) with `/` separators.
   *
   * Names are made upload-safe the way W&B does: `\` becomes `/`, leading `/` go, and each `..`
   * segment becomes `__` (`../x.txt` is stored as `__/x.txt`). An existing file of that name is
   * replaced. The bytes go straight to the signed upload URL the server gives, with the headers
   * it lists and without your API key. On servers with the feature `MARK_RUN_FILES_UPLOADED`
   * (self-hosted; see `api.serverFeatures()`) the upload is then registered with
   * `MarkRunFilesUploaded`, without which the file would not be listed; if the server refuses
   * (`success: false`) the call rejects with {@link ServerError}. Bad arguments throw
   * {@link ValidationError} before any request; in a browser the `path` form rejects with
   * {@link UnsupportedError}.
   *
   * @example
   * ```ts
   * const notes = await run.uploadFile('notes/summary.md', '# Results\nAccuracy 0.93');
   * const plot = await run.uploadFile('plots/loss.png', await (await fetch(pngUrl)).blob());
   * const ckpt = await run.uploadFile('out/checkpoints/last.ckpt', { root: 'out' }); // "checkpoints/last.ckpt"
   * console.log(ckpt.name, ckpt.size, ckpt.md5);
   * ```
   */
  uploadFile(name: string, data: UploadData, options?: UploadDataOptions): Promise<File>;
  uploadFile(path: string, options?: UploadFileOptions): Promise<File>;
  uploadFile(
    target: string,
    second?: UploadData | UploadFileOptions,
    third?: UploadDataOptions,
  ): Promise<File> {
    return this.#ctx.uploadRunFile(this.ref, target, second, third);
  }

  /**
   * The artifact versions this run logged (its outputs), 100 per request by default, with the
   * server's `totalCount()`. Each is named in the collection it was born in (`collection:vN`).
   * Iterating a run that no longer exists rejects with {@link NotFoundError}.
   *
   * @example
   * ```ts
   * for await (const artifact of run.loggedArtifacts()) console.log(artifact.name, artifact.type);
   * ```
   */
  loggedArtifacts(options: RunArtifactsOptions = {}): Paginated<Artifact> {
    return this.#ctx.runArtifacts(this.ref, 'logged', options);
  }

  /**
   * The artifact versions this run used (its inputs), 100 per request by default, with the
   * server's `totalCount()`.
   *
   * @example
   * ```ts
   * const inputs = await run.usedArtifacts().toArray();
   * console.log(inputs.map((a) => a.qualifiedName));
   * ```
   */
  usedArtifacts(options: RunArtifactsOptions = {}): Paginated<Artifact> {
    return this.#ctx.runArtifacts(this.ref, 'used', options);
  }

  /**
   * Declares an artifact version an input of this run (`useArtifact`) and resolves with it; using
   * the same version again changes nothing. `usedAs` (default: the artifact's `name`) is how the
   * app labels the use. Only committed versions can be used.
   *
   * @example
   * ```ts
   * const dataset = await api.artifact('acme/vision/mnist:latest');
   * await run.useArtifact(dataset, { usedAs: 'training-data' });
   * ```
   */
  useArtifact(artifact: Artifact, options: UseArtifactOptions = {}): Promise<Artifact> {
    return this.#ctx.useArtifact(this.ref, artifact, options);
  }

  /**
   * Declares an artifact version that is already logged an output of this run, adding `aliases`
   * and `tags` to it, the way the official client does (`createArtifact` with the version's digest,
   * which the server answers with the existing version). The version must be in this run's project
   * ({@link ValidationError} otherwise, before any request) and be the collection's latest version:
   * W&B recognizes a digest only for that one (for an older version it would start a new version),
   * so an older version is a {@link ValidationError} too, after reading which version is the latest
   * and before writing anything. Resolves with the version, read again. Publishing new content is
   * not this method (see `api.newArtifact()`).
   *
   * @example
   * ```ts
   * const model = await api.artifact('acme/vision/resnet:latest');
   * await run.logArtifact(model, { aliases: ['candidate'], tags: ['resnet50'] });
   * ```
   */
  logArtifact(artifact: Artifact, options: LogArtifactOptions = {}): Promise<Artifact> {
    return this.#ctx.logArtifact(this.ref, artifact, options);
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
