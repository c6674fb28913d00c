/**
 * Teams over GraphQL (wandb-ops.md §6.6): the team fields of `Entity` (`available`, `photoUrl`,
 * `readOnly`, `readOnlyAdmin`, `privateOnly`, `storageBytes`, `codeSavingEnabled`,
 * `defaultAccess`, `isPaid`, `limits`, `members`), `Member`, `Invite`, and the mutations
 * `createTeam`, `createInvite`, `createServiceAccount`, `deleteInvite`.
 *
 * What the emulator answers:
 * - `members`: the team's users in creation order (service accounts with `accountType`
 *   `SERVICE`), then its pending invites (`pending` true, `id` the invite's `Invite:<n>`); a
 *   personal entity's only member is its user. `Member.id` of a user is its `User.id`.
 * - `Member.apiKey` is **null**, always: the emulator never answers a secret in a listing (the
 *   official `GetTeamEntity` selects it; what a real server answers there is not known).
 * - `storageBytes`: the seeded value, else the sizes of the entity's artifact versions not deleted.
 * - `createTeam` of a taken name answers HTTP 409 `resource already exists` (the official client's
 *   test of an existing team stubs that answer); naming another user as `teamAdminUserName`
 *   needs an instance admin (403). Team writes need a team admin or an instance admin (403); an
 *   unknown team or user answers 404, an existing member or invite 409.
 *
 * @example
 * ```ts
 * import { teamResolvers } from './resolvers.js';
 * const resolvers = mergeResolvers(userResolvers, teamResolvers);
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { HttpStatusError } from '../../graphql/errors.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import { has, text } from '../../graphql/input.js';
import type { EmulatorStore } from '../../store/store.js';
import type { EntityRecord } from '../users/records.js';
import { seedUser } from '../users/seed.js';
import type { MemberView } from './records.js';
import {
  addInvite,
  addMember,
  createTeamEntity,
  isTeamAdmin,
  removeMember,
  requireTeamAdmin,
  teamSettings,
} from './seed.js';

function artifactBytes(store: EmulatorStore, entity: EntityRecord): number {
  const data = store.artifacts;
  let total = 0;
  for (const artifact of data.artifacts.values()) {
    if (artifact.state === 'DELETED') continue;
    const collection = data.collections.get(artifact.sequenceId);
    const project = collection ? store.projects.get(collection.projectId) : undefined;
    if (project?.entityName === entity.name) total += artifact.size;
  }
  return total;
}

/**
 * The rows of `Entity.members`: users first (creation order), then pending invites.
 *
 * @example
 * ```ts
 * membersOf(store, store.findEntity('vision-team')!).map((m) => m.kind); // ['user', 'user', 'invite']
 * ```
 */
export function membersOf(store: EmulatorStore, entity: EntityRecord): MemberView[] {
  if (!entity.isTeam) {
    const user = store.findUser(entity.name);
    return user ? [{ kind: 'user', team: entity.name, user }] : [];
  }
  const users = [...store.users.values()]
    .filter((user) => user.teams.includes(entity.name))
    .sort((a, b) => a.id - b.id)
    .map((user): MemberView => ({ kind: 'user', team: entity.name, user }));
  const invites = [...store.teams.invites.values()]
    .filter((invite) => invite.entityName === entity.name)
    .map((invite): MemberView => ({ kind: 'invite', team: entity.name, invite }));
  return [...users, ...invites];
}

function isAdminMember(store: EmulatorStore, member: MemberView): boolean {
  return member.kind === 'user' ? isTeamAdmin(store, member.team, member.user.username) : member.invite.admin;
}

function serviceAccountName(store: EmulatorStore, team: string): string {
  let n = 1;
  while (store.users.has(`${team}-service-${n}`) || store.entities.has(`${team}-service-${n}`)) n++;
  return `${team}-service-${n}`;
}

/**
 * The resolvers of the teams domain.
 *
 * @example
 * ```ts
 * Object.keys(teamResolvers.Mutation ?? {}); // ['createTeam', 'createInvite', 'createServiceAccount', 'deleteInvite']
 * ```
 */
export const teamResolvers: EmulatorResolvers = {
  Entity: {
    available: () => false, // the entity exists: its name is taken
    photoUrl: (entity, _args, { store }) =>
      entity.isTeam
        ? teamSettings(store, entity.name).photoUrl
        : (store.findUser(entity.name)?.photoUrl ?? null),
    readOnly: (entity, _args, { store }) => teamSettings(store, entity.name).readOnly,
    readOnlyAdmin: (entity, _args, { store }) => teamSettings(store, entity.name).readOnlyAdmin,
    privateOnly: (entity, _args, { store }) => teamSettings(store, entity.name).privateOnly,
    codeSavingEnabled: (entity, _args, { store }) => teamSettings(store, entity.name).codeSavingEnabled,
    defaultAccess: (entity, _args, { store }) => teamSettings(store, entity.name).defaultAccess,
    isPaid: (entity, _args, { store }) => teamSettings(store, entity.name).isPaid,
    limits: () => '{}',
    storageBytes: handles(['cached'], (entity, _args, { store }) => {
      const seeded = store.teams.settings.get(entity.name)?.storageBytes;
      return seeded !== undefined && seeded > 0 ? seeded : artifactBytes(store, entity);
    }),
    members: (entity, _args, { store }) => membersOf(store, entity),
  },
  Member: {
    id: (m) => (m.kind === 'user' ? globalId('User', m.user.id) : globalId('Invite', m.invite.id)),
    admin: (m, _args, { store }) => isAdminMember(store, m),
    role: (m, _args, { store }) => (isAdminMember(store, m) ? 'admin' : 'member'),
    pending: (m) => m.kind === 'invite',
    email: (m, _args, { store }) =>
      m.kind === 'user'
        ? m.user.email
        : (m.invite.email ?? (m.invite.username ? (store.findUser(m.invite.username)?.email ?? null) : null)),
    username: (m) => (m.kind === 'user' ? m.user.username : m.invite.username),
    name: (m, _args, { store }) =>
      m.kind === 'user'
        ? m.user.name
        : ((m.invite.username ? store.findUser(m.invite.username)?.name : undefined) ?? m.invite.email ?? ''),
    photoUrl: (m) => (m.kind === 'user' ? m.user.photoUrl : null),
    accountType: (m) => (m.kind === 'user' ? m.user.accountType : 'USER'),
    // Never a secret: see the module comment.
    apiKey: () => null,
  },
  Invite: {
    id: (invite) => globalId('Invite', invite.id),
    name: (invite) => invite.username ?? invite.email ?? '',
    email: (invite, _args, { store }) =>
      invite.email ?? (invite.username ? (store.findUser(invite.username)?.email ?? null) : null),
    createdAt: (invite) => invite.createdAt,
    toUser: (invite, _args, { store }) =>
      invite.username ? (store.findUser(invite.username) ?? null) : null,
    fromUser: (invite, _args, { store }) => store.findUser(invite.fromUser) ?? null,
    entity: (invite, _args, { store }) => store.findEntity(invite.entityName) ?? null,
  },
  Mutation: {
    createTeam: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createTeam';
      for (const field of ['organizationId', 'storageBucketInfo'] as const) {
        if (has(input, field)) throw new Error(`The emulator does not implement CreateTeamInput.${field}`);
      }
      const viewer = store.viewer;
      const adminName = text(input, 'teamAdminUserName') ?? viewer.username;
      if (adminName !== viewer.username && !viewer.admin) {
        throw new HttpStatusError(
          403,
          'PERMISSION_DENIED',
          `${m}: permission denied: only an instance admin can make ${adminName} the admin of a new team`,
        );
      }
      if (!store.findUser(adminName))
        throw new HttpStatusError(404, 'NOT_FOUND', `${m}: no user named ${adminName}`);
      const entity = createTeamEntity(store, input.teamName, m);
      const defaultAccess = text(input, 'defaultAccess');
      store.teams.settings.set(entity.name, {
        ...teamSettings(store, entity.name),
        ...(defaultAccess ? { defaultAccess } : {}),
      });
      addMember(store, entity.name, adminName, true);
      return { entity };
    }),
    createInvite: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createInvite';
      for (const field of ['accountType', 'role', 'addSeat'] as const) {
        if (has(input, field)) throw new Error(`The emulator does not implement CreateInviteInput.${field}`);
      }
      const team = requireTeamAdmin(store, input.entityName, m);
      const email = text(input, 'email') ?? null;
      const username = text(input, 'username') ?? null;
      if ((email === null) === (username === null)) throw new Error(`${m}: give either email or username`);
      const invitee = username
        ? store.findUser(username)
        : [...store.users.values()].find((u) => u.email?.toLowerCase() === email?.toLowerCase());
      if (username && !invitee)
        throw new HttpStatusError(404, 'NOT_FOUND', `${m}: no user named ${username}`);
      if (invitee?.teams.includes(team.name)) {
        throw new HttpStatusError(
          409,
          'ALREADY_EXISTS',
          `${m}: ${invitee.username} is already a member of ${team.name}`,
        );
      }
      const pending = [...store.teams.invites.values()].some(
        (i) =>
          i.entityName === team.name &&
          ((username !== null && i.username === username) ||
            (email !== null && i.email?.toLowerCase() === email.toLowerCase())),
      );
      if (pending) {
        throw new HttpStatusError(
          409,
          'ALREADY_EXISTS',
          `${m}: ${username ?? email} is already invited to ${team.name}`,
        );
      }
      const invite = addInvite(store, {
        entityName: team.name,
        email,
        username,
        admin: input.admin ?? false,
        fromUser: store.viewerUsername,
      });
      return { invite, entity: team, success: true, emailSent: false };
    }),
    createServiceAccount: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createServiceAccount';
      const teamName = text(input, 'entityName');
      if (!teamName) throw new Error(`${m}: entityName is required`);
      const team = requireTeamAdmin(store, teamName, m);
      const user = seedUser(store, {
        username: serviceAccountName(store, team.name),
        name: text(input, 'description') ?? '',
        teams: [team.name],
      });
      user.email = null; // a machine user has no mailbox
      user.accountType = 'SERVICE';
      return { user };
    }),
    deleteInvite: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteInvite';
      const teamName = text(input, 'entityName');
      const inviteId = parseGlobalId(input.id, 'Invite');
      const userId = parseGlobalId(input.id, 'User');
      const invite = inviteId === undefined ? undefined : store.teams.invites.get(inviteId);
      const user = userId === undefined ? undefined : [...store.users.values()].find((u) => u.id === userId);
      const team =
        invite?.entityName ?? (user && teamName && user.teams.includes(teamName) ? teamName : undefined);
      if (team === undefined || (teamName && teamName !== team)) {
        throw new HttpStatusError(
          404,
          'NOT_FOUND',
          `${m}: no member or invite ${String(input.id)} in ${teamName ?? 'any team'}`,
        );
      }
      requireTeamAdmin(store, team, m);
      if (invite) store.teams.invites.delete(invite.id);
      else if (user) removeMember(store, team, user.username);
      return { success: true };
    }),
  },
  CreateTeamPayload: { entity: (payload) => payload.entity ?? null },
  CreateInvitePayload: {
    invite: (payload) => payload.invite ?? null,
    entity: (payload) => payload.entity ?? null,
    success: (payload) => payload.success,
    emailSent: (payload) => payload.emailSent,
  },
  CreateServiceAccountPayload: { user: (payload) => payload.user ?? null },
  DeleteInvitePayload: { success: (payload) => payload.success ?? null },
};
