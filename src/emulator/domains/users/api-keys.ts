/**
 * API keys: the secrets the emulator accepts (one key ring per store, each secret owned by one
 * user) and the key records it answers (`User.apiKeys`), which never hold a secret.
 *
 * The official client reads `apiKeys { edges { node { id name description } } }` and says of
 * `name` that it is "not the secret associated with the key" (wandb/apis/public/users.py
 * `User.api_keys`), while the `generateApiKey` mutation answers the new secret as `apiKey.name`
 * (`User.generate_api_key` returns it as "the full secret, not just the name"). So a record has a
 * label for a name, chosen so that it is never a secret the emulator accepts nor part of one, and
 * only the `generateApiKey` payload carries a secret, once.
 *
 * @example
 * ```ts
 * import { registerAcceptedKey } from './api-keys.js';
 * registerAcceptedKey(store, emu.apiKey).name; // 'emulator-key'
 * store.keyRing.ownerOf(emu.apiKey); // the viewer's username
 * ```
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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
  /** The key's description (`null` for none). */
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

function digest(secret: string): Buffer {
  // A fixed-length form, so that comparing two keys takes the same time whatever their lengths.
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * The secrets the emulator accepts, each mapped to its key record, plus every secret it ever
 * knew (deleted ones included), so that the request log can keep redacting them.
 *
 * @example
 * ```ts
 * store.keyRing.ownerOf('my-secret'); // 'alice' once registered, else undefined
 * ```
 */
export class KeyRing {
  readonly #live = new Map<string, number>();
  readonly #known = new Set<string>();
  #sorted: readonly string[] | undefined;

  /**
   * Adds a secret for the key record `keyId`. Throws when the secret is empty or already taken.
   *
   * @example
   * ```ts
   * keyRing.add('s3cret', record.id);
   * ```
   */
  add(secret: string, keyId: number): void {
    if (secret === '') throw new Error('an API key must not be empty');
    if (this.#live.has(secret)) throw new Error('this API key is already registered');
    this.#live.set(secret, keyId);
    this.#known.add(secret);
    this.#sorted = undefined;
  }

  /**
   * Stops accepting the secret of the key record `keyId` (it stays redacted).
   *
   * @example
   * ```ts
   * keyRing.remove(record.id);
   * ```
   */
  remove(keyId: number): void {
    for (const [secret, id] of this.#live) if (id === keyId) this.#live.delete(secret);
  }

  /**
   * The key record id of a presented secret, or `undefined`. Every live secret is compared, in
   * constant time, whichever matches.
   *
   * @example
   * ```ts
   * keyRing.lookup('s3cret'); // record.id
   * ```
   */
  lookup(presented: string): number | undefined {
    const given = digest(presented);
    let found: number | undefined;
    for (const [secret, id] of this.#live) {
      const equal = timingSafeEqual(given, digest(secret));
      if (equal && found === undefined) found = id;
    }
    return found;
  }

  /**
   * Every secret this ring ever held, longest first (so that a secret inside another is redacted
   * after it): what the request log removes.
   *
   * @example
   * ```ts
   * keyRing.secrets(); // ['s3cret', ...]
   * ```
   */
  secrets(): readonly string[] {
    // The same array until a secret is added, so that the request log can reuse what it built from it.
    this.#sorted ??= Object.freeze([...this.#known].sort((a, b) => b.length - a.length));
    return this.#sorted;
  }
}

function pickLabel(store: EmulatorStore, username: string, secret: string, preferred?: string): string {
  // Neither a part of the secret nor containing it (a secret of a few characters, such as a test's
  // 'k', is no secret to protect), and unique among the owner's keys. `key-<n>` is tried for
  // growing n until one fits: a secret holds only so many of them.
  const taken = new Set(apiKeysOf(store, username).map((k) => k.name));
  const clashes = (label: string): boolean =>
    taken.has(label) || secret.includes(label) || (secret.length >= 8 && label.includes(secret));
  let name = preferred ?? 'key-1';
  for (let n = 1; clashes(name); n++) name = `key-${n}`;
  return name;
}

/**
 * Registers `secret` as a key of `username`: a record with a label for a name (never the secret
 * nor part of it) and the secret on the store's key ring, so that requests carrying it act as
 * that user. The description is dropped (`null`) should it contain the secret.
 *
 * @example
 * ```ts
 * registerKey(store, 'bob', 'bob-secret-key').name; // 'key-1'
 * ```
 */
export function registerKey(
  store: EmulatorStore,
  username: string,
  secret: string,
  options: { description?: string | null; name?: string } = {},
): ApiKeyRecord {
  if (store.keyRing.lookup(secret) !== undefined) {
    throw new Error('this API key is already registered (each key belongs to one user)');
  }
  const description = options.description ?? null;
  const record: ApiKeyRecord = {
    id: store.nextId('apiKey'),
    username,
    name: pickLabel(store, username, secret, options.name),
    description:
      description !== null && secret.length > 0 && description.includes(secret) ? null : description,
  };
  store.keyRing.add(secret, record.id);
  store.apiKeys.set(record.id, record);
  return record;
}

/**
 * Adds the record of the key the emulator accepts, owned by the configured viewer: named
 * {@link ACCEPTED_KEY_NAME} (or, should the secret contain that text or be part of it, `key-<n>`),
 * so that `User.apiKeys` lists one key for the viewer as a real server would, and nothing in it is
 * the secret. Called once by `startEmulator`.
 *
 * @example
 * ```ts
 * registerAcceptedKey(store, 'my-secret').name; // 'emulator-key'
 * ```
 */
export function registerAcceptedKey(store: EmulatorStore, secret: string): ApiKeyRecord {
  return registerKey(store, store.primaryViewerUsername, secret, {
    name: ACCEPTED_KEY_NAME,
    description: ACCEPTED_KEY_DESCRIPTION,
  });
}

/**
 * Makes a new random key (40 hex characters, as W&B keys) for `username`, as the
 * `generateApiKey` mutation does: the record and the secret, which is answered once.
 *
 * @example
 * ```ts
 * const { record, secret } = generateKey(store, 'alice', 'CI');
 * ```
 */
export function generateKey(
  store: EmulatorStore,
  username: string,
  description: string | null,
): { record: ApiKeyRecord; secret: string } {
  const secret = randomBytes(20).toString('hex');
  return { record: registerKey(store, username, secret, { description }), secret };
}

/**
 * Deletes a key record and stops accepting its secret (which stays redacted in the request log).
 *
 * @example
 * ```ts
 * deleteKey(store, record.id);
 * ```
 */
export function deleteKey(store: EmulatorStore, keyId: number): void {
  store.apiKeys.delete(keyId);
  store.keyRing.remove(keyId);
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
