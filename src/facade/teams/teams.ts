/**
 * `api.team(name)` and `api.createTeam(team, { adminUsername })` (wandb-ops.md §6.6).
 *
 * @example
 * ```ts
 * const team = await api.createTeam('vision-team'); // or the existing team of that name
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ConflictError, GraphQLRequestError, ValidationError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { checkName, optionalSignal, optionalString, optionsObject } from '../core/validate.js';
import { loadTeamData, TeamImpl } from './team-impl.js';
import type { Team } from './team.js';

/**
 * Options of {@link Api.createTeam}.
 *
 * @example
 * ```ts
 * const options: CreateTeamOptions = { adminUsername: 'alice' };
 * ```
 */
export interface CreateTeamOptions extends Pick<RequestOptions, 'signal'> {
  /** Username of the team's admin. Default the authenticated user (another user needs an instance admin). */
  adminUsername?: string;
}

/** The server's team names: letters, digits, `-` and `_` (`CreateTeamInput.teamName`). */
const TEAM_NAME = /^[A-Za-z0-9_-]+$/;

function teamName(value: unknown, parameter: string): string {
  if (typeof value !== 'string') throw new ValidationError(parameter, 'expected a team name');
  const name = value.trim();
  checkName(name, parameter);
  if (!TEAM_NAME.test(name)) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(name)} is not a team name: use letters, digits, - and _`,
    );
  }
  return name;
}

/**
 * Loads a team with its members; {@link NotFoundError} when there is none of that name.
 *
 * @internal Users call the `Api` method.
 * @example
 * ```ts
 * const team = await getTeam(ctx, 'vision-team');
 * ```
 */
export async function getTeam(ctx: FacadeContext, name: string, options: RequestOptions = {}): Promise<Team> {
  if (typeof name !== 'string' || name.trim() === '')
    throw new ValidationError('name', 'expected a team name');
  const opts = optionsObject(options);
  return new TeamImpl(ctx, await loadTeamData(ctx, name.trim(), opts));
}

function alreadyExists(e: unknown): boolean {
  return (
    e instanceof ConflictError ||
    (e instanceof GraphQLRequestError && e.errors.some((g) => /already exists/i.test(g.message)))
  );
}

/**
 * Creates a team, or answers the existing team of that name (as the Python client does); every
 * other refusal (no permission, an unknown admin, ...) rejects. A name taken by a user's
 * personal entity rejects with {@link ConflictError}.
 *
 * @internal Users call the `Api` method.
 * @example
 * ```ts
 * const team = await createTeam(ctx, 'vision-team', { adminUsername: 'alice' });
 * ```
 */
export async function createTeam(
  ctx: FacadeContext,
  team: string,
  options: CreateTeamOptions = {},
): Promise<Team> {
  const name = teamName(team, 'team');
  const opts = optionsObject(options);
  const adminUsername = optionalString(opts.adminUsername, 'adminUsername');
  const signal = optionalSignal(opts.signal);
  let existed = false;
  try {
    await ctx.request(
      (await documents()).CreateTeamDocument,
      { teamName: name, teamAdminUserName: adminUsername ?? null },
      { signal },
    );
  } catch (e) {
    if (!alreadyExists(e)) throw e;
    existed = true;
  }
  const loaded = new TeamImpl(ctx, await loadTeamData(ctx, name, { signal, cache: false }));
  if (existed && !loaded.isTeam) {
    throw new ConflictError(
      `Cannot create team ${JSON.stringify(name)}: a user has that name (teams and users share names)`,
    );
  }
  return loaded;
}
