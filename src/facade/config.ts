/**
 * What an {@link Api} is configured with: each setting from its option, else the environment
 * (`WANDB_BASE_URL`, `WANDB_APP_URL`, `WANDB_ENTITY`, `WANDB_PROJECT`, `WANDB_ORGANIZATION`, `WANDB_API_KEY`,
 * `WANDB_HTTP_TIMEOUT`, `WANDB__EXTRA_HTTP_HEADERS`, `WANDB_USERNAME`, `WANDB_USER_EMAIL`), else
 * its default, every value checked (a bad one is a `ValidationError` naming it). The checks of
 * single options are in `core/options.ts`.
 *
 * @example
 * ```ts
 * const config = resolveApiConfig({ entity: 'acme', timeoutMs: 10_000 });
 * new Transport(config.transport);
 * ```
 * @module
 */
import { readEnv } from '../io/env.js';
import type { TransportOptions } from '../transport/index.js';
import { VERSION } from '../version.js';
import type { ApiOptions } from './api.js';
import type { Settings } from './core/context.js';
import {
  checkClient,
  checkFetch,
  checkHeaders,
  checkRetry,
  DEFAULT_BASE_URL,
  envHeaders,
  envTimeoutMs,
  MISSING_KEY,
} from './core/options.js';
import {
  optionalBoolean,
  optionalName,
  optionalPositive,
  optionalString,
  optionsObject,
} from './core/validate.js';
import { appUrlFromBaseUrl, normalizeBaseUrl } from './paths/base-url.js';

/**
 * The settled configuration of an {@link Api}.
 * @internal
 */
export interface ApiConfig {
  /** The W&B server, normalized (no trailing slash). */
  baseUrl: string;
  /** The W&B app (UI) URL. */
  appUrl: string;
  /** Defaults for paths. */
  settings: Settings;
  /** `W&B Public Client wandb-api/<version>`. */
  userAgent: string;
  /** What the transport is built with. */
  transport: TransportOptions;
  /** Whether neither the options nor the environment give credentials (then the Node build reads `~/.netrc`). */
  needsFallbackKey: boolean;
}

/**
 * Settles every option of `new Api(options)`: the option, else the environment, else the default.
 * Throws {@link ValidationError} for a bad option or environment value; sends nothing.
 * @internal `Api`'s constructor calls it.
 * @example
 * ```ts
 * resolveApiConfig({ baseUrl: 'https://wandb.example.com/' }).baseUrl; // 'https://wandb.example.com'
 * ```
 */
export function resolveApiConfig(options: ApiOptions = {}): ApiConfig {
  const o = optionsObject(options);
  const baseUrl = normalizeBaseUrl(
    optionalString(o.baseUrl, 'baseUrl') ?? readEnv('WANDB_BASE_URL') ?? DEFAULT_BASE_URL,
  );
  const appUrl = appUrlFromBaseUrl(baseUrl, optionalString(o.appUrl, 'appUrl') ?? readEnv('WANDB_APP_URL'));
  const settings: Settings = Object.freeze({
    entity: optionalName(o.entity ?? readEnv('WANDB_ENTITY'), 'entity'),
    project: optionalName(o.project ?? readEnv('WANDB_PROJECT'), 'project'),
    organization: optionalName(o.organization ?? readEnv('WANDB_ORGANIZATION'), 'organization'),
  });
  const client = checkClient(o.client);
  const apiKey = optionalString(o.apiKey, 'apiKey') ?? readEnv('WANDB_API_KEY');
  const bearerToken = optionalString(o.bearerToken, 'bearerToken');
  const userAgent = `W&B Public Client wandb-api/${VERSION}`;
  const transport: TransportOptions = {
    baseUrl,
    apiKey,
    bearerToken,
    timeoutMs: optionalPositive(o.timeoutMs, 'timeoutMs') ?? envTimeoutMs(),
    retry: checkRetry(o.retry),
    cache: optionalBoolean(o.cache, 'cache'),
    fetch: checkFetch(o.fetch),
    headers: { ...envHeaders(), ...checkHeaders(o.headers, 'headers') },
    client,
    userAgent,
    clientHeader: `wandb-api/${VERSION}`,
    missingKeyMessage: MISSING_KEY,
    transferConcurrency: optionalPositive(o.storageConcurrency, 'storageConcurrency', { integer: true }),
    concurrency: optionalPositive(o.concurrency, 'concurrency', { integer: true }),
  };
  return {
    baseUrl,
    appUrl,
    settings,
    userAgent,
    transport,
    needsFallbackKey: !apiKey && !bearerToken && !client,
  };
}
