/**
 * Users and entities as the store keeps them, and the seed inputs that make them.
 *
 * @example
 * ```ts
 * import type { UserRecord } from './records.js';
 * const viewer: UserRecord = store.viewer;
 * ```
 * @module
 */

/**
 * A stored user.
 *
 * @example
 * ```ts
 * store.findUser('alice')?.teams; // ['vision-team']
 * ```
 */
export interface UserRecord {
  /** Integer storage id (global id `User:<id>`). */
  id: number;
  /** The username, unique on the server. */
  username: string;
  /** The full name. */
  name: string;
  /** The email address (`null` when none was seeded). */
  email: string | null;
  /** Avatar URL (`User.photoUrl`); `null` when none was seeded. */
  photoUrl: string | null;
  /** Whether the user is an instance admin. */
  admin: boolean;
  /** Default entity name. */
  entity: string;
  /** Team entity names. */
  teams: string[];
  /** `Member.accountType`: `USER`, or `SERVICE` for a team's service account. */
  accountType: 'USER' | 'SERVICE';
  /** Creation time, an ISO 8601 timestamp in whole seconds (`2024-01-02T03:04:05Z`). */
  createdAt: string;
}

/**
 * A stored entity (a user's personal entity or a team).
 *
 * @example
 * ```ts
 * store.findEntity('vision-team')?.isTeam; // true
 * ```
 */
export interface EntityRecord {
  /** Integer storage id (global id `Entity:<id>`). */
  id: number;
  /** The entity name: a username or a team name. */
  name: string;
  /** `true` for a team, `false` for a user's personal entity. */
  isTeam: boolean;
  /** Creation time, an ISO 8601 timestamp in whole seconds (`2024-01-02T03:04:05Z`). */
  createdAt: string;
}

/**
 * The authenticated user the emulator answers `viewer` with.
 *
 * @example
 * ```ts
 * await startEmulator({ viewer: { username: 'alice', email: 'alice@example.com', teams: ['vision-team'] } });
 * ```
 */
export interface ViewerOptions {
  /** Username. Default `'emulator-user'`. */
  username?: string;
  /** Email. Default `<username>@example.com`. */
  email?: string;
  /** Avatar URL answered by `User.photoUrl`. Default `null`. */
  photoUrl?: string | null;
  /** Full name. Default the username. */
  name?: string;
  /** Whether the viewer is an admin. Default `false`. */
  admin?: boolean;
  /** Default entity of the viewer. Default the username. */
  entity?: string;
  /** Team entities the viewer belongs to (created when missing). Default none. */
  teams?: string[];
}

/**
 * A user (and its personal entity) to add with `emu.seed.user`.
 *
 * @example
 * ```ts
 * emu.seed.user({ username: 'bob', teams: ['vision-team'] });
 * emu.seed.user({ username: 'root', admin: true, apiKey: 'root-key' }); // requests with root-key act as root
 * ```
 */
export interface SeedUserInput {
  /** Username; also the name of the user's personal entity. */
  username: string;
  /** Email. Default `<username>@example.com`. */
  email?: string;
  /** Avatar URL answered by `User.photoUrl`. Default `null`. */
  photoUrl?: string | null;
  /** Full name. Default the username. */
  name?: string;
  /** Admin flag. Default `false`. */
  admin?: boolean;
  /** Team entities the user belongs to (created when missing). */
  teams?: string[];
  /** Default entity. Default the username. */
  entity?: string;
  /**
   * An API key of this user: requests carrying it act as this user (`viewer` answers them, writes
   * are theirs, admin-only queries follow their `admin` flag). It is never answered: `apiKeys`
   * lists it under a label. Must differ from every other user's key.
   */
  apiKey?: string;
}
