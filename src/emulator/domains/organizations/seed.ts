/**
 * Seeding organizations: `emu.seed.organization`.
 *
 * @example
 * ```ts
 * import { seedOrganization } from './seed.js';
 * seedOrganization(store, { name: 'acme', members: ['alice'] });
 * store.organizations.get('acme')?.orgEntity; // 'acme-org'
 * ```
 * @module
 */
import { globalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { ensureEntity, ensureUser } from '../users/seed.js';
import type { OrganizationRecord, SeedOrganizationInput, SeededOrganization } from './records.js';

/**
 * Adds an organization with its org entity (a team), its members (who join the org entity), its
 * admins (members too) and its other teams. An entity belongs to at most one organization.
 *
 * @example
 * ```ts
 * seedOrganization(store, { name: 'acme', orgEntity: 'acme-org', members: ['alice'] });
 * ```
 */
export function seedOrganization(store: EmulatorStore, input: SeedOrganizationInput): SeededOrganization {
  if (!input.name) throw new Error('seed.organization: name is required');
  if (store.organizations.has(input.name)) throw new Error(`seed.organization: ${input.name} already exists`);
  const orgEntity = input.orgEntity ?? `${input.name}-org`;
  const teams = [orgEntity, ...(input.teams ?? []).filter((t) => t !== orgEntity)];
  for (const team of teams) {
    const entity = ensureEntity(store, team, true);
    if (!entity.isTeam) throw new Error(`seed.organization: ${team} is a personal entity, not a team`);
    const owner = organizationOfEntity(store, team);
    if (owner) throw new Error(`seed.organization: ${team} already belongs to organization ${owner.name}`);
  }
  const admins = [...new Set(input.admins ?? [])];
  const members = [...new Set([...(input.members ?? []), ...admins])];
  for (const username of members) {
    const user = ensureUser(store, username);
    if (!user.teams.includes(orgEntity)) user.teams.push(orgEntity);
  }
  const record: OrganizationRecord = {
    id: store.nextId('organization'),
    name: input.name,
    orgEntity,
    members,
    teams,
    admins,
    advancedRegistrySearch: input.advancedRegistrySearch ?? false,
  };
  store.organizations.set(record.name, record);
  return { id: globalId('Organization', record.id), name: record.name, orgEntity };
}

/**
 * The organization a team entity belongs to, if any.
 *
 * @example
 * ```ts
 * organizationOfEntity(store, 'acme-org')?.name; // 'acme'
 * ```
 */
export function organizationOfEntity(
  store: EmulatorStore,
  entityName: string,
): OrganizationRecord | undefined {
  for (const org of store.organizations.values()) if (org.teams.includes(entityName)) return org;
  return undefined;
}

/**
 * The organizations a user is a member of, in the order they were seeded.
 *
 * @example
 * ```ts
 * organizationsOfUser(store, 'alice').map((o) => o.name); // ['acme']
 * ```
 */
export function organizationsOfUser(store: EmulatorStore, username: string): OrganizationRecord[] {
  return [...store.organizations.values()].filter((org) => org.members.includes(username));
}

/**
 * The organization an org entity is the org entity of, if any.
 *
 * @example
 * ```ts
 * organizationOfOrgEntity(store, 'acme-org')?.name; // 'acme'
 * organizationOfOrgEntity(store, 'vision-team'); // undefined: a team, not an org entity
 * ```
 */
export function organizationOfOrgEntity(
  store: EmulatorStore,
  entityName: string,
): OrganizationRecord | undefined {
  for (const org of store.organizations.values()) if (org.orgEntity === entityName) return org;
  return undefined;
}
