/**
 * Registry members and roles (wandb-ops.md §7.13): `Project.members` (users), `Project.teamMembers`
 * (teams), and the writes `createProjectMembers`, `deleteProjectMembers`, `updateProjectMember`,
 * `updateProjectTeamMember`; who may see a restricted registry.
 *
 * The rules the emulator applies (the real server's texts are not known; the behaviour follows
 * the W&B docs "Configure registry access" and the official client's system tests):
 * - the creator of a registry is its first member, an `admin`;
 * - added users get `viewer`, or `admin` when they administer the organization; added teams get
 *   `viewer`; adding a member again keeps its role; removing a non-member does nothing;
 * - only an `admin` of the registry (directly or through a team) or an admin of the organization
 *   (`emu.seed.organization({ admins })`, or an instance admin) may change members, or save,
 *   rename or delete the registry ({@link checkCanChangeRegistry}): anyone else
 *   gets HTTP 403 with the GraphQL error `<mutation>: permission denied: ...` (code
 *   `PERMISSION_ERROR`, as the real server answers refused writes);
 * - users must be members of the registry's organization, teams must be team entities of it;
 *   unknown or malformed ids, unknown roles, and role updates of non-members are GraphQL errors;
 *   every check runs before anything changes;
 * - a `restricted` registry is seen (by `project(...)`, `Entity.project` and the org entity's
 *   registry listings) only by its members — directly, through a team, or as an admin of the
 *   organization; an `organization` registry by everyone.
 * Members are emulated for registries only: these fields on another project answer an error.
 *
 * @example
 * ```ts
 * import { registryMemberResolvers } from './members.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { HttpStatusError } from '../../graphql/errors.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { organizationOfOrgEntity } from '../organizations/seed.js';
import type { OrganizationRecord } from '../organizations/records.js';
import type { ProjectRecord } from '../projects/records.js';
import type { EntityRecord, UserRecord } from '../users/records.js';
import {
  REGISTRY_ROLES,
  type RegistryMemberRecord,
  type RegistryRole,
  type SeedRegistryMember,
} from './member-records.js';
import { isRegistry } from './records.js';

function userById(store: EmulatorStore, id: number): UserRecord | undefined {
  for (const user of store.users.values()) if (user.id === id) return user;
  return undefined;
}

function entityById(store: EmulatorStore, id: number): EntityRecord | undefined {
  for (const entity of store.entities.values()) if (entity.id === id) return entity;
  return undefined;
}

/** The organization of a registry (the organization whose org entity owns it). */
function organizationOf(store: EmulatorStore, project: ProjectRecord): OrganizationRecord | undefined {
  return isRegistry(project) ? organizationOfOrgEntity(store, project.entityName) : undefined;
}

/**
 * Whether `username` administers the organization: one of its `admins`, or an instance admin.
 *
 * @example
 * ```ts
 * isOrganizationAdmin(store, store.organizations.get('acme')!, 'alice'); // true with admins: ['alice']
 * ```
 */
export function isOrganizationAdmin(
  store: EmulatorStore,
  org: OrganizationRecord,
  username: string,
): boolean {
  return org.admins.includes(username) || store.users.get(username)?.admin === true;
}

/**
 * The members of a registry, in the order they were added. A registry whose members were never
 * read or changed gets its creator as an `admin` first.
 *
 * @example
 * ```ts
 * registryMembersOf(store, registry); // [{ kind: 'user', id: 1, role: 'admin' }]
 * ```
 */
export function registryMembersOf(store: EmulatorStore, project: ProjectRecord): RegistryMemberRecord[] {
  let members = store.registryMembers.get(project.id);
  if (!members) {
    const creator = project.username === null ? undefined : store.users.get(project.username);
    members = creator ? [{ kind: 'user', id: creator.id, role: 'admin' }] : [];
    store.registryMembers.set(project.id, members);
  }
  return members;
}

const RANK = (role: RegistryRole): number => REGISTRY_ROLES.indexOf(role);

/**
 * The role `username` has in a registry: its own, or the best of its teams'; `admin` for an
 * admin of the organization; `undefined` for a non-member.
 *
 * @example
 * ```ts
 * registryRoleOf(store, registry, 'alice'); // 'admin' for its creator
 * ```
 */
export function registryRoleOf(
  store: EmulatorStore,
  project: ProjectRecord,
  username: string,
): RegistryRole | undefined {
  const org = organizationOf(store, project);
  if (org && isOrganizationAdmin(store, org, username)) return 'admin';
  const user = store.users.get(username);
  if (!user) return undefined;
  const teamIds = new Set(
    user.teams.flatMap((t) => {
      const entity = store.entities.get(t);
      return entity ? [entity.id] : [];
    }),
  );
  const roles = registryMembersOf(store, project)
    .filter((m) => (m.kind === 'user' ? m.id === user.id : teamIds.has(m.id)))
    .map((m) => m.role);
  return roles.sort((a, b) => RANK(a) - RANK(b))[0];
}

/**
 * Whether the viewer sees a project: every project but a `restricted` (access `RESTRICTED`)
 * registry, which only its members see.
 *
 * @example
 * ```ts
 * projectVisible(store, registry); // false for a restricted registry the viewer is not in
 * ```
 */
export function projectVisible(store: EmulatorStore, project: ProjectRecord): boolean {
  if (!isRegistry(project) || project.access !== 'RESTRICTED') return true;
  if (!organizationOf(store, project)) return true;
  return registryRoleOf(store, project, store.viewer.username) !== undefined;
}

function requireRegistry(store: EmulatorStore, projectId: unknown, m: string): ProjectRecord {
  const id = parseGlobalId(projectId, 'Project');
  const project = id === undefined ? undefined : store.projects.get(id);
  if (!project || !projectVisible(store, project)) {
    throw new Error(`${m}: project ${JSON.stringify(projectId)} not found`);
  }
  if (!isRegistry(project) || !organizationOf(store, project)) {
    throw new Error(
      `${m}: ${project.entityName}/${project.name} is not a registry (the emulator keeps members of registries only)`,
    );
  }
  return project;
}

function checkCanManage(store: EmulatorStore, project: ProjectRecord, m: string): void {
  const username = store.viewer.username;
  if (registryRoleOf(store, project, username) === 'admin') return;
  throw new HttpStatusError(
    403,
    'PERMISSION_ERROR',
    `${m}: permission denied: user ${username} is not an admin of registry ${project.name} or of its organization`,
  );
}

/**
 * Refuses a change to a registry itself (`upsertModel` of an existing registry, `renameProject`,
 * `deleteModel`) by anyone but an `admin` of it (directly or through a team) or of its
 * organization: a restricted registry the viewer does not see answers
 * `<m>: project <ref> not found`, any other non-admin HTTP 403 `PERMISSION_ERROR`, as the member
 * writes do. Projects that are not registries of an organization pass.
 *
 * @example
 * ```ts
 * checkCanChangeRegistry(store, project, 'deleteModel', JSON.stringify(input.id));
 * ```
 */
export function checkCanChangeRegistry(
  store: EmulatorStore,
  project: ProjectRecord,
  m: string,
  ref = `${project.entityName}/${project.name}`,
): void {
  if (!isRegistry(project) || !organizationOf(store, project)) return;
  if (!projectVisible(store, project)) throw new Error(`${m}: project ${ref} not found`);
  checkCanManage(store, project, m);
}

function checkRole(value: unknown, m: string, field: string): RegistryRole {
  if (REGISTRY_ROLES.includes(value as RegistryRole)) return value as RegistryRole;
  throw new Error(
    `${m}: invalid ${field} ${JSON.stringify(value)}; expected one of: ${REGISTRY_ROLES.join(', ')}`,
  );
}

/** The user of a user id, which must belong to the registry's organization. */
function memberUser(store: EmulatorStore, org: OrganizationRecord, value: unknown, m: string): UserRecord {
  const id = parseGlobalId(value, 'User');
  const user = id === undefined ? undefined : userById(store, id);
  if (!user) throw new Error(`${m}: user ${JSON.stringify(value)} not found`);
  if (!org.members.includes(user.username)) {
    throw new Error(`${m}: user ${user.username} is not a member of organization ${org.name}`);
  }
  return user;
}

/** The team of a team id, which must be a team entity of the registry's organization. */
function memberTeam(store: EmulatorStore, org: OrganizationRecord, value: unknown, m: string): EntityRecord {
  const id = parseGlobalId(value, 'Entity');
  const team = id === undefined ? undefined : entityById(store, id);
  if (!team || !team.isTeam) throw new Error(`${m}: team ${JSON.stringify(value)} not found`);
  if (!org.teams.includes(team.name)) {
    throw new Error(`${m}: team ${team.name} does not belong to organization ${org.name}`);
  }
  return team;
}

/**
 * Adds users and teams to a registry (each once; a member already there keeps its role), with the
 * role given or the default: `viewer`, `admin` for an admin of the organization.
 *
 * @example
 * ```ts
 * addRegistryMembers(store, registry, [user], [team]);
 * ```
 */
export function addRegistryMembers(
  store: EmulatorStore,
  project: ProjectRecord,
  users: readonly UserRecord[],
  teams: readonly EntityRecord[],
  role?: RegistryRole,
): void {
  const org = organizationOf(store, project);
  const members = registryMembersOf(store, project);
  for (const user of users) {
    if (members.some((m) => m.kind === 'user' && m.id === user.id)) continue;
    const admin = org !== undefined && isOrganizationAdmin(store, org, user.username);
    members.push({ kind: 'user', id: user.id, role: role ?? (admin ? 'admin' : 'viewer') });
  }
  for (const team of teams) {
    if (members.some((m) => m.kind === 'team' && m.id === team.id)) continue;
    members.push({ kind: 'team', id: team.id, role: role ?? 'viewer' });
  }
}

/** A seed member, checked: the user or team and the role given (if any). */
export interface CheckedSeedMember {
  user?: UserRecord;
  team?: EntityRecord;
  role?: RegistryRole;
}

/**
 * Checks the members `emu.seed.registry({ members })` gives (before anything is created): users
 * must be members of the organization, teams team entities of it, roles known.
 *
 * @example
 * ```ts
 * checkSeedMembers(store, org, [{ username: 'bob', role: 'member' }], 'seed.registry');
 * ```
 */
export function checkSeedMembers(
  store: EmulatorStore,
  org: OrganizationRecord,
  members: readonly SeedRegistryMember[],
  where: string,
): CheckedSeedMember[] {
  return members.map((member) => {
    const role = member.role === undefined ? undefined : checkRole(member.role, where, 'role');
    if (member.username !== undefined) {
      const user = store.users.get(member.username);
      if (!user || !org.members.includes(member.username)) {
        throw new Error(`${where}: ${member.username} is not a member of organization ${org.name}`);
      }
      return { user, role };
    }
    const team = store.entities.get(member.team);
    if (!team?.isTeam || !org.teams.includes(member.team)) {
      throw new Error(`${where}: ${member.team} is not a team of organization ${org.name}`);
    }
    return { team, role };
  });
}

/**
 * Gives a registry the members {@link checkSeedMembers} checked; a member already there (its
 * creator) gets the role given.
 *
 * @example
 * ```ts
 * seedRegistryMembers(store, registry, checkSeedMembers(store, org, members, 'seed.registry'));
 * ```
 */
export function seedRegistryMembers(
  store: EmulatorStore,
  project: ProjectRecord,
  members: readonly CheckedSeedMember[],
): void {
  const records = registryMembersOf(store, project);
  for (const { user, team, role } of members) {
    const existing = records.find((r) =>
      user ? r.kind === 'user' && r.id === user.id : r.kind === 'team' && r.id === team?.id,
    );
    if (existing) {
      if (role) existing.role = role;
    } else {
      addRegistryMembers(store, project, user ? [user] : [], team ? [team] : [], role);
    }
  }
}

/** The registry a member write names, once the viewer is known to manage its members. */
function managedRegistry(
  store: EmulatorStore,
  projectId: unknown,
  m: string,
): { project: ProjectRecord; org: OrganizationRecord } {
  const project = requireRegistry(store, projectId, m);
  checkCanManage(store, project, m);
  return { project, org: organizationOf(store, project) as OrganizationRecord };
}

/** Gives an existing member a new role; a non-member is an error. */
function setRole(
  store: EmulatorStore,
  project: ProjectRecord,
  change: RegistryMemberRecord,
  label: string,
  m: string,
): void {
  const record = registryMembersOf(store, project).find((r) => r.kind === change.kind && r.id === change.id);
  if (!record) throw new Error(`${m}: ${label} is not a member of registry ${project.name}`);
  record.role = change.role;
}

function membersField(project: ProjectRecord, field: string, store: EmulatorStore): RegistryMemberRecord[] {
  if (!isRegistry(project) || !organizationOf(store, project)) {
    throw new Error(
      `The emulator implements Project.${field} for registries only (${project.entityName}/${project.name} is not one)`,
    );
  }
  return registryMembersOf(store, project);
}

function idList(value: readonly string[] | null | undefined): readonly string[] {
  return value ?? [];
}

/**
 * The resolvers of registry members.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(registryResolvers, registryMemberResolvers);
 * ```
 */
export const registryMemberResolvers: EmulatorResolvers = {
  Project: {
    members: (project, _args, { store }) =>
      membersField(project, 'members', store).flatMap((m) => {
        const user = m.kind === 'user' ? userById(store, m.id) : undefined;
        return user ? [{ user, role: m.role }] : [];
      }),
    teamMembers: (project, _args, { store }) =>
      membersField(project, 'teamMembers', store).flatMap((m) => {
        const team = m.kind === 'team' ? entityById(store, m.id) : undefined;
        return team ? [{ team, role: m.role }] : [];
      }),
  },
  ProjectMember: {
    id: (member) => globalId('User', member.user.id),
    name: (member) => member.user.name,
    username: (member) => member.user.username,
    email: (member) => member.user.email,
    role: (member) => ({ name: member.role }),
  },
  ProjectTeamMember: {
    team: (member) => member.team,
    role: (member) => ({ name: member.role }),
  },
  Role: {
    name: (role) => role.name,
  },
  Mutation: {
    createProjectMembers: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createProjectMembers';
      const { project, org } = managedRegistry(store, input.projectId, m);
      const users = idList(input.userIds).map((id) => memberUser(store, org, id, m));
      const teams = idList(input.teamIds).map((id) => memberTeam(store, org, id, m));
      addRegistryMembers(store, project, users, teams);
      return { success: true };
    }),
    deleteProjectMembers: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteProjectMembers';
      const { project, org } = managedRegistry(store, input.projectId, m);
      const users = new Set(idList(input.userIds).map((id) => memberUser(store, org, id, m).id));
      const teams = new Set(idList(input.teamIds).map((id) => memberTeam(store, org, id, m).id));
      const kept = registryMembersOf(store, project).filter((r) =>
        r.kind === 'user' ? !users.has(r.id) : !teams.has(r.id),
      );
      store.registryMembers.set(project.id, kept);
      return { success: true };
    }),
    updateProjectMember: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateProjectMember';
      const { project, org } = managedRegistry(store, input.projectId, m);
      const role = checkRole(input.userProjectRole, m, 'userProjectRole');
      const user = memberUser(store, org, input.userId, m);
      setRole(store, project, { kind: 'user', id: user.id, role }, `user ${user.username}`, m);
      return { success: true };
    }),
    updateProjectTeamMember: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateProjectTeamMember';
      const { project, org } = managedRegistry(store, input.projectId, m);
      const role = checkRole(input.teamProjectRole, m, 'teamProjectRole');
      const team = memberTeam(store, org, input.teamId, m);
      setRole(store, project, { kind: 'team', id: team.id, role }, `team ${team.name}`, m);
      return { success: true };
    }),
  },
  CreateProjectMembersPayload: { success: (payload) => payload.success },
  DeleteProjectMembersPayload: { success: (payload) => payload.success },
  UpdateProjectMemberPayload: { success: (payload) => payload.success },
  UpdateProjectTeamMemberPayload: { success: (payload) => payload.success },
};
