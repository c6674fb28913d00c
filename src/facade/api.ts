import type { Client } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  DefaultEntityDocument,
  ProjectDetailDocument,
  ProjectsPageDocument,
  RunDetailDocument,
  ServerFeaturesDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { readEnv } from '../io/env.js';
import { Transport, type RetryOptions } from '../transport/index.js';
import { VERSION } from '../version.js';
import type { FacadeContext, RequestOptions, Variables } from './context.js';
import { AuthenticationError, NotFoundError, ValidationError } from './errors.js';
import { Paginated, validatePerPage } from './pagination.js';
import { appUrlFromBaseUrl, normalizeBaseUrl, parseProjectPath, parseRunPath } from './paths.js';
import { Project } from './project.js';
import { Run } from './run.js';
import { Runs, type RunsOptions } from './runs.js';
import { User } from './user.js';

/** The default W&B server. */
export const DEFAULT_BASE_URL = 'https://api.wandb.ai';

/** Options of {@link Api}. Every one is optional. */
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
  /** Timeout of each HTTP attempt, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Retry policy for transient failures, or `false` to never retry. */
  retry?: RetryOptions | false;
  /** Cache query results until {@link Api.flush}. Default `true`. */
  cache?: boolean;
  /** The `fetch` to use. Default: `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Extra headers sent with every request to the W&B server. */
  headers?: Record<string, string>;
  /** Your own urql `Client` (e.g. from a React Provider); used as is, with its own exchanges. */
  client?: Client;
}

/** Options of paginated listings. */
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

/** An entity or project name: a non-empty string without `/`, `:` or white space; else `undefined`. */
function optionalName(value: unknown, parameter: string): string | undefined {
  const name = optionalString(value, parameter);
  if (name !== undefined && /[/:\s]/.test(name)) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(name)} is not a name: it may not contain "/", ":" or spaces`,
    );
  }
  return name;
}

function optionalString(value: unknown, parameter: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new ValidationError(parameter, `expected a string, got ${typeof value}`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
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
  #keyLookup: Promise<void> | undefined;
  #viewer: Promise<User> | undefined;
  #defaultEntity: Promise<string> | undefined;
  #features: Promise<ReadonlyMap<string, boolean>> | undefined;

  /**
   * Creates a client. Nothing is sent until the first call.
   *
   * @example
   * ```ts
   * const api = new Api({ apiKey: process.env.WANDB_API_KEY, baseUrl: 'https://wandb.example.com', entity: 'acme' });
   * ```
   */
  constructor(options: ApiOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new ValidationError('options', 'expected an object of options');
    }
    this.baseUrl = normalizeBaseUrl(
      optionalString(options.baseUrl, 'baseUrl') ?? readEnv('WANDB_BASE_URL') ?? DEFAULT_BASE_URL,
    );
    const appOverride = optionalString(options.appUrl, 'appUrl') ?? readEnv('WANDB_APP_URL');
    this.appUrl = appUrlFromBaseUrl(this.baseUrl, appOverride);
    this.settings = Object.freeze({
      entity: optionalName(options.entity ?? readEnv('WANDB_ENTITY'), 'entity'),
      project: optionalName(options.project ?? readEnv('WANDB_PROJECT'), 'project'),
    });
    if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
      throw new ValidationError(
        'timeoutMs',
        `expected a positive number of milliseconds, got ${String(options.timeoutMs)}`,
      );
    }
    const apiKey = optionalString(options.apiKey, 'apiKey') ?? readEnv('WANDB_API_KEY');
    const bearerToken = optionalString(options.bearerToken, 'bearerToken');
    this.userAgent = `W&B Public Client wandb-api/${VERSION}`;
    this.#transport = new Transport({
      baseUrl: this.baseUrl,
      apiKey,
      bearerToken,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      cache: options.cache,
      fetch: options.fetch,
      headers: options.headers,
      client: options.client,
      userAgent: this.userAgent,
      clientHeader: `wandb-api/${VERSION}`,
      missingKeyMessage: MISSING_KEY,
    });
    this.#needsFallbackKey = !apiKey && !bearerToken && !options.client;
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

  /** The underlying urql `Client` (ours, or the one passed in the options). */
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
    options: RequestOptions = {},
  ): Promise<TData> {
    if (this.#needsFallbackKey) await (this.#keyLookup ??= this.#loadFallbackKey());
    return this.#transport.request(doc, variables, options);
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
    this.#viewer = undefined;
    this.#defaultEntity = undefined;
    this.#features = undefined;
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
    this.#viewer ??= this.request(ViewerDocument, {}).then((data) => {
      if (!data.viewer) throw new AuthenticationError('Could not load the viewer: verify your W&B API key.');
      return new User(data.viewer);
    });
    this.#viewer.catch(() => (this.#viewer = undefined));
    return this.#viewer;
  }

  /**
   * The viewer's default entity: where runs and projects go when no entity is given.
   *
   * @example
   * ```ts
   * console.log(await api.defaultEntity()); // 'alice'
   * ```
   */
  defaultEntity(): Promise<string> {
    this.#defaultEntity ??= this.request(DefaultEntityDocument, {}).then((data) => {
      if (!data.viewer) throw new AuthenticationError('Could not load the viewer: verify your W&B API key.');
      if (!data.viewer.entity) {
        throw new ValidationError('entity', 'the viewer has no default entity; pass an entity explicitly');
      }
      return data.viewer.entity;
    });
    this.#defaultEntity.catch(() => (this.#defaultEntity = undefined));
    return this.#defaultEntity;
  }

  /** @internal {@link FacadeContext}: an explicit entity, else the default one. */
  async resolveEntity(entity?: string): Promise<string> {
    return entity ?? this.settings.entity ?? (await this.defaultEntity());
  }

  /**
   * The server's capability flags (`serverInfo.features`), loaded once and cached. A server that
   * cannot report them (older versions) yields an empty map: every feature counts as disabled.
   *
   * @example
   * ```ts
   * const features = await api.serverFeatures();
   * if (features.get('ARTIFACT_TAGS')) console.log('artifact tags supported');
   * ```
   */
  serverFeatures(): Promise<ReadonlyMap<string, boolean>> {
    this.#features ??= this.request(ServerFeaturesDocument, {}).then(
      (data) => new Map((data.serverInfo?.features ?? []).map((f) => [f.name, f.isEnabled] as const)),
      (error: unknown) => {
        if (error instanceof AuthenticationError) throw error;
        return new Map<string, boolean>();
      },
    );
    this.#features.catch(() => (this.#features = undefined));
    return this.#features;
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
    const perPage = options.perPage ?? 200;
    validatePerPage(perPage);
    let entityPromise: Promise<string> | undefined;
    return new Paginated<Project>(
      async ({ cursor, perPage: first, signal }) => {
        entityPromise ??= this.resolveEntity(explicit);
        const entityName = await entityPromise;
        const data = await this.request(
          ProjectsPageDocument,
          { entity: entityName, cursor, perPage: first },
          { signal },
        );
        const edges = data.models?.edges ?? [];
        return {
          items: edges.flatMap((e) => (e.node ? [new Project(this, this.#runsFactory, e.node)] : [])),
          cursor: data.models?.pageInfo.endCursor ?? edges[edges.length - 1]?.cursor ?? null,
          hasNextPage: data.models?.pageInfo.hasNextPage ?? false,
        };
      },
      { perPage, start: options.start ?? null, signal: options.signal, what: 'projects' },
    );
  }

  /**
   * One project, loaded. `name` may also be `entity/project`. Throws {@link NotFoundError} when
   * there is none.
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
    const entityName = await this.resolveEntity(parsed.entity);
    const data = await this.request(
      ProjectDetailDocument,
      { name: parsed.project, entity: entityName },
      options,
    );
    if (!data.project) throw new NotFoundError(`Project ${entityName}/${parsed.project} not found`);
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
    if (options === null || typeof options !== 'object')
      throw new ValidationError('options', 'expected an object');
    const parsed = parseProjectPath(path, this.settings);
    return new Runs(this, { entity: parsed.entity, project: parsed.project, options });
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
    const parsed = parseRunPath(path, this.settings);
    const entity = await this.resolveEntity(parsed.entity);
    const data = await this.request(
      RunDetailDocument,
      { entity, project: parsed.project, name: parsed.runId },
      options,
    );
    const run = data.project?.run;
    if (!run) {
      const where = data.project
        ? `in project ${entity}/${parsed.project}`
        : `(project ${entity}/${parsed.project} not found)`;
      throw new NotFoundError(`Run ${parsed.runId} not found ${where}`);
    }
    return new Run(this, entity, parsed.project, run);
  }
}
