/**
 * {@link TeamImpl} and {@link MemberImpl}: the code of {@link Team}'s and {@link Member}'s methods
 * (invitations, service accounts, removals, reloads) and the request of a team's fields, loaded
 * with the teams domain on first use.
 *
 * @example
 * ```ts
 * const team = new TeamImpl(ctx, await loadTeamData(ctx, 'vision-team', {}));
 * await team.invite('carol@example.com');
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
import { Member, Team, type InviteOptions } from './team.js';

/**
 * A {@link Member} with the code of its methods.
 * @internal Made by {@link TeamImpl} from a `MemberFields` selection.
 * @example
 * ```ts
 * await new MemberImpl(ctx, 'vision-team', data).delete();
 * ```
 */
export class MemberImpl extends Member {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'Member' });
  }

  readonly #ctx: FacadeContext;

  constructor(ctx: FacadeContext, team: string, data: MemberFieldsFragment) {
    super(team, data);
    this.#ctx = ctx;
  }

  override async delete(options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    if (!this.id) throw new ValidationError('member', 'this member has no id to delete it by');
    const data = await this.#ctx.request(
      (await documents()).DeleteInviteDocument,
      { id: this.id, entity: this.team },
      { signal },
    );
    if (data.result?.success !== true) {
      throw new WandbError(
        `DeleteInvite failed: the server did not remove ${this.#label()} from ${this.team}`,
        'UNKNOWN',
      );
    }
  }

  #label(): string {
    return this.username ?? this.email ?? this.id;
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

/** The members of a team's data, frozen. */
function membersOf(ctx: FacadeContext, data: TeamFieldsFragment): readonly Member[] {
  return Object.freeze(data.members.map((m) => new MemberImpl(ctx, data.name, m)));
}

/**
 * A {@link Team} with the code of its methods.
 * @internal Made by `api.team()` and `api.createTeam()`.
 * @example
 * ```ts
 * const team = new TeamImpl(ctx, await loadTeamData(ctx, 'vision-team', {}));
 * ```
 */
export class TeamImpl extends Team {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'Team' });
  }

  readonly #ctx: FacadeContext;
  #lastInviteError: Error | undefined;

  constructor(ctx: FacadeContext, data: TeamFieldsFragment) {
    super(data, membersOf(ctx, data));
    this.#ctx = ctx;
  }

  override get lastInviteError(): Error | undefined {
    return this.#lastInviteError;
  }

  override async invite(usernameOrEmail: string, options: InviteOptions = {}): Promise<boolean> {
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

  override async createServiceAccount(
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
    const member = this.members.find((m) => m.id === id);
    if (!member) {
      throw new WandbError(
        `CreateServiceAccount: the new account ${id} is not among the members of ${this.name}`,
        'UNKNOWN',
      );
    }
    return member;
  }

  override async reload(options: Pick<RequestOptions, 'signal'> = {}): Promise<this> {
    const data = await loadTeamData(this.#ctx, this.name, { ...optionsObject(options), cache: false });
    this.replace(data, membersOf(this.#ctx, data));
    return this;
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
