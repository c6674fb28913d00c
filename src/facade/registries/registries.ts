/**
 * `api.registries()` (protocol notes §4 R1; wandb-ops.md §6.10): {@link Registries}, the
 * registries of an organization (`FetchRegistries`, the org entity's `wandb-registry-*` projects)
 * selected by a {@link RegistryFilter} and ordered by `name`, `created_at` or `updated_at`,
 * chainable to `.collections()` and `.versions()` — each chained call one query with the filters
 * combined, or one query per registry when the registries were ordered.
 *
 * @example
 * ```ts
 * const registries = api.registries({ filter: { name: { $in: ['models', 'datasets'] } } });
 * for await (const registry of registries) console.log(registry.name, registry.visibility);
 * for await (const collection of registries.collections()) console.log(collection.name);
 * ```
 *
 * The listing is light: it checks its cheap options at once (organization, order, perPage, start,
 * signal, prefetch) and loads the search code (`registries-impl.ts`), which checks the filter, on
 * its first call, before any request.
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { FacadeContext } from '../core/context.js';
import { lazy } from '../core/lazy.js';
import { once } from '../core/memo.js';
import { validatePerPage, type ListOptions, type Paginated } from '../core/pagination.js';
import { optionalSignal, optionalString, optionsObject } from '../core/validate.js';
import { parseSearchOrder } from './order.js';
import type { RegistryFilter } from './filters.js';
import type { RegistriesParts } from './registries-impl.js';
import type { Registry } from './registry.js';
import {
  Collections,
  deferredPages,
  REGISTRY_SEARCH_PER_PAGE,
  RegistryListing,
  versionsListing,
  type RegistryCollectionsOptions,
  type RegistryVersionsOptions,
} from './search.js';

// `api.registries()` returns a `Registries` at once and light: the search code (filters, queries,
// `Registry`, the organization lookup) and the documents load with the first call.
const registriesCode = /* @__PURE__ */ lazy(
  () => import('./registries-impl.js'),
  'its registries/registries-impl module',
);

/**
 * Options of {@link Api.registries}: the organization, a {@link RegistryFilter}, an `order`,
 * `perPage` (default 100), `start` and `signal`.
 *
 * @example
 * ```ts
 * const registries = api.registries({ organization: 'acme', filter: { name: 'models' }, order: '-created_at', perPage: 20 });
 * ```
 */
export interface RegistriesOptions extends ListOptions {
  /** The organization (its name). Default: the Api's `organization` option (`WANDB_ORGANIZATION`), else your default entity's. */
  organization?: string;
  /** Only the registries this filter selects; `name` values get the `wandb-registry-` prefix (not inside `$regex`). Default: all. */
  filter?: RegistryFilter;
  /**
   * `+field` or `-field` with `name`, `created_at` or `updated_at`. Default: the server's order.
   * With an order, `.collections()` and `.versions()` send one query per registry, in this order.
   */
  order?: string;
}

/**
 * The registries of an organization: a listing of {@link Registry} (no total), that also
 * chains to their collections ({@link Registries.collections}) and versions
 * ({@link Registries.versions}).
 *
 * @example
 * ```ts
 * const registries = api.registries({ filter: { description: { $contains: 'prod' } } });
 * const names = (await registries.toArray()).map((r) => r.name);
 * const versions = registries.versions({ filter: { alias: 'production' } });
 * ```
 */
export class Registries extends RegistryListing<Registry> {
  #parts: () => Promise<RegistriesParts>;
  #ordered: boolean;

  /** @internal Made by `api.registries()`. */
  constructor(ctx: FacadeContext, options: RegistriesOptions = {}) {
    const o = optionsObject(options);
    const organization = optionalString(o.organization, 'organization');
    const order = parseSearchOrder(o.order);
    const perPage = validatePerPage(o.perPage ?? REGISTRY_SEARCH_PER_PAGE);
    const signal = optionalSignal(o.signal);
    const parts = once(async () =>
      (await registriesCode()).registriesParts(ctx, {
        organization,
        filter: o.filter,
        order,
        perPage,
        signal,
        prefetch: o.prefetch,
      }),
    );
    super(deferredPages(false, parts), false, {
      perPage,
      start: o.start,
      signal,
      what: 'registries',
      prefetch: o.prefetch,
    });
    this.#parts = parts;
    this.#ordered = order !== undefined;
  }

  /**
   * The collections of these registries (`RegistryCollections`): the registries' filter and this
   * `filter` in **one** query per page (portfolios only), with the server's `totalCount()`. When
   * the registries were listed with an `order`, one query per registry instead, in that order
   * (then `start`, `cursor` and `totalCount()` are not supported).
   *
   * @throws {@link ValidationError} for a bad order or `start` (at once), or, on the first call
   *   and before any request, for a filter field outside the collection fields.
   * @example
   * ```ts
   * const collections = api.registries({ filter: { name: 'models' } }).collections({ filter: { name: 'my_collection', tag: 'my_tag' } });
   * // one RegistryCollections query: registryFilter '{"name":"wandb-registry-models"}', collectionFilter '{"name":"my_collection","tag":"my_tag"}'
   * ```
   */
  collections(options: RegistryCollectionsOptions = {}): Collections {
    return new Collections(options, this.#ordered, async () => (await this.#parts()).collections(options));
  }

  /**
   * The versions linked in these registries (`RegistryVersions`): the registries' filter and this
   * `filter` in **one** query per page; no total. When the registries were listed with an
   * `order`, one query per registry instead, in that order.
   *
   * @throws {@link ValidationError} for a bad `start` (at once), or, on the first call and before
   *   any request, for a filter field outside the version fields.
   * @example
   * ```ts
   * for await (const v of api.registries().versions({ filter: { alias: 'production' } })) console.log(v.qualifiedName);
   * ```
   */
  versions(options: RegistryVersionsOptions = {}): Paginated<Artifact> {
    return versionsListing(options, this.#ordered ? 'registry' : undefined, async () =>
      (await this.#parts()).versions(options),
    );
  }
}

/**
 * The registries of an organization.
 * @internal Users call `api.registries()`.
 * @example
 * ```ts
 * const registries = listRegistries(ctx, { filter: { name: 'models' } });
 * ```
 */
export function listRegistries(ctx: FacadeContext, options: RegistriesOptions = {}): Registries {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ValidationError('options', 'expected an object of options');
  }
  return new Registries(ctx, options);
}
