/**
 * Seeding teams: `emu.seed.team` and what the team mutations share (making a team, adding a
 * member, an invite, the admin checks).
 *
 * @example
 * ```ts
 * import { seedTeam } from './seed.js';
 * seedTeam(store, { name: 'vision-team', members: ['alice'], admins: ['alice'] });
 * ```
 * @module
 */
import { HttpStatusError } from '../../graphql/errors.js';
import { globalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { EPOCH, toTimestamp } from '../../store/time.js';
import type { EntityRecord } from '../users/records.js';
import { ensureEntity, ensureUser } from '../users/seed.js';
import {
  DEFAULT_TEAM_SETTINGS,
  type InviteRecord,
  type SeededTeam,
  type SeedTeamInput,
  type TeamSettings,
} from './records.js';

/** Team names W&B accepts: alphanumerics, `-` and `_` (`CreateTeamInput.teamName`), at most 128 of them. */
const TEAM_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Whether a team name is one the emulator accepts.
 *
 * @example
 * ```ts
 * isTeamName('vision-team'); // true
 * isTeamName('a b'); // false
 * ```
 */
export function isTeamName(name: string): boolean {
  return TEAM_NAME.test(name);
}

/**
 * The settings of a team (the defaults when none were given).
 *
 * @example
 * ```ts
 * teamSettings(store, 'vision-team').defaultAccess; // 'PRIVATE'
 * ```
 */
export function teamSettings(store: EmulatorStore, team: string): TeamSettings {
  return store.teams.settings.get(team) ?? { ...DEFAULT_TEAM_SETTINGS };
}

/**
 * Whether `username` is an admin of `team` (an instance admin is not, by this check alone).
 *
 * @example
 * ```ts
 * isTeamAdmin(store, 'vision-team', 'alice'); // true once seeded with admins: ['alice']
 * ```
 */
export function isTeamAdmin(store: EmulatorStore, team: string, username: string): boolean {
  return store.teams.admins.get(team)?.has(username) ?? false;
}

/**
 * Refuses a team write (HTTP 403) unless the acting user is an admin of the team or of the
 * instance; refuses (HTTP 404) when `name` is no team.
 *
 * @example
 * ```ts
 * const team = requireTeamAdmin(store, 'vision-team', 'createInvite');
 * ```
 */
export function requireTeamAdmin(store: EmulatorStore, name: string, mutation: string): EntityRecord {
  const team = store.findEntity(name);
  if (!team?.isTeam)
    throw new HttpStatusError(404, 'NOT_FOUND', `${mutation}: no team named ${JSON.stringify(name)}`);
  const viewer = store.viewer;
  if (!viewer.admin && !isTeamAdmin(store, name, viewer.username)) {
    throw new HttpStatusError(
      403,
      'PERMISSION_DENIED',
      `${mutation}: permission denied: user ${viewer.username} is not an admin of team ${name}`,
    );
  }
  return team;
}

/**
 * Adds a user to a team (as an admin with `admin`), creating the user when missing.
 *
 * @example
 * ```ts
 * addMember(store, 'vision-team', 'bob', false);
 * ```
 */
export function addMember(store: EmulatorStore, team: string, username: string, admin: boolean): void {
  const user = ensureUser(store, username);
  if (!user.teams.includes(team)) user.teams.push(team);
  if (admin) {
    const admins = store.teams.admins.get(team) ?? new Set<string>();
    admins.add(username);
    store.teams.admins.set(team, admins);
  }
}

/**
 * Removes a user from a team (and from its admins).
 *
 * @example
 * ```ts
 * removeMember(store, 'vision-team', 'bob');
 * ```
 */
export function removeMember(store: EmulatorStore, team: string, username: string): void {
  const user = store.findUser(username);
  if (user) user.teams = user.teams.filter((t) => t !== team);
  store.teams.admins.get(team)?.delete(username);
}

/**
 * Adds a pending invite to a team.
 *
 * @example
 * ```ts
 * addInvite(store, { entityName: 'vision-team', email: 'carol@example.com', username: null, admin: false, fromUser: 'alice' });
 * ```
 */
export function addInvite(store: EmulatorStore, input: Omit<InviteRecord, 'id' | 'createdAt'>): InviteRecord {
  const invite: InviteRecord = { ...input, id: store.nextId('invite'), createdAt: toTimestamp(store.now()) };
  store.teams.invites.set(invite.id, invite);
  return invite;
}

/**
 * Makes a team entity (throws when the name is taken by any entity).
 *
 * @example
 * ```ts
 * createTeamEntity(store, 'vision-team', 'createTeam');
 * ```
 */
export function createTeamEntity(store: EmulatorStore, name: string, what: string): EntityRecord {
  if (!isTeamName(name)) {
    throw new Error(`${what}: invalid team name ${JSON.stringify(name)} (1 to 128 letters, digits, - or _)`);
  }
  if (store.entities.has(name) || store.users.has(name)) {
    throw new HttpStatusError(
      409,
      'ALREADY_EXISTS',
      `${what}: resource already exists: an entity named ${name}`,
    );
  }
  const entity = ensureEntity(store, name, true);
  entity.createdAt = toTimestamp(store.now());
  return entity;
}

/**
 * Adds a team (or updates the given settings of an existing team), its members, admins and
 * invites. Throws when the name is a user's personal entity.
 *
 * @example
 * ```ts
 * seedTeam(store, { name: 'vision-team', members: ['alice', 'bob'], admins: ['alice'], storageBytes: 1024 });
 * ```
 */
export function seedTeam(store: EmulatorStore, input: SeedTeamInput): SeededTeam {
  const { name, members = [], admins = [], invites = [], ...settings } = input;
  if (!isTeamName(name)) {
    throw new Error(
      `seed.team: invalid team name ${JSON.stringify(name)} (1 to 128 letters, digits, - or _)`,
    );
  }
  const existing = store.findEntity(name);
  if (existing && !existing.isTeam) throw new Error(`seed.team: ${name} is a user's personal entity`);
  const entity = existing ?? ensureEntity(store, name, true);
  if (!existing) entity.createdAt = EPOCH;
  const current = teamSettings(store, name);
  for (const [key, value] of Object.entries(settings)) {
    if (value !== undefined) Object.assign(current, { [key]: value });
  }
  store.teams.settings.set(name, current);
  for (const username of members) addMember(store, name, username, false);
  for (const username of admins) addMember(store, name, username, true);
  const inviteIds = invites.map((invite) => {
    const record = addInvite(store, {
      entityName: name,
      email: 'email' in invite ? invite.email : null,
      username: 'username' in invite ? invite.username : null,
      admin: invite.admin ?? false,
      fromUser: store.primaryViewerUsername,
    });
    return globalId('Invite', record.id);
  });
  return { id: globalId('Entity', entity.id), name, inviteIds };
}
