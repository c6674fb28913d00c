/**
 * The authenticated user and their default entity (wandb-ops.md §6.1), loaded once per `Api`
 * and remembered until `api.flush()`.
 *
 * @example
 * ```ts
 * const lookup = new ViewerLookup(ctx);
 * const me = await lookup.viewer(); // one request
 * await lookup.defaultEntity(); // known from the viewer: no request
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { AuthenticationError, ValidationError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { once } from '../core/memo.js';
import { UserImpl } from './user-impl.js';
import type { User } from './user.js';

const NO_VIEWER = 'Could not load the viewer: verify your W&B API key.';

/**
 * The viewer and default entity of one `Api`, each loaded at most once until {@link reset}; the
 * default entity is known without a request once the viewer is loaded. A failure is not
 * remembered.
 * @internal `Api` owns one; users call `api.viewer()` and `api.defaultEntity()`.
 * @example
 * ```ts
 * const lookup = new ViewerLookup(api);
 * console.log(await lookup.defaultEntity()); // 'alice'
 * lookup.reset(); // on api.flush()
 * ```
 */
export class ViewerLookup {
  readonly #ctx: FacadeContext;
  #entity: string | undefined;
  #viewer = once(() => this.#loadViewer());
  #entityLookup = once(() => this.#loadDefaultEntity());

  constructor(ctx: FacadeContext) {
    this.#ctx = ctx;
  }

  /**
   * The authenticated user. Throws {@link AuthenticationError} when the key is missing or rejected.
   *
   * @example
   * ```ts
   * const me = await lookup.viewer();
   * ```
   */
  viewer(): Promise<User> {
    return this.#viewer();
  }

  /**
   * The viewer's default entity; {@link ValidationError} (`entity`) when the viewer has none.
   *
   * @example
   * ```ts
   * const entity = await lookup.defaultEntity();
   * ```
   */
  async defaultEntity(): Promise<string> {
    return this.#entity ?? (await this.#entityLookup());
  }

  /**
   * Forgets the viewer and the default entity: the next calls ask the server again.
   *
   * @example
   * ```ts
   * lookup.reset();
   * ```
   */
  reset(): void {
    this.#viewer.reset();
    this.#entityLookup.reset();
    this.#entity = undefined;
  }

  async #loadViewer(): Promise<User> {
    const data = await this.#ctx.request((await documents()).ViewerDocument, {});
    if (!data.viewer) throw new AuthenticationError(NO_VIEWER);
    const user = new UserImpl(this.#ctx, data.viewer);
    this.#entity ??= user.entity;
    return user;
  }

  async #loadDefaultEntity(): Promise<string> {
    const data = await this.#ctx.request((await documents()).DefaultEntityDocument, {});
    if (!data.viewer) throw new AuthenticationError(NO_VIEWER);
    if (!data.viewer.entity) {
      throw new ValidationError('entity', 'the viewer has no default entity; pass an entity explicitly');
    }
    this.#entity = data.viewer.entity;
    return data.viewer.entity;
  }
}
