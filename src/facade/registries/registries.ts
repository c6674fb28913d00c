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
 * @module
 */
import { NotFoundError, ValidationError } from '../../errors/index.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { FacadeContext } from '../core/context.js';
import { requireFeature } from '../core/features.js';
import { documents, lazy } from '../core/lazy.js';
import { once } from '../core/memo.js';
import {
  connectionPosition,
  Paginated,
  validatePerPage,
  type ListOptions,
  type PageFetcher,
} from '../core/pagination.js';
import { optionalSignal, optionalString, optionsObject } from '../core/validate.js';
import {
  encodeSearchFilter,
  normalizeSearchFilter,
  parseSearchOrder,
  REGISTRY_FIELDS,
  type CanonicalFilter,
  type RegistryFilter,
} from './filters.js';
import type { Registry } from './registry.js';
import {
  Collections,
  listVersions,
  REGISTRY_SEARCH_PER_PAGE,
  registryFilterFor,
  RegistryListing,
  versionsPerRegistry,
  type RegistryCollectionsOptions,
  type RegistryVersionsOptions,
  type SearchScope,
} from './search.js';

// `api.registries()` returns a `Registries` at once and light: `Registry`, the organization lookup
// and the documents load with the first page.
const registryModule = /* @__PURE__ */ lazy(() => import('./registry.js'), 'its registries/registry module');
const organizationModule = /* @__PURE__ */ lazy(
  () => import('./organization.js'),
  'its registries/organization module',
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

/** A registry as the listing found it, with its own filter for ordered chains. */
interface FoundRegistry {
  registry: Registry;
  filter: CanonicalFilter;
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
  #scope: SearchScope;
  #ordered: boolean;
  #found: () => AsyncIterable<FoundRegistry[]>;

  /** @internal Made by `api.registries()`. */
  constructor(ctx: FacadeContext, options: RegistriesOptions = {}) {
    const o = optionsObject(options);
    const given = optionalString(o.organization, 'organization');
    const filter = normalizeSearchFilter(o.filter, REGISTRY_FIELDS.basic, 'filter');
    const order = parseSearchOrder(o.order);
    const perPage = validatePerPage(o.perPage ?? REGISTRY_SEARCH_PER_PAGE);
    const signal = optionalSignal(o.signal);
    const organization = once(async () => {
      const [{ REGISTRY_SEARCH_FEATURE }, { resolveOrganizationName }] = await Promise.all([
        registryModule(),
        organizationModule(),
      ]);
      await requireFeature(ctx, REGISTRY_SEARCH_FEATURE, 'Searching registries');
      return (await resolveOrganizationName(ctx, given, { signal })).name;
    });
    const fetchFound: PageFetcher<FoundRegistry> = async ({ cursor, perPage: first, signal: s }) => {
      const org = await organization();
      const [{ FetchRegistriesDocument }, { Registry }] = await Promise.all([documents(), registryModule()]);
      const data = await ctx.request(
        FetchRegistriesDocument,
        {
          organization: org,
          ...(filter === undefined ? {} : { filters: encodeSearchFilter(filter) }),
          ...(order === undefined ? {} : { order }),
          cursor,
          perPage: first,
        },
        { signal: s },
      );
      const orgEntity = data.organization?.orgEntity;
      if (!orgEntity) {
        throw new NotFoundError(
          `Organization ${JSON.stringify(org)} not found (or it has no org entity); check the organization name`,
        );
      }
      const connection = orgEntity.projects;
      const items = (connection?.edges ?? []).flatMap((edge) => {
        const node = edge.node;
        if (!node) return [];
        return [
          { registry: new Registry(ctx, node, org), filter: registryFilterFor(node.internalId, node.name) },
        ];
      });
      return { items, ...connectionPosition(connection) };
    };
    super(
      async (args) => {
        const page = await fetchFound(args);
        return { ...page, items: page.items.map((f) => f.registry) };
      },
      false,
      { perPage, start: o.start, signal, what: 'registries', prefetch: o.prefetch },
    );
    this.#scope = { ctx, organization, registryFilter: filter };
    this.#ordered = order !== undefined;
    this.#found = () =>
      new Paginated(fetchFound, {
        perPage,
        ...(signal ? { signal } : {}),
        what: 'registries',
        prefetch: o.prefetch,
      }).pages();
  }

  #parentFilters(): () => AsyncIterable<CanonicalFilter[]> {
    const found = this.#found;
    return () =>
      (async function* (): AsyncGenerator<CanonicalFilter[]> {
        for await (const page of found()) yield page.map((f) => f.filter);
      })();
  }

  /**
   * The collections of these registries (`RegistryCollections`): the registries' filter and this
   * `filter` in **one** query per page (portfolios only), with the server's `totalCount()`. When
   * the registries were listed with an `order`, one query per registry instead, in that order
   * (then `start`, `cursor` and `totalCount()` are not supported).
   *
   * @throws {@link ValidationError} for a filter field outside the collection fields or a bad
   *   order (before any request).
   * @example
   * ```ts
   * const collections = api.registries({ filter: { name: 'models' } }).collections({ filter: { name: 'my_collection', tag: 'my_tag' } });
   * // one RegistryCollections query: registryFilter '{"name":"wandb-registry-models"}', collectionFilter '{"name":"my_collection","tag":"my_tag"}'
   * ```
   */
  collections(options: RegistryCollectionsOptions = {}): Collections {
    return new Collections(this.#scope, options, this.#ordered ? this.#parentFilters() : undefined);
  }

  /**
   * The versions linked in these registries (`RegistryVersions`): the registries' filter and this
   * `filter` in **one** query per page; no total. When the registries were listed with an
   * `order`, one query per registry instead, in that order.
   *
   * @throws {@link ValidationError} for a filter field outside the version fields (before any request).
   * @example
   * ```ts
   * for await (const v of api.registries().versions({ filter: { alias: 'production' } })) console.log(v.qualifiedName);
   * ```
   */
  versions(options: RegistryVersionsOptions = {}): Paginated<Artifact> {
    if (this.#ordered) return versionsPerRegistry(this.#scope, this.#parentFilters(), options);
    return listVersions({ ...this.#scope, collectionFilter: undefined }, options);
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
