/**
 * URL builders: the web app URLs of runs, sweeps, reports and projects, and the base-URL /
 * app-URL rules.
 *
 * @example
 * ```ts
 * runUrl('https://wandb.ai', 'acme', 'vision', 'abc123'); // 'https://wandb.ai/acme/vision/runs/abc123'
 * ```
 * @module
 */

import { ValidationError } from '../../errors/index.js';

function stripTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The web URL of a run: `{appUrl}/{entity}/{project}/runs/{runId}`, each segment URL-encoded.
 *
 * @example
 * ```ts
 * runUrl('https://wandb.ai', 'acme', 'my project', 'abc'); // 'https://wandb.ai/acme/my%20project/runs/abc'
 * ```
 */
export function runUrl(appUrl: string, entity: string, project: string, runId: string): string {
  return objectUrl(appUrl, entity, project, 'runs', runId);
}

/**
 * The web URL of a sweep: `{appUrl}/{entity}/{project}/sweeps/{sweepId}`, each segment URL-encoded.
 *
 * @example
 * ```ts
 * sweepUrl('https://wandb.ai', 'acme', 'vision', 'swp123'); // 'https://wandb.ai/acme/vision/sweeps/swp123'
 * ```
 */
export function sweepUrl(appUrl: string, entity: string, project: string, sweepId: string): string {
  return objectUrl(appUrl, entity, project, 'sweeps', sweepId);
}

function objectUrl(appUrl: string, entity: string, project: string, kind: string, id: string): string {
  const segments = [entity, project, kind, id].map(encodeURIComponent).join('/');
  return `${stripTrailingSlashes(appUrl)}/${segments}`;
}

/**
 * The title part of a report URL, as W&B makes it: every character that is not a letter, digit
 * or `_` becomes `-`, runs of `-` collapse to one, leading and trailing `-` go, and the result is
 * URL-encoded (non-ASCII letters stay letters, percent-encoded).
 *
 * @example
 * ```ts
 * reportSlug('Q3 results: ResNet vs. ViT!'); // 'Q3-results-ResNet-vs-ViT'
 * reportSlug('Über  Ergebnisse'); // '%C3%9Cber-Ergebnisse'
 * ```
 */
export function reportSlug(displayName: string): string {
  const slug = displayName
    .replace(/[^\p{L}\p{N}_]/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return encodeURIComponent(slug);
}

/**
 * The web URL of a report: `{appUrl}/{entity}/{project}/reports/{slug}--{id}`, where the slug is
 * the display name with each run of characters other than letters, digits and `_` made one `-`
 * (no `-` at either end; URL-encoded), and the id loses its `=` padding.
 *
 * @example
 * ```ts
 * reportUrl('https://wandb.ai', 'acme', 'vision', 'Weekly sync', 'Vmlldzo0Mg==');
 * // 'https://wandb.ai/acme/vision/reports/Weekly-sync--Vmlldzo0Mg'
 * ```
 */
export function reportUrl(
  appUrl: string,
  entity: string,
  project: string,
  displayName: string,
  id: string,
): string {
  const base = `${stripTrailingSlashes(appUrl)}/${encodeURIComponent(entity)}/${encodeURIComponent(project)}`;
  return `${base}/reports/${reportSlug(displayName)}--${encodeURIComponent(id.replace(/=/g, ''))}`;
}

/**
 * The web URL of a project: `{appUrl}/{entity}/{project}/workspace`, each segment URL-encoded.
 *
 * @example
 * ```ts
 * projectUrl('https://wandb.ai', 'acme', 'vision'); // 'https://wandb.ai/acme/vision/workspace'
 * ```
 */
export function projectUrl(appUrl: string, entity: string, project: string): string {
  return `${stripTrailingSlashes(appUrl)}/${encodeURIComponent(entity)}/${encodeURIComponent(project)}/workspace`;
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

/**
 * Python's `urllib.parse.quote(text, safe="")`: every character but letters, digits and `_.-~`
 * percent-encoded (as UTF-8), `/` included.
 */
function quoteAll(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Where an artifact version is, for {@link artifactUrl}.
 *
 * @example
 * ```ts
 * const where: ArtifactUrlParts = { entity: 'acme', project: 'vision', type: 'dataset', collection: 'mnist', version: 'v3', isLink: false };
 * ```
 */
export interface ArtifactUrlParts {
  /** The entity the version was reached through. */
  entity: string;
  /** The project the version was reached through. */
  project: string;
  /** The artifact's type. */
  type: string;
  /** The collection the version was reached through. */
  collection: string;
  /** Its version in that collection, `vN`. */
  version: string;
  /** Whether it was reached through a link (a portfolio or registry collection). */
  isLink: boolean;
  /** For a link in a registry project: the organization's name; without it the URL is `''`. */
  organizationName?: string | undefined;
}

/**
 * The web URL of an artifact version, as the official client builds it:
 * `{appUrl}/{entity}/{project}/artifacts/{type}/{collection}/{version}`; for a link in a registry
 * project (`wandb-registry-<name>`) `{appUrl}/orgs/{organization}/registry/{name}?selectionPath=...&view=membership&version={version}`
 * (`''` when the organization's name is unknown); for a link of type `model` or in the project
 * `model-registry` `{appUrl}/{entity}/registry/model?selectionPath=...&view=membership&version={version}`.
 * Segments are URL-encoded; `''` when a part is missing.
 *
 * @example
 * ```ts
 * artifactUrl('https://wandb.ai', { entity: 'acme', project: 'vision', type: 'dataset', collection: 'mnist', version: 'v3', isLink: false });
 * // 'https://wandb.ai/acme/vision/artifacts/dataset/mnist/v3'
 * ```
 */
export function artifactUrl(appUrl: string, where: ArtifactUrlParts): string {
  const { entity, project, type, collection, version } = where;
  if (!entity || !project || !type || !collection || !version) return '';
  const app = stripTrailingSlashes(appUrl);
  const selection = `selectionPath=${quoteAll(`${entity}/${project}/${collection}`)}&view=membership&version=${encodeURIComponent(version)}`;
  if (where.isLink && project.startsWith('wandb-registry-') && project !== 'wandb-registry-') {
    if (!where.organizationName) return '';
    const registry = project.slice('wandb-registry-'.length);
    return `${app}/orgs/${encodeURIComponent(where.organizationName)}/registry/${encodeURIComponent(registry)}?${selection}`;
  }
  if (where.isLink && (type === 'model' || project === 'model-registry')) {
    return `${app}/${encodeURIComponent(entity)}/registry/model?${selection}`;
  }
  const segments = [entity, project, 'artifacts', type, collection, version]
    .map(encodeURIComponent)
    .join('/');
  return `${app}/${segments}`;
}

/**
 * The path of a run's `file_stream` endpoint under the API base URL (wandb-ops.md §8.1):
 * `/files/{entity}/{project}/{runId}/file_stream`, each segment URL-encoded.
 *
 * @example
 * ```ts
 * fileStreamPath('acme', 'vision', 'abc123'); // '/files/acme/vision/abc123/file_stream'
 * ```
 */
export function fileStreamPath(entity: string, project: string, runId: string): string {
  return `/files/${[entity, project, runId].map(encodeURIComponent).join('/')}/file_stream`;
}
