/**
 * Artifact paths: `[entity/][project/]collection[:alias]` (the official client's
 * `ArtifactPath.from_str`), the collection-level form without an alias, and the registry rule
 * (a project named `wandb-registry-<name>` belongs to an organization, whose org entity is looked
 * up before any query). Pure string logic; the lookup itself is in `core/organizations.ts`.
 *
 * @example
 * ```ts
 * parseArtifactPath('acme/vision/mnist:v3', {}); // { entity: 'acme', project: 'vision', collection: 'mnist', alias: 'v3', registry: false }
 * parseArtifactPath('mnist', { entity: 'acme', project: 'vision' }).alias; // 'latest'
 * parseArtifactPath('my-org/wandb-registry-model/resnet:prod', {}); // { organization: 'my-org', registry: true, ... }
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { checkName, describeValue } from '../core/validate.js';
import { checkArtifactName } from './artifact-name.js';
import type { PathDefaults } from './paths.js';

export { checkArtifactName };

/**
 * The prefix of registry projects: `wandb-registry-model` is the registry `model` of an
 * organization.
 *
 * @example
 * ```ts
 * `${REGISTRY_PROJECT_PREFIX}model`; // 'wandb-registry-model'
 * ```
 */
export const REGISTRY_PROJECT_PREFIX = 'wandb-registry-';

/**
 * Whether a project is a registry (`wandb-registry-<name>`, the prefix alone is not).
 *
 * @example
 * ```ts
 * isRegistryProject('wandb-registry-model'); // true
 * isRegistryProject('wandb-registry-'); // false
 * isRegistryProject('vision'); // false
 * ```
 */
export function isRegistryProject(project: string): boolean {
  return project.startsWith(REGISTRY_PROJECT_PREFIX) && project !== REGISTRY_PROJECT_PREFIX;
}

/**
 * The alias a path without `:alias` names: the newest version.
 *
 * @example
 * ```ts
 * parseArtifactPath('mnist', { entity: 'acme', project: 'vision' }).alias === DEFAULT_ARTIFACT_ALIAS; // true
 * ```
 */
export const DEFAULT_ARTIFACT_ALIAS = 'latest';

/**
 * A parsed artifact collection path (`[entity/][project/]collection`).
 *
 * In a registry project (`registry: true`) the first segment names an organization (its name or
 * its org-entity name), not an entity: `entity` is then left out — the org entity is looked up —
 * and `organization` holds that segment, else the `organization` default. Elsewhere `entity` is
 * the first segment, else the `entity` default, else undefined (then the viewer's).
 *
 * @example
 * ```ts
 * const p: ArtifactCollectionPath = { entity: 'acme', project: 'vision', collection: 'mnist', registry: false };
 * ```
 */
export interface ArtifactCollectionPath {
  /** Entity (not for a registry project); undefined when it must come from the viewer. */
  entity?: string;
  /** For a registry project: the organization (name or org-entity name) from the path or the defaults. */
  organization?: string;
  /** Whether the project is a registry (`wandb-registry-<name>`). */
  registry: boolean;
  /** Project name (a registry project keeps its `wandb-registry-` prefix). */
  project: string;
  /** The collection (artifact) name, e.g. `mnist`. */
  collection: string;
}

/**
 * A parsed artifact version path (`[entity/][project/]collection[:alias]`).
 *
 * @example
 * ```ts
 * const p: ArtifactVersionPath = { entity: 'acme', project: 'vision', collection: 'mnist', alias: 'v3', registry: false };
 * ```
 */
export interface ArtifactVersionPath extends ArtifactCollectionPath {
  /** What follows the first `:` — `vN`, `latest`, a custom alias, a digest or commit hash — else `latest`. */
  alias: string;
}

/**
 * The artifact path forms, as shown in error messages.
 *
 * @example
 * ```ts
 * console.log(ARTIFACT_PATH_FORMS.join(', '));
 * ```
 */
export const ARTIFACT_PATH_FORMS: readonly string[] = [
  'entity/project/name:alias',
  'project/name:alias',
  'name:alias',
  'entity/project/name (the latest version)',
];

/**
 * The collection path forms, as shown in error messages.
 *
 * @example
 * ```ts
 * console.log(ARTIFACT_COLLECTION_PATH_FORMS.join(', '));
 * ```
 */
export const ARTIFACT_COLLECTION_PATH_FORMS: readonly string[] = [
  'entity/project/name',
  'project/name',
  'name',
];

function invalid(parameter: string, path: string, why: string, forms: readonly string[]): ValidationError {
  return new ValidationError(
    parameter,
    `${JSON.stringify(path)} is not a valid artifact path (${why}); accepted forms: ${forms.map((f) => `"${f}"`).join(', ')}`,
  );
}

function parseCollectionPart(
  path: string,
  part: string,
  defaults: PathDefaults,
  parameter: string,
  forms: readonly string[],
): ArtifactCollectionPath {
  const segments = part.split('/');
  if (segments.some((s) => s.trim() === '')) throw invalid(parameter, path, 'empty segment', forms);
  if (segments.length > 3) throw invalid(parameter, path, 'too many segments', forms);
  const collection = segments[segments.length - 1] as string;
  const project = segments.length >= 2 ? segments[segments.length - 2] : undefined;
  const prefix = segments.length === 3 ? segments[0] : undefined;
  if (prefix !== undefined) checkName(prefix, parameter);
  if (project !== undefined) checkName(project, parameter);
  checkArtifactName(collection, parameter);
  const resolvedProject = project ?? (defaults.project || undefined);
  if (resolvedProject === undefined) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(path)} names no project; pass "${forms[0]}" or set the project option or WANDB_PROJECT`,
    );
  }
  if (isRegistryProject(resolvedProject)) {
    const organization = prefix ?? (defaults.organization || undefined);
    return {
      registry: true,
      project: resolvedProject,
      collection,
      ...(organization === undefined ? {} : { organization }),
    };
  }
  const entity = prefix ?? (defaults.entity || undefined);
  return {
    registry: false,
    project: resolvedProject,
    collection,
    ...(entity === undefined ? {} : { entity }),
  };
}

function checkPathString(path: unknown, parameter: string): string {
  if (typeof path !== 'string') {
    throw new ValidationError(parameter, `expected an artifact path (a string), got ${describeValue(path)}`);
  }
  const trimmed = path.trim();
  if (trimmed === '') throw new ValidationError(parameter, 'the artifact path is empty');
  return trimmed;
}

/**
 * Parses an artifact version path `[entity/][project/]collection[:alias]`: split at the **first**
 * `:` (what follows is the alias and may itself contain `/` and `:`), then the part before it into
 * one to three `/`-separated segments. No alias means `latest`. Parts the path leaves out come from
 * `defaults` (the `entity`, `project` and `organization` options); this client never falls back to
 * a project `uncategorized`: no project at all is a {@link ValidationError}. In a registry project
 * the first segment is an organization ({@link ArtifactCollectionPath}).
 *
 * @param parameter - the parameter named by errors (default `"name"`).
 * @throws {@link ValidationError} for a malformed path, an empty alias, or no project.
 * @example
 * ```ts
 * parseArtifactPath('acme/vision/mnist:v3', {}); // { entity: 'acme', project: 'vision', collection: 'mnist', alias: 'v3', registry: false }
 * parseArtifactPath('vision/mnist:release/2024:q1', { entity: 'acme' }).alias; // 'release/2024:q1'
 * parseArtifactPath('mnist', {}); // throws ValidationError: names no project
 * ```
 */
export function parseArtifactPath(
  path: string,
  defaults: PathDefaults = {},
  parameter = 'name',
): ArtifactVersionPath {
  const text = checkPathString(path, parameter);
  const colon = text.indexOf(':');
  const part = colon < 0 ? text : text.slice(0, colon);
  const alias = colon < 0 ? DEFAULT_ARTIFACT_ALIAS : text.slice(colon + 1);
  if (alias.trim() === '')
    throw invalid(
      parameter,
      text,
      'nothing follows ":"; give an alias such as "latest" or "v0"',
      ARTIFACT_PATH_FORMS,
    );
  return { ...parseCollectionPart(text, part, defaults, parameter, ARTIFACT_PATH_FORMS), alias };
}

/**
 * Parses an artifact collection path `[entity/][project/]collection` (no `:alias`), with the
 * defaults and registry rule of {@link parseArtifactPath}.
 *
 * @param parameter - the parameter named by errors (default `"name"`).
 * @throws {@link ValidationError} for a malformed path, a `:`, or no project.
 * @example
 * ```ts
 * parseArtifactCollectionPath('acme/vision/mnist', {}); // { entity: 'acme', project: 'vision', collection: 'mnist', registry: false }
 * parseArtifactCollectionPath('mnist:v1', { project: 'vision' }); // throws ValidationError: no alias here
 * ```
 */
export function parseArtifactCollectionPath(
  path: string,
  defaults: PathDefaults = {},
  parameter = 'name',
): ArtifactCollectionPath {
  const text = checkPathString(path, parameter);
  if (text.includes(':')) {
    throw invalid(parameter, text, 'a collection path has no ":alias"', ARTIFACT_COLLECTION_PATH_FORMS);
  }
  return parseCollectionPart(text, text, defaults, parameter, ARTIFACT_COLLECTION_PATH_FORMS);
}

/**
 * A collection's full address, every part known (an {@link ArtifactCollectionPath} once its
 * entity is resolved): where a version was reached, or a collection is.
 *
 * @example
 * ```ts
 * const ref: ArtifactCollectionRef = { entity: 'acme', project: 'vision', collection: 'mnist' };
 * ```
 */
export interface ArtifactCollectionRef {
  /** Entity that owns the collection's project (a registry's org entity). */
  entity: string;
  /** The collection's project. */
  project: string;
  /** The collection's name. */
  collection: string;
  /** For a registry project: its organization's name, when known (for URLs). */
  organizationName?: string | undefined;
}

/**
 * A collection path as messages show it: `entity/project/collection`.
 *
 * @example
 * ```ts
 * formatCollectionPath({ entity: 'acme', project: 'vision', collection: 'mnist' }); // 'acme/vision/mnist'
 * ```
 */
export function formatCollectionPath(ref: ArtifactCollectionRef): string {
  return `${ref.entity}/${ref.project}/${ref.collection}`;
}
