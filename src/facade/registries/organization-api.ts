/**
 * The organization lookups of the registry methods (protocol notes §1.1, §4 R5): which
 * organization a call means, its org entity (`FetchOrganization`) and `api.organization()`,
 * loaded on first use, apart from the {@link Organization} class that `wandb-api` exports.
 *
 * @example
 * ```ts
 * const org = await getOrganization(ctx, 'acme');
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { NotFoundError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { resolveOrganization } from '../core/organizations.js';
import { optionalBoolean, optionalSignal, optionalString, optionsObject } from '../core/validate.js';
import { Organization } from './organization.js';

/**
 * An organization a registry call names: its name (sent as `organization(name:)`), and its org
 * entity's name when already known (derived from the default entity).
 * @internal
 */
export interface ResolvedOrganization {
  name: string;
  entity?: string;
}

/**
 * Which organization a registry call means: `given` (the call's `organization` option), else the
 * Api's `organization` setting (`WANDB_ORGANIZATION`), else the organization of the default entity
 * (a team's one organization; a user's only one, several being a {@link ValidationError} that
 * lists them).
 * @internal
 * @example
 * ```ts
 * const org = await resolveOrganizationName(ctx, options.organization, { signal }); // { name: 'acme' }
 * ```
 */
export async function resolveOrganizationName(
  ctx: Pick<FacadeContext, 'request' | 'resolveEntity' | 'settings'>,
  given: string | undefined,
  options: RequestOptions = {},
): Promise<ResolvedOrganization> {
  const named = given ?? (ctx.settings.organization || undefined);
  if (named !== undefined) return { name: named };
  const entity = await ctx.resolveEntity();
  return resolveOrganization(ctx, entity, undefined, options, 'organization');
}

async function fetchOrganization(
  ctx: Pick<FacadeContext, 'request'>,
  name: string,
  options: RequestOptions,
): Promise<Organization> {
  const data = await ctx.request(
    (await documents()).FetchOrganizationDocument,
    { org: name },
    { signal: options.signal, cache: options.cache, cacheIf: (d) => d.organization?.orgEntity != null },
  );
  const org = data.organization;
  if (!org?.orgEntity) {
    throw new NotFoundError(
      `Organization ${JSON.stringify(name)} not found (or it has no org entity); check its name, or ` +
        'leave the organization out to use the one of your default entity',
    );
  }
  return new Organization({ ...org, orgEntity: org.orgEntity });
}

/**
 * The org entity's name of a resolved organization: known already when derived from the entity,
 * else asked with `FetchOrganization` ({@link NotFoundError} when there is none).
 * @internal
 * @example
 * ```ts
 * const entity = await orgEntityName(ctx, await resolveOrganizationName(ctx, undefined)); // 'acme-org'
 * ```
 */
export async function orgEntityName(
  ctx: Pick<FacadeContext, 'request'>,
  org: ResolvedOrganization,
  options: RequestOptions = {},
): Promise<string> {
  if (org.entity !== undefined) return org.entity;
  return (await fetchOrganization(ctx, org.name, options)).orgEntity.name;
}

/**
 * One organization by name (default: the `organization` option, `WANDB_ORGANIZATION`, else the
 * organization of the default entity), with its org entity; {@link NotFoundError} when missing.
 * @internal Users call `api.organization()`.
 * @example
 * ```ts
 * const org = await getOrganization(ctx, 'acme');
 * ```
 */
export async function getOrganization(
  ctx: Pick<FacadeContext, 'request' | 'resolveEntity' | 'settings'>,
  name?: string,
  options: RequestOptions = {},
): Promise<Organization> {
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const given = optionalString(name, 'name');
  const org = await resolveOrganizationName(ctx, given, { signal, cache });
  return fetchOrganization(ctx, org.name, { signal, cache });
}
