/**
 * One registry as `Api` gets and creates it ({@link getRegistry}, {@link createRegistry}): a module
 * of its own, which `Api` loads on first use, apart from the {@link Registry} class that
 * `wandb-api` exports.
 *
 * @example
 * ```ts
 * const registry = await getRegistry(ctx, 'models', {});
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ConflictError, NotFoundError, ServerError, ValidationError } from '../../errors/index.js';
import type { UpsertModelInput } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { requireFeature } from '../core/features.js';
import {
  describeValue,
  optionalBoolean,
  optionalSignal,
  optionalString,
  optionsObject,
} from '../core/validate.js';
import { REGISTRY_PROJECT_PREFIX } from '../paths/artifact-paths.js';
import { orgEntityName, resolveOrganizationName, type ResolvedOrganization } from './organization-api.js';
import {
  REGISTRY_SEARCH_FEATURE,
  REGISTRY_WRITE_FEATURE,
  ACCESS,
  checkVisibility,
  checkRegistryName,
  checkRegistryTypes,
  type Registry,
  type RegistryOptions,
  type CreateRegistryOptions,
} from './registry.js';
import { RegistryImpl } from './registry-impl.js';

/**
 * One registry by name (`FetchRegistry` in the organization's org entity); {@link NotFoundError}
 * when missing, {@link UnsupportedError} without the server feature `ARTIFACT_REGISTRY_SEARCH`.
 * @internal Users call `api.registry()`.
 * @example
 * ```ts
 * const registry = await getRegistry(ctx, 'models', { organization: 'acme' });
 * ```
 */
export async function getRegistry(
  ctx: FacadeContext,
  name: string,
  options: RegistryOptions = {},
): Promise<Registry> {
  const o = optionsObject(options);
  const registry = checkRegistryName(name, 'name');
  const organization = optionalString(o.organization, 'organization');
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  await requireFeature(ctx, REGISTRY_SEARCH_FEATURE, 'Reading registries');
  const org = await resolveOrganizationName(ctx, organization, { signal, cache });
  const entity = await orgEntityName(ctx, org, { signal, cache });
  const found = await fetchRegistry(ctx, entity, registry, org.name, { signal, cache });
  if (!found) {
    throw new NotFoundError(
      `Registry ${JSON.stringify(registry)} not found in organization ${JSON.stringify(org.name)}`,
    );
  }
  return found;
}

/**
 * Creates a registry: name, visibility and types checked first, then the feature
 * `INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION`, the organization, whether it exists already
 * ({@link ConflictError}), and `UpsertRegistry`.
 * @internal Users call `api.createRegistry()`.
 * @example
 * ```ts
 * const registry = await createRegistry(ctx, { name: 'models', visibility: 'organization' });
 * ```
 */
export async function createRegistry(ctx: FacadeContext, options: CreateRegistryOptions): Promise<Registry> {
  if (options === undefined) throw new ValidationError('options', 'expected { name, visibility, ... }');
  const o = optionsObject(options);
  const name = checkRegistryName(o.name, 'name');
  const visibility = checkVisibility(o.visibility, 'visibility');
  const organization = optionalString(o.organization, 'organization');
  if (o.description !== undefined && typeof o.description !== 'string') {
    throw new ValidationError('description', `expected a string, got ${describeValue(o.description)}`);
  }
  const types = o.artifactTypes === undefined ? [] : checkRegistryTypes(o.artifactTypes, 'artifactTypes');
  const signal = optionalSignal(o.signal);
  await requireFeature(ctx, REGISTRY_WRITE_FEATURE, 'Creating a registry');
  const org: ResolvedOrganization = await resolveOrganizationName(ctx, organization, { signal });
  const entity = await orgEntityName(ctx, org, { signal, cache: false });
  const conflict = (): ConflictError =>
    new ConflictError(
      `Registry ${JSON.stringify(name)} already exists in organization ${JSON.stringify(org.name)}; use another name, or api.registry() to get it`,
    );
  if (await fetchRegistry(ctx, entity, name, org.name, { signal, cache: false })) throw conflict();
  const input: UpsertModelInput = {
    entityName: entity,
    name: `${REGISTRY_PROJECT_PREFIX}${name}`,
    ...(o.description === undefined ? {} : { description: o.description }),
    access: ACCESS[visibility],
    allowAllArtifactTypesInRegistry: types.length === 0,
    ...(types.length === 0 ? {} : { artifactTypes: types.map((t) => ({ name: t })) }),
  };
  const data = await ctx.request((await documents()).UpsertRegistryDocument, { input }, { signal });
  const result = data.upsertModel;
  if (result?.inserted === false) throw conflict();
  if (!result?.project) throw new ServerError(`upsertModel gave no registry back for ${input.name ?? name}`);
  return new RegistryImpl(ctx, result.project, org.name);
}

async function fetchRegistry(
  ctx: FacadeContext,
  entity: string,
  name: string,
  organization: string,
  options: RequestOptions,
): Promise<Registry | undefined> {
  const data = await ctx.request(
    (await documents()).FetchRegistryDocument,
    { entity, name: `${REGISTRY_PROJECT_PREFIX}${name}` },
    { signal: options.signal, cache: options.cache, cacheIf: (d) => d.entity?.project != null },
  );
  const project = data.entity?.project;
  return project ? new RegistryImpl(ctx, project, organization) : undefined;
}
