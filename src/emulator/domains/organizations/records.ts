/**
 * Organizations as the store keeps them, and the seed input that makes one.
 *
 * @example
 * ```ts
 * import type { OrganizationRecord } from './records.js';
 * const org: OrganizationRecord | undefined = store.organizations.get('acme');
 * ```
 * @module
 */

/**
 * A stored organization: its name, the team entity that holds its registries (`orgEntity`), the
 * users who are its members and the team entities that belong to it.
 *
 * @example
 * ```ts
 * store.organizations.get('acme')?.orgEntity; // 'acme-org'
 * ```
 */
export interface OrganizationRecord {
  /** Integer storage id (global id `Organization:<id>`). */
  id: number;
  /** The organization name. */
  name: string;
  /** Name of the organization's own team entity (registries live there). */
  orgEntity: string;
  /** Usernames of the members. */
  members: string[];
  /** Team entities of the organization (the org entity among them). */
  teams: string[];
  /** Usernames of its admins (members too): admins of every registry of the organization. */
  admins: string[];
  /** `Organization.advancedRegistryFeatures.advancedSearch`: the registry versions use the advanced field lists. */
  advancedRegistrySearch: boolean;
}

/**
 * An organization to add with `emu.seed.organization`.
 *
 * @example
 * ```ts
 * emu.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'], teams: ['vision-team'], admins: ['alice'] });
 * ```
 */
export interface SeedOrganizationInput {
  /** Organization name (unique). */
  name: string;
  /** Name of its org entity, a team created when missing. Default `<name>-org`. */
  orgEntity?: string;
  /** Usernames of members (users created when missing); each becomes a member of the org entity. Default none. */
  members?: string[];
  /** Other team entities that belong to the organization (created when missing). Default none. */
  teams?: string[];
  /**
   * Usernames of its admins (made members when they are not): each manages the members of every
   * registry of the organization, and a registry they join gets them as `admin`. Default none.
   */
  admins?: string[];
  /**
   * Whether the organization has the advanced registry search
   * (`advancedRegistryFeatures { advancedSearch }`). Default `false`.
   */
  advancedRegistrySearch?: boolean;
}

/**
 * What `emu.seed.organization` answers.
 *
 * @example
 * ```ts
 * const { id, orgEntity } = emu.seed.organization({ name: 'acme' }); // orgEntity 'acme-org'
 * ```
 */
export interface SeededOrganization {
  /** Global id (`Organization:<n>`, base64). */
  id: string;
  /** The organization name. */
  name: string;
  /** Name of the organization's own team entity (registries live there). */
  orgEntity: string;
}
