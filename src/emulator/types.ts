/**
 * Public option and record types of the emulator (`wandb-api/emulator`).
 *
 * @example
 * ```ts
 * import { startEmulator, type EmulatorOptions } from 'wandb-api/emulator';
 * const options: EmulatorOptions = { seed: 'demo', viewer: { username: 'alice' } };
 * const emu = await startEmulator(options);
 * ```
 * @module
 */

/**
 * Which data set the emulator starts with: `'empty'` (only the viewer and its entity) or `'demo'`
 * (a deterministic set of projects and 120+ runs).
 *
 * @example
 * ```ts
 * await startEmulator({ seed: 'demo' });
 * ```
 */
export type EmulatorSeedName = 'demo' | 'empty';

/**
 * The authenticated user the emulator answers `viewer` with.
 *
 * @example
 * ```ts
 * await startEmulator({ viewer: { username: 'alice', email: 'alice@example.com', teams: ['vision-team'] } });
 * ```
 */
export interface ViewerOptions {
  /** Username. Default `'emulator-user'`. */
  username?: string;
  /** Email. Default `<username>@example.com`. */
  email?: string;
  /** Avatar URL answered by `User.photoUrl`. Default `null`. */
  photoUrl?: string | null;
  /** Full name. Default the username. */
  name?: string;
  /** Whether the viewer is an admin. Default `false`. */
  admin?: boolean;
  /** Default entity of the viewer. Default the username. */
  entity?: string;
  /** Team entities the viewer belongs to (created when missing). Default none. */
  teams?: string[];
}

/**
 * Options of {@link startEmulator}.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ port: 0, apiKey: 'test-key', seed: 'empty', features: { ARTIFACT_TAGS: false } });
 * ```
 */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
  /** The API key the emulator accepts. Default a random 40-character key. */
  apiKey?: string;
  /** The viewer (the user the key belongs to). */
  viewer?: ViewerOptions;
  /** Initial data. Default `'empty'`. */
  seed?: EmulatorSeedName;
  /**
   * Server feature flags answered by `serverInfo { features }`, merged over the defaults
   * (`false` disables a default one, an unknown name with `true` adds it).
   */
  features?: Record<string, boolean>;
  /**
   * How long the signed storage URLs it hands out (`File.directUrl`, `File.url`, upload URLs)
   * stay valid, in ms (a positive number; anything else throws); an expired one is refused with
   * 403. Default `3_600_000` (one hour).
   */
  signedUrlLifetimeMs?: number;
}

/**
 * A user (and its personal entity) to add with `emu.seed.user`.
 *
 * @example
 * ```ts
 * emu.seed.user({ username: 'bob', teams: ['vision-team'] });
 * ```
 */
export interface SeedUserInput {
  /** Username; also the name of the user's personal entity. */
  username: string;
  /** Email. Default `<username>@example.com`. */
  email?: string;
  /** Avatar URL answered by `User.photoUrl`. Default `null`. */
  photoUrl?: string | null;
  /** Full name. Default the username. */
  name?: string;
  /** Admin flag. Default `false`. */
  admin?: boolean;
  /** Team entities the user belongs to (created when missing). */
  teams?: string[];
  /** Default entity. Default the username. */
  entity?: string;
}

/**
 * A project to add with `emu.seed.project`.
 *
 * @example
 * ```ts
 * emu.seed.project({ entity: 'alice', name: 'vision', description: 'Image models' });
 * ```
 */
export interface SeedProjectInput {
  /** Owning entity (created as a team entity when missing and not a user's). Default the viewer's entity. */
  entity?: string;
  /** Project name, unique within the entity. */
  name: string;
  /** Description. Default `null`. */
  description?: string | null;
  /** Access level as W&B reports it. Default `'PRIVATE'`. */
  access?: string;
  /** Creation time. Default now. */
  createdAt?: Date | string;
  /** Username of the creator. Default the owner of a personal entity, else the viewer. */
  user?: string;
}

/**
 * The result of `emu.seed.project`.
 *
 * @example
 * ```ts
 * const { id, internalId } = emu.seed.project({ name: 'vision' }); // id: base64 'Project:<internalId>'
 * ```
 */
export interface SeededProject {
  /** The global id (`Project.id`). */
  id: string;
  /** The integer id (what `Run.projectId` reports). */
  internalId: number;
}

/**
 * A run to add with `emu.seed.run`. Every field but `project` is optional.
 *
 * @example
 * ```ts
 * emu.seed.run({ project: 'vision', id: 'abc12345', config: { lr: 0.1 }, summary: { loss: 0.2 }, tags: ['baseline'] });
 * emu.seed.run({
 *   project: 'vision',
 *   history: [{ loss: 1 }, { loss: 0.5 }], // _step 0 and 1
 *   systemMetrics: [{ 'system.cpu': 12, _runtime: 10 }, { 'system.cpu': 15, _runtime: 20 }], // the stream
 *   files: { 'config.yaml': 'lr: 0.1\n', 'model.bin': new Uint8Array([1, 2, 3]) },
 * });
 * ```
 */
export interface SeedRunInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project name (created when missing). */
  project: string;
  /** Short run id (GraphQL `name`). Default 8 random characters of `[a-z0-9]`. */
  id?: string;
  /** Display name. Default a W&B-like `adjective-noun-<n>`. */
  displayName?: string | null;
  /** State: `running`, `finished`, `crashed`, `failed`, ... Default `'finished'`. */
  state?: string;
  /**
   * Config. Plain values are stored wrapped as `{ value, desc: null }` like the server does;
   * values that already have the `{ value, desc }` shape are kept.
   */
  config?: Record<string, unknown>;
  /** Summary metrics. Default `{}`. */
  summary?: Record<string, unknown>;
  /**
   * System metrics: either the run's latest system metrics (an object), or the whole system
   * metrics stream as rows, oldest first (`Run.events`, what `history({ stream: 'system' })`
   * reads; rows usually carry `_runtime` / `_timestamp`), in which case the latest system metrics
   * are the last row without its `_`-prefixed keys. Default `{}` and no stream.
   */
  systemMetrics?: Record<string, unknown> | Record<string, unknown>[];
  /** Tags. Default `[]`. */
  tags?: string[];
  /** Notes. Default `null`. */
  notes?: string | null;
  /** Description. Default `null`. */
  description?: string | null;
  /** Group. Default `null`. */
  group?: string | null;
  /** Job type. Default `null`. */
  jobType?: string | null;
  /** Creation time. Default now. */
  createdAt?: Date | string;
  /** Last heartbeat. Default `createdAt` plus `summary._runtime` seconds (or `createdAt`). */
  heartbeatAt?: Date | string | null;
  /** Sweep id (`Run.sweepName`, filter key `sweep`). Default `null`. */
  sweep?: string | null;
  /** Username of the run's author (created when missing). Default the viewer. */
  user?: string;
  /** Git commit. Default `null`. */
  commit?: string | null;
  /** Host name. Default `null`. */
  host?: string | null;
  /**
   * History rows, in step order; sets `historyLineCount` and `historyKeys` (`lastStep` = the largest
   * `_step`). A row without `_step` gets the previous row's step plus one (`0` for the first);
   * steps must be strictly increasing non-negative integers. `_runtime` / `_timestamp` are
   * optional and never added. Default none.
   */
  history?: Record<string, unknown>[];
  /**
   * Files of the run by name (`/`-separated; text is stored as UTF-8), served by `Run.files` and
   * signed storage URLs. Names are stored as given, hostile ones such as `../x.txt` or `/abs.txt`
   * included (to test clients), but not empty, `.`, `..` or containing NUL. Default none.
   */
  files?: Record<string, string | Uint8Array>;
}

/**
 * The result of `emu.seed.run`.
 *
 * @example
 * ```ts
 * const { id, storageId } = emu.seed.run({ project: 'vision' }); // id: 'k3x9a0qz', storageId: base64 'Run:<n>'
 * ```
 */
export interface SeededRun {
  /** Short run id (GraphQL `Run.name`). */
  id: string;
  /** Global id (GraphQL `Run.id`). */
  storageId: string;
}

/**
 * The kind of a recorded request: `graphql` (`/graphql`), `file_stream`
 * (`/files/<entity>/<project>/<run>/file_stream`), `storage` (other `/files/...`, `/storage...`,
 * `/artifacts...` paths) or `other`.
 *
 * @example
 * ```ts
 * emu.requests.filter((r) => r.kind === 'graphql');
 * ```
 */
export type RecordedRequestKind = 'graphql' | 'storage' | 'file_stream' | 'other';

/**
 * One request received by the emulator, as recorded in `emu.requests`. CORS preflights
 * (`OPTIONS`) are not recorded. Credentials are never stored: the `authorization` header (and any
 * header containing the key) reads `'[REDACTED]'`.
 *
 * @example
 * ```ts
 * const last = emu.requests.at(-1);
 * last?.operationName; // 'RunsPage'
 * last?.headers.authorization; // '[REDACTED]'
 * ```
 */
export interface RecordedRequest {
  /** What endpoint it hit. */
  kind: RecordedRequestKind;
  /** HTTP method. */
  method: string;
  /** Path with query string. */
  path: string;
  /** GraphQL operation name: the body's `operationName`, else the document's first operation name. */
  operationName: string | undefined;
  /** GraphQL document text. */
  query: string | undefined;
  /** GraphQL variables. */
  variables: Record<string, unknown> | undefined;
  /** Request headers, lower-cased names, credentials redacted. */
  headers: Record<string, string>;
  /** HTTP status answered; `0` when the connection was dropped by a fault. */
  status: number;
}

/**
 * A fault to inject with `emu.faults.add`. It applies `times` times, to GraphQL requests whose
 * operation name is `operationName` (any GraphQL request when omitted) or, with
 * `target: 'storage'`, to any request to a signed storage URL. Faults are checked before
 * authentication (and before a storage URL's signature), like a proxy, gateway or CDN in front of
 * the server would behave.
 *
 * @example
 * ```ts
 * emu.faults.add({ operationName: 'RunsPage', status: 429, retryAfterSeconds: 1, times: 2 });
 * emu.faults.add({ delayMs: 500 }); // a pure delay, then a normal answer
 * emu.faults.add({ dropConnection: true }); // the socket is destroyed without an answer
 * emu.faults.add({ status: 200, body: 'not json' }); // a malformed body
 * emu.faults.add({ target: 'storage', status: 503 }); // the next storage GET or PUT answers 503
 * ```
 */
export interface FaultInput {
  /**
   * Which requests it applies to: `'graphql'` (`POST /graphql`) or `'storage'` (GET / PUT of the
   * signed `/storage/...` URLs; `operationName` must then be omitted). Default `'graphql'`.
   */
  target?: 'graphql' | 'storage';
  /** Operation to match; omitted = every GraphQL request. Only for `target: 'graphql'`. */
  operationName?: string;
  /** Status to answer with. Omitted = no status fault (only a delay or a dropped connection). */
  status?: number;
  /** How many matching requests it applies to. Default `1`; `Infinity` for ever. */
  times?: number;
  /** `Retry-After` header in seconds. */
  retryAfterSeconds?: number;
  /** `Retry-After` header as an HTTP date. */
  retryAfterDate?: Date;
  /** Wait this long before answering (or proceeding normally). */
  delayMs?: number;
  /** Response body. Default `{"errors":[{"message":"emulated <status>"}]}`. */
  body?: string;
  /** Destroy the connection without answering (after `delayMs`, if any). */
  dropConnection?: boolean;
}

/**
 * An injected fault, as returned by `emu.faults.add` and listed by `emu.faults.list()`.
 *
 * @example
 * ```ts
 * const fault = emu.faults.add({ status: 500, times: 3 });
 * // ... after two matching requests:
 * fault.remaining; // 1
 * ```
 */
export interface Fault extends FaultInput {
  /** Matching requests it will still apply to. */
  readonly remaining: number;
}

/**
 * Fault injection controls (`emu.faults`).
 *
 * @example
 * ```ts
 * emu.faults.add({ operationName: 'Viewer', status: 503 });
 * emu.faults.clear();
 * ```
 */
export interface FaultControls {
  /**
   * Adds a fault; faults are tried in the order they were added.
   *
   * @example
   * ```ts
   * const fault = emu.faults.add({ operationName: 'Viewer', status: 503, times: 2 });
   * ```
   */
  add(fault: FaultInput): Fault;
  /**
   * Removes every fault.
   *
   * @example
   * ```ts
   * emu.faults.clear();
   * ```
   */
  clear(): void;
  /**
   * Faults that still have `remaining > 0`.
   *
   * @example
   * ```ts
   * emu.faults.list().length; // 0 once every fault is used up
   * ```
   */
  list(): readonly Fault[];
}

/**
 * Input of `emu.seed.sweep`.
 *
 * @example
 * ```ts
 * emu.seed.sweep({
 *   project: 'vision',
 *   id: 'swp12345',
 *   config: { method: 'bayes', metric: { name: 'val_loss', goal: 'minimize' }, parameters: { lr: { min: 0.0001, max: 0.1 } } },
 * });
 * emu.seed.run({ project: 'vision', sweep: 'swp12345', summary: { val_loss: 0.3 } });
 * ```
 */
export interface SeedSweepInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project (created when missing). */
  project: string;
  /** Sweep id (GraphQL `Sweep.name`). Default a random 8-character id. */
  id?: string;
  /** Display name. Default `null` (clients fall back to the config's `name`, then the id). */
  displayName?: string | null;
  /** The sweep configuration: an object (stored as YAML, as the server does) or a YAML string. */
  config: Record<string, unknown> | string;
  /** Search method. Default the config's `method`, else `random`. */
  method?: string;
  /** State as W&B reports it (`RUNNING`, `PAUSED`, `FINISHED`, `CANCELED`, `CRASHED`). Default `FINISHED`. */
  state?: string;
  /** Description. Default `null`. */
  description?: string | null;
  /**
   * Best value of the sweep metric, a finite number (GraphQL cannot send NaN or Infinity). Default:
   * computed from the finite values in the sweep's runs' summaries using the config's
   * `metric { name, goal }` (null when there is no metric or no run has it).
   */
  bestLoss?: number | null;
  /** Runs expected when the sweep completes (grid search). Default `null`. */
  runCountExpected?: number | null;
  /** Creation time. Default now. */
  createdAt?: Date | string;
  /** Username of the creator. Default the viewer. */
  user?: string;
}

/**
 * The result of `emu.seed.sweep`.
 *
 * @example
 * ```ts
 * const { id, storageId } = emu.seed.sweep({ project: 'vision', config: { method: 'grid' } });
 * ```
 */
export interface SeededSweep {
  /** Sweep id (GraphQL `Sweep.name`), what runs reference with `sweep`. */
  id: string;
  /** Global id (GraphQL `Sweep.id`). */
  storageId: string;
}

/**
 * Input of `emu.seed.report`: a report is a saved view of type `runs` in a project.
 *
 * @example
 * ```ts
 * emu.seed.report({
 *   project: 'vision',
 *   displayName: 'Weekly sync',
 *   description: 'What changed this week',
 *   spec: { panelGroups: [{ name: 'Loss curves' }] },
 * });
 * ```
 */
export interface SeedReportInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project (created when missing). */
  project: string;
  /** Title shown in the app (`View.displayName`). */
  displayName: string;
  /** Description. Default `null`. */
  description?: string | null;
  /**
   * Content: an object (stored as a JSON string, as the server does) or a JSON string (stored as
   * given, unchecked, so a client's handling of a blank or broken spec can be tested). Default `null`.
   */
  spec?: Record<string, unknown> | string | null;
  /** The view's internal name (what `viewName` filters on). Default a random 8-character id. */
  name?: string;
  /** View type. Default `'runs'` (a report); other types are not listed as reports. */
  type?: string;
  /** Username of the author (created when missing). Default the viewer. */
  user?: string;
  /** Creation time. Default now. */
  createdAt?: Date | string;
  /** Last save. Default `createdAt`. */
  updatedAt?: Date | string;
}

/**
 * The result of `emu.seed.report`.
 *
 * @example
 * ```ts
 * const { id, name } = emu.seed.report({ project: 'vision', displayName: 'Weekly sync' }); // id: base64 'View:<n>'
 * ```
 */
export interface SeededReport {
  /** Global id (GraphQL `View.id`), what report URLs end with (without `=` padding). */
  id: string;
  /** The view's internal name. */
  name: string;
}
