/**
 * {@link Team} and {@link Member} (wandb-ops.md §6.6, §7.8): a team with its settings and members,
 * inviting users, making service accounts, removing members and invites. This file holds the
 * classes with their fields; the code of their methods (`TeamImpl`, `MemberImpl`,
 * `team-impl.ts`) loads with the teams domain.
 *
 * @example
 * ```ts
 * const team = await api.team('vision-team');
 * await team.invite('carol@example.com');
 * const bot = await team.createServiceAccount('CI bot');
 * ```
 * @module
 */
import type { MemberFieldsFragment, TeamFieldsFragment } from '../../generated/graphql.js';
import type { RequestOptions } from '../core/context.js';

/**
 * Options of {@link Team.invite}.
 *
 * @example
 * ```ts
 * const options: InviteOptions = { admin: true };
 * ```
 */
export interface InviteOptions extends Pick<RequestOptions, 'signal'> {
  /** Whether the invitee becomes a team admin. Default `false`. */
  admin?: boolean;
}

/**
 * A member of a team, or a pending invitation (`pending`). `Member.apiKey`, which the server can
 * answer for service accounts, is deliberately neither requested nor exposed: it is a secret.
 *
 * @example
 * ```ts
 * for (const m of team.members) console.log(m.username ?? m.email, m.accountType, m.pending);
 * ```
 */
export abstract class Member {
  /** The member's id: the user's node id, or the invite's for a pending member. */
  readonly id: string;
  /** The team this member belongs to. */
  readonly team: string;
  /** Whether the member is (or, pending, will be) a team admin. */
  readonly admin: boolean;
  /** Whether this is an invitation not accepted yet. */
  readonly pending: boolean;
  /** Email address, when the server shows it. */
  readonly email: string | undefined;
  /** Username; `undefined` for an invitation by email. */
  readonly username: string | undefined;
  /** Display name (a service account's is its description). */
  readonly name: string;
  /** Avatar URL, when there is one. */
  readonly photoUrl: string | undefined;
  /** `USER`, or `SERVICE` for a service account (as the server reports it). */
  readonly accountType: string | undefined;

  /** @internal Made by {@link Team} from a `MemberFields` selection. */
  constructor(team: string, data: MemberFieldsFragment) {
    this.id = data.id ?? '';
    this.team = team;
    this.admin = data.admin ?? false;
    this.pending = data.pending ?? false;
    this.email = data.email ?? undefined;
    this.username = data.username ?? undefined;
    this.name = data.name;
    this.photoUrl = data.photoUrl ?? undefined;
    this.accountType = data.accountType ?? undefined;
  }

  /**
   * Removes the member from the team, or withdraws the invitation of a pending member (the
   * server's `deleteInvite`). Needs a team admin; rejects with a typed error when the server
   * refuses ({@link PermissionError}, {@link NotFoundError}, ...). The {@link Team} it came from
   * keeps listing it until `team.reload()`.
   *
   * @example
   * ```ts
   * const invite = team.members.find((m) => m.pending && m.email === 'carol@example.com');
   * await invite?.delete();
   * ```
   */
  abstract delete(options?: Pick<RequestOptions, 'signal'>): Promise<void>;

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(team.members[0]));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, team, admin, pending, email, username, name, photoUrl, accountType } = this;
    return { id, team, admin, pending, email, username, name, photoUrl, accountType };
  }
}

/**
 * A team (or, when `isTeam` is false, a user's personal entity), loaded with its members. Get one
 * with {@link Api.team} or {@link Api.createTeam}; `reload()` refreshes it.
 *
 * @example
 * ```ts
 * const team = await api.team('vision-team');
 * console.log(team.defaultAccess, team.storageBytes, team.members.length);
 * ```
 */
export abstract class Team {
  #data: TeamFieldsFragment;
  #members: readonly Member[];

  /** @internal Made by `api.team()` and `api.createTeam()`. */
  constructor(data: TeamFieldsFragment, members: readonly Member[]) {
    this.#data = data;
    this.#members = members;
  }

  /** @internal What `reload()` loaded: the team's data and its members. */
  protected replace(data: TeamFieldsFragment, members: readonly Member[]): void {
    this.#data = data;
    this.#members = members;
  }

  /** The entity's node id. */
  get id(): string {
    return this.#data.id;
  }
  /** The team's name. */
  get name(): string {
    return this.#data.name;
  }
  /** Whether the name is free (`false` for any existing entity). */
  get available(): boolean {
    return this.#data.available ?? false;
  }
  /** Avatar URL, when there is one. */
  get photoUrl(): string | undefined {
    return this.#data.photoUrl ?? undefined;
  }
  /** Whether the team is read-only. */
  get readOnly(): boolean {
    return this.#data.readOnly ?? false;
  }
  /** Whether the team is read-only for its admins too. */
  get readOnlyAdmin(): boolean {
    return this.#data.readOnlyAdmin;
  }
  /** `true` for a team, `false` for a user's personal entity. */
  get isTeam(): boolean {
    return this.#data.isTeam;
  }
  /** The entity's kind as the server reports it (`team`, `user`, `organization`). */
  get entityType(): string | undefined {
    return this.#data.entityType ?? undefined;
  }
  /** Whether its projects can only be private. */
  get privateOnly(): boolean {
    return this.#data.privateOnly;
  }
  /** Bytes of storage it uses. */
  get storageBytes(): number {
    return this.#data.storageBytes;
  }
  /** Whether code saving is on for its runs. */
  get codeSavingEnabled(): boolean {
    return this.#data.codeSavingEnabled;
  }
  /** The default access of its new projects (`PRIVATE`, `USER_READ`, ...). */
  get defaultAccess(): string {
    return this.#data.defaultAccess;
  }
  /** Whether it is on a paid plan. */
  get isPaid(): boolean {
    return this.#data.isPaid ?? false;
  }
  /** Its members and pending invitations, as last loaded. */
  get members(): readonly Member[] {
    return this.#members;
  }
  /**
   * Why the last {@link Team.invite} that resolved `false` was refused (a typed error: a
   * {@link ConflictError} for someone already a member or invited, a {@link NotFoundError} for no
   * such user, ...), or `undefined`.
   *
   * @example
   * ```ts
   * if (!(await team.invite('bob'))) console.log(team.lastInviteError?.message);
   * ```
   */
  abstract get lastInviteError(): Error | undefined;

  /**
   * Invites a user to the team: by email when the string contains `@`, else by username.
   * Resolves `true` when invited and `false`, as documented for the Python client, when the server
   * refuses this invitation itself (already a member or invited, no such user): the reason is
   * then on {@link Team.lastInviteError}. Anything else — no permission to invite, a bad key, the
   * server unreachable — **rejects** with its typed error ({@link PermissionError}, ...) instead of
   * reading as `false`, since a boolean cannot tell "already invited" from "you may not invite".
   * The new invitation shows in `members` after `reload()`.
   *
   * @example
   * ```ts
   * await team.invite('carol@example.com'); // true
   * await team.invite('bob', { admin: true });
   * ```
   */
  abstract invite(usernameOrEmail: string, options?: InviteOptions): Promise<boolean>;

  /**
   * Creates a service account (a machine user) in the team and resolves with its member, found by
   * the id the server answers (the Python client takes the last member instead, which a pending
   * invitation can be). The team's `members` are reloaded. Needs a team admin.
   *
   * @example
   * ```ts
   * const bot = await team.createServiceAccount('CI bot');
   * console.log(bot.accountType); // 'SERVICE'
   * ```
   */
  abstract createServiceAccount(
    description: string,
    options?: Pick<RequestOptions, 'signal'>,
  ): Promise<Member>;

  /**
   * Loads the team again (settings and members); resolves with this team.
   *
   * @example
   * ```ts
   * await team.invite('carol@example.com');
   * (await team.reload()).members.some((m) => m.pending); // true
   * ```
   */
  abstract reload(options?: Pick<RequestOptions, 'signal'>): Promise<this>;

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(team, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, available, photoUrl, readOnly, readOnlyAdmin, isTeam, entityType, privateOnly } = this;
    const { storageBytes, codeSavingEnabled, defaultAccess, isPaid, members } = this;
    return {
      id,
      name,
      available,
      photoUrl,
      readOnly,
      readOnlyAdmin,
      isTeam,
      entityType,
      privateOnly,
      storageBytes,
      codeSavingEnabled,
      defaultAccess,
      isPaid,
      members: members.map((m) => m.toJSON()),
    };
  }
}
