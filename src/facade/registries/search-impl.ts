/**
 * The registry search code behind the light listings of `search.ts`, loaded on their first call
 * (protocol notes §4 R3, R4, R6): the `RegistryCollections` and `RegistryVersions` queries
 * (after the `FetchAdvancedRegistryFeatures` probe that picks the field lists), the filter checks
 * and the chained listings of an ordered parent (one query per parent, in the parent's order).
 *
 * @example
 * ```ts
 * const parts = collectionsParts(scope, { filter: { tag: 'vision' } });
 * const collections = new Collections({}, false, () => Promise.resolve(parts));
 * ```
 * @module
 */
import { NotFoundError } from '../../errors/index.js';
import type { ArtifactCollectionFieldsFragment } from '../../generated/graphql.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { ArtifactCollection } from '../artifacts/collection.js';
import type { FacadeContext } from '../core/context.js';
import { documents } from '../core/lazy.js';
import { connectionPosition, Paginated, type Page, type PageFetcher } from '../core/pagination.js';
import { optionsObject } from '../core/validate.js';
import {
  ANY_VERSION_FIELDS,
  COLLECTION_FIELDS,
  encodeSearchFilter,
  normalizeSearchFilter,
  REGISTRY_FIELDS,
  VERSION_FIELDS,
  type CanonicalFilter,
} from './filters.js';
import { parseSearchOrder } from './order.js';
import {
  listOptions,
  RegistryListing,
  type CollectionsParts,
  type ListingParts,
  type PageSource,
  type RegistryCollectionsOptions,
  type RegistryVersionsOptions,
  type SearchScope,
} from './search.js';

/** The server feature that says `organization.advancedRegistryFeatures` can be asked. */
export const ADVANCED_SEARCH_PROBE_FEATURE = 'ARTIFACT_COLLECTIONS_FILTERING_SORTING';

/** Flattens the pages of one listing per parent item, parents read page by page. */
function chain<P, T>(
  parents: () => AsyncIterable<P[]>,
  child: (parent: P) => AsyncIterable<T[]>,
): PageSource<T> {
  return () =>
    (async function* (): AsyncGenerator<T[]> {
      for await (const page of parents()) {
        for (const parent of page) {
          for await (const items of child(parent)) yield items;
        }
      }
    })();
}

function mapPages<R, T>(pages: () => AsyncIterable<R[]>, fn: (r: R) => T): PageSource<T> {
  return () =>
    (async function* (): AsyncGenerator<T[]> {
      for await (const page of pages()) yield page.map(fn);
    })();
}

/**
 * The registry filter of one registry (or of a collection's registry): `{"id": n}` with the
 * integer decoded from its internal id (`Project:n` / `ProjectInternalId:n`, base64), else
 * `{"name": "<full name>"}` (protocol notes §4 R3).
 * @internal
 * @example
 * ```ts
 * registryFilterFor(btoa('Project:12'), 'wandb-registry-models'); // { id: 12 }
 * ```
 */
export function registryFilterFor(internalId: string | null | undefined, fullName: string): CanonicalFilter {
  const n = decodeProjectId(internalId);
  return n === undefined ? { name: fullName } : { id: n };
}

/**
 * The integer of a project's base64 internal id (`Project:12`, `ProjectInternalId:12`), or
 * `undefined` when it is not one.
 * @internal
 * @example
 * ```ts
 * decodeProjectId('UHJvamVjdDoxMg=='); // 12
 * ```
 */
export function decodeProjectId(internalId: string | null | undefined): number | undefined {
  if (!internalId) return undefined;
  let text: string;
  try {
    text = atob(internalId);
  } catch {
    return undefined;
  }
  const m = /^(?:Project|ProjectInternalId):(\d+)$/.exec(text);
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

function organizationNotFound(organization: string): NotFoundError {
  return new NotFoundError(
    `Organization ${JSON.stringify(organization)} not found (or it has no org entity); check the organization name`,
  );
}

/** A collection as a search found it, with what chaining needs: its name and its registry's filter. */
interface FoundCollection {
  collection: ArtifactCollection;
  name: string;
  registryFilter: CanonicalFilter;
}

function collectionsFetcher(
  scope: SearchScope,
  collectionFilter: CanonicalFilter | undefined,
  order: string | undefined,
): PageFetcher<FoundCollection> {
  const { ctx } = scope;
  return async ({ cursor, perPage, signal, total }) => {
    const organization = await scope.organization();
    const { RegistryCollectionsDocument } = await documents();
    const data = await ctx.request(
      RegistryCollectionsDocument,
      {
        organization,
        ...optional('registryFilter', encodeSearchFilter(scope.registryFilter)),
        ...optional('collectionFilter', encodeSearchFilter(collectionFilter)),
        ...optional('order', order),
        cursor,
        perPage,
        withTotal: total ?? true,
      },
      { signal },
    );
    const connection = data.organization?.orgEntity?.artifactCollections;
    if (!data.organization?.orgEntity) throw organizationNotFound(organization);
    const items: FoundCollection[] = [];
    for (const edge of connection?.edges ?? []) {
      const node = edge.node as ArtifactCollectionFieldsFragment | null;
      const project = (node as { project: ArtifactCollectionFieldsFragment['project'] | null } | null)
        ?.project;
      // The official client drops sequences and collections without a visible project.
      if (!node || !project || node.__typename === 'ArtifactSequence') continue;
      items.push({
        collection: await ctx.collectionFromData(
          node,
          { entity: project.entity.name, project: project.name },
          organization,
        ),
        name: node.name,
        registryFilter: registryFilterFor(project.internalId, project.name),
      });
    }
    return {
      items,
      ...connectionPosition(connection),
      ...(connection ? { totalCount: connection.totalCount } : {}),
    };
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * The parts of a collections listing (`RegistryCollections`): the registries' filter and this
 * listing's filter go together in one query (portfolios only, as the official client). With
 * `orderedParents` (the registries were listed with an `order`), one query per registry instead,
 * in their order. Checks the filter and order (ValidationError).
 * @internal
 * @example
 * ```ts
 * const parts = collectionsParts(scope, { filter: { name: { $regex: '^det' } } });
 * ```
 */
export function collectionsParts(
  scope: SearchScope,
  options: RegistryCollectionsOptions,
  /** For an ordered parent: the registries' own filters, read page by page. */
  orderedParents?: () => AsyncIterable<CanonicalFilter[]>,
): CollectionsParts {
  const o = optionsObject(options);
  const filter = normalizeSearchFilter(o.filter, COLLECTION_FIELDS.basic, 'filter');
  const order = parseSearchOrder(o.order);
  const list = listOptions(o);
  const paginatedOptions = {
    perPage: list.perPage,
    ...(list.signal ? { signal: list.signal } : {}),
    what: 'registry collections',
    prefetch: list.prefetch,
  };
  const rawPages = (
    registryFilter: CanonicalFilter | undefined,
  ): (() => AsyncIterable<FoundCollection[]>) => {
    const fetcher = collectionsFetcher({ ...scope, registryFilter }, filter, order);
    return () => new Paginated(fetcher, paginatedOptions).pages();
  };
  let found: () => AsyncIterable<FoundCollection[]>;
  let pages: PageFetcher<ArtifactCollection> | PageSource<ArtifactCollection>;
  if (orderedParents) {
    const source = chain(orderedParents, (registryFilter: CanonicalFilter) => rawPages(registryFilter)());
    found = () => ({ [Symbol.asyncIterator]: source });
    pages = mapPages(found, (f) => f.collection);
  } else {
    const fetcher = collectionsFetcher(scope, filter, order);
    found = rawPages(scope.registryFilter);
    pages = async (args) => {
      const page: Page<FoundCollection> = await fetcher(args);
      return { ...page, items: page.items.map((f) => f.collection) };
    };
  }
  const ordered = orderedParents !== undefined || order !== undefined;
  return {
    pages,
    versions: (versionOptions) =>
      ordered
        ? orderedVersions(scope, found, versionOptions)
        : versionsParts({ ...scope, collectionFilter: filter }, versionOptions),
  };
}

/**
 * The parts of one version listing per parent (a found collection, or a registry's filter), in
 * the parents' order; `scopeOf` narrows the scope to a parent. Checks the filter.
 */
function versionsPerParent<P>(
  scope: SearchScope,
  parents: () => AsyncIterable<P[]>,
  scopeOf: (parent: P) => Pick<SearchScope, 'registryFilter' | 'collectionFilter'>,
  options: RegistryVersionsOptions,
): ListingParts<Artifact> {
  const o = optionsObject(options);
  normalizeSearchFilter(o.filter, ANY_VERSION_FIELDS, 'filter');
  const { start: _start, ...rest } = o;
  void _start;
  return {
    pages: chain(parents, (parent: P) => listVersions({ ...scope, ...scopeOf(parent) }, rest).pages()),
  };
}

/** The parts of one version listing per found collection, in order. */
function orderedVersions(
  scope: SearchScope,
  found: () => AsyncIterable<FoundCollection[]>,
  options: RegistryVersionsOptions,
): ListingParts<Artifact> {
  return versionsPerParent(
    scope,
    found,
    (f) => ({ registryFilter: f.registryFilter, collectionFilter: f.name ? { name: f.name } : {} }),
    options,
  );
}

/**
 * The parts of one version listing per registry, in the registries' order (for `.versions()` on
 * registries listed with an `order`). Checks the filter.
 * @internal
 * @example
 * ```ts
 * const parts = versionsPerRegistry(scope, registryFilters, { filter: { alias: 'production' } });
 * ```
 */
export function versionsPerRegistry(
  scope: SearchScope,
  registries: () => AsyncIterable<CanonicalFilter[]>,
  options: RegistryVersionsOptions,
): ListingParts<Artifact> {
  return versionsPerParent(
    scope,
    registries,
    (registryFilter) => ({ registryFilter, collectionFilter: undefined }),
    options,
  );
}

/**
 * Whether the organization has the server's advanced registry search (the field lists of
 * `.versions()`): asked only when the server has `ARTIFACT_COLLECTIONS_FILTERING_SORTING`, and
 * any failure means basic (as the official client). The answer is cached with the Api's cache.
 * @internal
 */
export async function advancedSearchEnabled(
  ctx: FacadeContext,
  organization: string,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if ((await ctx.serverFeatures()).get(ADVANCED_SEARCH_PROBE_FEATURE) !== true) return false;
  const { FetchAdvancedRegistryFeaturesDocument } = await documents();
  try {
    const data = await ctx.request(FetchAdvancedRegistryFeaturesDocument, { organization }, { signal });
    return data.organization?.advancedRegistryFeatures?.advancedSearch === true;
  } catch (e) {
    if (signal?.aborted) throw e;
    return false;
  }
}

/**
 * The parts of the versions of a search scope (`RegistryVersions`, one query per page, every filter of the
 * scope combined). The filter is checked against the basic and advanced version fields together
 * before any request; once the organization's search mode is known (`FetchAdvancedRegistryFeatures`,
 * before the first page), the three filters are checked again with that mode's lists and renamed
 * to its canonical names.
 * @internal
 * @example
 * ```ts
 * const parts = versionsParts({ ctx, organization: async () => 'acme', registryFilter: { id: 12 } }, { filter: { alias: 'prod' } });
 * ```
 */
export function versionsParts(
  scope: SearchScope,
  options: RegistryVersionsOptions = {},
): ListingParts<Artifact> {
  const o = optionsObject(options);
  normalizeSearchFilter(o.filter, ANY_VERSION_FIELDS, 'filter');
  const { ctx } = scope;
  let variables:
    | Promise<{
        organization: string;
        registryFilter?: string;
        collectionFilter?: string;
        artifactFilter?: string;
      }>
    | undefined;
  const prepare = async (
    signal: AbortSignal | undefined,
  ): Promise<{
    organization: string;
    registryFilter?: string;
    collectionFilter?: string;
    artifactFilter?: string;
  }> => {
    const organization = await scope.organization();
    const advanced = await advancedSearchEnabled(ctx, organization, signal);
    const mode = advanced ? 'advanced' : 'basic';
    const registryFilter = normalizeSearchFilter(scope.registryFilter, REGISTRY_FIELDS[mode], 'filter');
    const collectionFilter = normalizeSearchFilter(scope.collectionFilter, COLLECTION_FIELDS[mode], 'filter');
    const artifactFilter = normalizeSearchFilter(o.filter, VERSION_FIELDS[mode], 'filter');
    return {
      organization,
      ...optional('registryFilter', encodeSearchFilter(registryFilter)),
      ...optional('collectionFilter', encodeSearchFilter(collectionFilter)),
      ...optional('artifactFilter', encodeSearchFilter(artifactFilter)),
    };
  };
  const fetcher: PageFetcher<Artifact> = async ({ cursor, perPage, signal }) => {
    variables ??= prepare(signal);
    let filters;
    try {
      filters = await variables;
    } catch (e) {
      variables = undefined;
      throw e;
    }
    const { organization } = filters;
    const { RegistryVersionsDocument } = await documents();
    const data = await ctx.request(RegistryVersionsDocument, { ...filters, cursor, perPage }, { signal });
    if (!data.organization?.orgEntity) throw organizationNotFound(organization);
    const connection = data.organization.orgEntity.artifactMemberships;
    const items: Artifact[] = [];
    for (const edge of connection?.edges ?? []) {
      const node = edge.node;
      const collection = node?.artifactCollection;
      const project = (
        collection as { project: { name: string; entity: { name: string } } | null } | null | undefined
      )?.project;
      if (!node || !collection || !project || !node.artifact || node.versionIndex === null) continue;
      items.push(
        await ctx.artifactFromMembership(node, {
          entity: project.entity.name,
          project: project.name,
          collection: collection.name,
          organizationName: organization,
        }),
      );
    }
    return { items, ...connectionPosition(connection) };
  };
  return { pages: fetcher };
}

/**
 * The version listing of a search scope, made at once (checks every option): see
 * {@link versionsParts}.
 * @internal
 * @example
 * ```ts
 * const versions = listVersions({ ctx, organization: async () => 'acme', registryFilter: { id: 12 } }, { filter: { alias: 'prod' } });
 * ```
 */
export function listVersions(scope: SearchScope, options: RegistryVersionsOptions = {}): Paginated<Artifact> {
  const list = listOptions(optionsObject(options));
  return new RegistryListing(versionsParts(scope, options).pages, false, {
    perPage: list.perPage,
    start: list.start,
    signal: list.signal,
    what: 'registry versions',
    prefetch: list.prefetch,
  });
}
