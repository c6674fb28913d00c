/**
 * Teams as the store keeps them besides their entity (`EntityRecord` with `isTeam`): the settings
 * `Query.entity` answers (wandb-ops.md §6.6), the team admins, and pending invites. Membership
 * itself is `UserRecord.teams`.
 *
 * @example
 * ```ts
 * import type { TeamSettings } from './records.js';
 * store.teams.settings.get('vision-team')?.defaultAccess; // 'PRIVATE'
 * ```
 * @module
 */
import type { UserRecord } from '../users/records.js';

/**
 * What `Entity` answers for a team besides its name and id.
 *
 * @example
 * ```ts
 * const s: TeamSettings = { ...DEFAULT_TEAM_SETTINGS, storageBytes: 1024 };
 * ```
 */
export interface TeamSettings {
  /** `Entity.defaultAccess`: the default access of new projects (`PRIVATE`, `USER_READ`, ...). */
  defaultAccess: string;
  /** `Entity.readOnly`. */
  readOnly: boolean;
  /** `Entity.readOnlyAdmin`. */
  readOnlyAdmin: boolean;
  /** `Entity.privateOnly`. */
  privateOnly: boolean;
  /** `Entity.codeSavingEnabled`. */
  codeSavingEnabled: boolean;
  /** `Entity.isPaid`. */
  isPaid: boolean;
  /** `Entity.storageBytes`. */
  storageBytes: number;
  /** `Entity.photoUrl`. */
  photoUrl: string | null;
}

/**
 * The settings of a team nobody configured.
 *
 * @example
 * ```ts
 * DEFAULT_TEAM_SETTINGS.defaultAccess; // 'PRIVATE'
 * ```
 */
export const DEFAULT_TEAM_SETTINGS: Readonly<TeamSettings> = Object.freeze({
  defaultAccess: 'PRIVATE',
  readOnly: false,
  readOnlyAdmin: false,
  privateOnly: false,
  codeSavingEnabled: false,
  isPaid: false,
  storageBytes: 0,
  photoUrl: null,
});

/**
 * A pending invitation to a team (`createInvite`), listed as a pending member until deleted.
 *
 * @example
 * ```ts
 * const invite: InviteRecord = { id: 1, entityName: 'vision-team', email: 'carol@example.com', username: null, admin: false, fromUser: 'alice', createdAt: EPOCH };
 * ```
 */
export interface InviteRecord {
  /** Integer storage id (global id `Invite:<id>`). */
  id: number;
  /** The team. */
  entityName: string;
  /** Invited email, when invited by email. */
  email: string | null;
  /** Invited username, when invited by username (an existing user). */
  username: string | null;
  /** Whether the invitee becomes a team admin. */
  admin: boolean;
  /** Who invited. */
  fromUser: string;
  /** When the invite was made, an ISO 8601 timestamp in whole seconds (`2024-01-02T03:04:05Z`). */
  createdAt: string;
}

/**
 * The teams part of the store.
 *
 * @example
 * ```ts
 * store.teams.admins.get('vision-team')?.has('alice'); // true
 * ```
 */
export interface TeamData {
  /** Settings by team name (a team without an entry has {@link DEFAULT_TEAM_SETTINGS}). */
  settings: Map<string, TeamSettings>;
  /** Admin usernames by team name. */
  admins: Map<string, Set<string>>;
  /** Pending invites by integer id. */
  invites: Map<number, InviteRecord>;
}

/**
 * An empty {@link TeamData}.
 *
 * @example
 * ```ts
 * const teams = createTeamData();
 * ```
 */
export function createTeamData(): TeamData {
  return { settings: new Map(), admins: new Map(), invites: new Map() };
}

/**
 * One row of `Entity.members`: a user of the team, or a pending invite.
 *
 * @example
 * ```ts
 * const row: MemberView = { kind: 'user', team: 'vision-team', user };
 * ```
 */
export type MemberView =
  { kind: 'user'; team: string; user: UserRecord } | { kind: 'invite'; team: string; invite: InviteRecord };

/**
 * A team to add with `emu.seed.team`: its members (created when missing), its admins (members
 * too), pending invites and the settings `Query.entity` answers.
 *
 * @example
 * ```ts
 * emu.seed.team({ name: 'vision-team', members: ['alice', 'bob'], admins: ['alice'], invites: [{ email: 'carol@example.com' }] });
 * ```
 */
export interface SeedTeamInput extends Partial<TeamSettings> {
  /** Team name (alphanumerics, `-` and `_`); also its entity's name. */
  name: string;
  /** Usernames of the members (users are created when missing). Default none. */
  members?: string[];
  /** Usernames of the team admins; they become members. Default none. */
  admins?: string[];
  /** Pending invites, by email or by username. Default none. */
  invites?: (
    | {
        /** The invited email address. */
        email: string;
        /** Whether the invitee becomes a team admin. Default `false`. */
        admin?: boolean;
      }
    | {
        /** The invited user's username (an existing user). */
        username: string;
        /** Whether the invitee becomes a team admin. Default `false`. */
        admin?: boolean;
      }
  )[];
}

/**
 * The result of `emu.seed.team`.
 *
 * @example
 * ```ts
 * const { id, name } = emu.seed.team({ name: 'vision-team' }); // id: base64 'Entity:<n>'
 * ```
 */
export interface SeededTeam {
  /** Global id of the team's entity (`Entity.id`). */
  id: string;
  /** Team name. */
  name: string;
  /** Global ids of the seeded invites (`Member.id` of the pending members), in the order given. */
  inviteIds: string[];
}
