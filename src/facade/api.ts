/**
 * The {@link Api} class: its options, the request and cache plumbing, and one line per
 * documented method, each handing over to the domain that implements it (`projects/`, `runs/`,
 * `sweeps/`, ...). `Api` is the {@link FacadeContext} of every object it makes; the constructions
 * that cross domains (a sweep's runs, a run's files) are wired here.
 *
 * @example
 * ```ts
 * const api = new Api({ entity: 'acme' });
 * const run = await api.run('vision/a1b2c3d4');
 * ```
 * @module
 */
import type {
  ArtifactCollectionFieldsFragment,
  ArtifactCollectionMembershipFieldsFragment,
} from '../generated/graphql.js';
import type { Client } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { LocalFiles } from '../io/files.js';
import { Transport, type RetryOptions, type TransportEngine } from '../transport/index.js';
import type { StorageRequest } from '../transport/storage.js';
import type { PostJsonCall } from '../transport/postJson.js';
import type { Artifact } from './artifacts/artifact.js';
import type { ArtifactType } from './artifacts/artifact-type.js';
import { ArtifactDraft, type NewArtifactOptions } from './artifacts/draft.js';
import type {
  ArtifactOptions,
  ArtifactsOptions,
  LogArtifactOptions,
  RunArtifactsOptions,
  UseArtifactOptions,
} from './artifacts/artifacts.js';
import type { ArtifactCollection, ArtifactCollectionsOptions } from './artifacts/collection.js';
import { resolveApiConfig } from './config.js';
import type { CreateCustomChartOptions } from './charts/charts.js';
import type {
  GraphQLDocument,
  RequestOptions,
  Settings,
  TransportRequestOptions,
  Variables,
} from './core/context.js';
import { loadServerFeatures } from './core/features.js';
import { lazy, LazyPaginated, type Lazy } from './core/lazy.js';
import { once } from './core/memo.js';
import { NO_LOCAL_FILES, NO_TENSORBOARD_FILES } from './core/options.js';
import type { ListOptions, Paginated } from './core/pagination.js';
import { optionalBoolean, optionalName, optionalSignal, optionsObject } from './core/validate.js';
import type { File, RunFilesOptions } from './files/file.js';
import type { Automation } from './automations/automation.js';
import type {
  AutomationOptions,
  AutomationsOptions,
  CreateAutomationOptions,
  UpdateAutomationOptions,
} from './automations/automations.js';
import type { NewAutomation } from './automations/events.js';
import type {
  CreateWebhookIntegrationOptions,
  Integration,
  SlackIntegration,
  WebhookIntegration,
} from './integrations/integrations.js';
import type { ArtifactCollectionRef } from './paths/artifact-paths.js';
import type { ProjectPath, RunRef, SweepRef } from './paths/paths.js';
import type { Project } from './projects/project.js';
import type { Organization } from './registries/organization.js';
import { listRegistries, type Registries, type RegistriesOptions } from './registries/registries.js';
import type { CreateRegistryOptions, Registry, RegistryOptions } from './registries/registry.js';
import type { CreateProjectOptions } from './projects/projects.js';
import type { BetaReport, ReportsOptions } from './reports/report.js';
// Launch
import type { Job, JobOptions, JobSummary } from './launch/job.js';
import type { QueuedRun, QueuedRunOptions } from './launch/queued-run.js';
import { queuedRunFromOptions } from './launch/queued-runs.js';
import type { CreateRunQueueOptions, RunQueue, UpsertRunQueueOptions } from './launch/run-queue.js';
import type { Run, RunConfig, RunCreateState, RunSummary } from './runs/run.js';
import { listRuns, projectRuns, type Runs, type RunsOptions } from './runs/runs.js';
import type { CreateRunOptions } from './runs/writes.js';
import type { Sweep } from './sweeps/sweep.js';
import type { SweepsOptions } from './sweeps/sweeps.js';
import type { Team } from './teams/team.js';
import type { CreateTeamOptions } from './teams/teams.js';
import type { User } from './users/user.js';
import type { CreateUserOptions } from './users/users.js';
import type { ViewerLookup } from './users/viewer.js';
import type { TensorboardFiles } from '../io/tensorboard.js';
import type { SyncTensorboardOptions, SyncTensorboardResult } from './tensorboard/sync.js';

/**
 * The domains, each loaded on first use (a dynamic `import()`, memoized), so that a browser
 * bundle's initial chunk holds only `Api`, the transport and what `Api`'s synchronous methods
 * return (`Runs`, `Registries`, `ArtifactDraft`, `QueuedRun`, `Paginated`); see "Bundle size" in
 * the README. Loading `projects` also loads `sweeps`, so that `project.sweeps()` checks its
 * options synchronously, as before.
 */
const sweeps = /* @__PURE__ */ lazy(() => import('./sweeps/sweeps.js'), 'its sweeps/sweeps module');
const files = /* @__PURE__ */ lazy(() => import('./files/file-impl.js'), 'its files/file-impl module');
const artifacts = /* @__PURE__ */ lazy(
  () => import('./artifacts/artifacts.js'),
  'its artifacts/artifacts module',
);
const artifactTypes = /* @__PURE__ */ lazy(
  () => import('./artifacts/artifact-types.js'),
  'its artifacts/artifact-types module',
);
const collections = /* @__PURE__ */ lazy(
  () => import('./artifacts/collection-impl.js'),
  'its artifacts/collection-impl module',
);
/** The parser of `fromPath`'s paths (web app URLs included), loaded with its first call. */
const objectPaths = /* @__PURE__ */ lazy(() => import('./paths/fromPath.js'), 'its paths/fromPath module');
/** `m`, once the domains its objects' synchronous listings hand over to have loaded too. */
async function withListings<M>(m: Promise<M>, ...listings: Lazy<unknown>[]): Promise<M> {
  return (await Promise.all([m, ...listings.map((l) => l())]))[0];
}
const load = {
  viewer: /* @__PURE__ */ lazy(() => import('./users/viewer.js'), 'its users/viewer module'),
  users: /* @__PURE__ */ lazy(() => import('./users/users.js'), 'its users/users module'),
  teams: /* @__PURE__ */ lazy(() => import('./teams/teams.js'), 'its teams/teams module'),
  sweeps,
  // A project's sweeps(), artifactTypes() and collections(); a run's files() and its artifacts;
  // a collection's artifacts(): made at once (and checked at once) by their loaded domains.
  projects: /* @__PURE__ */ lazy(
    () => withListings(import('./projects/projects.js'), sweeps, artifactTypes, collections),
    'its projects/projects module',
  ),
  run: /* @__PURE__ */ lazy(
    () => withListings(import('./runs/run-impl.js'), files, artifacts),
    'its runs/run-impl module',
  ),
  runWrites: /* @__PURE__ */ lazy(
    () => withListings(import('./runs/writes.js'), files, artifacts),
    'its runs/writes module',
  ),
  reports: /* @__PURE__ */ lazy(() => import('./reports/reports.js'), 'its reports/reports module'),
  artifacts,
  artifact: /* @__PURE__ */ lazy(
    () => import('./artifacts/artifact-impl.js'),
    'its artifacts/artifact-impl module',
  ),
  artifactTypes,
  collections: /* @__PURE__ */ lazy(
    () => withListings(collections(), artifacts),
    'its artifacts/collection-impl module',
  ),
  files,
  uploads: /* @__PURE__ */ lazy(() => import('./files/upload.js'), 'its files/upload module'),
  integrations: /* @__PURE__ */ lazy(
    () => import('./integrations/integrations.js'),
    'its integrations/integrations module',
  ),
  charts: /* @__PURE__ */ lazy(() => import('./charts/charts.js'), 'its charts/charts module'),
  automations: /* @__PURE__ */ lazy(
    () => import('./automations/automations.js'),
    'its automations/automations module',
  ),
  registry: /* @__PURE__ */ lazy(
    () => import('./registries/registry-api.js'),
    'its registries/registry-api module',
  ),
  organization: /* @__PURE__ */ lazy(
    () => import('./registries/organization-api.js'),
    'its registries/organization-api module',
  ),
  jobs: /* @__PURE__ */ lazy(() => import('./launch/jobs.js'), 'its launch/jobs module'),
  runQueues: /* @__PURE__ */ lazy(() => import('./launch/run-queues.js'), 'its launch/run-queues module'),
  tensorboard: /* @__PURE__ */ lazy(() => import('./tensorboard/sync.js'), 'its tensorboard/sync module'),
};

/**
 * A listing of a domain: made by the domain at once when it has loaded, else a
 * {@link LazyPaginated} that loads it on first use.
 */
function listing<M, T>(domain: Lazy<M>, make: (m: M) => Paginated<T>, options: unknown): Paginated<T> {
  const loaded = domain.loaded;
  return loaded ? make(loaded) : new LazyPaginated(async () => make(await domain()), options);
}

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
  /**
   * Default organization (its name or its org-entity name) for registry paths that name none, such
   * as `wandb-registry-model/resnet:prod`. Default: `WANDB_ORGANIZATION`, else the one organization
   * of your default entity.
   */
  organization?: string;
  /** Timeout of each HTTP attempt, in milliseconds. Default: `WANDB_HTTP_TIMEOUT` (seconds), else 30 000. */
  timeoutMs?: number;
  /**
   * Retry policy for transient failures (network errors, timeouts, 408, 429, 5xx but 501), or
   * `false` to never retry; each bound and its default is on {@link RetryOptions}. A `Retry-After`
   * from the server is honoured. `onRetry` is called with a
   * `RetryEvent` (`what`, `attempt`, `delayMs`, `reason`, `status`, `retryAfterMs`) each time a
   * retry of an API request or a storage transfer is scheduled, e.g.
   * `retry: { onRetry: (e) => console.warn(e.what, 'retry in', e.delayMs, 'ms') }`.
   */
  retry?: RetryOptions | false;
  /**
   * Cache query results (up to 1,000) until {@link Api.flush}; never a "not found", nor the pages
   * of listings, which stream. Default `true`.
   */
  cache?: boolean;
  /** The `fetch` to use. Default: `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Extra headers sent with every request to the W&B server (never to other hosts). Default: those
   * of `WANDB__EXTRA_HTTP_HEADERS` (a JSON object), plus `X-WANDB-USERNAME` / `X-WANDB-USER-EMAIL`
   * from `WANDB_USERNAME` / `WANDB_USER_EMAIL`.
   */
  headers?: Record<string, string>;
  /**
   * Your own urql `Client` (e.g. from a React Provider); used as is, with its own exchanges. The
   * request limiter of `concurrency` cannot wrap it: its requests are bounded only by what its own
   * `fetch` does, and `api.concurrency()` stays at `concurrency`.
   */
  client?: Client;
  /**
   * How many storage transfers (artifact files downloaded or uploaded in parallel) this `Api`
   * runs at once, across all its calls; a positive integer. Default 16.
   */
  storageConcurrency?: number;
  /**
   * How many GraphQL requests this `Api` sends at once, across all its calls (parallel history
   * windows, `runs.histories()`, prefetched pages); a positive integer. The width halves after a
   * 429 and grows back by one per window of successful requests, up to this value. Default 8.
   */
  concurrency?: number;
}

/**
 * What {@link Api.fromPath} resolves to.
 *
 * @example
 * ```ts
 * const target: PathObject = await api.fromPath(somePath);
 * if (target instanceof Run) console.log(target.summary);
 * ```
 */
export type PathObject = Project | Run | Sweep | BetaReport;

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
// Api is the FacadeContext of its objects structurally (every `this` passed to a domain function is
// checked against it): `implements FacadeContext` would name an internal type in the declarations.
export class Api {
  /** The W&B server, normalized (no trailing slash). */
  readonly baseUrl: string;
  /** The W&B app (UI) URL. */
  readonly appUrl: string;
  /** The `User-Agent` this client identifies with: `W&B Public Client wandb-api/<version>`. */
  readonly userAgent: string;
  /** Defaults for paths: entity, project and organization from the options or `WANDB_ENTITY` / `WANDB_PROJECT` / `WANDB_ORGANIZATION`. */
  readonly settings: Settings;

  #transport: Transport;
  #needsFallbackKey: boolean;
  #keyLookup = once(() => this.#loadFallbackKey());
  #viewer: ViewerLookup | undefined;
  #viewerLookup = once(async () => (this.#viewer ??= new (await load.viewer()).ViewerLookup(this)));
  #features = once(() => loadServerFeatures(this));

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
    const config = resolveApiConfig(options);
    this.baseUrl = config.baseUrl;
    this.appUrl = config.appUrl;
    this.settings = config.settings;
    this.userAgent = config.userAgent;
    this.#transport = new Transport(config.transport);
    this.#needsFallbackKey = config.needsFallbackKey;
  }

  /**
   * Where a key comes from when neither the options nor the environment give one. The core (browser)
   * build has no fallback; the Node build of `wandb-api` overrides this to read `~/.netrc`.
   * @internal
   * @example
   * ```ts
   * class MyApi extends Api {
   *   protected override fallbackApiKey(host: string) { return vault.read(`wandb/${host}`); }
   * }
   * ```
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
   * @internal {@link FacadeContext}: runs one storage transfer in this Api's bounded pool
   * (`storageConcurrency` slots).
   *
   * @example
   * ```ts
   * await api.transfer(() => downloadOne(entry), signal);
   * ```
   */
  transfer<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#transport.transfer(task, signal);
  }

  /**
   * @internal {@link FacadeContext}: how many GraphQL requests may run at once now (the current
   * width of this Api's request limiter), for work that reads ahead, such as parallel history windows.
   *
   * @example
   * ```ts
   * const ahead = api.concurrency();
   * ```
   */
  concurrency(): number {
    return this.#transport.concurrency();
  }

  /**
   * @internal {@link FacadeContext}: a JSON `POST` to a path under `baseUrl` (a run's
   * `file_stream`), with credentials and the retry policy.
   *
   * @example
   * ```ts
   * await api.postJson('/files/acme/vision/a1b2/file_stream', '{"complete":true,"exitcode":0}');
   * ```
   */
  postJson(path: string, body: string, options: PostJsonCall = {}): Promise<unknown> {
    return this.#transport.postJson(path, body, options);
  }

  /**
   * The underlying urql `Client` (ours, with the auth, retry and cache exchanges, or the one
   * passed in the options), e.g. for urql calls of your own. It resolves once the part of
   * wandb-api that holds urql has loaded (asked for when the Api is made); a browser
   * app's first chunk does not carry it. If that chunk cannot load, it rejects with a
   * {@link NetworkError} naming it, and the next call tries again. `wandb-api/react`'s
   * `WandbProvider` hands the client to urql's `Provider` for you.
   *
   * @example
   * ```ts
   * import { ViewerDocument } from 'wandb-api/graphql';
   * const client = await api.client();
   * const result = await client.query(ViewerDocument, {}).toPromise();
   * ```
   */
  client(): Promise<Client> {
    return this.#transport.client();
  }

  /**
   * @internal The urql `Client` at once, for `urqlClient()` of `wandb-api/graphql` (which
   * imports the engine itself; `wandb-api/react` uses it).
   *
   * @example
   * ```ts
   * import * as engine from '../transport/engine.js';
   * const client = api.clientWith(engine);
   * ```
   */
  clientWith(engine: TransportEngine): Client {
    return this.#transport.clientWith(engine);
  }

  /**
   * Sends one generated operation and returns its data, or throws a typed error. The building
   * block of every method; useful for operations the facade does not wrap yet. The document is an
   * AST (`TypedDocumentNode`, as `wandb-api/graphql` exports) or a typed string document
   * (codegen's `TypedDocumentString`, `documentMode: 'string'`), which urql parses once and keeps.
   *
   * @example
   * ```ts
   * import { ViewerDocument } from 'wandb-api/graphql';
   * const { viewer } = await api.request(ViewerDocument, {});
   * ```
   */
  request<TData, TVars extends Variables>(
    doc: GraphQLDocument<TData, TVars>,
    variables: TVars,
    options?: RequestOptions,
  ): Promise<TData>;
  /**
   * @internal The facade's form ({@link FacadeContext.request}): also `cacheIf` and `idempotent`.
   *
   * @example
   * ```ts
   * const data = await api.request(RunDetailDocument, vars, { cacheIf: (d) => d.project?.run != null });
   * ```
   */
  request<TData, TVars extends Variables>(
    doc: GraphQLDocument<TData, TVars>,
    variables: TVars,
    options?: TransportRequestOptions<TData>,
  ): Promise<TData>;
  async request<TData, TVars extends Variables>(
    doc: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    options: TransportRequestOptions<TData> = {},
  ): Promise<TData> {
    const o = optionsObject(options);
    optionalSignal(o.signal);
    optionalBoolean(o.cache, 'cache');
    if (this.#needsFallbackKey) await this.#keyLookup();
    // A string document (a primitive or a `String` object such as `TypedDocumentString`) is sent as
    // its text, which the transport has urql parse once (the same AST every time).
    const text = typeof doc === 'string' || doc instanceof String ? String(doc) : undefined;
    return this.#transport.request(text ?? doc, variables, o);
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
    this.#viewer?.reset();
    this.#features.reset();
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
    return this.#viewerLookup().then((v) => v.viewer());
  }

  // --- Users and teams (wandb-ops.md §6.1, §6.6) ---

  /**
   * The user with this username or email (an exact match when the server's answer holds one,
   * else its first match), with their API key names; `null` when none matches. **Needs an admin
   * API key**: for anyone else the server refuses, and this rejects with a {@link PermissionError}
   * saying so. For yourself, use {@link Api.viewer}.
   *
   * @example
   * ```ts
   * const admin = new Api({ apiKey: process.env.WANDB_ADMIN_KEY });
   * const bob = await admin.user('bob@example.com');
   * console.log(bob?.username, bob?.apiKeys);
   * ```
   */
  user(usernameOrEmail: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<User | null> {
    return load.users().then((d) => d.findUser(this, usernameOrEmail, options));
  }

  /**
   * Every user whose username or email contains `query` (the server matches parts of them), with
   * their API key names. **Needs an admin API key** ({@link PermissionError} otherwise).
   *
   * @example
   * ```ts
   * const colleagues = await admin.users('@example.com');
   * ```
   */
  users(query: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<User[]> {
    return load.users().then((d) => d.searchUsers(this, query, options));
  }

  /**
   * Creates a user from an email address (`admin: true` makes an instance admin). **Needs an admin
   * API key** ({@link PermissionError} otherwise); an email already in use is a {@link ConflictError}.
   *
   * @example
   * ```ts
   * const carol = await admin.createUser('carol@example.com', { admin: false });
   * ```
   */
  createUser(email: string, options: CreateUserOptions = {}): Promise<User> {
    return load.users().then((d) => d.createUser(this, email, options));
  }

  /**
   * A team with its settings and members (pending invitations and service accounts included).
   * Rejects with {@link NotFoundError} when there is no entity of that name. A user's name answers
   * their personal entity, with `isTeam` false.
   *
   * @example
   * ```ts
   * const team = await api.team('vision-team');
   * console.log(team.members.map((m) => m.username ?? m.email));
   * ```
   */
  team(name: string, options: RequestOptions = {}): Promise<Team> {
    return load.teams().then((d) => d.getTeam(this, name, options));
  }

  /**
   * Creates a team (its admin: `adminUsername`, default you) and resolves with it loaded. A team
   * that already exists is answered as it is, as the Python client does; any other refusal (a
   * {@link PermissionError}, an unknown admin, a name a user holds) rejects instead of being
   * swallowed. The name is checked before sending: letters, digits, `-` and `_`.
   *
   * @example
   * ```ts
   * const team = await api.createTeam('vision-team');
   * await team.invite('carol@example.com');
   * ```
   */
  createTeam(team: string, options: CreateTeamOptions = {}): Promise<Team> {
    return load.teams().then((d) => d.createTeam(this, team, options));
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
  defaultEntity(): Promise<string> {
    return this.#viewerLookup().then((v) => v.defaultEntity());
  }

  /**
   * @internal {@link FacadeContext}: an explicit entity, else the `entity` setting, else the viewer's.
   *
   * @example
   * ```ts
   * const entity = await api.resolveEntity(parsed.entity); // 'acme'
   * ```
   */
  async resolveEntity(entity?: string): Promise<string> {
    return entity ?? this.settings.entity ?? (await this.defaultEntity());
  }

  /**
   * The server's capability flags (`serverInfo.features`), loaded once and cached until
   * {@link Api.flush}. A server that cannot report them (older versions answer with a GraphQL
   * error) yields an empty map: every feature counts as disabled. Other failures (authentication,
   * network, timeout, rate limit, 5xx) are thrown and not cached. `run.uploadFile()` reads
   * `MARK_RUN_FILES_UPLOADED` here, `project.sweeps({ filters })` `SWEEPS_QUERY_FILTERING`.
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
    optionalName(entity, 'entity');
    return listing(load.projects, (d) => d.listProjects(this, entity, options), options);
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
  project(name: string, entity?: string, options: RequestOptions = {}): Promise<Project> {
    return load.projects().then((d) => d.getProject(this, name, entity, options));
  }

  /**
   * The runs of a project (`entity/project`, or `project` with the default entity), filtered and
   * ordered on the server and fetched page by page as you iterate. Bad options throw
   * {@link ValidationError} here, before any request; a bad `filters` or `order` only once the
   * runs listing code has loaded (with the first call of any `Runs`): before, the first call of
   * this listing rejects with it, still before any request.
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
   *
   * type Config = { lr: number; optimizer: string };
   * for await (const run of api.runs<Config, { accuracy?: number }>('acme/vision')) {
   *   console.log(run.config.lr.toFixed(3), run.summary.accuracy); // typed, no casts
   * }
   * ```
   */
  runs<Config extends object = RunConfig, Summary extends object = RunSummary>(
    path: string,
    options: RunsOptions = {},
  ): Runs<Config, Summary> {
    return listRuns<Config, Summary>(this, path, options);
  }

  /**
   * One run, fully loaded (config, summary, system metrics, history keys). Paths: `e/p/r`,
   * `e/p/runs/r`, `/e/p/r`, `e/p:r`, `p/r`, `p:r` or `r`, with missing parts from the options,
   * the environment or the viewer. Throws {@link NotFoundError} when there is no such run.
   *
   * @example
   * ```ts
   * const run = await api.run('acme/vision/a1b2c3d4');
   * console.log(run.name, run.config.lr, run.summary.loss);
   *
   * const typed = await api.run<{ lr: number }, { loss: number }>('acme/vision/a1b2c3d4');
   * const lr: number = typed.config.lr; // Config and Summary type config and summary (not checked)
   * ```
   */
  run<Config extends object = RunConfig, Summary extends object = RunSummary>(
    path: string,
    options: RequestOptions = {},
  ): Promise<Run<Config, Summary>> {
    return load.run().then((d) => d.getRun<Config, Summary>(this, path, options));
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
  sweep(path: string, options: RequestOptions = {}): Promise<Sweep> {
    return load.sweeps().then((d) => d.getSweep(this, path, options));
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
    return listing(load.reports, (d) => d.listReports(this, path, options), options);
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
    const target = (await objectPaths()).parseObjectPath(path);
    switch (target.kind) {
      case 'project':
        return this.project(target.project, target.entity, o);
      case 'run':
        return this.run(`${target.entity}/${target.project}/${target.runId}`, o);
      case 'sweep':
        return this.sweep(`${target.entity}/${target.project}/${target.sweepId}`, o);
      case 'report':
        return (await load.reports()).reportFromPath(this, target);
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
  createProject(name: string, entity?: string, options: CreateProjectOptions = {}): Promise<Project> {
    return load.projects().then((d) => d.createProject(this, name, entity, options));
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
  createRun(options: CreateRunOptions = {}): Promise<Run> {
    return load.runWrites().then((d) => d.createRun(this, options));
  }

  /**
   * @internal {@link FacadeContext}: creates a run in `state`, for {@link Run.create}.
   *
   * @example
   * ```ts
   * const run = await api.createRunInState({ project: 'vision' }, 'pending');
   * ```
   */
  createRunInState(options: CreateRunOptions, state: RunCreateState): Promise<Run> {
    return load.runWrites().then((d) => d.createRun(this, options, state));
  }

  /**
   * A new artifact version to put together and publish: add content ({@link ArtifactDraft.add}),
   * files on disk ({@link ArtifactDraft.addFile}, Node) and references
   * ({@link ArtifactDraft.addReference}), then {@link ArtifactDraft.publish} it to a project. The
   * name, type, description, metadata and TTL are checked now ({@link ValidationError}); nothing
   * is sent until `publish()`.
   *
   * @example
   * ```ts
   * const draft = api.newArtifact({ name: 'mnist', type: 'dataset', metadata: { rows: 60_000 } });
   * draft.addFile('data/train.csv', { root: 'data' });
   * draft.add('labels.json', JSON.stringify(labels));
   * const artifact = await draft.publish({ project: 'vision', aliases: ['staging'] });
   * ```
   */
  newArtifact(options: NewArtifactOptions): ArtifactDraft {
    return new ArtifactDraft(this, options);
  }

  /**
   * One artifact version. `name` is `[entity/][project/]collection[:alias]`: the alias is `vN`,
   * `latest` (the default), a custom alias, or a digest, and may itself contain `/` and `:` (the
   * path is split at the first `:`). Missing parts come from the `entity` / `project` options (or
   * `WANDB_ENTITY` / `WANDB_PROJECT`, else the viewer's entity); no project at all is a
   * {@link ValidationError}. In a registry project (`[organization/]wandb-registry-<name>/collection:alias`)
   * the first segment names the organization (else the `organization` option, else your entity's
   * one organization), resolved to its org entity. `type`, when given, must be the artifact's
   * ({@link ValidationError} otherwise). A missing version rejects with {@link NotFoundError}
   * saying whether its project exists.
   *
   * @example
   * ```ts
   * const dataset = await api.artifact('acme/vision/mnist:latest', { type: 'dataset' });
   * console.log(dataset.name, dataset.version, dataset.aliases, dataset.size);
   * const model = await api.artifact('acme/wandb-registry-model/resnet:production');
   * ```
   */
  artifact(name: string, options: ArtifactOptions = {}): Promise<Artifact> {
    return load.artifacts().then((d) => d.getArtifact(this, name, options));
  }

  /**
   * Whether an artifact version exists (the paths of {@link Api.artifact}): `false` only when the
   * server says that it (or its project) is not there. Network, authentication, permission and
   * server errors are thrown, and so is a `type` that differs from the version's.
   *
   * @example
   * ```ts
   * if (!(await api.artifactExists('acme/vision/mnist:v9'))) console.log('no v9 yet');
   * ```
   */
  artifactExists(name: string, options: ArtifactOptions = {}): Promise<boolean> {
    return load.artifacts().then((d) => d.artifactExists(this, name, options));
  }

  /**
   * The artifact types of a project (`entity/project` or `project`; default: the `project`
   * option), 50 per request by default. The server gives no total, so `totalCount()` throws
   * `UnsupportedError`. A missing project rejects with {@link NotFoundError}.
   *
   * @example
   * ```ts
   * for await (const type of api.artifactTypes('acme/vision')) console.log(type.name);
   * ```
   */
  artifactTypes(project?: string, options: ListOptions = {}): Paginated<ArtifactType> {
    return listing(load.artifacts, (d) => d.listTypesByPath(this, project, options), options);
  }

  /**
   * One artifact type of a project (`entity/project` or `project`; default: the `project` option).
   * Rejects with {@link NotFoundError} saying whether the project or the type is missing.
   *
   * @example
   * ```ts
   * const datasets = await api.artifactType('dataset', 'acme/vision');
   * for await (const collection of datasets.collections()) console.log(collection.name);
   * ```
   */
  artifactType(typeName: string, project?: string, options: RequestOptions = {}): Promise<ArtifactType> {
    return load.artifacts().then((d) => d.getTypeByPath(this, typeName, project, options));
  }

  /**
   * The artifact collections of one type in a project (`entity/project` or `project`), 50 per
   * request by default, with the server's `totalCount()`. `filters` (Mongo-style) and `order`
   * (`+field` / `-field`) need the server feature `ARTIFACT_COLLECTIONS_FILTERING_SORTING`:
   * without it the listing rejects with `UnsupportedError` before any listing request.
   *
   * @example
   * ```ts
   * const collections = api.artifactCollections('acme/vision', 'dataset', { order: '-createdAt' });
   * console.log(await collections.totalCount());
   * for await (const c of collections) console.log(c.name, c.tags);
   * ```
   */
  artifactCollections(
    project: string,
    typeName: string,
    options: ArtifactCollectionsOptions = {},
  ): Paginated<ArtifactCollection> {
    return listing(load.artifacts, (d) => d.listCollectionsByPath(this, project, typeName, options), options);
  }

  /**
   * One artifact collection by type and path (`[entity/][project/]collection`, or a registry
   * path as for {@link Api.artifact}). Rejects with {@link NotFoundError} saying whether the
   * project, the type or the collection is missing.
   *
   * @example
   * ```ts
   * const mnist = await api.artifactCollection('dataset', 'acme/vision/mnist');
   * console.log(mnist.isSequence, await mnist.aliases().toArray());
   * ```
   */
  artifactCollection(
    typeName: string,
    name: string,
    options: RequestOptions = {},
  ): Promise<ArtifactCollection> {
    return load.artifacts().then((d) => d.getCollectionByPath(this, typeName, name, options));
  }

  /**
   * Whether an artifact collection of that type exists (the paths of {@link Api.artifactCollection}):
   * `false` only when the server says that it (or its type, or its project) is not there; every
   * failure is thrown.
   *
   * @example
   * ```ts
   * if (await api.artifactCollectionExists('acme/vision/mnist', 'dataset')) console.log('found');
   * ```
   */
  artifactCollectionExists(name: string, type: string, options: RequestOptions = {}): Promise<boolean> {
    return load.artifacts().then((d) => d.artifactCollectionExists(this, name, type, options));
  }

  /**
   * The versions of a collection (`[entity/][project/]collection`), 50 per request by default,
   * committed versions only unless `filters` says otherwise, with the server's `totalCount()`.
   * `tags` keeps the versions that have every one of them (filtered here, page by page: not
   * counted by `totalCount()`); `order` is `+field` or `-field`.
   *
   * @example
   * ```ts
   * const versions = api.artifacts('dataset', 'acme/vision/mnist', { tags: ['clean'], order: '-createdAt' });
   * console.log(await versions.totalCount());
   * for await (const version of versions) console.log(version.name, version.aliases);
   * ```
   */
  artifacts(typeName: string, name: string, options: ArtifactsOptions = {}): Paginated<Artifact> {
    return listing(load.artifacts, (d) => d.listArtifactsByPath(this, typeName, name, options), options);
  }

  /**
   * The versions of a collection: the same as {@link Api.artifacts}.
   *
   * @deprecated Use {@link Api.artifacts}, as the official client's `artifact_versions` tells.
   * @example
   * ```ts
   * const versions = api.artifactVersions('dataset', 'acme/vision/mnist'); // prefer api.artifacts(...)
   * ```
   */
  artifactVersions(typeName: string, name: string, options: ArtifactsOptions = {}): Paginated<Artifact> {
    return listing(load.artifacts, (d) => d.listArtifactsByPath(this, typeName, name, options), options);
  }

  /**
   * The Slack and webhook integrations of an entity (default: the `entity` option, else the
   * viewer's), 50 per request. Other kinds (GitHub, ...) are skipped, so a page may hold fewer.
   * No total. A missing entity rejects with {@link NotFoundError}.
   *
   * @example
   * ```ts
   * for await (const i of api.integrations('acme')) {
   *   console.log(i.kind, i.kind === 'slack' ? i.channelName : i.urlEndpoint);
   * }
   * ```
   */
  integrations(entity?: string, options: ListOptions = {}): Paginated<Integration> {
    return listing(load.integrations, (d) => d.listIntegrations(this, entity, options, 'all'), options);
  }

  /**
   * The Slack integrations of an entity (the targets of `SendNotification`).
   *
   * @example
   * ```ts
   * const [slack] = await api.slackIntegrations('acme').toArray({ limit: 1 });
   * console.log(slack?.teamName, slack?.channelName);
   * ```
   */
  slackIntegrations(entity?: string, options: ListOptions = {}): Paginated<SlackIntegration> {
    return listing(load.integrations, (d) => d.listIntegrations(this, entity, options, 'slack'), options);
  }

  /**
   * The generic webhook integrations of an entity (the targets of `SendWebhook`).
   *
   * @example
   * ```ts
   * for await (const hook of api.webhookIntegrations('acme')) console.log(hook.name, hook.urlEndpoint);
   * ```
   */
  webhookIntegrations(entity?: string, options: ListOptions = {}): Paginated<WebhookIntegration> {
    return listing(load.integrations, (d) => d.listIntegrations(this, entity, options, 'webhook'), options);
  }

  /**
   * Creates a generic webhook integration in an entity. `secretRef` and `accessTokenRef` name
   * entity secrets (never their values). The name rules (at most 64 characters; words of letters,
   * digits, `_` or `-` separated by spaces) and the URL are checked before the request.
   *
   * @example
   * ```ts
   * const hook = await api.createWebhookIntegration({
   *   entity: 'acme',
   *   name: 'deploy hook',
   *   urlEndpoint: 'https://ci.example.com/hooks/wandb',
   *   secretRef: 'DEPLOY_HOOK_SECRET',
   * });
   * ```
   */
  createWebhookIntegration(options: CreateWebhookIntegrationOptions): Promise<WebhookIntegration> {
    return load.integrations().then((d) => d.createWebhookIntegration(this, options));
  }

  // --- custom charts (charts domain) ---------------------------------------------------------

  /**
   * Creates a custom chart preset (a Vega / Vega-Lite spec) in an entity and returns its id: the
   * server's `chart.id`, returned unchanged. W&B servers answer `entity/name` (what
   * `wandb.plot_table(vega_spec_name=...)` takes), and so does the emulator. `access` is `private`
   * or `public`, in any case (sent upper-cased); `spec` an object or a JSON string holding one;
   * `specType` only `vega2`. Every option is checked before the request ({@link ValidationError});
   * the entity defaults to the `entity` option, else the viewer's.
   *
   * What the server refuses rejects with a typed error, whichever the server answers. An entity
   * you cannot write to: the emulator answers a GraphQL error (HTTP 200), as for its other writes
   * to another entity, so a {@link GraphQLRequestError} saying `permission denied` (a server
   * answering HTTP 403 would give a {@link PermissionError}). A name the entity already has: the
   * real server's answer is not documented; the emulator's choice is HTTP 409, a
   * {@link ConflictError}, and the stored chart is left unchanged.
   *
   * @example
   * ```ts
   * const id = await api.createCustomChart({
   *   entity: 'acme',
   *   name: 'bar-chart',
   *   displayName: 'Bar chart',
   *   access: 'private',
   *   spec: { mark: 'bar', data: { name: 'wandb' }, encoding: { x: { field: '${field:x}', type: 'ordinal' } } },
   * });
   * console.log(id); // 'acme/bar-chart'
   * ```
   */
  createCustomChart(options: CreateCustomChartOptions): Promise<string> {
    return load.charts().then((d) => d.createCustomChart(this, options));
  }

  /**
   * Automations, 50 per request: an entity's (those of its projects, collections and the entity
   * itself) or, without `entity`, those of the viewer's own projects; `name` keeps the ones of
   * exactly that name. Servers without `QUERY_AUTOMATIONS_ON_ENTITY` are walked project by
   * project. No total.
   *
   * @example
   * ```ts
   * for await (const a of api.automations({ entity: 'acme' })) console.log(a.name, a.event.eventType);
   * ```
   */
  automations(options: AutomationsOptions = {}): Paginated<Automation> {
    return listing(load.automations, (d) => d.listAutomations(this, options), options);
  }

  /**
   * The one automation named `name`: {@link NotFoundError} when there is none,
   * {@link ConflictError} (naming them) when there are several.
   *
   * @example
   * ```ts
   * const automation = await api.automation('loss alert', { entity: 'acme' });
   * ```
   */
  automation(name: string, options: AutomationOptions = {}): Promise<Automation> {
    return load.automations().then((d) => d.getAutomation(this, name, options));
  }

  /**
   * Creates an automation from `event.then(action)`. The name is required (here or in
   * `then`). Bad input is a {@link ValidationError} and a scope, event or action the server lacks
   * ({@link Api.serverFeatures}) an {@link UnsupportedError}, both before the request. An existing
   * name rejects with {@link ConflictError}, or with `fetchExisting` gives the existing automation.
   *
   * @example
   * ```ts
   * const event = OnRunMetric({ scope: project, filter: RunEvent.metric('loss').mean(5).gt(0.5) });
   * const action = SendNotification.fromIntegration(slack, { title: 'Loss is up', level: 'WARN' });
   * const created = await api.createAutomation(event.then(action), { name: 'loss alert' });
   * ```
   */
  createAutomation(
    automation: NewAutomation | Automation,
    options: CreateAutomationOptions = {},
  ): Promise<Automation> {
    return load.automations().then((d) => d.createAutomation(this, automation, options));
  }

  /**
   * Sends a saved automation, edited or not, back to the server (every field resent; a
   * description cannot be cleared). A deleted one rejects with {@link NotFoundError}, or with
   * `createMissing` is created again.
   *
   * @example
   * ```ts
   * const automation = await api.automation('loss alert', { entity: 'acme' });
   * automation.enabled = false;
   * await api.updateAutomation(automation);
   * ```
   */
  updateAutomation(automation: Automation, options: UpdateAutomationOptions = {}): Promise<Automation> {
    return load.automations().then((d) => d.updateAutomation(this, automation, options));
  }

  /**
   * Deletes an automation, given as the object or its id.
   *
   * @example
   * ```ts
   * await api.deleteAutomation(automation);
   * await api.deleteAutomation('VHJpZ2dlcjox');
   * ```
   */
  deleteAutomation(
    automationOrId: Automation | string,
    options: Pick<RequestOptions, 'signal'> = {},
  ): Promise<void> {
    return load.automations().then((d) => d.deleteAutomation(this, automationOrId, options));
  }

  /**
   * The registries of an organization (default: the `organization` option, `WANDB_ORGANIZATION`,
   * else the organization of your default entity), 100 per request by default; no total. `filter`
   * is a Mongo-style {@link RegistryFilter} over `id`, `name`, `entity_id`, `description`,
   * `created_at`, `updated_at` (checked on the first call, before any request: a bad filter
   * rejects it with `ValidationError`; `name` values get the `wandb-registry-` prefix, except
   * inside `$regex`); `order` is `+field` / `-field` with `name`, `created_at` or `updated_at`
   * (checked at once, as `perPage`, `start` and `signal`). Chain `.collections({ filter, order })` and
   * `.versions({ filter })`: each sends one query with the filters combined (one per registry
   * when `order` was given). Needs the server feature `ARTIFACT_REGISTRY_SEARCH`: without it the
   * first request rejects with `UnsupportedError`, before any registry query.
   *
   * @example
   * ```ts
   * const registries = api.registries({ filter: { name: { $regex: 'model' } }, order: '+name' });
   * for await (const registry of registries) console.log(registry.name, registry.url);
   * const production = api.registries().versions({ filter: { alias: 'production' } });
   * ```
   */
  registries(options: RegistriesOptions = {}): Registries {
    return listRegistries(this, options);
  }

  /**
   * One registry by name (with or without `wandb-registry-`) in an organization (default: the
   * `organization` option, `WANDB_ORGANIZATION`, else your default entity's). Rejects with
   * {@link NotFoundError} when there is none, with `UnsupportedError` when the server lacks
   * `ARTIFACT_REGISTRY_SEARCH`.
   *
   * @example
   * ```ts
   * const registry = await api.registry('models', { organization: 'acme' });
   * console.log(registry.fullName, registry.visibility, registry.artifactTypes);
   * ```
   */
  registry(name: string, options: RegistryOptions = {}): Promise<Registry> {
    return load.registry().then((d) => d.getRegistry(this, name, options));
  }

  /**
   * Creates a registry. The name (at most 113 characters, none of `/ \ # ? % :` or line
   * breaks), the visibility (`organization` or `restricted`) and the artifact types are checked
   * first ({@link ValidationError}); an existing registry of that name is a {@link ConflictError}.
   * Without `artifactTypes` it accepts every type. Needs the server feature
   * `INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION` (`UnsupportedError` otherwise).
   *
   * @example
   * ```ts
   * const registry = await api.createRegistry({ name: 'models', visibility: 'restricted', description: 'Reviewed models', artifactTypes: ['model'] });
   * console.log(registry.url);
   * ```
   */
  createRegistry(options: CreateRegistryOptions): Promise<Registry> {
    return load.registry().then((d) => d.createRegistry(this, options));
  }

  /**
   * An organization and its org entity (the entity that owns its registries). `name` defaults to
   * the `organization` option (`WANDB_ORGANIZATION`), else the organization of your default
   * entity (a team's one organization, or your only one: several are a {@link ValidationError}
   * listing them). Rejects with {@link NotFoundError} when there is none.
   *
   * @example
   * ```ts
   * const org = await api.organization('acme');
   * console.log(org.name, org.orgEntity.name);
   * ```
   */
  organization(name?: string, options: RequestOptions = {}): Promise<Organization> {
    return load.organization().then((d) => d.getOrganization(this, name, options));
  }

  // ---- Launch: jobs, run queues, queued runs (launch/) ----

  /**
   * A Launch job: the artifact of type `job` named `entity/project/job-name:alias` (checked before
   * any request, {@link ValidationError} `name`), with its `wandb-job.json` read into memory
   * (works in browsers): `sourceType`, `source`, `inputTypes`, `outputTypes`, `entrypoint`, ...
   * With `path` (Node only) the job's files are also downloaded there, as the official client
   * always does. A missing job rejects with {@link NotFoundError}; an artifact of another type
   * with {@link ValidationError}.
   *
   * @example
   * ```ts
   * const job = await api.job('acme/vision/train-resnet:latest');
   * console.log(job.sourceType, job.entrypoint, job.inputTypes);
   * const queued = await job.call({ config: { lr: 0.1, epochs: 3 }, queue: 'gpu' });
   * ```
   */
  job(name: string, options: JobOptions = {}): Promise<Job> {
    return load.jobs().then((d) => d.getJob(this, name, options));
  }

  /**
   * Every version of every job of a project, from one request. As in the official client there
   * are no paging arguments: you get the server's default page of job collections and of
   * versions in each (so a project with many jobs or versions is cut short, silently), in the
   * server's order, deleted and pending versions included (look at `state`). A project without
   * jobs gives `[]`; a missing project rejects with {@link NotFoundError} (the official client
   * prints an error and returns `[]`).
   *
   * @example
   * ```ts
   * for (const j of await api.listJobs('acme', 'vision')) console.log(j.path, j.aliases, j.state);
   * ```
   */
  listJobs(entity: string, project: string, options: RequestOptions = {}): Promise<JobSummary[]> {
    return load.jobs().then((d) => d.listJobs(this, entity, project, options));
  }

  /**
   * Creates a run queue in the entity's project `model-registry` (upserted first) with a default
   * resource config (`config`, stored as `{ resource_args: { <type>: config } }`), then loads it.
   * The name (1 to 64 characters), `type` (`local-container`, `local-process`, `kubernetes`,
   * `sagemaker`, `gcp-vertex`) and `prioritizationMode` (`V0`, any case, or none) are checked
   * before any request ({@link ValidationError} naming the option). Its `warnings` are always
   * `[]`: only {@link Api.upsertRunQueue} gets validation messages from the server.
   *
   * @example
   * ```ts
   * const queue = await api.createRunQueue({ name: 'gpu', type: 'kubernetes', entity: 'acme', config: { namespace: 'ml' }, prioritizationMode: 'V0' });
   * console.log(queue.id, queue.type, queue.defaultResourceConfig);
   * ```
   */
  createRunQueue(options: CreateRunQueueOptions): Promise<RunQueue> {
    return load.runQueues().then((d) => d.createRunQueue(this, options));
  }

  /**
   * Creates or updates a run queue (in `model-registry`, upserted first) in one request, then
   * loads it. The same checks as {@link Api.createRunQueue}, but `prioritizationMode` may also be
   * `DISABLED` (the default). What the server says about the resource config (its schema
   * validation errors) does not fail the call: the messages are on the result's `warnings`. A
   * server older than `upsertRunQueue` rejects with `UnsupportedError` (use `createRunQueue`).
   *
   * @example
   * ```ts
   * const queue = await api.upsertRunQueue({
   *   name: 'gpu',
   *   resourceType: 'kubernetes',
   *   resourceConfig: { namespace: 'ml', image: '{{image}}' },
   *   templateVariables: { image: { schema: { type: 'string' } } },
   *   externalLinks: { Grafana: 'https://grafana.example.com/d/gpu' },
   * });
   * for (const w of queue.warnings) console.warn('resource config:', w);
   * ```
   */
  upsertRunQueue(options: UpsertRunQueueOptions): Promise<RunQueue> {
    return load.runQueues().then((d) => d.upsertRunQueue(this, options));
  }

  /**
   * One run queue of an entity (default: the `entity` option, else the viewer's), loaded: its
   * fields and its default resource config (two requests). Rejects with {@link NotFoundError}
   * when there is none.
   *
   * @example
   * ```ts
   * const queue = await api.runQueue('acme', 'gpu');
   * console.log(queue.access, queue.prioritizationMode, queue.templateVariables);
   * for (const item of await queue.items()) console.log(item.id, await item.state());
   * ```
   */
  runQueue(entity: string, name: string, options: RequestOptions = {}): Promise<RunQueue> {
    return load.runQueues().then((d) => d.getRunQueue(this, entity, name, options));
  }

  /**
   * A queued run by its address, without a request (the options are checked:
   * {@link ValidationError}). Its methods ask the server: `state()`, `run()`,
   * `waitUntilRunning()`, `waitUntilFinished()`, `delete()`; the first call of one loads their
   * code (the waits still check their options at the call).
   *
   * @example
   * ```ts
   * const queued = api.queuedRun({ entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: itemId });
   * const run = await queued.waitUntilFinished({ timeoutMs: 3_600_000 });
   * ```
   */
  queuedRun(options: QueuedRunOptions): QueuedRun {
    return queuedRunFromOptions(this, options);
  }

  // ---- end of Launch ----

  /**
   * @internal {@link FacadeContext}: an artifact collection from its fragment, for the registry searches.
   *
   * @example
   * ```ts
   * const collection = await api.collectionFromData(node, { entity: 'acme-org', project: 'wandb-registry-models' }, 'acme');
   * ```
   */
  collectionFromData(
    data: ArtifactCollectionFieldsFragment,
    where: Required<ProjectPath>,
    organizationName?: string,
  ): Promise<ArtifactCollection> {
    return load.collections().then((d) => new d.ArtifactCollectionImpl(this, data, where, organizationName));
  }

  /**
   * @internal {@link FacadeContext}: a version from its membership fragment, for the registry searches.
   *
   * @example
   * ```ts
   * const artifact = await api.artifactFromMembership(node, { entity: 'acme-org', project: 'wandb-registry-models', collection: 'detector' });
   * ```
   */
  artifactFromMembership(
    membership: ArtifactCollectionMembershipFieldsFragment,
    where: ArtifactCollectionRef,
  ): Promise<Artifact> {
    return load.artifact().then((d) => d.artifactFromMembership(this, membership, where));
  }

  /**
   * @internal {@link FacadeContext}: the runs of a project, for `project.runs()` and a sweep's runs.
   *
   * @example
   * ```ts
   * const runs = api.projectRuns({ entity: 'acme', project: 'vision' }, { perPage: 10 });
   * ```
   */
  projectRuns(where: ProjectPath, options?: RunsOptions): Runs {
    return projectRuns(this, where, options);
  }

  /**
   * @internal {@link FacadeContext}: the sweeps of a project, for `project.sweeps()`.
   *
   * @example
   * ```ts
   * const sweeps = api.projectSweeps({ entity: 'acme', project: 'vision' });
   * ```
   */
  projectSweeps(where: Required<ProjectPath>, options?: SweepsOptions): Paginated<Sweep> {
    return listing(load.sweeps, (d) => d.listSweeps(this, where, options), options);
  }

  /**
   * @internal {@link FacadeContext}: one sweep or `undefined`, for runs listed with `includeSweeps`.
   *
   * @example
   * ```ts
   * const sweep = await api.findSweep({ entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' });
   * ```
   */
  findSweep(where: SweepRef, options?: RequestOptions): Promise<Sweep | undefined> {
    return load.sweeps().then((d) => d.findSweep(this, where, options));
  }

  /**
   * @internal {@link FacadeContext}: the files of a run, for `run.files()`.
   *
   * @example
   * ```ts
   * const files = api.runFiles({ entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, { pattern: '%.json' });
   * ```
   */
  runFiles(ref: RunRef, options?: RunFilesOptions): Paginated<File> {
    return listing(load.files, (d) => d.listRunFiles(this, ref, options), options);
  }

  /**
   * @internal {@link FacadeContext}: one file of a run, for `run.file()`.
   *
   * @example
   * ```ts
   * const file = await api.runFile({ entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, 'config.yaml');
   * ```
   */
  runFile(ref: RunRef, name: string, options?: RequestOptions): Promise<File> {
    return load.files().then((d) => d.fetchRunFile(this, ref, name, options));
  }

  /**
   * @internal {@link FacadeContext}: an upload to a run, for `run.uploadFile()`.
   *
   * @example
   * ```ts
   * const file = await api.uploadRunFile({ entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, 'a.txt', 'hi');
   * ```
   */
  uploadRunFile(ref: RunRef, target: unknown, second?: unknown, third?: unknown): Promise<File> {
    return load.uploads().then((d) => d.uploadRunFile(this, ref, target, second, third));
  }
  /**
   * @internal {@link FacadeContext}: a run from a run fragment another domain selected.
   *
   * @example
   * ```ts
   * const run = await api.runFromData('acme', 'vision', node);
   * ```
   */
  runFromData(
    entity: string,
    project: string,
    data: ConstructorParameters<typeof Run>[3],
    sweep?: Sweep,
  ): Promise<Run> {
    return load.run().then((d) => new d.RunImpl(this, entity, project, data, sweep));
  }

  /**
   * @internal {@link FacadeContext}: the versions of a collection, for `collection.artifacts()`.
   *
   * @example
   * ```ts
   * const versions = api.collectionArtifacts({ entity: 'acme', project: 'vision', collection: 'mnist', type: 'dataset' });
   * ```
   */
  collectionArtifacts(
    where: ArtifactCollectionRef & { type: string },
    options?: ArtifactsOptions,
  ): Paginated<Artifact> {
    return listing(load.artifacts, (d) => d.listCollectionVersions(this, where, options), options);
  }

  /**
   * @internal {@link FacadeContext}: the artifacts a run logged or used, for `run.loggedArtifacts()` / `run.usedArtifacts()`.
   *
   * @example
   * ```ts
   * const outputs = api.runArtifacts({ entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, 'logged');
   * ```
   */
  runArtifacts(ref: RunRef, kind: 'logged' | 'used', options?: RunArtifactsOptions): Paginated<Artifact> {
    return listing(load.artifacts, (d) => d.listRunArtifacts(this, ref, kind, options), options);
  }

  /**
   * @internal {@link FacadeContext}: declares an artifact a run's input, for `run.useArtifact()`.
   *
   * @example
   * ```ts
   * await api.useArtifact({ entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, dataset);
   * ```
   */
  useArtifact(ref: RunRef, artifact: unknown, options?: UseArtifactOptions): Promise<Artifact> {
    return load.artifacts().then((d) => d.useArtifact(this, ref, artifact, options));
  }

  /**
   * @internal {@link FacadeContext}: declares an existing artifact a run's output, for `run.logArtifact()`.
   *
   * @example
   * ```ts
   * await api.logArtifact({ entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, model, { aliases: ['best'] });
   * ```
   */
  logArtifact(ref: RunRef, artifact: unknown, options?: LogArtifactOptions): Promise<Artifact> {
    return load.artifacts().then((d) => d.logArtifact(this, ref, artifact, options));
  }

  /**
   * @internal {@link FacadeContext}: the artifact types of a project, for `project.artifactTypes()`.
   *
   * @example
   * ```ts
   * const types = api.projectArtifactTypes({ entity: 'acme', project: 'vision' });
   * ```
   */
  projectArtifactTypes(where: Required<ProjectPath>, options?: ListOptions): Paginated<ArtifactType> {
    return listing(load.artifactTypes, (d) => d.listArtifactTypes(this, where, options), options);
  }

  /**
   * @internal {@link FacadeContext}: every artifact collection of a project, for `project.collections()`.
   *
   * @example
   * ```ts
   * const collections = api.projectCollections({ entity: 'acme', project: 'vision' });
   * ```
   */
  projectCollections(
    where: Required<ProjectPath>,
    options?: ArtifactCollectionsOptions,
  ): Paginated<ArtifactCollection> {
    return listing(load.collections, (d) => d.listProjectCollections(this, where, options), options);
  }

  // --- TensorBoard (issue #11) ---

  /**
   * Turns the TensorBoard logs under `rootDir` into a W&B run, as the official client's
   * `sync_tensorboard` does (Node only; the browser build rejects with {@link UnsupportedError}).
   * Every file whose name contains `tfevents` is read, recursively (a folder's files in name
   * order, then its subfolders); each event's `global_step` and wall time (`_timestamp`) go with
   * its values, consecutive events of one file with the same step make one history row, and tags
   * are prefixed with the file's folder relative to `rootDir` (`train/epoch_loss`). Scalars (TF1
   * `simple_value` and TF2 tensors), histograms (at most 512 bins), images (uploaded under
   * `media/images/`) and text are converted; other plugins are counted in `skipped`. A corrupt or
   * truncated record is reported in `corrupt` with its file and offset, and the rest of that file
   * is skipped.
   *
   * The run is created (or `runId` resumed, its history continuing after its existing rows), the
   * rows go through `run.writer()` (`file_stream`), the images and event files are uploaded as
   * run files, and the run is finished with exit code 0. `rootDir` is checked before any request
   * (`ValidationError` when it is not a readable folder).
   *
   * @example
   * ```ts
   * const { run, rows, skipped, corrupt } = await api.syncTensorboard('logs/fit', { project: 'vision' });
   * console.log(`${rows} rows in ${run.id}`, skipped, corrupt);
   * ```
   */
  syncTensorboard(rootDir: string, options?: SyncTensorboardOptions): Promise<SyncTensorboardResult> {
    return load.tensorboard().then((d) => d.syncTensorboard(this, rootDir, this.tensorboardFiles(), options));
  }

  /**
   * Disk access for {@link Api.syncTensorboard}: none in the core (browser) build; the Node build
   * overrides it.
   * @internal
   * @example
   * ```ts
   * class MyApi extends Api {
   *   protected override tensorboardFiles(): TensorboardFiles { return myFiles; }
   * }
   * ```
   */
  protected tensorboardFiles(): TensorboardFiles {
    return NO_TENSORBOARD_FILES;
  }
}
