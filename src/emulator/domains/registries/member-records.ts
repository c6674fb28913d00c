/**
 * Registry members as the store keeps them (wandb-ops.md §7.13): users and teams with a registry
 * role, per registry project (`store.registryMembers`, keyed by the project's integer id); the
 * views the GraphQL types `ProjectMember`, `ProjectTeamMember`, `Role` and `Member` resolve from;
 * and the seed input.
 *
 * @example
 * ```ts
 * import { REGISTRY_ROLES, type RegistryMemberRecord } from './member-records.js';
 * const record: RegistryMemberRecord = { kind: 'user', id: 1, role: 'admin' };
 * REGISTRY_ROLES.includes(record.role); // true
 * ```
 * @module
 */
import type { EntityRecord, UserRecord } from '../users/records.js';

/**
 * The registry roles, by the names the server answers in `Role.name` and takes in
 * `userProjectRole` / `teamProjectRole` (the official client's `MemberRole` values).
 *
 * @example
 * ```ts
 * const role: RegistryRole = 'restricted_viewer';
 * ```
 */
export type RegistryRole = 'admin' | 'member' | 'viewer' | 'restricted_viewer';

/**
 * Every {@link RegistryRole}, most powerful first.
 *
 * @example
 * ```ts
 * REGISTRY_ROLES.includes('viewer'); // true
 * ```
 */
export const REGISTRY_ROLES: readonly RegistryRole[] = ['admin', 'member', 'viewer', 'restricted_viewer'];

/**
 * One member of one registry: a user (`kind: 'user'`, `id` a user id) or a team (`kind: 'team'`,
 * `id` an entity id), with its role there.
 *
 * @example
 * ```ts
 * store.registryMembers.get(projectId)?.filter((m) => m.kind === 'team');
 * ```
 */
export interface RegistryMemberRecord {
  kind: 'user' | 'team';
  /** The user's (`kind: 'user'`) or the team entity's (`kind: 'team'`) integer id. */
  id: number;
  role: RegistryRole;
}

/**
 * What `ProjectMember` resolves from: a user and its registry role.
 *
 * @example
 * ```ts
 * const view: ProjectMemberView = { user, role: 'admin' };
 * ```
 */
export interface ProjectMemberView {
  user: UserRecord;
  role: RegistryRole;
}

/**
 * What `ProjectTeamMember` resolves from: a team entity and its registry role.
 *
 * @example
 * ```ts
 * const view: ProjectTeamMemberView = { team, role: 'viewer' };
 * ```
 */
export interface ProjectTeamMemberView {
  team: EntityRecord;
  role: RegistryRole;
}

/**
 * What `Role` resolves from: its name (the emulator knows no permissions of roles).
 *
 * @example
 * ```ts
 * const role: RoleView = { name: 'viewer' };
 * ```
 */
export interface RoleView {
  name: string;
}

/**
 * A member to give a registry in `emu.seed.registry({ members })`:
 * a user (`username`) or a team (`team`, a team entity of the organization), with a role.
 *
 * @example
 * ```ts
 * const members: SeedRegistryMember[] = [{ username: 'bob', role: 'member' }, { team: 'vision-team' }];
 * ```
 */
export type SeedRegistryMember =
  | {
      /** A member of the registry's organization (`emu.seed.organization({ members })`). */
      username: string;
      team?: never;
      /** Default `viewer` (`admin` for an admin of the organization), as the server gives new members. */
      role?: RegistryRole;
    }
  | {
      /** A team entity of the registry's organization (`emu.seed.organization({ teams })`). */
      team: string;
      username?: never;
      /** Default `viewer`, as the server gives new team members. */
      role?: RegistryRole;
    };
