/**
 * Registry members and roles (wandb-ops.md §7.13; the official client's
 * `wandb/apis/public/registries/_members.py` and `registry.py`): the user and team members of a
 * registry (`RegistryUserMembers`, `RegistryTeamMembers`), adding and removing them
 * (`CreateRegistryMembers`, `DeleteRegistryMembers`) and changing their roles
 * (`UpdateUserRegistryRole`, `UpdateTeamRegistryRole`). Used by {@link Registry}.
 *
 * @example
 * ```ts
 * const registry = await api.registry('models');
 * await registry.addMembers(await api.viewer());
 * for (const m of await registry.userMembers()) console.log(m.username, m.role);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { NotFoundError, ServerError, ValidationError } from '../../errors/index.js';
import type {
  RegistryTeamFieldsFragment,
  RegistryUserMemberFieldsFragment,
} from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { describeValue, optionalSignal, optionsObject } from '../core/validate.js';

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

/** @internal Where the member methods act: the registry's project and what to call it in messages. */
export interface MemberTarget {
  ctx: FacadeContext;
  /** The registry project's GraphQL id. */
  projectId: string;
  /** `wandb-registry-<name>`. */
  fullName: string;
  /** The org entity. */
  entity: string;
  /** For messages: `registry "models" of organization "acme"`. */
  describe: string;
}

const ID_TEXT = /^(User|Entity):([0-9]+)$/;

function decodeMember(value: unknown, parameter: string): { kind: 'user' | 'team'; id: string } {
  const id =
    typeof value === 'string'
      ? value
      : typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
        ? (value as { id: string }).id
        : undefined;
  if (id === undefined) {
    throw new ValidationError(
      parameter,
      `expected a user, a team, a registry member or their GraphQL id, got ${describeValue(value)}`,
    );
  }
  let text = '';
  try {
    text = atob(id);
  } catch {
    // not base64: refused below
  }
  const match = ID_TEXT.exec(text);
  if (!match) {
    throw new ValidationError(
      parameter,
      `the id ${JSON.stringify(id)} is neither a user's nor a team's GraphQL id (base64 of "User:<n>" or "Entity:<n>")`,
    );
  }
  const [, kind, index] = match;
  // Sent re-encoded from the decoded kind and number, as the official client does.
  return { kind: kind === 'User' ? 'user' : 'team', id: btoa(`${kind}:${BigInt(index ?? '0').toString()}`) };
}

/**
 * The user ids and team ids of members, each decoded from its GraphQL id, deduplicated and sorted
 * (as the official client sends them).
 * @internal
 * @throws {@link ValidationError} when none is given or one is neither a user nor a team.
 * @example
 * ```ts
 * memberIds([viewer, team], 'members'); // { userIds: ['VXNlcjox'], teamIds: ['RW50aXR5OjM='] }
 * ```
 */
export function memberIds(
  members: readonly unknown[],
  parameter: string,
): { userIds: string[]; teamIds: string[] } {
  if (members.length === 0) {
    throw new ValidationError(parameter, 'give at least one user or team');
  }
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  members.forEach((m, i) => {
    const { kind, id } = decodeMember(m, `${parameter}[${i}]`);
    (kind === 'user' ? userIds : teamIds).add(id);
  });
  return { userIds: [...userIds].sort(), teamIds: [...teamIds].sort() };
}

/**
 * A role name: any non-empty string, sent as given (as the official client does), so that a role
 * a newer server answers (read back from a member) can be set again; the server refuses a name it
 * does not know.
 */
function checkRole(value: unknown, parameter: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new ValidationError(
    parameter,
    `expected a role name such as ${REGISTRY_ROLES.map((r) => JSON.stringify(r)).join(', ')}, got ${describeValue(value)}`,
  );
}

function signalOf(options: RegistryMemberOptions | undefined): AbortSignal | undefined {
  return optionalSignal(optionsObject(options ?? {}).signal);
}

function missing(target: MemberTarget): NotFoundError {
  return new NotFoundError(`${target.describe} was not found (deleted, renamed, or not visible to you)`);
}

/**
 * The user members (`RegistryUserMembers`; never from the cache).
 * @internal Users call `registry.userMembers()`.
 * @example
 * ```ts
 * const users = await listUserMembers(target, {});
 * ```
 */
export async function listUserMembers(
  target: MemberTarget,
  options: RegistryMemberOptions | undefined,
): Promise<RegistryUserMember[]> {
  const signal = signalOf(options);
  const data = await target.ctx.request(
    (await documents()).RegistryUserMembersDocument,
    { project: target.fullName, entity: target.entity },
    { signal, cache: false },
  );
  if (!data.project) throw missing(target);
  return data.project.members.map((m) => new RegistryUserMember(m));
}

/**
 * The team members (`RegistryTeamMembers`; never from the cache).
 * @internal Users call `registry.teamMembers()`.
 * @example
 * ```ts
 * const teams = await listTeamMembers(target, {});
 * ```
 */
export async function listTeamMembers(
  target: MemberTarget,
  options: RegistryMemberOptions | undefined,
): Promise<RegistryTeamMember[]> {
  const signal = signalOf(options);
  const data = await target.ctx.request(
    (await documents()).RegistryTeamMembersDocument,
    { project: target.fullName, entity: target.entity },
    { signal, cache: false },
  );
  if (!data.project) throw missing(target);
  return data.project.teamMembers.map((m) => new RegistryTeamMember(m.team, m.role.name));
}

/**
 * Adds (`CreateRegistryMembers`) or removes (`DeleteRegistryMembers`) members.
 * @internal Users call `registry.addMembers()` / `registry.removeMembers()`.
 * @example
 * ```ts
 * await changeMembers(target, 'add', [viewer]);
 * ```
 */
export async function changeMembers(
  target: MemberTarget,
  change: 'add' | 'remove',
  members: readonly unknown[],
): Promise<void> {
  const { userIds, teamIds } = memberIds(members, 'members');
  const input = { projectId: target.projectId, userIds, teamIds };
  const data =
    change === 'add'
      ? await target.ctx.request((await documents()).CreateRegistryMembersDocument, { input })
      : await target.ctx.request(
          (await documents()).DeleteRegistryMembersDocument,
          { input },
          { idempotent: true },
        );
  if (data.result?.success !== true) {
    throw new ServerError(
      `The server did not ${change} the members ${change === 'add' ? 'to' : 'from'} ${target.describe}`,
    );
  }
}

/**
 * Changes the role of a member (`UpdateUserRegistryRole` for a user, `UpdateTeamRegistryRole`
 * for a team).
 * @internal Users call `registry.updateMember()`.
 * @example
 * ```ts
 * await updateMemberRole(target, viewer, 'admin', {});
 * ```
 */
export async function updateMemberRole(
  target: MemberTarget,
  member: unknown,
  role: unknown,
  options: RegistryMemberOptions | undefined,
): Promise<void> {
  const who = decodeMember(member, 'member');
  const checked = checkRole(role, 'role');
  const signal = signalOf(options);
  const ok =
    who.kind === 'user'
      ? (
          await target.ctx.request(
            (await documents()).UpdateUserRegistryRoleDocument,
            { input: { projectId: target.projectId, userId: who.id, userProjectRole: checked } },
            { signal, idempotent: true },
          )
        ).result?.success
      : (
          await target.ctx.request(
            (await documents()).UpdateTeamRegistryRoleDocument,
            { input: { projectId: target.projectId, teamId: who.id, teamProjectRole: checked } },
            { signal, idempotent: true },
          )
        ).result?.success;
  if (ok !== true) {
    throw new ServerError(
      `The server did not change the role of ${who.kind} ${who.id} in ${target.describe}`,
    );
  }
}
