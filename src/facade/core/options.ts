/**
 * The parsing of `new Api(options)` beyond single values: retry and header options, the
 * environment variables that stand in for options (`WANDB__EXTRA_HTTP_HEADERS`,
 * `WANDB_USERNAME`, `WANDB_USER_EMAIL`, `WANDB_HTTP_TIMEOUT`), the messages, and the core
 * build's stand-in for local files. Everything here throws {@link ValidationError} for bad input,
 * before any request.
 *
 * @example
 * ```ts
 * const headers = { ...envHeaders(), ...checkHeaders(options.headers, 'headers') };
 * const retry = checkRetry(options.retry);
 * ```
 * @module
 */
import type { Client } from '@urql/core';
import { UnsupportedError, ValidationError } from '../../errors/index.js';
import { readEnv } from '../../io/env.js';
import type { LocalFiles } from '../../io/files.js';
import type { TensorboardFiles } from '../../io/tensorboard.js';
import type { RetryOptions } from '../../transport/index.js';
import { describeValue, isPlainObject, optionalPositive } from './validate.js';

/**
 * The default W&B server, used when neither the `baseUrl` option nor `WANDB_BASE_URL` gives one.
 *
 * @example
 * ```ts
 * new Api({ apiKey: 'k' }).baseUrl === DEFAULT_BASE_URL; // true without WANDB_BASE_URL
 * ```
 */
export const DEFAULT_BASE_URL = 'https://api.wandb.ai';

/** The message of the `AuthenticationError` when no key can be found. */
export const MISSING_KEY =
  'No W&B API key found. Pass `apiKey` to `new Api({ apiKey })`, set the WANDB_API_KEY environment ' +
  'variable, or add the key to ~/.netrc for the server host (as `wandb login` does).';

const NEEDS_NODE =
  'which needs Node (the Node build of wandb-api, what `import "wandb-api"` gives under Node)';

/**
 * The core build's file access: none; each method says what to use instead.
 *
 * @example
 * ```ts
 * await NO_LOCAL_FILES.readUpload('a.txt', '.'); // rejects with UnsupportedError
 * ```
 */
export const NO_LOCAL_FILES: LocalFiles = {
  readUpload: () =>
    Promise.reject(
      new UnsupportedError(
        `run.uploadFile(path) reads a file from disk, ${NEEDS_NODE}; elsewhere pass the content: run.uploadFile(name, data)`,
      ),
    ),
  inspectUpload: () => {
    throw new UnsupportedError(
      `draft.addFile(path) reads a file from disk, ${NEEDS_NODE}; elsewhere pass the content: draft.add(name, data)`,
    );
  },
  prepareDownload: () =>
    Promise.reject(
      new UnsupportedError(
        `file.download() writes to disk, ${NEEDS_NODE}; in a browser use file.blob(), file.text(), file.arrayBuffer() or file.stream()`,
      ),
    ),
  writeAtomic: () => Promise.reject(new UnsupportedError(`file.download() writes to disk, ${NEEDS_NODE}`)),
};

/**
 * The core (browser) build's stand-in for disk access: syncTensorboard rejects, saying it needs
 * Node.
 *
 * @example
 * ```ts
 * await NO_TENSORBOARD_FILES.list('logs'); // rejects with UnsupportedError
 * ```
 */
export const NO_TENSORBOARD_FILES: TensorboardFiles = {
  list: () => Promise.reject(unsupported()),
  read: () => Promise.reject(unsupported()),
};

function unsupported(): UnsupportedError {
  return new UnsupportedError(
    'api.syncTensorboard() reads TensorBoard files from disk, which needs Node (the Node build of wandb-api, what `import "wandb-api"` gives under Node)',
  );
}

const RETRY_KEYS = [
  'maxAttempts',
  'maxRateLimitAttempts',
  'initialDelayMs',
  'maxDelayMs',
  'maxElapsedMs',
  'onRetry',
] as const;

/**
 * The `retry` option: `undefined`, `false`, or an object of known keys with valid numbers and an
 * `onRetry` function.
 *
 * @example
 * ```ts
 * checkRetry({ maxAttempts: 3, onRetry: console.warn }); // { maxAttempts: 3, onRetry: console.warn }
 * checkRetry({ attempts: 3 }); // throws ValidationError('retry.attempts', ...)
 * ```
 */
export function checkRetry(value: unknown): RetryOptions | false | undefined {
  if (value === undefined || value === false) return value;
  if (!isPlainObject(value))
    throw new ValidationError(
      'retry',
      'expected false or { maxAttempts, maxRateLimitAttempts, initialDelayMs, maxDelayMs, maxElapsedMs, onRetry }',
    );
  for (const key of Object.keys(value)) {
    if (!(RETRY_KEYS as readonly string[]).includes(key)) {
      throw new ValidationError(`retry.${key}`, `unknown retry option; allowed: ${RETRY_KEYS.join(', ')}`);
    }
  }
  optionalPositive(value.maxAttempts, 'retry.maxAttempts', { integer: true });
  optionalPositive(value.maxRateLimitAttempts, 'retry.maxRateLimitAttempts', { integer: true });
  if (value.onRetry !== undefined && typeof value.onRetry !== 'function') {
    throw new ValidationError('retry.onRetry', `expected a function, got ${describeValue(value.onRetry)}`);
  }
  for (const key of ['initialDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    const v = value[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && !Number.isNaN(v))) {
      throw new ValidationError(`retry.${key}`, `expected a number of milliseconds >= 0, got ${String(v)}`);
    }
  }
  return value as RetryOptions;
}

/**
 * A headers option: `undefined`, or an object of header names to string values.
 *
 * @example
 * ```ts
 * checkHeaders({ 'X-Team': 'vision' }, 'headers'); // { 'X-Team': 'vision' }
 * ```
 */
export function checkHeaders(value: unknown, parameter: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new ValidationError(parameter, 'expected an object of header names to string values');
  }
  return value as Record<string, string>;
}

/**
 * Headers from the environment, as the official client sends them (wandb-ops.md §2):
 * `WANDB__EXTRA_HTTP_HEADERS` (a JSON object), plus `X-WANDB-USERNAME` / `X-WANDB-USER-EMAIL`
 * from `WANDB_USERNAME` / `WANDB_USER_EMAIL`.
 *
 * @example
 * ```ts
 * envHeaders(); // with WANDB_USERNAME=alice: { 'X-WANDB-USERNAME': 'alice' }
 * ```
 */
export function envHeaders(): Record<string, string> {
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

/**
 * The timeout from `WANDB_HTTP_TIMEOUT` (seconds), in milliseconds, or `undefined` when unset.
 *
 * @example
 * ```ts
 * envTimeoutMs(); // with WANDB_HTTP_TIMEOUT=10: 10000
 * ```
 */
export function envTimeoutMs(): number | undefined {
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
 * The `fetch` option: `undefined` or a function.
 *
 * @example
 * ```ts
 * checkFetch(globalThis.fetch); // the function
 * ```
 */
export function checkFetch(value: unknown): typeof fetch | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new ValidationError('fetch', 'expected a fetch function');
  }
  return value as typeof fetch | undefined;
}

/**
 * The `client` option: `undefined` or an urql `Client` (anything with a `query` method).
 *
 * @example
 * ```ts
 * checkClient(new Client({ url, exchanges: [fetchExchange] })); // the client
 * ```
 */
export function checkClient(value: unknown): Client | undefined {
  if (
    value !== undefined &&
    (typeof value !== 'object' ||
      value === null ||
      typeof (value as { query?: unknown }).query !== 'function')
  ) {
    throw new ValidationError('client', 'expected an urql Client');
  }
  return value as Client | undefined;
}
