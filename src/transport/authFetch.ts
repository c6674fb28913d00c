/**
 * A `fetch` wrapper that adds credentials and the W&B client headers — but only to requests whose
 * URL is under the configured base URL (same scheme, host, port and path prefix). Anything else,
 * such as a signed storage URL, is passed through untouched, so credentials never leave for
 * another host.
 *
 * Headers added under the base URL:
 * - `Authorization: Basic base64("api:" + apiKey)`, or `Authorization: Bearer <bearerToken>`;
 * - `X-Wandb-Client: <clientHeader>` and `Use-Admin-Privileges: true`;
 * - `User-Agent: <userAgent>`, only where the platform lets a script set it (not in browsers,
 *   where it is a forbidden header and would only trigger a CORS preflight);
 * - any `headers` given, which override the ones above except `Authorization` from
 *   `apiKey`/`bearerToken`.
 *
 * @example
 * ```ts
 * const f = authFetch({ baseUrl: 'https://api.wandb.ai', apiKey, userAgent, clientHeader });
 * await f('https://api.wandb.ai/graphql', init); // with Authorization
 * await f('https://storage.googleapis.com/...'); // without
 * ```
 * @module
 */

/** Options of {@link authFetch}. */
export interface AuthFetchOptions {
  /** Requests under this URL get the headers; e.g. `https://api.wandb.ai` (no trailing slash). Required. */
  baseUrl: string;
  /** W&B API key, sent as `Authorization: Basic base64("api:" + apiKey)`. Default: none. */
  apiKey?: string;
  /** Token sent as `Authorization: Bearer <token>`; used when `apiKey` is not set. Default: none. */
  bearerToken?: string;
  /** Value of `User-Agent` where settable, e.g. `W&B Public Client wandb-api/1.0.0`. Default: none. */
  userAgent?: string;
  /** Value of `X-Wandb-Client`, e.g. `wandb-api/1.0.0`. Default: none. */
  clientHeader?: string;
  /** Extra headers for requests under `baseUrl`. Default: none. */
  headers?: Record<string, string>;
  /**
   * Whether to set `User-Agent`. Default: {@link canSetUserAgent}`()` — true outside browsers.
   */
  sendUserAgent?: boolean;
  /** The `fetch` to call. Default: `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
}

/**
 * Whether this platform lets a script set `User-Agent`: true in Node, Deno, Bun and other
 * non-browser runtimes, false in browser windows and workers.
 */
export function canSetUserAgent(): boolean {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return g.document === undefined && g.WorkerGlobalScope === undefined;
}

/**
 * The `Authorization` header value for an API key or bearer token, or `undefined` for neither.
 * An API key wins over a bearer token.
 */
export function authorizationValue(apiKey?: string, bearerToken?: string): string | undefined {
  if (apiKey) return `Basic ${base64(`api:${apiKey}`)}`;
  if (bearerToken) return `Bearer ${bearerToken}`;
  return undefined;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Whether `url` is under `baseUrl`: same scheme and host (port included), and the path equals the
 * base path or continues it at a `/` boundary (`https://h/api` covers `https://h/api/graphql`,
 * not `https://h/apiary`). Unparseable URLs are not under anything.
 */
export function isUnderBaseUrl(url: string, baseUrl: string): boolean {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url);
    b = new URL(baseUrl);
  } catch {
    return false;
  }
  if (u.protocol !== b.protocol || u.host !== b.host) return false;
  const basePath = b.pathname.replace(/\/+$/, '');
  return basePath === '' || u.pathname === basePath || u.pathname.startsWith(`${basePath}/`);
}

/**
 * The headers {@link authFetch} adds to a request under the base URL, as a plain object with
 * canonical names (the `Authorization` value is the real one: redact before showing it).
 */
export function clientHeaders(opts: AuthFetchOptions): Record<string, string> {
  const out: Record<string, string> = {};
  if (opts.sendUserAgent ?? canSetUserAgent()) {
    if (opts.userAgent) out['User-Agent'] = opts.userAgent;
  }
  if (opts.clientHeader) out['X-Wandb-Client'] = opts.clientHeader;
  out['Use-Admin-Privileges'] = 'true';
  Object.assign(out, opts.headers);
  const auth = authorizationValue(opts.apiKey, opts.bearerToken);
  if (auth) {
    for (const k of Object.keys(out)) if (k.toLowerCase() === 'authorization') delete out[k];
    out['Authorization'] = auth;
  }
  return out;
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Wraps a `fetch` so that requests under `baseUrl` carry credentials and client headers (see the
 * module description). Headers already on the request are kept unless we set the same name.
 *
 * @param opts - the options, or a function returning them, called on every request (so credentials
 *   can change after the wrapper is made).
 */
export function authFetch(opts: AuthFetchOptions | (() => AuthFetchOptions)): typeof fetch {
  const current = typeof opts === 'function' ? opts : (): AuthFetchOptions => opts;
  return (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const o = current();
    const inner: typeof fetch = o.fetch ?? ((i, n) => globalThis.fetch(i, n));
    if (!isUnderBaseUrl(requestUrl(input), o.baseUrl)) return inner(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const [k, v] of Object.entries(clientHeaders(o))) headers.set(k, v);
    return inner(input, { ...init, headers });
  };
}
