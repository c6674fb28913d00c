/**
 * Finding the author of a project, run, sweep or report.
 *
 * @example
 * ```ts
 * import { authorOf } from './lookup.js';
 * authorOf(store, run.username)?.username; // 'alice'
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import type { UserRecord } from './records.js';

/**
 * The user of a stored username, or `null` (the object has no known author).
 *
 * @example
 * ```ts
 * authorOf(store, null); // null
 * ```
 */
export function authorOf(store: EmulatorStore, username: string | null): UserRecord | null {
  return (username === null ? undefined : store.findUser(username)) ?? null;
}
