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

import { stripTrailingSlashes } from './base-url.js';

export { appUrlFromBaseUrl, normalizeBaseUrl } from './base-url.js';
export { reportSlug, reportUrl } from './report-url.js';

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
