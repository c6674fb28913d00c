/**
 * {@link User}: a W&B user, with its API key names and the key methods (wandb-ops.md §6.1, §7.9).
 *
 * @example
 * ```ts
 * const me = await api.viewer();
 * const secret = await me.generateApiKey({ description: 'CI' }); // shown once: store it now
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { GraphQLRequestError, NotFoundError, ValidationError, WandbError } from '../../errors/index.js';
import type { ApiKeyFieldsFragment, UserFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { optionalSignal, optionalString, optionsObject } from '../core/validate.js';

/** An API key record as the server lists it: an id and a name that is never the secret. */
type KeyRecord = Pick<ApiKeyFieldsFragment, 'id' | 'name'>;

/** What a {@link User} is built from: the user fields, and its key records when they were selected. */
type UserData = UserFieldsFragment & {
  apiKeys?: { edges: ({ node: ApiKeyFieldsFragment | null } | null)[] } | null;
};

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
export class User {
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

  readonly #ctx: FacadeContext;
  #keys: KeyRecord[] | undefined;

  /** @internal Built by the facade from a `UserFields` selection (with `apiKeys` when selected). */
  constructor(ctx: FacadeContext, data: UserData) {
    this.#ctx = ctx;
    this.id = data.id;
    this.name = data.name;
    this.username = data.username ?? undefined;
    this.email = data.email ?? undefined;
    this.admin = data.admin ?? false;
    this.entity = data.entity ?? undefined;
    this.teams = (data.teams?.edges ?? []).flatMap((e) => (e.node ? [e.node.name] : []));
    this.deletedAt = parseServerDate(data.deletedAt);
    this.#keys =
      data.apiKeys === undefined
        ? undefined
        : (data.apiKeys?.edges ?? []).flatMap((e) => (e?.node ? [{ id: e.node.id, name: e.node.name }] : []));
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
  get apiKeys(): readonly string[] | undefined {
    return this.#keys?.map((k) => k.name);
  }

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
  async generateApiKey(options: GenerateApiKeyOptions = {}): Promise<string> {
    const opts = optionsObject(options);
    const description = optionalString(opts.description, 'description');
    const signal = optionalSignal(opts.signal);
    const viewer = await this.#ctx.viewer();
    if (viewer.id !== this.id) {
      throw new ValidationError(
        'user',
        `generateApiKey makes a key for the authenticated user (${viewer.username ?? viewer.id}), not for ${
          this.username ?? this.id
        }; call it on api.viewer(), or with an Api holding that user's key`,
      );
    }
    let secret: string | undefined;
    try {
      const data = await this.#ctx.request(
        (await documents()).GenerateApiKeyDocument,
        { description: description ?? null },
        { signal },
      );
      secret = data.result?.apiKey?.name;
    } catch (e) {
      // Partial data would hold the secret: drop it from the error.
      if (e instanceof GraphQLRequestError) {
        throw new GraphQLRequestError(e.message, e.errors, undefined, {
          ...(e.status === undefined ? {} : { status: e.status }),
          ...(e.request === undefined ? {} : { request: e.request }),
        });
      }
      throw e;
    }
    if (!secret) throw new WandbError('GenerateApiKey failed: the server answered no key', 'UNKNOWN');
    return secret;
  }

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
  async deleteApiKey(name: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new ValidationError('name', 'expected the name of one of the API keys (user.apiKeys)');
    }
    const signal = optionalSignal(optionsObject(options).signal);
    let keys = this.#keys;
    if (keys === undefined) {
      const viewer = await this.#ctx.viewer();
      if (viewer.id !== this.id) {
        throw new ValidationError(
          'user',
          "this user's API keys were not loaded; get the user with api.user()",
        );
      }
      const data = await this.#ctx.request((await documents()).ViewerApiKeysDocument, {}, { signal });
      keys = (data.viewer?.apiKeys?.edges ?? []).flatMap((e) =>
        e.node ? [{ id: e.node.id, name: e.node.name }] : [],
      );
      this.#keys = keys;
    }
    const key = keys.find((k) => k.name === name);
    if (!key) {
      const known = keys.map((k) => JSON.stringify(k.name)).join(', ') || 'none';
      throw new NotFoundError(
        `No API key named ${JSON.stringify(name)} for ${this.username ?? this.id} (its keys: ${known})`,
      );
    }
    const data = await this.#ctx.request(
      (await documents()).DeleteApiKeyDocument,
      { id: key.id },
      { signal },
    );
    if (data.result?.success !== true) {
      throw new WandbError(
        `DeleteApiKey failed: the server did not delete the key ${JSON.stringify(name)}`,
        'UNKNOWN',
      );
    }
    this.#keys = keys.filter((k) => k !== key);
  }

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
