/**
 * The base-URL and app-URL rules, which every `Api` applies to its options at once (the URL
 * builders, which only objects of the domains use, are in `urls.ts`).
 *
 * @example
 * ```ts
 * appUrlFromBaseUrl('https://api.wandb.ai'); // 'https://wandb.ai'
 * ```
 * @module
 */

import { ValidationError } from '../../errors/index.js';

/**
 * `url` without its trailing slashes.
 *
 * @example
 * ```ts
 * stripTrailingSlashes('https://wandb.ai//'); // 'https://wandb.ai'
 * ```
 */
export function stripTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Normalizes an API base URL: trims whitespace, strips trailing slashes and checks that it is an
 * absolute `http:` or `https:` URL.
 *
 * @param parameter - the option name used in the error (default `"baseUrl"`).
 * @throws {@link ValidationError} when the URL does not parse or is not http(s).
 * @example
 * ```ts
 * normalizeBaseUrl(' https://api.wandb.ai/ '); // 'https://api.wandb.ai'
 * ```
 */
export function normalizeBaseUrl(url: string, parameter = 'baseUrl'): string {
  if (typeof url !== 'string')
    throw new ValidationError(parameter, `expected a URL string, got ${typeof url}`);
  // Messages never echo the URL: a mistyped one may hold credentials.
  const out = stripTrailingSlashes(url.trim());
  let parsed: URL;
  try {
    parsed = new URL(out);
  } catch {
    throw new ValidationError(parameter, 'it is not an absolute URL; expected e.g. "https://api.wandb.ai"');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError(
      parameter,
      `it uses ${parsed.protocol}; only http: and https: URLs are supported`,
    );
  }
  if (parsed.hostname === '') throw new ValidationError(parameter, 'it has no host');
  if (parsed.username || parsed.password) {
    throw new ValidationError(
      parameter,
      'it contains credentials; pass the key as `apiKey` or WANDB_API_KEY instead',
    );
  }
  if (parsed.search || parsed.hash || out.includes('?') || out.includes('#')) {
    throw new ValidationError(parameter, 'it may not have a query (?) or fragment (#); give the server root');
  }
  return out;
}

/**
 * Derives the web app URL from the API base URL, as W&B does: `https://api.wandb.ai` →
 * `https://wandb.ai`; another `api.` host becomes `app.` (`https://api.acme.com` →
 * `https://app.acme.com`); anything else is unchanged. `override` (`WANDB_APP_URL`) wins.
 *
 * @example
 * ```ts
 * appUrlFromBaseUrl('https://api.wandb.ai'); // 'https://wandb.ai'
 * appUrlFromBaseUrl('http://localhost:8080'); // 'http://localhost:8080'
 * appUrlFromBaseUrl('https://api.wandb.ai', 'https://my.wandb.io/'); // 'https://my.wandb.io'
 * ```
 */
export function appUrlFromBaseUrl(baseUrl: string, override?: string): string {
  if (override !== undefined && override.trim() !== '') return normalizeBaseUrl(override, 'appUrl');
  const base = normalizeBaseUrl(baseUrl);
  if (base.includes('://api.wandb.')) return base.replace('://api.wandb.', '://wandb.');
  if (base.includes('://api.')) return base.replace('://api.', '://app.');
  return base;
}
