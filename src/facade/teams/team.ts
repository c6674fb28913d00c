/**
 * {@link Team} and {@link Member} (wandb-ops.md §6.6, §7.8): a team with its settings and members,
 * inviting users, making service accounts, removing members and invites.
 *
 * @example
 * ```ts
 * const team = await api.team('vision-team');
 * await team.invite('carol@example.com');
 * const bot = await team.createServiceAccount('CI bot');
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import {
  ConflictError,
  GraphQLRequestError,
  NotFoundError,
  PermissionError,
  ValidationError,
  WandbError,
} from '../../errors/index.js';
import type { MemberFieldsFragment, TeamFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';

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
export class Member {
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

  readonly #ctx: FacadeContext;

  /** @internal Made by {@link Team} from a `MemberFields` selection. */
  constructor(ctx: FacadeContext, team: string, data: MemberFieldsFragment) {
    this.#ctx = ctx;
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
  async delete(options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    if (!this.id) throw new ValidationError('member', 'this member has no id to delete it by');
    const data = await this.#ctx.request(
      (await documents()).DeleteInviteDocument,
      { id: this.id, entity: this.team },
      { signal },
    );
    if (data.result?.success !== true) {
      throw new WandbError(
        `DeleteInvite failed: the server did not remove ${this.label()} from ${this.team}`,
        'UNKNOWN',
      );
    }
  }

  private label(): string {
    return this.username ?? this.email ?? this.id;
  }

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

/** Wording of a refusal for lack of permission, when a server answers one as a GraphQL error at HTTP 200. */
const PERMISSION_WORDING =
  /\bpermission\b|\bdenied\b|\bnot (allowed|authori[sz]ed)\b|\bforbidden\b|\bonly (team )?admins\b/i;

/** Wording of a refusal of the invitation itself: already a member or invited, no such user. */
const INVITATION_WORDING =
  /\balready\b|\bexists?\b|\bno such user\b|\bnot found\b|\bdoes not exist\b|\bunknown user\b/i;

/**
 * Whether a GraphQL error (at HTTP 200) refuses this invitation itself, as opposed to the caller's
 * permission, the document or the server: only those read as `false`.
 */
function isInvitationRefusal(e: unknown): e is GraphQLRequestError {
  return (
    e instanceof GraphQLRequestError &&
    e.errors.length > 0 &&
    e.errors.every((g) => INVITATION_WORDING.test(g.message) && !PERMISSION_WORDING.test(g.message))
  );
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
export class Team {
  readonly #ctx: FacadeContext;
  #data: TeamFieldsFragment;
  #members: readonly Member[];
  #lastInviteError: Error | undefined;

  /** @internal Made by `api.team()` and `api.createTeam()`. */
  constructor(ctx: FacadeContext, data: TeamFieldsFragment) {
    this.#ctx = ctx;
    this.#data = data;
    this.#members = this.#build(data);
  }

  #build(data: TeamFieldsFragment): readonly Member[] {
    return Object.freeze(data.members.map((m) => new Member(this.#ctx, data.name, m)));
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
  get lastInviteError(): Error | undefined {
    return this.#lastInviteError;
  }

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
  async invite(usernameOrEmail: string, options: InviteOptions = {}): Promise<boolean> {
    if (typeof usernameOrEmail !== 'string' || usernameOrEmail.trim() === '') {
      throw new ValidationError('usernameOrEmail', 'expected a username or an email address');
    }
    const who = usernameOrEmail.trim();
    const opts = optionsObject(options);
    const admin = optionalBoolean(opts.admin, 'admin') ?? false;
    const signal = optionalSignal(opts.signal);
    const variables = who.includes('@')
      ? { entity: this.name, email: who, admin }
      : { entity: this.name, username: who, admin };
    try {
      await this.#ctx.request((await documents()).CreateInviteDocument, variables, { signal });
    } catch (e) {
      if (e instanceof ConflictError || e instanceof NotFoundError || isInvitationRefusal(e)) {
        this.#lastInviteError = e;
        return false;
      }
      if (e instanceof GraphQLRequestError && e.errors.some((g) => PERMISSION_WORDING.test(g.message))) {
        throw new PermissionError(`invite to team ${this.name} was refused: ${e.message}`, {
          cause: e,
          ...(e.status === undefined ? {} : { status: e.status }),
          ...(e.request === undefined ? {} : { request: e.request }),
        });
      }
      throw e;
    }
    this.#lastInviteError = undefined;
    return true;
  }

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
  async createServiceAccount(
    description: string,
    options: Pick<RequestOptions, 'signal'> = {},
  ): Promise<Member> {
    if (typeof description !== 'string' || description.trim() === '') {
      throw new ValidationError('description', 'expected a description of the service account');
    }
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).CreateServiceAccountDocument,
      { entity: this.name, description: description.trim() },
      { signal },
    );
    const id = data.result?.user?.id;
    if (!id) throw new WandbError('CreateServiceAccount failed: the server answered no user', 'UNKNOWN');
    await this.reload({ signal });
    const member = this.#members.find((m) => m.id === id);
    if (!member) {
      throw new WandbError(
        `CreateServiceAccount: the new account ${id} is not among the members of ${this.name}`,
        'UNKNOWN',
      );
    }
    return member;
  }

  /**
   * Loads the team again (settings and members); resolves with this team.
   *
   * @example
   * ```ts
   * await team.invite('carol@example.com');
   * (await team.reload()).members.some((m) => m.pending); // true
   * ```
   */
  async reload(options: Pick<RequestOptions, 'signal'> = {}): Promise<this> {
    this.#data = await loadTeamData(this.#ctx, this.name, { ...optionsObject(options), cache: false });
    this.#members = this.#build(this.#data);
    return this;
  }

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

/**
 * The team fields of an entity; {@link NotFoundError} when there is no entity of that name.
 *
 * @internal Users call the `Api` method.
 * @example
 * ```ts
 * const data = await loadTeamData(ctx, 'vision-team', {});
 * ```
 */
export async function loadTeamData(
  ctx: FacadeContext,
  name: string,
  options: RequestOptions,
): Promise<TeamFieldsFragment> {
  const signal = optionalSignal(options.signal);
  const cache = options.cache === false ? { cache: false } : {};
  const data = await ctx.request((await documents()).TeamEntityDocument, { name }, { signal, ...cache });
  if (!data.entity) {
    throw new NotFoundError(
      `No team named ${JSON.stringify(name)}; check the name, or create it with api.createTeam()`,
    );
  }
  return data.entity;
}
