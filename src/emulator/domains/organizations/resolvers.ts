/**
 * Organizations: `Organization` (`id`, `name`, `orgEntity`), `Entity.organization` (the one a team
 * belongs to) and `User.organizations` (those the user is a member of). The registry path lookup
 * of the client (`FetchOrgInfoFromEntity`) reads them.
 *
 * @example
 * ```ts
 * import { organizationResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import type { OrganizationRecord } from './records.js';
import { organizationOfEntity, organizationOfOrgEntity, organizationsOfUser } from './seed.js';

/** The organization of `organization(id:, name:)`: by display name, or by global id; null when unknown. */
function findOrganization(
  store: EmulatorStore,
  args: { id?: string | null; name?: string | null },
): OrganizationRecord | null {
  if (typeof args.name === 'string') {
    const org = store.organizations.get(args.name);
    if (!org) return null;
    if (typeof args.id === 'string' && parseGlobalId(args.id, 'Organization') !== org.id) return null;
    return org;
  }
  const n = parseGlobalId(args.id, 'Organization');
  return [...store.organizations.values()].find((o) => o.id === n) ?? null;
}

/**
 * The organization resolvers.
 *
 * @example
 * ```ts
 * Object.keys(organizationResolvers.Organization ?? {}); // ['id', 'name', 'orgEntity']
 * ```
 */
export const organizationResolvers: EmulatorResolvers = {
  Query: {
    // By display name (what the official client passes), as `organization(name:)`.
    organization: handles(['id', 'name'], (_root, args, { store }) => findOrganization(store, args)),
  },
  Organization: {
    id: (org) => globalId('Organization', org.id),
    name: (org) => org.name,
    orgEntity: (org, _args, { store }) => store.entities.get(org.orgEntity) ?? null,
    advancedRegistryFeatures: (org) => ({ advancedSearch: org.advancedRegistrySearch }),
  },
  AdvancedRegistryFeatures: {
    advancedSearch: (features) => features.advancedSearch,
  },
  Entity: {
    // `organization` for an org entity (automation scopes read it), `team`, or `user` for a personal entity.
    entityType: (entity, _args, { store }) =>
      !entity.isTeam ? 'user' : organizationOfOrgEntity(store, entity.name) ? 'organization' : 'team',
    organization: (entity, _args, { store }) =>
      entity.isTeam ? (organizationOfEntity(store, entity.name) ?? null) : null,
  },
  User: {
    organizations: handles([], (user, _args, { store }) => organizationsOfUser(store, user.username)),
  },
};
