/**
 * The errors wandb-api throws. Every one extends {@link WandbError} and carries a stable `code`.
 *
 * No message, `cause`, stack or serialized form of these errors ever contains an API key:
 * requests attached to errors have their headers redacted ({@link redactHeaders}, `./redact.ts`), and messages are built
 * from the operation name and the server's words, never from headers.
 *
 * @example
 * ```ts
 * import { Api, NotFoundError } from 'wandb-api';
 * try {
 *   await new Api().run('acme/vision/abc123');
 * } catch (e) {
 *   if (e instanceof NotFoundError) console.log('no such run');
 *   else throw e;
 * }
 * ```
 * @module
 */

export { REDACTED, redactHeaders, redactUrl, scrubSecrets } from './redact.js';

/**
 * Stable machine-readable error codes, the `code` of every {@link WandbError}.
 *
 * @example
 * ```ts
 * const code: WandbErrorCode = e instanceof WandbError ? e.code : 'UNKNOWN';
 * if (code === 'RATE_LIMITED') console.log('slow down');
 * ```
 */
export type WandbErrorCode =
  | 'VALIDATION'
  | 'AUTHENTICATION'
  | 'PERMISSION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'SERVER'
  | 'GRAPHQL'
  | 'UNSUPPORTED'
  | 'NOT_LOADED'
  | 'INTEGRITY'
  | 'VERIFICATION'
  | 'UNKNOWN';

/**
 * A request as attached to an error: the URL, the operation and the headers, with credentials redacted.
 *
 * @example
 * ```ts
 * const request: RedactedRequest | undefined = e instanceof WandbError ? e.request : undefined;
 * console.log(request?.method, request?.url, request?.operationName);
 * ```
 */
export interface RedactedRequest {
  /** The URL; a storage URL without its query string (which holds the signature). */
  url: string;
  /** The HTTP method (`POST` for GraphQL). */
  method: string;
  /** The GraphQL operation's name, for GraphQL requests. */
  operationName?: string;
  /** The GraphQL variables, with any secret the client knows scrubbed out. */
  variables?: Record<string, unknown>;
  /** The request headers; credentials never appear (left out or replaced by `[REDACTED]`). */
  headers: Record<string, string>;
}

/**
 * Options common to every {@link WandbError}.
 *
 * @example
 * ```ts
 * throw new ServerError('W&B answered 502', { status: 502, cause: error });
 * ```
 */
export interface WandbErrorOptions {
  /** The underlying error (already free of credentials). */
  cause?: unknown;
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** The request that failed, redacted. */
  request?: RedactedRequest;
}

/**
 * Base class of the errors wandb-api throws (aborts reject with the signal's reason instead).
 *
 * @example
 * ```ts
 * try { await api.viewer(); } catch (e) { if (e instanceof WandbError) console.log(e.code, e.status); }
 * ```
 */
export class WandbError extends Error {
  /** Stable machine-readable code. */
  readonly code: WandbErrorCode;
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** The request that failed, with credentials redacted. */
  readonly request: RedactedRequest | undefined;

  constructor(message: string, code: WandbErrorCode = 'UNKNOWN', options: WandbErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // Ours have their name on the prototype (see the end of this module); a subclass of yours
    // gets its own class's name.
    if (!Object.hasOwn(new.target.prototype, 'name')) this.name = new.target.name;
    this.code = code;
    this.status = options.status;
    this.request = options.request;
  }

  /**
   * A JSON form with no credentials: name, code, message, status and the redacted request.
   *
   * @example
   * ```ts
   * logger.error(JSON.stringify(err)); // safe to log
   * ```
   */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      request: this.request,
    };
  }
}

/**
 * Bad input, detected before any request is sent. `parameter` names the offending argument.
 *
 * @example
 * ```ts
 * try { api.runs('acme/vision', { order: 'accuracy desc' }); }
 * catch (e) { if (e instanceof ValidationError) console.log(e.parameter); } // 'order'
 * ```
 */
export class ValidationError extends WandbError {
  /** The parameter (or option) that was rejected, e.g. `"order"` or `"perPage"`. */
  readonly parameter: string;
  constructor(parameter: string, message: string, options: WandbErrorOptions = {}) {
    super(`Invalid ${parameter}: ${message}`, 'VALIDATION', options);
    this.parameter = parameter;
  }
}

/**
 * The server refused the credentials (HTTP 401), or no API key could be found.
 *
 * @example
 * ```ts
 * await api.viewer().catch((e) => { if (e instanceof AuthenticationError) console.log('run `wandb login`'); });
 * ```
 */
export class AuthenticationError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'AUTHENTICATION', options);
  }
}

/**
 * The credentials are valid but may not do this (HTTP 403).
 *
 * @example
 * ```ts
 * if (e instanceof PermissionError) console.log('ask an admin of the team for access');
 * ```
 */
export class PermissionError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'PERMISSION', options);
  }
}

/**
 * The requested object does not exist (HTTP 404, or a null where an object was asked for).
 *
 * @example
 * ```ts
 * const run = await api.run('acme/vision/abc').catch((e) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
 * ```
 */
export class NotFoundError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'NOT_FOUND', options);
  }
}

/**
 * The object already exists or was changed concurrently (HTTP 409).
 *
 * @example
 * ```ts
 * if (e instanceof ConflictError) console.log('already exists');
 * ```
 */
export class ConflictError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'CONFLICT', options);
  }
}

/**
 * The server kept answering 429 until the retry budget ran out.
 *
 * @example
 * ```ts
 * if (e instanceof RateLimitError) await new Promise((r) => setTimeout(r, e.retryAfterMs ?? 60_000));
 * ```
 */
export class RateLimitError extends WandbError {
  /** How long the server asked us to wait before the last attempt, in milliseconds, if it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: WandbErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, 'RATE_LIMITED', options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * An attempt took longer than `timeoutMs`, or the retry budget (`maxElapsedMs`) ran out.
 *
 * @example
 * ```ts
 * const api = new Api({ timeoutMs: 5_000 }); // each attempt may take 5 s at most
 * ```
 */
export class TimeoutError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'TIMEOUT', options);
  }
}

/**
 * The request never got a usable HTTP response (connection refused or reset, DNS, CORS, a
 * malformed body).
 *
 * @example
 * ```ts
 * if (e instanceof NetworkError) console.log('is WANDB_BASE_URL reachable?');
 * ```
 */
export class NetworkError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'NETWORK', options);
  }
}

/**
 * The server failed (HTTP 5xx) and retrying did not help.
 *
 * @example
 * ```ts
 * if (e instanceof ServerError) console.log(`W&B answered ${e.status}; try again later`);
 * ```
 */
export class ServerError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'SERVER', options);
  }
}

/**
 * One GraphQL error as the server sent it.
 *
 * @example
 * ```ts
 * const first: GraphQLErrorEntry | undefined = e instanceof GraphQLRequestError ? e.errors[0] : undefined;
 * console.log(first?.message, first?.path?.join('.'));
 * ```
 */
export interface GraphQLErrorEntry {
  /** The error message (scrubbed of any secret the client knows). */
  message: string;
  /** Where in the result the error happened (`['project', 'run']`), if the server said. */
  path?: ReadonlyArray<string | number>;
  /** Extra data the server attached, such as `{ code: 'PERMISSION_ERROR' }`. */
  extensions?: Record<string, unknown>;
}

/**
 * The server answered with GraphQL `errors`. `data` holds whatever partial data came with them.
 *
 * @example
 * ```ts
 * if (e instanceof GraphQLRequestError) console.log(e.errors.map((x) => x.message));
 * ```
 */
export class GraphQLRequestError extends WandbError {
  /** The GraphQL errors, as sent by the server. */
  readonly errors: readonly GraphQLErrorEntry[];
  /** Partial data that came with the errors, if any. */
  readonly data: unknown;
  constructor(
    message: string,
    errors: readonly GraphQLErrorEntry[],
    data: unknown,
    options: WandbErrorOptions = {},
  ) {
    super(message, 'GRAPHQL', options);
    this.errors = errors;
    this.data = data;
  }

  /**
   * The JSON form of every {@link WandbError}, plus the server's GraphQL `errors`.
   *
   * @example
   * ```ts
   * JSON.stringify(err); // {"name":"GraphQLRequestError","code":"GRAPHQL",...,"errors":[{"message":"..."}]}
   * ```
   */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errors: this.errors };
  }
}

/**
 * The server (or this listing) does not support what was asked, e.g. a total count of projects.
 *
 * @example
 * ```ts
 * const n = await api.projects().totalCount().catch((e) => (e instanceof UnsupportedError ? undefined : Promise.reject(e)));
 * ```
 */
export class UnsupportedError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, 'UNSUPPORTED', options);
  }
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
 * Downloaded content does not match the checksum the server gave for it (the file's `md5`): the
 * bytes were corrupted on the way or in storage. Nothing was written: the download's temporary
 * file is removed and the target is left as it was. Trying again may help.
 *
 * @example
 * ```ts
 * try {
 *   await file.download({ root: 'out' });
 * } catch (e) {
 *   if (e instanceof IntegrityError) console.warn(`corrupt download: md5 ${e.actual}, expected ${e.expected}`);
 *   else throw e;
 * }
 * ```
 */
export class IntegrityError extends WandbError {
  /** The MD5 the server gave for the content, as it gave it (base64). */
  readonly expected: string;
  /** The MD5 of the bytes received, base64. */
  readonly actual: string;
  constructor(
    message: string,
    checksums: { expected: string; actual: string },
    options: WandbErrorOptions = {},
  ) {
    super(message, 'INTEGRITY', options);
    this.expected = checksums.expected;
    this.actual = checksums.actual;
  }

  /**
   * A JSON form: that of {@link WandbError} plus both checksums.
   *
   * @example
   * ```ts
   * JSON.stringify(err); // {"name":"IntegrityError","code":"INTEGRITY",...,"expected":"...","actual":"..."}
   * ```
   */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), expected: this.expected, actual: this.actual };
  }
}

/**
 * A downloaded artifact folder does not match the version's manifest (`artifact.verify()`):
 * files the manifest lists are missing or have other contents, or the folder holds files the
 * manifest does not list. Each list holds paths relative to the folder, `/`-separated, sorted.
 *
 * @example
 * ```ts
 * try {
 *   await artifact.verify({ root: 'data/mnist' });
 * } catch (e) {
 *   if (e instanceof VerificationError) console.warn(e.missing, e.changed, e.extra);
 *   else throw e;
 * }
 * ```
 */
export class VerificationError extends WandbError {
  /** Paths the manifest lists that are not in the folder. */
  readonly missing: readonly string[];
  /** Paths whose contents differ from the manifest's digest. */
  readonly changed: readonly string[];
  /** Files in the folder that the manifest does not list. */
  readonly extra: readonly string[];
  constructor(
    message: string,
    paths: { missing: readonly string[]; changed: readonly string[]; extra: readonly string[] },
    options: WandbErrorOptions = {},
  ) {
    super(message, 'VERIFICATION', options);
    this.missing = Object.freeze([...paths.missing]);
    this.changed = Object.freeze([...paths.changed]);
    this.extra = Object.freeze([...paths.extra]);
  }

  /**
   * A JSON form: that of {@link WandbError} plus the three path lists.
   *
   * @example
   * ```ts
   * JSON.stringify(err); // {"name":"VerificationError","code":"VERIFICATION",...,"missing":["a.txt"],"changed":[],"extra":[]}
   * ```
   */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), missing: this.missing, changed: this.changed, extra: this.extra };
  }
}

/**
 * Each class's `name`, on its prototype, from string keys: minifiers rename classes, and an app's
 * production bundle would otherwise show `n` for `NotFoundError` in `err.name` and `toJSON()`.
 * (Not `this.name = 'NotFoundError'` in each constructor: a class naming itself in its own body is
 * renamed `_NotFoundError` by esbuild in our build.)
 */
for (const [name, errorClass] of Object.entries({
  WandbError,
  ValidationError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  TimeoutError,
  NetworkError,
  ServerError,
  GraphQLRequestError,
  UnsupportedError,
  RunNotLoadedError,
  IntegrityError,
  VerificationError,
})) {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
}
