/**
 * Seeding users and entities: `emu.seed.user`, and the entities and authors other seeds create
 * when they are missing.
 *
 * @example
 * ```ts
 * import { seedUser } from './seed.js';
 * seedUser(store, { username: 'bob', teams: ['vision-team'] });
 * store.findEntity('vision-team')?.isTeam; // true
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import { registerKey } from './api-keys.js';
import { EPOCH } from '../../store/time.js';
import type { EntityRecord, SeedUserInput, UserRecord } from './records.js';

/**
 * Returns the entity, creating it (personal when a user has that name, else a team) when missing.
 *
 * @example
 * ```ts
 * ensureEntity(store, 'vision-team').isTeam; // true
 * ```
 */
export function ensureEntity(store: EmulatorStore, name: string, isTeam?: boolean): EntityRecord {
  const existing = store.entities.get(name);
  if (existing) return existing;
  const entity: EntityRecord = {
    id: store.nextId('entity'),
    name,
    isTeam: isTeam ?? !store.users.has(name),
    createdAt: EPOCH,
  };
  store.entities.set(name, entity);
  return entity;
}

/**
 * Returns the user, creating it (with its personal entity) when missing.
 *
 * @example
 * ```ts
 * ensureUser(store, 'bob').entity; // 'bob'
 * ```
 */
export function ensureUser(store: EmulatorStore, username: string): UserRecord {
  return store.users.get(username) ?? seedUser(store, { username });
}

/**
 * Adds a user (or updates the given fields of an existing one), its personal entity and its teams.
 *
 * @example
 * ```ts
 * seedUser(store, { username: 'bob', teams: ['vision-team'] });
 * ```
 */
export function seedUser(store: EmulatorStore, input: SeedUserInput): UserRecord {
  if (!input.username) throw new Error('seed.user: username is required');
  const existing = store.users.get(input.username);
  const user: UserRecord = existing ?? {
    id: store.nextId('user'),
    username: input.username,
    name: input.username,
    email: `${input.username}@example.com`,
    photoUrl: null,
    admin: false,
    entity: input.username,
    teams: [],
    accountType: 'USER',
    createdAt: EPOCH,
  };
  if (input.apiKey !== undefined) {
    if (typeof input.apiKey !== 'string' || input.apiKey === '') {
      throw new Error('seed.user: apiKey must be a non-empty string');
    }
    if (store.keyRing.lookup(input.apiKey) !== undefined) {
      throw new Error(
        `seed.user: the apiKey of ${input.username} is already registered (each key belongs to one user)`,
      );
    }
  }
  if (input.name !== undefined) user.name = input.name;
  if (input.email !== undefined) user.email = input.email;
  if (input.photoUrl !== undefined) user.photoUrl = input.photoUrl;
  if (input.admin !== undefined) user.admin = input.admin;
  if (input.entity !== undefined) user.entity = input.entity;
  store.users.set(user.username, user);
  ensureEntity(store, user.username, false);
  for (const team of input.teams ?? []) {
    ensureEntity(store, team, true);
    if (!user.teams.includes(team)) user.teams.push(team);
  }
  ensureEntity(store, user.entity, user.teams.includes(user.entity));
  if (input.apiKey !== undefined) registerKey(store, user.username, input.apiKey);
  return user;
}
