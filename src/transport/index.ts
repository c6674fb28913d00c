/**
 * The transport: an urql `Client` whose exchanges cache, retry and authenticate, and
 * {@link Transport.request}, which turns a result into typed data or a typed error. The client
 * and the running of operations live in `./engine.js`, a chunk of its own: asked for when a
 * transport is made, awaited by the first request.
 *
 * Exchanges, in order (built by `./engine.js`): `cacheExchange` → `retryExchange` →
 * `httpStatusExchange` → urql's `fetchExchange` (always POST), whose `fetch` is the transport's request limiter
 * ({@link createLimiter}: at most `concurrency` attempts in flight, halved after a 429) around
 * {@link fetchWithTimeout} (the per-attempt timeout starts once the attempt has its slot) around
 * {@link authFetch} (credentials and client headers, only for URLs under `baseUrl`). The
 * `file_stream` posts of {@link Transport.postJson} go through the same limiter; storage
 * transfers have their own pool ({@link Transport.transfer}).
 *
 * @example
 * ```ts
 * const t = new Transport({
 *   baseUrl: 'https://api.wandb.ai',
 *   apiKey: process.env.WANDB_API_KEY,
 *   userAgent: 'W&B Public Client wandb-api/0.2.0',
 *   clientHeader: 'wandb-api/0.2.0',
 * });
 * const data = await t.request(ViewerDocument, {});
 * ```
 * @module
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AnyVariables, Client, OperationContext, OperationResult } from '@urql/core';
import {
  AuthenticationError,
  type RedactedRequest,
  ValidationError,
  redactHeaders,
} from '../errors/index.js';
import { type AuthFetchOptions, authFetch, clientHeaders } from './authFetch.js';
import { abortable, abortReason, DEFAULT_TIMEOUT_MS, fetchWithTimeout } from './fetchWithTimeout.js';
import type { RetryOptions } from './retryPolicy.js';
import type { BuiltClient } from './engine.js';
import { createPool, type Pool } from './pool.js';
import { createLimiter, type Limiter } from './limiter.js';
import type { StorageRequest } from './storage.js';
import type { PostJsonCall } from './postJson.js';
import { lazy } from '../errors/load.js';

/** `./storage.js`, loaded with the first storage transfer. */
const storageModule = /* @__PURE__ */ lazy(() => import('./storage.js'), 'its transport/storage module');

/** `./postJson.js` (and the HTTP retry loop it shares with storage transfers), with the first `file_stream` post. */
const postJsonModule = /* @__PURE__ */ lazy(() => import('./postJson.js'), 'its transport/postJson module');

/** The transport's engine (`./engine.js`): urql, wonka and our exchanges; see {@link TransportEngine}. */
export type TransportEngine = typeof import('./engine.js');

/**
 * `./engine.js`, asked for when a transport is made and awaited by the first request (or the
 * first {@link Transport.client} call): a browser bundle's initial chunk does not carry urql and
 * GraphQL's printer and parser.
 */
const engineModule = /* @__PURE__ */ lazy(
  (): Promise<TransportEngine> => import('./engine.js'),
  'its transport/engine module',
);

/**
 * `./resultError.js` (the mapping of failed results to typed errors, with the scrubbing of secrets),
 * asked for with the first GraphQL request so that it is there when a result fails.
 */
const resultErrorModule = /* @__PURE__ */ lazy(
  () => import('./resultError.js'),
  'its transport/resultError module',
);

export {
  authFetch,
  authorizationValue,
  canSetUserAgent,
  clientHeaders,
  isUnderBaseUrl,
} from './authFetch.js';
export type { AuthFetchOptions } from './authFetch.js';
export { computeDelay, isRetryableStatus, JITTER_FRACTION, parseRetryAfter } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export type { CacheExchange, CacheExchangeOptions } from './cacheExchange.js';
export { classify, isNotSentError } from './classify.js';
export type { Failure, FailureKind } from './classify.js';
export { abortReason, DEFAULT_TIMEOUT_MS, fetchWithTimeout, isAbortError } from './fetchWithTimeout.js';
export type { FetchWithTimeoutOptions } from './fetchWithTimeout.js';
export { DEFAULT_RETRY, reportRetry, retryEvent } from './retryPolicy.js';
export type { RetryBounds, RetryEvent, RetryOptions } from './retryPolicy.js';
export type { RetryExchangeOptions, RetryState } from './retryExchange.js';
// The exchanges (`cacheExchange`, `retryExchange`, `httpStatusExchange`) are imported from their
// modules: they hold urql and wonka, which only `./engine.js` (a chunk of its own) imports.
export { createLimiter, type Limiter } from './limiter.js';
export type { PostJsonCall, PostJsonOptions } from './postJson.js';
export type { AttemptOutcome, FailedAttempt, RetryLoopOptions } from './retryLoop.js';
// The storage functions are imported from './storage.js', `postJson` from './postJson.js' and the
// HTTP retry loop from './retryLoop.js': `Transport.storage` and `Transport.postJson` load them on
// first use (a browser app that never touches a file or streams a run does not download them).
export { redactUrl } from '../errors/index.js';
export type { StorageErrorContext, StorageFetchOptions, StorageRequest } from './storage.js';

/** Options of {@link Transport}. */
export interface TransportOptions {
  /** API root, already normalized (no trailing slash), e.g. `https://api.wandb.ai`. GraphQL goes to `${baseUrl}/graphql`. */
  baseUrl: string;
  /** W&B API key, sent as `Authorization: Basic base64("api:" + apiKey)`. Default: none. */
  apiKey?: string;
  /** Alternative to `apiKey`: sent as `Authorization: Bearer <token>`. Default: none. */
  bearerToken?: string;
  /**
   * Longest time one HTTP attempt may take (body included), in ms; retries get a fresh timeout.
   * @defaultValue 30_000
   */
  timeoutMs?: number;
  /**
   * Retry bounds, or `false` for a single attempt; each bound and its default is on {@link RetryOptions}.
   */
  retry?: RetryOptions | false;
  /**
   * Whether to keep successful query results and serve identical queries from memory until a
   * mutation or {@link Transport.flush}.
   * @defaultValue true
   */
  cache?: boolean;
  /** The `fetch` to use. Default: `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Extra headers for requests to `baseUrl`. Default: none. */
  headers?: Record<string, string>;
  /**
   * Your own urql `Client` (e.g. a React app's), used as-is: none of our exchanges, headers, auth,
   * timeout or request limiter apply (its GraphQL requests are not bounded by `concurrency`: give
   * it a `fetch` of your own that bounds them if you need to), and the missing-credentials check
   * is skipped. Default: we build one.
   */
  client?: Client;
  /** `User-Agent` outside browsers, e.g. `W&B Public Client wandb-api/0.2.0`. Required. */
  userAgent: string;
  /** Value of `X-Wandb-Client`, e.g. `wandb-api/0.2.0`. Required. */
  clientHeader: string;
  /** Message of the `AuthenticationError` thrown when neither `apiKey` nor `bearerToken` is set. */
  missingKeyMessage?: string;
  /**
   * How many storage transfers the engines that work in parallel (artifact downloads and uploads)
   * run at once through {@link Transport.transfer}, across all their calls.
   * @defaultValue 16
   */
  transferConcurrency?: number;
  /**
   * How many GraphQL requests (HTTP attempts, `file_stream` posts included) are in flight at once,
   * across all calls: the widest the request limiter gets. It starts there, halves after a 429
   * and grows back by one per window of successful requests (see {@link createLimiter}). Has no
   * effect on your own `client`.
   * @defaultValue 8
   */
  concurrency?: number;
}

/** Per-call options of {@link Transport.request}. */
export interface RequestOptions<TData = unknown> {
  /** Aborts the call: the promise rejects with the signal's reason and the HTTP request is cancelled. */
  signal?: AbortSignal;
  /** `false` skips the cache lookup for this query (the fresh result is still stored). Default: `true`. */
  cache?: boolean;
  /**
   * Decides whether a successful result may be cached, e.g. `(d) => d.project !== null` so that a
   * "not found" is asked again next time. Default: every successful result is cached.
   */
  cacheIf?: (data: TData) => boolean;
  /**
   * Marks a mutation safe to repeat, so it is retried like a query (timeouts, 5xx, 429, dropped
   * connections). Without it, a mutation is retried only when the connection was never made.
   * Default: `false`.
   */
  idempotent?: boolean;
}

/** Default of {@link TransportOptions.concurrency}. */
export const DEFAULT_CONCURRENCY = 8;

/** Default of {@link TransportOptions.transferConcurrency}. */
export const DEFAULT_TRANSFER_CONCURRENCY = 16;

const DEFAULT_MISSING_KEY_MESSAGE =
  'No W&B credentials: pass apiKey (or bearerToken), or set the WANDB_API_KEY environment variable.';

type OperationKind = 'query' | 'mutation';

function operationOf(doc: { definitions: ReadonlyArray<{ kind: string }> }): {
  kind: OperationKind;
  name: string;
} {
  for (const def of doc.definitions) {
    if (def.kind !== 'OperationDefinition') continue;
    const { operation, name } = def as { operation?: string; name?: { value?: string } };
    if (operation !== 'query' && operation !== 'mutation') {
      throw new ValidationError('document', `${operation ?? 'this'} operations are not supported`);
    }
    return { kind: operation, name: name?.value ?? `Anonymous ${operation}` };
  }
  throw new ValidationError('document', 'it contains no query or mutation');
}

/** The AST of a document's text, or a `ValidationError` naming `document` when it is not GraphQL. */
function parseText<TData, TVars extends AnyVariables>(
  engine: TransportEngine,
  text: string,
): TypedDocumentNode<TData, TVars> {
  try {
    return engine.parsedDocument<TData, TVars>(text);
  } catch (e) {
    throw new ValidationError('document', `it is not a GraphQL document: ${(e as Error).message}`);
  }
}

/** The urql client and typed `request()` shared by everything that talks to the W&B API. */
export class Transport {
  readonly #ownClient: Client | undefined;
  #built: BuiltClient | undefined;
  readonly #cacheResults: boolean;
  readonly #missingKeyMessage: string;
  readonly #url: string;
  readonly #timeoutMs: number;
  readonly #auth: AuthFetchOptions;
  readonly #retry: RetryOptions | false;
  #secrets: string[] = [];
  #headers: Record<string, string> = {};
  readonly #transfers: Pool;
  readonly #limiter: Limiter;

  constructor(opts: TransportOptions) {
    this.#url = `${opts.baseUrl}/graphql`;
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#missingKeyMessage = opts.missingKeyMessage ?? DEFAULT_MISSING_KEY_MESSAGE;
    this.#auth = {
      baseUrl: opts.baseUrl,
      apiKey: opts.apiKey,
      bearerToken: opts.bearerToken,
      userAgent: opts.userAgent,
      clientHeader: opts.clientHeader,
      headers: opts.headers,
      fetch: opts.fetch,
    };
    this.#ownClient = opts.client;
    this.#cacheResults = opts.cache !== false;
    this.#retry = opts.retry ?? {};
    this.#transfers = createPool(opts.transferConcurrency ?? DEFAULT_TRANSFER_CONCURRENCY);
    this.#limiter = createLimiter(opts.concurrency ?? DEFAULT_CONCURRENCY);
    this.#credentialsChanged();
    // Asked for now, in the background, so that a browser app's first call does not wait for this
    // chunk after the chunk of its domain (a failed load is reported, and tried again, by the
    // first request).
    engineModule().catch(() => undefined);
  }

  /**
   * The urql `Client` (ours, built on first need with the exchanges, or the one passed as
   * `client`), once the engine has loaded.
   *
   * @example
   * ```ts
   * const client = await transport.client();
   * const result = await client.query(ViewerDocument, {}).toPromise();
   * ```
   */
  async client(): Promise<Client> {
    if (this.#ownClient) return this.#ownClient;
    return this.clientWith(await engineModule());
  }

  /**
   * The urql `Client` at once, for code that has the engine already (`urqlClient` of
   * `wandb-api/graphql`, which `wandb-api/react` uses).
   * @internal
   * @example
   * ```ts
   * import * as engine from '../transport/engine.js';
   * const client = transport.clientWith(engine);
   * ```
   */
  clientWith(engine: TransportEngine): Client {
    if (this.#ownClient) return this.#ownClient;
    this.#built ??= engine.buildClient({
      url: this.#url,
      cache: this.#cacheResults,
      retry: this.#retry,
      fetch: this.#limiter.wrap(
        fetchWithTimeout(
          authFetch(() => this.#auth),
          { timeoutMs: this.#timeoutMs },
        ),
      ),
    });
    return this.#built.client;
  }

  /**
   * Sets (or replaces) the API key used from now on, e.g. once it has been read from `~/.netrc`.
   * It takes precedence over a bearer token. Has no effect on a caller-provided `client`.
   *
   * @example
   * ```ts
   * transport.setApiKey(await readKeyFromSomewhere());
   * ```
   */
  setApiKey(apiKey: string): void {
    this.#auth.apiKey = apiKey;
    this.#credentialsChanged();
  }

  #credentialsChanged(): void {
    const { apiKey, bearerToken, headers } = this.#auth;
    const secrets = [apiKey, bearerToken].filter((s): s is string => !!s);
    for (const [k, v] of Object.entries(headers ?? {})) {
      if (k.toLowerCase() !== 'authorization' || !v) continue;
      secrets.push(v);
      const token = v.replace(/^\S+\s+/, '');
      if (token && token !== v) secrets.push(token);
    }
    this.#secrets = secrets;
    this.#headers =
      this.#ownClient !== undefined
        ? {}
        : redactHeaders({ ...clientHeaders(this.#auth), 'Content-Type': 'application/json' });
  }

  get #credentialName(): string {
    return this.#auth.apiKey ? 'API key' : this.#auth.bearerToken ? 'bearer token' : 'credentials';
  }

  get #hasCredentials(): boolean {
    return this.#ownClient !== undefined || this.#secrets.length > 0;
  }

  /**
   * Runs a query or mutation and resolves with its `data`, or rejects with a typed error (see
   * `resultError` for the mapping). Rejects without any request with `AuthenticationError` when no
   * credentials are configured, and with the signal's reason when `opts.signal` aborts (at once,
   * also while the engine chunk is still loading). `doc` is an AST, or a document's text (codegen's
   * `documentMode: 'string'`), which urql parses once and keeps.
   *
   * @example
   * ```ts
   * const { viewer } = await transport.request(ViewerDocument, {}, { signal });
   * ```
   */
  request<TData, TVars extends AnyVariables>(
    doc: TypedDocumentNode<TData, TVars> | string,
    variables: TVars,
    opts: RequestOptions<TData> = {},
  ): Promise<TData> {
    // An AST is checked at once; a text once it is parsed (which needs the engine).
    if (typeof doc !== 'string') {
      try {
        operationOf(doc);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    if (!this.#hasCredentials) return Promise.reject(new AuthenticationError(this.#missingKeyMessage));
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    // The typed errors' code, in case this result fails (a failed load is reported by #error).
    resultErrorModule().catch(() => undefined);
    return abortable(engineModule(), signal).then((engine) => {
      const ast = typeof doc === 'string' ? parseText<TData, TVars>(engine, doc) : doc;
      const { kind, name } = operationOf(ast);
      const context: Partial<OperationContext> = {};
      if (opts.cache === false) context.requestPolicy = 'network-only';
      if (opts.cacheIf) context.cacheIf = opts.cacheIf;
      if (opts.idempotent) context.idempotent = true;
      // A listing's page (every listing document takes a `cursor`) is not kept: listings stream, and
      // a long one would otherwise fill the cache with every page it read (100,000 runs: ~120 MiB).
      if (kind === 'query' && typeof variables === 'object' && variables !== null && 'cursor' in variables)
        context.store = false;
      return engine.execute(
        this.clientWith(engine),
        { kind, name, doc: ast, variables, context, ...(signal ? { signal } : {}) },
        (result) => this.#error(result, name, variables),
      );
    });
  }

  /**
   * How many GraphQL requests may be in flight now: the current width of the request limiter,
   * from 1 to the `concurrency` option (lower for a while after a 429). With your own `client`,
   * the `concurrency` option, which nothing enforces.
   *
   * @example
   * ```ts
   * const inFlight = transport.concurrency(); // 8 by default
   * ```
   */
  concurrency(): number {
    return this.#limiter.width;
  }

  /**
   * The request limiter's load now: its width, its maximum, attempts in flight and waiting.
   * @internal For tests.
   * @example
   * ```ts
   * const { width, active, waiting } = transport.limiterState();
   * ```
   */
  limiterState(): { width: number; max: number; active: number; waiting: number } {
    const l = this.#limiter;
    return { width: l.width, max: l.max, active: l.active, waiting: l.waiting };
  }

  /**
   * Runs one storage transfer (a request and the reading or sending of its body) in this
   * transport's bounded pool of `transferConcurrency` slots, so that parallel work never starts
   * unbounded requests. A transfer waiting for a slot rejects at once when `signal` aborts.
   *
   * @example
   * ```ts
   * await Promise.all(files.map((f) => transport.transfer(() => download(f), signal)));
   * ```
   */
  transfer<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#transfers.run(task, signal);
  }

  /**
   * Sends a request to a storage URL (a signed download or upload URL) and resolves with the 2xx
   * response, or rejects with a typed error; see {@link storageFetch}. Credentials are never sent,
   * except to a URL starting with `/`, which is relative to `baseUrl` and goes through the
   * authenticated `fetch`. Uses this transport's `fetch`, per-attempt timeout (for the response
   * headers of a download; an upload is not timed) and retry policy. A `PUT` changes what queries answer (a new or replaced file), so
   * the query cache is emptied when it settles, like after a mutation.
   *
   * @example
   * ```ts
   * const res = await transport.storage(file.directUrl, { method: 'GET', signal });
   * ```
   */
  async storage(url: string, request: StorageRequest = {}): Promise<Response> {
    const { resolveStorageUrl, storageFetch } = await storageModule();
    const target = resolveStorageUrl(url, this.#auth.baseUrl);
    const plain: typeof fetch = (input, init) => (this.#auth.fetch ?? globalThis.fetch)(input, init);
    try {
      return await storageFetch(target.url, request, {
        fetch: target.authenticated ? authFetch(() => this.#auth) : plain,
        timeoutMs: this.#timeoutMs,
        retry: this.#retry,
        secrets: this.#secrets,
      });
    } finally {
      if (request.method === 'PUT') this.#built?.cache?.flush();
    }
  }

  /**
   * Posts a JSON text to a path under `baseUrl` (e.g. `/files/acme/vision/a1b2/file_stream`), with
   * credentials and client headers, this transport's per-attempt timeout and retry policy (see
   * {@link postJson}: only for requests that are safe to repeat), and resolves with the parsed
   * JSON answer (`undefined` when it is empty or not JSON), or rejects with a typed error. Rejects
   * without any request with `AuthenticationError` when no credentials are configured. The query
   * cache is emptied when it settles, as after a mutation.
   *
   * @example
   * ```ts
   * await transport.postJson('/files/acme/vision/a1b2/file_stream', '{"complete":true,"exitcode":0}', { signal });
   * ```
   */
  async postJson(path: string, body: string, options: PostJsonCall = {}): Promise<unknown> {
    if (!path.startsWith('/')) {
      throw new ValidationError('path', `expected a path starting with "/", got ${JSON.stringify(path)}`);
    }
    if (!this.#hasCredentials) throw new AuthenticationError(this.#missingKeyMessage);
    if (options.signal?.aborted) throw abortReason(options.signal);
    const { postJson } = await postJsonModule();
    try {
      return await postJson(`${this.#auth.baseUrl.replace(/\/+$/, '')}${path}`, body, {
        fetch: authFetch(() => this.#auth),
        limiter: this.#limiter,
        timeoutMs: options.timeoutMs ?? this.#timeoutMs,
        retry: this.#retry === false ? false : { ...this.#retry, ...options.retryBounds },
        secrets: this.#secrets,
        shownHeaders: this.#headers,
        signal: options.signal,
        ...(options.what === undefined ? {} : { what: options.what }),
      });
    } finally {
      this.#built?.cache?.flush();
    }
  }

  /** Empties the query cache (no-op with `cache: false` or your own `client`). */
  flush(): void {
    this.#built?.cache?.flush();
  }

  async #error(result: OperationResult, operationName: string, variables: unknown): Promise<Error> {
    const { resultError, scrubJson } = await resultErrorModule();
    const request: RedactedRequest = {
      url: this.#url,
      method: 'POST',
      operationName,
      headers: { ...this.#headers },
    };
    if (variables && typeof variables === 'object') {
      const vars = scrubJson(variables as Record<string, unknown>, this.#secrets);
      if (vars) request.variables = vars;
    }
    return resultError(result, {
      operationName,
      request,
      secrets: this.#secrets,
      timeoutMs: this.#timeoutMs,
      credentialName: this.#credentialName,
    });
  }
}
