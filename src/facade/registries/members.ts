/**
 * Registry members and roles (wandb-ops.md §7.13; the official client's
 * `wandb/apis/public/registries/_members.py` and `registry.py`): the user and team members of a
 * registry (`RegistryUserMembers`, `RegistryTeamMembers`), adding and removing them
 * (`CreateRegistryMembers`, `DeleteRegistryMembers`) and changing their roles
 * (`UpdateUserRegistryRole`, `UpdateTeamRegistryRole`). Used by {@link Registry}. This file holds
 * the member objects and roles, light; the requests are in `members-impl.ts`.
 *
 * @example
 * ```ts
 * const registry = await api.registry('models');
 * await registry.addMembers(await api.viewer());
 * for (const m of await registry.userMembers()) console.log(m.username, m.role);
 * ```
 * @module
 */
import type {
  RegistryTeamFieldsFragment,
  RegistryUserMemberFieldsFragment,
} from '../../generated/graphql.js';
import type { RequestOptions } from '../core/context.js';

/**
 * A role in a registry, by its wire name: `admin` (manages the registry and its members),
 * `member` (links and edits versions), `viewer` (reads), `restricted_viewer` (reads, without
 * downloading files; servers before 0.81 may lack it).
 *
 * @example
 * ```ts
 * const role: RegistryRole = 'viewer';
 * ```
 */
export type RegistryRole = 'admin' | 'member' | 'viewer' | 'restricted_viewer';

/**
 * Every {@link RegistryRole}.
 *
 * @example
 * ```ts
 * REGISTRY_ROLES.includes('member'); // true
 * ```
 */
export const REGISTRY_ROLES: readonly RegistryRole[] = Object.freeze([
  'admin',
  'member',
  'viewer',
  'restricted_viewer',
]);

/**
 * What the member methods take: a `User` (`api.viewer()`, a user of the users API), a team (any
 * object with the team entity's GraphQL `id`), a member {@link Registry.userMembers} or
 * {@link Registry.teamMembers} returned, or such a GraphQL id itself. Whether it is a user or a
 * team is read from the id (base64 of `User:<n>` or `Entity:<n>`).
 *
 * @example
 * ```ts
 * const who: RegistryMemberLike = await api.viewer();
 * ```
 */
export type RegistryMemberLike =
  | {
      /** The user's or team entity's GraphQL id (base64 of `User:<n>` or `Entity:<n>`). */
      readonly id: string;
    }
  | string;

/**
 * A user member of a registry: the user's id, names and email, and its role there.
 *
 * @example
 * ```ts
 * const [first] = await registry.userMembers();
 * console.log(first?.username, first?.role); // 'alice' 'admin'
 * ```
 */
export class RegistryUserMember {
  /** Always `'user'`. */
  readonly kind = 'user' as const;
  /** The user's GraphQL id (what {@link Registry.updateMember} and `removeMembers` take). */
  readonly id: string;
  /** Full name, when the server shows it. */
  readonly name: string | undefined;
  /** Login name, when the server shows it. */
  readonly username: string | undefined;
  /** Email, when the server shows it to you. */
  readonly email: string | undefined;
  /** The user's role in the registry (a newer server may answer a name not in {@link RegistryRole}). */
  readonly role: RegistryRole | (string & {});

  /** @internal Built from a `RegistryUserMemberFields` selection. */
  constructor(data: RegistryUserMemberFieldsFragment) {
    this.id = data.id;
    this.name = data.name ?? undefined;
    this.username = data.username ?? undefined;
    this.email = data.email ?? undefined;
    this.role = data.role.name;
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(member)); // {"kind":"user","id":"VXNlcjox","username":"alice",...}
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { kind, id, name, username, email, role } = this;
    return { kind, id, name, username, email, role };
  }
}

/**
 * The team of a {@link RegistryTeamMember}: the team entity's fields the official client selects
 * (its `TeamFragment`, without the team's own members).
 *
 * @example
 * ```ts
 * const team: RegistryMemberTeam = (await registry.teamMembers())[0]!.team;
 * console.log(team.name, team.entityType);
 * ```
 */
export interface RegistryMemberTeam {
  /** The team entity's GraphQL id. */
  readonly id: string;
  /** The team's name. */
  readonly name: string;
  /** Whether the entity is a team (true for teams). */
  readonly isTeam: boolean;
  /** `team`, or `organization` for an org entity, when the server tells. */
  readonly entityType: string | undefined;
  /** `Entity.available`, as the server answers it. */
  readonly available: boolean | undefined;
  /** The team's picture. */
  readonly photoUrl: string | undefined;
  /** Whether the team is read-only. */
  readonly readOnly: boolean | undefined;
  /** Whether the team is read-only for its admins. */
  readonly readOnlyAdmin: boolean;
  /** Whether its projects are private only. */
  readonly privateOnly: boolean;
  /** Bytes stored by the team. */
  readonly storageBytes: number;
  /** Whether code saving is on by default. */
  readonly codeSavingEnabled: boolean;
  /** The default access of its new projects (e.g. `PRIVATE`). */
  readonly defaultAccess: string;
  /** Whether the team is on a paid plan, when the server tells. */
  readonly isPaid: boolean | undefined;
}

function teamOf(data: RegistryTeamFieldsFragment): RegistryMemberTeam {
  return Object.freeze({
    id: data.id,
    name: data.name,
    isTeam: data.isTeam,
    entityType: data.entityType ?? undefined,
    available: data.available ?? undefined,
    photoUrl: data.photoUrl ?? undefined,
    readOnly: data.readOnly ?? undefined,
    readOnlyAdmin: data.readOnlyAdmin,
    privateOnly: data.privateOnly,
    storageBytes: data.storageBytes,
    codeSavingEnabled: data.codeSavingEnabled,
    defaultAccess: data.defaultAccess,
    isPaid: data.isPaid ?? undefined,
  });
}

/**
 * A team member of a registry: the team and its role there.
 *
 * @example
 * ```ts
 * for (const m of await registry.teamMembers()) console.log(m.team.name, m.role);
 * ```
 */
export class RegistryTeamMember {
  /** Always `'team'`. */
  readonly kind = 'team' as const;
  /** The team. */
  readonly team: RegistryMemberTeam;
  /** The team's role in the registry (a newer server may answer a name not in {@link RegistryRole}). */
  readonly role: RegistryRole | (string & {});

  /** @internal Built from a `RegistryTeamMemberFields` selection. */
  constructor(team: RegistryTeamFieldsFragment, role: string) {
    this.team = teamOf(team);
    this.role = role;
  }

  /**
   * The team entity's GraphQL id (so the member itself can be passed to the member methods).
   *
   * @example
   * ```ts
   * const [first] = await registry.teamMembers();
   * if (first) await registry.updateMember(first.id, 'viewer'); // or updateMember(first, ...)
   * ```
   */
  get id(): string {
    return this.team.id;
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(member)); // {"kind":"team","team":{"id":"RW50aXR5OjM=","name":"vision",...},"role":"viewer"}
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { kind, team, role } = this;
    return { kind, team, role };
  }
}

/**
 * Options of the member methods of {@link Registry}.
 *
 * @example
 * ```ts
 * await registry.userMembers({ signal: AbortSignal.timeout(10_000) });
 * ```
 */
export type RegistryMemberOptions = Pick<RequestOptions, 'signal'>;
