/**
 * Organizations: which organization an entity belongs to, and its org entity — where an
 * organization's registries (`wandb-registry-<name>` projects) live (`FetchOrgInfoFromEntity`,
 * protocol notes §5.6; wandb-ops.md §6.10). Used by every registry path (`api.artifact`,
 * `artifact.link`, the collection methods) and by registry URLs.
 *
 * @example
 * ```ts
 * const org = await resolveOrganization(ctx, 'alice', 'acme'); // { name: 'Acme', entity: 'acme-org' }
 * ```
 * @module
 */
import { documents } from './lazy.js';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import type { OrganizationInfoFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from './context.js';

/**
 * An organization: its display name and the name of its org entity.
 *
 * @example
 * ```ts
 * const org: OrganizationInfo = { name: 'Acme Inc', entity: 'acme-org' };
 * ```
 */
export interface OrganizationInfo {
  /** The organization's name (what the app shows, and what registry URLs hold). */
  name: string;
  /** The name of its org entity (the entity that owns its registries). */
  entity: string;
}

function toInfo(org: OrganizationInfoFieldsFragment | null | undefined): OrganizationInfo | undefined {
  const entity = org?.orgEntity?.name;
  return org && entity ? { name: org.name, entity } : undefined;
}

function matches(info: OrganizationInfo, given: string): boolean {
  return info.name === given || info.entity === given;
}

/**
 * The organization of `entity` (a team entity's one organization, or one of a user's), checked
 * against `given` (an organization's name or its org-entity name) when there is one, as the
 * official client's `resolve_org_entity_name` does: a team entity's organization is taken when
 * `given` is absent or names it; a personal entity's organizations must hold the one `given`
 * names, or, with none given, be exactly one.
 *
 * @param parameter - the parameter named by a {@link ValidationError} (the path that named the
 *   organization); with `'organization'` (the registry methods' option) the advice names that option.
 * @throws {@link NotFoundError} when the entity belongs to no organization (or does not exist);
 *   {@link ValidationError} when `given` names none of its organizations, or when none is given
 *   and a personal entity belongs to several.
 * @example
 * ```ts
 * const { entity } = await resolveOrganization(ctx, await ctx.resolveEntity(), 'acme', {}, 'name');
 * // entity: the org entity that owns acme's registries
 * ```
 */
export async function resolveOrganization(
  ctx: Pick<FacadeContext, 'request'>,
  entity: string,
  given: string | undefined,
  options: RequestOptions = {},
  parameter = 'name',
): Promise<OrganizationInfo> {
  const data = await ctx.request(
    (await documents()).FetchOrgInfoFromEntityDocument,
    { entity },
    { signal: options.signal, cache: options.cache, cacheIf: (d) => d.entity != null },
  );
  const team = toInfo(data.entity?.organization);
  if (team && (given === undefined || matches(team, given))) return team;
  const orgs = (data.entity?.user?.organizations ?? []).flatMap((o) => {
    const info = toInfo(o);
    return info ? [info] : [];
  });
  if (given !== undefined) {
    const found = orgs.find((o) => matches(o, given));
    if (found) return found;
    const known = [team, ...orgs].filter((o): o is OrganizationInfo => o !== undefined);
    if (known.length > 0) {
      throw new ValidationError(
        parameter,
        `entity ${JSON.stringify(entity)} belongs to no organization ${JSON.stringify(given)} ` +
          `(its organizations: ${known.map((o) => JSON.stringify(o.name)).join(', ')}); name one of them in the registry path or the organization option`,
      );
    }
  } else if (orgs.length === 1) {
    return orgs[0] as OrganizationInfo;
  } else if (orgs.length > 1) {
    throw new ValidationError(
      parameter,
      `entity ${JSON.stringify(entity)} belongs to several organizations (${orgs.map((o) => JSON.stringify(o.name)).join(', ')}); ` +
        (parameter === 'organization'
          ? 'pass one as the organization option (of the call or of the Api) or set WANDB_ORGANIZATION'
          : 'name one in the registry path ("organization/wandb-registry-<name>/...") or set the organization option or WANDB_ORGANIZATION'),
    );
  }
  throw new NotFoundError(
    `No organization found for entity ${JSON.stringify(entity)}: a registry belongs to an organization; ` +
      (parameter === 'organization'
        ? 'pass its name as the organization option (of the call or of the Api) or set WANDB_ORGANIZATION'
        : 'name it in the path ("organization/wandb-registry-<name>/..."), or use an entity of the organization'),
  );
}
