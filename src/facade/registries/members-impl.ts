/**
 * The registry member requests behind {@link Registry} (wandb-ops.md §7.13): listing the user
 * and team members (`RegistryUserMembers`, `RegistryTeamMembers`), adding and removing them
 * (`CreateRegistryMembers`, `DeleteRegistryMembers`) and changing their roles
 * (`UpdateUserRegistryRole`, `UpdateTeamRegistryRole`), loaded with the registry code.
 *
 * @example
 * ```ts
 * const users = await listUserMembers(target, {});
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { NotFoundError, ServerError, ValidationError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { describeValue, optionalSignal, optionsObject } from '../core/validate.js';
import {
  REGISTRY_ROLES,
  RegistryTeamMember,
  RegistryUserMember,
  type RegistryMemberOptions,
} from './members.js';

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
