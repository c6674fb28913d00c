/**
 * The search code behind `Registries` (protocol notes §4 R1), loaded on its first call: the
 * registry filter check, the organization lookup behind the `ARTIFACT_REGISTRY_SEARCH` gate, the
 * `FetchRegistries` pages and the chained collections and versions (one query with the filters
 * combined, or one query per registry when the registries were ordered).
 *
 * @example
 * ```ts
 * const parts = registriesParts(ctx, { filter: { name: 'models' }, perPage: 100 });
 * ```
 * @module
 */
import { NotFoundError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { requireFeature } from '../core/features.js';
import { documents } from '../core/lazy.js';
import { once } from '../core/memo.js';
import { connectionPosition, Paginated, type PageFetcher } from '../core/pagination.js';
import {
  encodeSearchFilter,
  normalizeSearchFilter,
  REGISTRY_FIELDS,
  type CanonicalFilter,
} from './filters.js';
import { resolveOrganizationName } from './organization-api.js';
import { RegistryImpl } from './registry-impl.js';
import { REGISTRY_SEARCH_FEATURE, type Registry } from './registry.js';
import { collectionsParts, registryFilterFor, versionsParts, versionsPerRegistry } from './search-impl.js';
import type { Artifact } from '../artifacts/artifact.js';
import type {
  CollectionsParts,
  ListingParts,
  RegistryCollectionsOptions,
  RegistryVersionsOptions,
  SearchScope,
} from './search.js';

/**
 * The parts of a `Registries`: its pages, and those of its chained listings.
 * @internal
 */
export interface RegistriesParts extends ListingParts<Registry> {
  /** The parts of `.collections(options)` (checks the filter). */
  collections(options: RegistryCollectionsOptions): CollectionsParts;
  /** The parts of `.versions(options)` (checks the filter). */
  versions(options: RegistryVersionsOptions): ListingParts<Artifact>;
}

/** A registry as the listing found it, with its own filter for ordered chains. */
interface FoundRegistry {
  registry: Registry;
  filter: CanonicalFilter;
}

/**
 * The parts of `api.registries(options)`, the cheap options already checked by `Registries`:
 * checks the filter ({@link ValidationError}, before any request).
 * @internal
 * @example
 * ```ts
 * const parts = registriesParts(ctx, { organization: 'acme', order: '+name', perPage: 100 });
 * ```
 */
export function registriesParts(
  ctx: FacadeContext,
  options: {
    organization: string | undefined;
    filter: unknown;
    order: string | undefined;
    perPage: number;
    signal: AbortSignal | undefined;
    prefetch: boolean | undefined;
  },
): RegistriesParts {
  const { order, perPage, signal } = options;
  const filter = normalizeSearchFilter(options.filter, REGISTRY_FIELDS.basic, 'filter');
  const organization = once(async () => {
    await requireFeature(ctx, REGISTRY_SEARCH_FEATURE, 'Searching registries');
    return (await resolveOrganizationName(ctx, options.organization, { signal })).name;
  });
  const fetchFound: PageFetcher<FoundRegistry> = async ({ cursor, perPage: first, signal: s }) => {
    const org = await organization();
    const { FetchRegistriesDocument } = await documents();
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
        { registry: new RegistryImpl(ctx, node, org), filter: registryFilterFor(node.internalId, node.name) },
      ];
    });
    return { items, ...connectionPosition(connection) };
  };
  const scope: SearchScope = { ctx, organization, registryFilter: filter };
  // For ordered chains: the registries' own filters, read page by page.
  const parentFilters = (): AsyncIterable<CanonicalFilter[]> =>
    (async function* (): AsyncGenerator<CanonicalFilter[]> {
      const found = new Paginated(fetchFound, {
        perPage,
        ...(signal ? { signal } : {}),
        what: 'registries',
        prefetch: options.prefetch,
      });
      for await (const page of found.pages()) yield page.map((f) => f.filter);
    })();
  const ordered = order !== undefined;
  return {
    pages: async (args) => {
      const page = await fetchFound(args);
      return { ...page, items: page.items.map((f) => f.registry) };
    },
    collections: (o) => collectionsParts(scope, o, ordered ? parentFilters : undefined),
    versions: (o) =>
      ordered
        ? versionsPerRegistry(scope, parentFilters, o)
        : versionsParts({ ...scope, collectionFilter: undefined }, o),
  };
}
