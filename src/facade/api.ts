import type { Client } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  CreateProjectDocument,
  CreateRunDocument,
  DefaultEntityDocument,
  ProjectDetailDocument,
  ProjectsPageDocument,
  ServerFeaturesDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { readEnv } from '../io/env.js';
import type { LocalFiles } from '../io/files.js';
import type { StorageRequest } from '../transport/storage.js';
import { Transport, type RetryOptions } from '../transport/index.js';
import { VERSION } from '../version.js';
import type { FacadeContext, RequestOptions, TransportRequestOptions, Variables } from './core/context.js';
import {
  AuthenticationError,
  NotFoundError,
  UnsupportedError,
  ValidationError,
  WandbError,
} from '../errors/index.js';
import { projectNotFound } from './core/notFound.js';
import { once } from './core/memo.js';
import { Paginated, validatePerPage } from './core/pagination.js';
import { parseObjectPath, type PathObject } from './paths/fromPath.js';
import {
  appUrlFromBaseUrl,
  normalizeBaseUrl,
  parseProjectPath,
  parseRunPath,
  parseSweepPath,
} from './paths/paths.js';
import { Project } from './projects/project.js';
import { BetaReport, listReports, type ReportsOptions } from './reports/report.js';
import { fetchRunDetail, Run } from './runs/run.js';
import { Runs, type RunsOptions } from './runs/runs.js';
import { fetchSweep, type Sweep } from './sweeps/sweep.js';
import { User } from './users/user.js';
import { randomRunId, type CreateProjectOptions, type CreateRunOptions } from './runs/writes.js';
import {
  isPlainObject,
  optionalBoolean,
  optionalName,
  optionalPositive,
  optionalSignal,
  optionalString,
  optionsObject,
} from './core/validate.js';

/** The default W&B server. */
export const DEFAULT_BASE_URL = 'https://api.wandb.ai';

/**
 * Options of {@link Api}. Every one is optional.
 *
 * @example
 * ```ts
 * const options: ApiOptions = { baseUrl: 'https://wandb.example.com', entity: 'acme', timeoutMs: 10_000, retry: { maxAttempts: 3 } };
 * ```
 */
export interface ApiOptions {
  /** API key. Default: `WANDB_API_KEY`, else the `~/.netrc` entry for the server's host (Node only). */
  apiKey?: string;
  /** A bearer token (e.g. from W&B's identity federation) used instead of an API key. */
  bearerToken?: string;
  /** The W&B server. Default: `WANDB_BASE_URL`, else `https://api.wandb.ai`. Trailing slashes are stripped. */
  baseUrl?: string;
  /** The W&B app (UI) URL used for `url` properties. Default: `WANDB_APP_URL`, else derived from `baseUrl`. */
  appUrl?: string;
  /** Default entity for paths without one. Default: `WANDB_ENTITY`, else the viewer's entity. */
  entity?: string;
  /** Default project for paths without one. Default: `WANDB_PROJECT`. */
  project?: string;
  /** Timeout of each HTTP attempt, in milliseconds. Default: `WANDB_HTTP_TIMEOUT` (seconds), else 30 000. */
  timeoutMs?: number;
  /**
   * Retry policy for transient failures (network errors, timeouts, 408, 429, 5xx but 501), or
   * `false` to never retry. Defaults: `maxAttempts` 5, `initialDelayMs` 1 000, `maxDelayMs` 30 000,
   * `maxElapsedMs` 60 000; a `Retry-After` from the server is honoured.
   */
  retry?: RetryOptions | false;
  /** Cache query results until {@link Api.flush}. Default `true`. */
  cache?: boolean;
  /** The `fetch` to use. Default: `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Extra headers sent with every request to the W&B server (never to other hosts). Default: those
   * of `WANDB__EXTRA_HTTP_HEADERS` (a JSON object), plus `X-WANDB-USERNAME` / `X-WANDB-USER-EMAIL`
   * from `WANDB_USERNAME` / `WANDB_USER_EMAIL`.
   */
  headers?: Record<string, string>;
  /** Your own urql `Client` (e.g. from a React Provider); used as is, with its own exchanges. */
  client?: Client;
}

/**
 * Options of paginated listings.
 *
 * @example
 * ```ts
 * const projects = api.projects('acme', { perPage: 50, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface ListOptions {
  /** Items fetched per request, a positive integer. */
  perPage?: number;
  /** A cursor from {@link Paginated.cursor} to resume after that position. */
  start?: string | null;
  /** Cancels the listing. */
  signal?: AbortSignal;
}

const MISSING_KEY =
  'No W&B API key found. Pass `apiKey` to `new Api({ apiKey })`, set the WANDB_API_KEY environment ' +
  'variable, or add the key to ~/.netrc for the server host (as `wandb login` does).';

const NEEDS_NODE =
  'which needs Node (the Node build of wandb-api, what `import "wandb-api"` gives under Node)';

/** The core build's file access: none; each method says what to use instead. */
const NO_LOCAL_FILES: LocalFiles = {
  readUpload: () =>
    Promise.reject(
      new UnsupportedError(
        `run.uploadFile(path) reads a file from disk, ${NEEDS_NODE}; elsewhere pass the content: run.uploadFile(name, data)`,
      ),
    ),
  prepareDownload: () =>
    Promise.reject(
      new UnsupportedError(
        `file.download() writes to disk, ${NEEDS_NODE}; in a browser use file.blob(), file.text(), file.arrayBuffer() or file.stream()`,
      ),
    ),
  writeAtomic: () => Promise.reject(new UnsupportedError(`file.download() writes to disk, ${NEEDS_NODE}`)),
};

const RETRY_KEYS = ['maxAttempts', 'initialDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const;

function checkRetry(value: unknown): RetryOptions | false | undefined {
  if (value === undefined || value === false) return value;
  if (!isPlainObject(value))
    throw new ValidationError(
      'retry',
      'expected false or { maxAttempts, initialDelayMs, maxDelayMs, maxElapsedMs }',
    );
  for (const key of Object.keys(value)) {
    if (!(RETRY_KEYS as readonly string[]).includes(key)) {
      throw new ValidationError(`retry.${key}`, `unknown retry option; allowed: ${RETRY_KEYS.join(', ')}`);
    }
  }
  optionalPositive(value.maxAttempts, 'retry.maxAttempts', { integer: true });
  for (const key of ['initialDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    const v = value[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && !Number.isNaN(v))) {
      throw new ValidationError(`retry.${key}`, `expected a number of milliseconds >= 0, got ${String(v)}`);
    }
  }
  return value as RetryOptions;
}

function checkHeaders(value: unknown, parameter: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new ValidationError(parameter, 'expected an object of header names to string values');
  }
  return value as Record<string, string>;
}

/** Headers from the environment, as the official client sends them (wandb-ops.md §2). */
function envHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const extra = readEnv('WANDB__EXTRA_HTTP_HEADERS');
  if (extra) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(extra);
    } catch {
      throw new ValidationError(
        'WANDB__EXTRA_HTTP_HEADERS',
        'expected a JSON object of header names to strings',
      );
    }
    Object.assign(headers, checkHeaders(parsed, 'WANDB__EXTRA_HTTP_HEADERS'));
  }
  const username = readEnv('WANDB_USERNAME');
  const email = readEnv('WANDB_USER_EMAIL');
  if (username) headers['X-WANDB-USERNAME'] = username;
  if (email) headers['X-WANDB-USER-EMAIL'] = email;
  return headers;
}

function envTimeoutMs(): number | undefined {
  const raw = readEnv('WANDB_HTTP_TIMEOUT');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!(Number.isFinite(seconds) && seconds > 0)) {
    throw new ValidationError(
      'WANDB_HTTP_TIMEOUT',
      `expected a positive number of seconds, got ${JSON.stringify(raw)}`,
    );
  }
  return seconds * 1000;
}

/**
 * The W&B public API client: read and manage users, projects and runs.
 *
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 *
 * const api = new Api(); // WANDB_API_KEY, WANDB_BASE_URL, WANDB_ENTITY from the environment
 * const runs = api.runs('acme/vision', { filters: { state: 'finished' }, order: '-summary_metrics.accuracy' });
 * for await (const run of runs) console.log(run.name, run.summary.accuracy);
 * ```
 */
export class Api implements FacadeContext {
  /** The W&B server, normalized (no trailing slash). */
  readonly baseUrl: string;
  /** The W&B app (UI) URL. */
  readonly appUrl: string;
  /** The `User-Agent` this client identifies with: `W&B Public Client wandb-api/<version>`. */
  readonly userAgent: string;
  /** Defaults for paths: entity and project from the options or `WANDB_ENTITY` / `WANDB_PROJECT`. */
  readonly settings: Readonly<{ entity: string | undefined; project: string | undefined }>;

  #transport: Transport;
  #needsFallbackKey: boolean;
  #keyLookup = once(() => this.#loadFallbackKey());
  #viewer = once(() => this.#loadViewer());
  #defaultEntity: string | undefined;
  #entityLookup = once(() => this.#loadDefaultEntity());
  #features = once(() => this.#loadFeatures());

  /**
   * Creates a client. Nothing is sent until the first call; bad options throw
   * {@link ValidationError} here.
   *
   * @example
   * ```ts
   * const api = new Api({ apiKey: process.env.WANDB_API_KEY, baseUrl: 'https://wandb.example.com', entity: 'acme' });
   * ```
   */
  constructor(options: ApiOptions = {}) {
    const o = optionsObject(options);
    this.baseUrl = normalizeBaseUrl(
      optionalString(o.baseUrl, 'baseUrl') ?? readEnv('WANDB_BASE_URL') ?? DEFAULT_BASE_URL,
    );
    const appOverride = optionalString(o.appUrl, 'appUrl') ?? readEnv('WANDB_APP_URL');
    this.appUrl = appUrlFromBaseUrl(this.baseUrl, appOverride);
    this.settings = Object.freeze({
      entity: optionalName(o.entity ?? readEnv('WANDB_ENTITY'), 'entity'),
      project: optionalName(o.project ?? readEnv('WANDB_PROJECT'), 'project'),
    });
    const timeoutMs = optionalPositive(o.timeoutMs, 'timeoutMs') ?? envTimeoutMs();
    const retry = checkRetry(o.retry);
    const cache = optionalBoolean(o.cache, 'cache');
    if (o.fetch !== undefined && typeof o.fetch !== 'function') {
      throw new ValidationError('fetch', 'expected a fetch function');
    }
    if (
      o.client !== undefined &&
      (typeof o.client !== 'object' ||
        o.client === null ||
        typeof (o.client as { query?: unknown }).query !== 'function')
    ) {
      throw new ValidationError('client', 'expected an urql Client');
    }
    const headers = { ...envHeaders(), ...checkHeaders(o.headers, 'headers') };
    const apiKey = optionalString(o.apiKey, 'apiKey') ?? readEnv('WANDB_API_KEY');
    const bearerToken = optionalString(o.bearerToken, 'bearerToken');
    this.userAgent = `W&B Public Client wandb-api/${VERSION}`;
    this.#transport = new Transport({
      baseUrl: this.baseUrl,
      apiKey,
      bearerToken,
      timeoutMs,
      retry,
      cache,
      fetch: o.fetch,
      headers,
      client: o.client,
      userAgent: this.userAgent,
      clientHeader: `wandb-api/${VERSION}`,
      missingKeyMessage: MISSING_KEY,
    });
    this.#needsFallbackKey = !apiKey && !bearerToken && !o.client;
  }

  /**
   * Where a key comes from when neither the options nor the environment give one. The core (browser)
   * build has no fallback; the Node build of `wandb-api` overrides this to read `~/.netrc`.
   * @internal
   */
  protected fallbackApiKey(_host: string): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  async #loadFallbackKey(): Promise<void> {
    try {
      const key = await this.fallbackApiKey(new URL(this.baseUrl).host);
      if (key) this.#transport.setApiKey(key);
    } catch {
      // An unreadable ~/.netrc is the same as none: the request then fails with the missing-key message.
    }
  }

  /**
   * Local file access for `file.download()` and `run.uploadFile(path)`. The core (browser) build
   * has none: every method rejects with {@link UnsupportedError}. The Node build of `wandb-api`
   * overrides this with Node's file system.
   * @internal
   * @example
   * ```ts
   * class MyApi extends Api {
   *   protected override fileSystem(): LocalFiles { return myFiles; }
   * }
   * ```
   */
  protected fileSystem(): LocalFiles {
    return NO_LOCAL_FILES;
  }

  /**
   * @internal {@link FacadeContext}: the local file access of this build ({@link Api.fileSystem}).
   *
   * @example
   * ```ts
   * const target = await api.disk().prepareDownload('out', ['a.txt'], 'a.txt', false);
   * ```
   */
  disk(): LocalFiles {
    return this.fileSystem();
  }

  /**
   * @internal {@link FacadeContext}: a request to a storage URL (signed download or upload URL),
   * sent without credentials unless the URL is relative to `baseUrl`.
   *
   * @example
   * ```ts
   * const res = await api.storage(file.directUrl, { method: 'GET' });
   * ```
   */
  storage(url: string, request: StorageRequest = {}): Promise<Response> {
    return this.#transport.storage(url, request);
  }

  /**
   * The underlying urql `Client` (ours, or the one passed in the options), e.g. to share it with
   * a React `Provider`.
   *
   * @example
   * ```ts
   * import { ViewerDocument } from 'wandb-api';
   * const result = await api.client.query(ViewerDocument, {}).toPromise();
   * ```
   */
  get client(): Client {
    return this.#transport.client;
  }

  /**
   * Sends one generated operation and returns its data, or throws a typed error. The building
   * block of every method; useful for operations the facade does not wrap yet.
   *
   * @example
   * ```ts
   * import { ViewerDocument } from 'wandb-api';
   * const { viewer } = await api.request(ViewerDocument, {});
   * ```
   */
  async request<TData, TVars extends Variables>(
    doc: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    options: TransportRequestOptions<TData> = {},
  ): Promise<TData> {
    const o = optionsObject(options);
    optionalSignal(o.signal);
    optionalBoolean(o.cache, 'cache');
    if (this.#needsFallbackKey) await this.#keyLookup();
    return this.#transport.request(doc, variables, o);
  }

  /**
   * Empties the local cache of query results (and the cached viewer), so the next calls ask the server again.
   *
   * @example
   * ```ts
   * api.flush();
   * const fresh = await api.run('acme/vision/a1b2c3d4');
   * ```
   */
  flush(): void {
    this.#transport.flush();
    this.#viewer.reset();
    this.#entityLookup.reset();
    this.#features.reset();
    this.#defaultEntity = undefined;
  }

  /**
   * The authenticated user. Cached until {@link Api.flush}.
   * Throws {@link AuthenticationError} when the key is missing or rejected.
   *
   * @example
   * ```ts
   * const me = await api.viewer();
   * console.log(`${me.username} (${me.email}) in teams ${me.teams.join(', ')}`);
   * ```
   */
  viewer(): Promise<User> {
    return this.#viewer();
  }

  async #loadViewer(): Promise<User> {
    const data = await this.request(ViewerDocument, {});
    if (!data.viewer) throw new AuthenticationError('Could not load the viewer: verify your W&B API key.');
    const user = new User(data.viewer);
    this.#defaultEntity ??= user.entity;
    return user;
  }

  /**
   * The viewer's default entity: where runs and projects go when no entity is given. Cached until
   * {@link Api.flush} (and known without a request once {@link Api.viewer} has been loaded).
   *
   * @example
   * ```ts
   * console.log(await api.defaultEntity()); // 'alice'
   * ```
   */
  async defaultEntity(): Promise<string> {
    return this.#defaultEntity ?? (await this.#entityLookup());
  }

  async #loadDefaultEntity(): Promise<string> {
    const data = await this.request(DefaultEntityDocument, {});
    if (!data.viewer) throw new AuthenticationError('Could not load the viewer: verify your W&B API key.');
    if (!data.viewer.entity) {
      throw new ValidationError('entity', 'the viewer has no default entity; pass an entity explicitly');
    }
    this.#defaultEntity = data.viewer.entity;
    return data.viewer.entity;
  }

  /** @internal {@link FacadeContext}: an explicit entity, else the default one. */
  async resolveEntity(entity?: string): Promise<string> {
    return entity ?? this.settings.entity ?? (await this.defaultEntity());
  }

  /**
   * The server's capability flags (`serverInfo.features`), loaded once and cached. A server that
   * cannot report them (older versions answer with an error) yields an empty map: every feature
   * counts as disabled. Authentication failures still throw. `run.uploadFile()` reads
   * `MARK_RUN_FILES_UPLOADED` here.
   *
   * @example
   * ```ts
   * const features = await api.serverFeatures();
   * if (features.get('ARTIFACT_TAGS')) console.log('artifact tags supported');
   * ```
   */
  serverFeatures(): Promise<ReadonlyMap<string, boolean>> {
    return this.#features();
  }

  async #loadFeatures(): Promise<ReadonlyMap<string, boolean>> {
    try {
      const data = await this.request(ServerFeaturesDocument, {});
      return new Map((data.serverInfo?.features ?? []).map((f) => [f.name, f.isEnabled] as const));
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      return new Map<string, boolean>();
    }
  }

  /**
   * The projects of an entity (default: the `entity` option, else the viewer's), 200 per request.
   * The server gives no total for this listing, so `totalCount()` throws `UnsupportedError`.
   *
   * @example
   * ```ts
   * for await (const project of api.projects('acme')) console.log(project.name, project.url);
   * ```
   */
  projects(entity?: string, options: ListOptions = {}): Paginated<Project> {
    const explicit = optionalName(entity, 'entity');
    const o = optionsObject(options);
    const perPage = validatePerPage(o.perPage ?? 200);
    const signal = optionalSignal(o.signal);
    const entityName = once(() => this.resolveEntity(explicit));
    return new Paginated<Project>(
      async ({ cursor, perPage: first, signal: pageSignal }) => {
        const data = await this.request(
          ProjectsPageDocument,
          { entity: await entityName(), cursor, perPage: first },
          { signal: pageSignal },
        );
        const edges = data.models?.edges ?? [];
        return {
          items: edges.flatMap((e) => (e.node ? [new Project(this, this.#runsFactory, e.node)] : [])),
          cursor: data.models?.pageInfo.endCursor ?? edges[edges.length - 1]?.cursor ?? null,
          hasNextPage: data.models?.pageInfo.hasNextPage ?? false,
        };
      },
      { perPage, start: o.start ?? null, signal, what: 'projects', countable: false },
    );
  }

  /**
   * One project, loaded. `name` may also be `entity/project` (then `entity` must be absent or the
   * same). Throws {@link NotFoundError} when there is none.
   *
   * @example
   * ```ts
   * const project = await api.project('vision', 'acme');
   * console.log(project.createdAt, project.url);
   * ```
   */
  async project(name: string, entity?: string, options: RequestOptions = {}): Promise<Project> {
    const explicit = optionalName(entity, 'entity');
    const parsed = parseProjectPath(name, { entity: explicit ?? this.settings.entity });
    if (explicit && parsed.entity && parsed.entity !== explicit) {
      throw new ValidationError(
        'entity',
        `${JSON.stringify(explicit)} contradicts the entity in ${JSON.stringify(name)}`,
      );
    }
    const entityName = await this.resolveEntity(parsed.entity);
    const data = await this.request(
      ProjectDetailDocument,
      { name: parsed.project, entity: entityName },
      { ...optionsObject(options), cacheIf: (d) => d.project != null },
    );
    if (!data.project) throw projectNotFound(entityName, parsed.project);
    return new Project(this, this.#runsFactory, data.project);
  }

  /**
   * The runs of a project (`entity/project`, or `project` with the default entity), filtered and
   * ordered on the server and fetched page by page as you iterate. Bad options throw
   * {@link ValidationError} here, before any request.
   *
   * @example
   * ```ts
   * const runs = api.runs('acme/vision', {
   *   filters: { $and: [{ state: 'finished' }, { 'config.optimizer': 'adam' }] },
   *   order: '-summary_metrics.accuracy',
   *   perPage: 100,
   * });
   * console.log(await runs.totalCount());
   * const best = await runs.first();
   * ```
   */
  runs(path: string, options: RunsOptions = {}): Runs {
    const o = optionsObject(options);
    const parsed = parseProjectPath(path, this.settings);
    return new Runs(this, { entity: parsed.entity, project: parsed.project, options: o });
  }

  #runsFactory = (path: string, options?: RunsOptions): Runs => this.runs(path, options);

  /**
   * One run, fully loaded (config, summary, system metrics, history keys). Paths: `e/p/r`,
   * `e/p/runs/r`, `/e/p/r`, `e/p:r`, `p/r`, `p:r` or `r`, with missing parts from the options,
   * the environment or the viewer. Throws {@link NotFoundError} when there is no such run.
   *
   * @example
   * ```ts
   * const run = await api.run('acme/vision/a1b2c3d4');
   * console.log(run.name, run.config.lr, run.summary.loss);
   * ```
   */
  async run(path: string, options: RequestOptions = {}): Promise<Run> {
    const o = optionsObject(options);
    const parsed = parseRunPath(path, this.settings);
    const entity = await this.resolveEntity(parsed.entity);
    const run = await fetchRunDetail(this, entity, parsed.project, parsed.runId, o);
    return new Run(this, entity, parsed.project, run);
  }

  /**
   * One sweep, loaded (config parsed from its YAML). Paths follow the run grammar with `sweeps`:
   * `e/p/s`, `e/p/sweeps/s`, `/e/p/s`, `e/p:s`, `p/s`, `p:s` or `s`, missing parts from the
   * options, the environment or the viewer. Throws {@link NotFoundError} when there is no such
   * sweep (or project).
   *
   * @example
   * ```ts
   * const sweep = await api.sweep('acme/vision/sweeps/k3x9a0qz');
   * console.log(sweep.name, sweep.state, sweep.config.metric, sweep.bestLoss);
   * const best = await sweep.bestRun();
   * ```
   */
  async sweep(path: string, options: RequestOptions = {}): Promise<Sweep> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const cache = optionalBoolean(o.cache, 'cache');
    const parsed = parseSweepPath(path, this.settings);
    const entity = await this.resolveEntity(parsed.entity);
    const sweep = await fetchSweep(this, entity, parsed.project, parsed.sweepId, signal, cache);
    if (!sweep) throw new NotFoundError(`Sweep ${entity}/${parsed.project}/${parsed.sweepId} not found`);
    return sweep;
  }

  /**
   * The reports of a project (`entity/project`, or `project` with the default entity), 50 per
   * request by default, optionally only the one of a view `name`. The server gives no total, so
   * `totalCount()` throws `UnsupportedError`. A missing project rejects with {@link NotFoundError}.
   *
   * @example
   * ```ts
   * for await (const report of api.reports('acme/vision')) {
   *   console.log(report.displayName, report.updatedAt, report.url);
   * }
   * ```
   */
  reports(path: string, options: ReportsOptions = {}): Paginated<BetaReport> {
    const o = optionsObject(options);
    return listReports(this, parseProjectPath(path, this.settings), o);
  }

  /**
   * The object a path names, as the official client's `from_path`: `project` or
   * `entity/project` → {@link Project}; `entity/project/runId` or `entity/project/runs/runId` →
   * {@link Run}; `entity/project/sweeps/sweepId` → {@link Sweep};
   * `entity/project/reports/Title--reportId` (the path of a report URL) → {@link BetaReport},
   * built from the path without a request (only `id`, `displayName` and `url` are known). Any
   * other shape throws {@link ValidationError} (`path`) before any request.
   *
   * @example
   * ```ts
   * const run = await api.fromPath('acme/vision/runs/a1b2c3d4'); // typed Run
   * const report = await api.fromPath('acme/vision/reports/Weekly-sync--Vmlldzo0Mg'); // typed BetaReport
   * const anything = await api.fromPath(userInput); // Project | Run | Sweep | BetaReport
   * if (anything instanceof Run) console.log(anything.summary);
   * ```
   */
  fromPath(path: `${string}/${string}/runs/${string}`, options?: RequestOptions): Promise<Run>;
  fromPath(path: `${string}/${string}/sweeps/${string}`, options?: RequestOptions): Promise<Sweep>;
  fromPath(path: `${string}/${string}/reports/${string}`, options?: RequestOptions): Promise<BetaReport>;
  fromPath(path: string, options?: RequestOptions): Promise<PathObject>;
  async fromPath(path: string, options: RequestOptions = {}): Promise<PathObject> {
    const o = optionsObject(options);
    optionalSignal(o.signal);
    optionalBoolean(o.cache, 'cache');
    const target = parseObjectPath(path);
    switch (target.kind) {
      case 'project':
        return this.project(target.project, target.entity, o);
      case 'run':
        return this.run(`${target.entity}/${target.project}/${target.runId}`, o);
      case 'sweep':
        return this.sweep(`${target.entity}/${target.project}/${target.sweepId}`, o);
      case 'report':
        return new BetaReport(this, target.entity, target.project, {
          id: target.reportId,
          displayName: target.displayName,
          spec: '{}',
        });
    }
  }

  /**
   * Creates a project (entity default: the `entity` option, else the viewer's). The server
   * upserts: a project that exists already is returned as it is, not an error.
   *
   * @example
   * ```ts
   * const project = await api.createProject('vision', 'acme');
   * console.log(project.url);
   * ```
   */
  async createProject(name: string, entity?: string, options: CreateProjectOptions = {}): Promise<Project> {
    const projectName = optionalName(name, 'name');
    if (projectName === undefined) throw new ValidationError('name', 'expected a project name');
    const explicit = optionalName(entity, 'entity');
    const signal = optionalSignal(optionsObject(options).signal);
    const entityName = await this.resolveEntity(explicit);
    // An upsert by name: repeating it changes nothing more, so it is safe to retry.
    const data = await this.request(
      CreateProjectDocument,
      { name: projectName, entity: entityName },
      { signal, idempotent: true },
    );
    const project = data.upsertModel?.project;
    if (!project) throw new WandbError(`CreateProject returned no project for ${entityName}/${projectName}`);
    return new Project(this, this.#runsFactory, project);
  }

  /**
   * Creates a run in state `running` and returns it (config and summary empty, ready for
   * {@link Run.update}). The id defaults to 8 random characters of `[a-z0-9]`; the project to the
   * `project` option (`WANDB_PROJECT`) — without either it throws {@link ValidationError} (this
   * client never falls back to `uncategorized`); the entity to the `entity` option, else the
   * viewer's. The project is created when missing.
   *
   * The server upserts by id: with the `runId` of a run that exists already, that run is not
   * duplicated nor rejected, it is set to `running` and returned with its data.
   *
   * @example
   * ```ts
   * const run = await api.createRun({ project: 'vision' });
   * run.config = { lr: 0.1 };
   * run.tags = ['manual'];
   * await run.update();
   * console.log(run.id, run.url);
   * ```
   */
  async createRun(options: CreateRunOptions = {}): Promise<Run> {
    const o = optionsObject(options);
    let runId: string | undefined;
    if (o.runId !== undefined) {
      runId = optionalName(o.runId, 'runId');
      if (runId === undefined) throw new ValidationError('runId', 'expected a non-empty run id');
    }
    const project = optionalName(o.project, 'project') ?? this.settings.project;
    if (project === undefined) {
      throw new ValidationError(
        'project',
        'no project given and no default project: pass { project }, or set the project option or WANDB_PROJECT',
      );
    }
    const explicit = optionalName(o.entity, 'entity');
    const signal = optionalSignal(o.signal);
    const entity = await this.resolveEntity(explicit);
    const name = runId ?? randomRunId();
    // An upsert by id with fixed values: repeating it changes nothing more, so it is safe to retry.
    const data = await this.request(
      CreateRunDocument,
      { entity, project, name, state: 'running' },
      { signal, idempotent: true },
    );
    const bucket = data.upsertBucket?.bucket;
    if (!bucket) throw new WandbError(`CreateRun returned no run for ${entity}/${project}/${name}`);
    return new Run(this, entity, project, bucket);
  }
}
