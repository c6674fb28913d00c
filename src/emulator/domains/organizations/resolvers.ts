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
import { globalId } from '../../graphql/ids.js';
import { organizationOfEntity, organizationsOfUser } from './seed.js';

/**
 * The organization resolvers.
 *
 * @example
 * ```ts
 * Object.keys(organizationResolvers.Organization ?? {}); // ['id', 'name', 'orgEntity']
 * ```
 */
export const organizationResolvers: EmulatorResolvers = {
  Organization: {
    id: (org) => globalId('Organization', org.id),
    name: (org) => org.name,
    orgEntity: (org, _args, { store }) => store.entities.get(org.orgEntity) ?? null,
  },
  Entity: {
    organization: (entity, _args, { store }) =>
      entity.isTeam ? (organizationOfEntity(store, entity.name) ?? null) : null,
  },
  User: {
    organizations: handles([], (user, _args, { store }) => organizationsOfUser(store, user.username)),
  },
};
