/**
 * API key records (`User.apiKeys`): what the emulator answers about keys without ever answering a
 * secret. The official client reads `apiKeys { edges { node { id name description } } }` of the
 * viewer and of project owners, and says of `name` that it is "not the secret associated with the
 * key" (wandb/apis/public/users.py `User.api_keys`). So a record has a label for a name, chosen so
 * that it can never be the key the emulator accepts.
 *
 * @example
 * ```ts
 * import { registerAcceptedKey } from './api-keys.js';
 * registerAcceptedKey(store, emu.apiKey).name; // 'emulator-key'
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';

/**
 * A stored API key record: an id and a label, never the secret.
 *
 * @example
 * ```ts
 * const key: ApiKeyRecord = { id: 1, username: 'alice', name: 'emulator-key', description: null };
 * ```
 */
export interface ApiKeyRecord {
  /** Integer storage id (global id `ApiKey:<id>`). */
  id: number;
  /** Username of the key's owner. */
  username: string;
  /** The key's name: a label, not the secret. */
  name: string;
  description: string | null;
}

/**
 * The label of the record of the emulator's own key.
 *
 * @example
 * ```ts
 * ACCEPTED_KEY_NAME; // 'emulator-key'
 * ```
 */
export const ACCEPTED_KEY_NAME = 'emulator-key';

const ACCEPTED_KEY_DESCRIPTION = 'The API key this emulator accepts (its secret is never answered)';

/**
 * Adds the record of the key the emulator accepts, owned by the viewer: named
 * {@link ACCEPTED_KEY_NAME} (or, should the secret contain that text or be part of it, `key-<n>`),
 * so that `User.apiKeys` lists one key for the viewer as a real server would, and nothing in it is
 * the secret (its description is `null` should the secret appear in it). Called once by
 * `startEmulator`.
 *
 * @example
 * ```ts
 * registerAcceptedKey(store, 'my-secret').name; // 'emulator-key'
 * ```
 */
export function registerAcceptedKey(store: EmulatorStore, secret: string): ApiKeyRecord {
  // Neither a part of the secret nor containing it (a secret of a few characters, such as a test's
  // 'k', is no secret to protect). `key-<n>` is tried for growing n until one fits: a secret holds
  // only so many of them, and a secret inside `key-<n>` is inside only a few.
  const clashes = (label: string): boolean =>
    secret.includes(label) || (secret.length >= 8 && label.includes(secret));
  let name = ACCEPTED_KEY_NAME;
  for (let n = 1; clashes(name); n++) name = `key-${n}`;
  const record: ApiKeyRecord = {
    id: store.nextId('apiKey'),
    username: store.viewerUsername,
    name,
    description: clashes(ACCEPTED_KEY_DESCRIPTION) ? null : ACCEPTED_KEY_DESCRIPTION,
  };
  store.apiKeys.set(record.id, record);
  return record;
}

/**
 * The API key records of a user, oldest first.
 *
 * @example
 * ```ts
 * apiKeysOf(store, 'alice').map((k) => k.name); // ['emulator-key']
 * ```
 */
export function apiKeysOf(store: EmulatorStore, username: string): ApiKeyRecord[] {
  return [...store.apiKeys.values()].filter((k) => k.username === username);
}
