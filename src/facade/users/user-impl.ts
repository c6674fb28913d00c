/**
 * {@link UserImpl}: a {@link User} with its API key records and the code of the key methods
 * (making a key, deleting one by name), loaded with the users domain on first use.
 *
 * @example
 * ```ts
 * const me = new UserImpl(ctx, data.viewer);
 * const secret = await me.generateApiKey({ description: 'CI' });
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { GraphQLRequestError, NotFoundError, ValidationError, WandbError } from '../../errors/index.js';
import type { ApiKeyFieldsFragment, UserFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { optionalSignal, optionalString, optionsObject } from '../core/validate.js';
import { User, type GenerateApiKeyOptions } from './user.js';

/** An API key record as the server lists it: an id and a name that is never the secret. */
type KeyRecord = Pick<ApiKeyFieldsFragment, 'id' | 'name'>;

/** What a {@link User} is built from: the user fields, and its key records when they were selected. */
type UserData = UserFieldsFragment & {
  apiKeys?: { edges: ({ node: ApiKeyFieldsFragment | null } | null)[] } | null;
};

/**
 * A {@link User} with the code of its key methods.
 * @internal Built by the facade from a `UserFields` selection (with `apiKeys` when selected).
 * @example
 * ```ts
 * const bob = new UserImpl(ctx, node);
 * console.log(bob.apiKeys);
 * ```
 */
export class UserImpl extends User {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'User' });
  }

  readonly #ctx: FacadeContext;
  #keys: KeyRecord[] | undefined;

  constructor(ctx: FacadeContext, data: UserData) {
    super(data);
    this.#ctx = ctx;
    this.#keys =
      data.apiKeys === undefined
        ? undefined
        : (data.apiKeys?.edges ?? []).flatMap((e) => (e?.node ? [{ id: e.node.id, name: e.node.name }] : []));
  }

  override get apiKeys(): readonly string[] | undefined {
    return this.#keys?.map((k) => k.name);
  }

  override async generateApiKey(options: GenerateApiKeyOptions = {}): Promise<string> {
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

  override async deleteApiKey(name: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
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
}
