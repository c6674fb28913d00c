/**
 * {@link User}: a W&B user, with its API key names and the key methods (wandb-ops.md §6.1, §7.9).
 * This file holds the class with its fields; the code of the key methods (`UserImpl`,
 * `user-impl.ts`) loads with the users domain.
 *
 * @example
 * ```ts
 * const me = await api.viewer();
 * const secret = await me.generateApiKey({ description: 'CI' }); // shown once: store it now
 * ```
 * @module
 */
import type { UserFieldsFragment } from '../../generated/graphql.js';
import type { RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';

/**
 * Options of {@link User.generateApiKey}.
 *
 * @example
 * ```ts
 * const options: GenerateApiKeyOptions = { description: 'CI runner' };
 * ```
 */
export interface GenerateApiKeyOptions extends Pick<RequestOptions, 'signal'> {
  /** What the key is for, shown next to its name in the W&B settings. Default none. */
  description?: string;
}

/**
 * A W&B user, as returned by {@link Api.viewer}, {@link Api.user}, {@link Api.users} and
 * {@link Api.createUser}.
 *
 * API keys: {@link User.apiKeys} lists key **names**, which are never secrets and cannot be used as
 * keys. {@link User.generateApiKey} answers a new key's secret once; it is kept on no object, in
 * no error and in no `toJSON`.
 *
 * @example
 * ```ts
 * const me = await api.viewer();
 * console.log(me.username, me.entity, me.teams);
 * ```
 */
export abstract class User {
  /** GraphQL node id. */
  readonly id: string;
  /** Full name. */
  readonly name: string;
  /** Login name, or `undefined` for users without one. */
  readonly username: string | undefined;
  /** Email address, when the server shows it to the caller. */
  readonly email: string | undefined;
  /** Whether the user is an instance admin. */
  readonly admin: boolean;
  /** The user's default entity (where runs go when no entity is given). */
  readonly entity: string | undefined;
  /** Names of the teams the user belongs to. */
  readonly teams: readonly string[];
  /** When the user was deleted, for deleted users. */
  readonly deletedAt: Date | undefined;

  /** @internal Built by the facade from a `UserFields` selection. */
  constructor(data: UserFieldsFragment) {
    this.id = data.id;
    this.name = data.name;
    this.username = data.username ?? undefined;
    this.email = data.email ?? undefined;
    this.admin = data.admin ?? false;
    this.entity = data.entity ?? undefined;
    this.teams = (data.teams?.edges ?? []).flatMap((e) => (e.node ? [e.node.name] : []));
    this.deletedAt = parseServerDate(data.deletedAt);
  }

  /**
   * Names of the user's API keys (labels, not secrets: a name cannot be used as a key), as loaded
   * with the user. `undefined` when they were not loaded: {@link Api.viewer} does not select them
   * (the server answers them only to a non-browser client, and `viewer()` must work in browsers);
   * {@link Api.user} and {@link Api.users} do. A key made by {@link User.generateApiKey} shows here
   * once the user is loaded again; one removed by {@link User.deleteApiKey} leaves at once.
   *
   * @example
   * ```ts
   * const bob = await api.user('bob@example.com'); // an admin key
   * console.log(bob?.apiKeys); // ['key-1']
   * ```
   */
  abstract get apiKeys(): readonly string[] | undefined;

  /**
   * Makes a new API key for this user and resolves with its **secret**, answered once by the
   * server: store it right away. It is not kept on this object or anywhere else, never appears in
   * an error, a log or `toJSON`, and is not added to {@link User.apiKeys} (whose entries are
   * names). The server makes the key for the authenticated user, so this must be that user (as
   * `api.viewer()` is): on any other user it throws {@link ValidationError} before sending
   * anything (the Python client silently makes a key for the caller instead).
   *
   * @example
   * ```ts
   * const secret = await (await api.viewer()).generateApiKey({ description: 'CI' });
   * const ci = new Api({ baseUrl, apiKey: secret });
   * ```
   */
  abstract generateApiKey(options?: GenerateApiKeyOptions): Promise<string>;

  /**
   * Deletes one of the user's API keys by its **name** (one of {@link User.apiKeys}; the key's id is
   * what the server is sent). An unknown name throws {@link NotFoundError} before the deletion is
   * sent. When the names were not loaded (a user from `api.viewer()`), the viewer's keys are
   * loaded first. Only the key's owner or an instance admin may delete it (else
   * {@link PermissionError}).
   *
   * @example
   * ```ts
   * const me = await api.viewer();
   * await me.deleteApiKey('key-2');
   * ```
   */
  abstract deleteApiKey(name: string, options?: Pick<RequestOptions, 'signal'>): Promise<void>;

  /**
   * A plain-object form, for logging and JSON (API key names only, never a secret).
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(me, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, username, email, admin, entity, teams, deletedAt, apiKeys } = this;
    return { id, name, username, email, admin, entity, teams, deletedAt, ...(apiKeys ? { apiKeys } : {}) };
  }
}
