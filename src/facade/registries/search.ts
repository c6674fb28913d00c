/**
 * Registry searches that reach into collections and versions (protocol notes §4 R3, R4, R6):
 * {@link Collections} (`RegistryCollections`, chainable to `.versions()`), the version listing
 * (`RegistryVersions`, after the `FetchAdvancedRegistryFeatures` probe that picks the field lists)
 * and the chained listings of an ordered parent (one query per parent, in the parent's order).
 * Each chained call of an unordered parent sends **one** query with every filter combined.
 *
 * @example
 * ```ts
 * const versions = api.registries({ filter: { name: 'models' } }).collections({ filter: { tag: 'vision' } }).versions();
 * for await (const v of versions) console.log(v.qualifiedName); // one RegistryVersions query per page
 * ```
 * @module
 */
import { NotFoundError, UnsupportedError, ValidationError, WandbError } from '../../errors/index.js';
import type { ArtifactCollectionFieldsFragment } from '../../generated/graphql.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { ArtifactCollection } from '../artifacts/collection.js';
import type { FacadeContext } from '../core/context.js';
import { documents } from '../core/lazy.js';
import {
  connectionPosition,
  Paginated,
  validatePerPage,
  type ListOptions,
  type Page,
  type PageFetcher,
  type PageReader,
} from '../core/pagination.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import {
  ANY_VERSION_FIELDS,
  COLLECTION_FIELDS,
  encodeSearchFilter,
  normalizeSearchFilter,
  parseSearchOrder,
  REGISTRY_FIELDS,
  VERSION_FIELDS,
  type CanonicalFilter,
  type RegistryCollectionFilter,
  type RegistryVersionFilter,
} from './filters.js';

/** The server feature that says `organization.advancedRegistryFeatures` can be asked. */
export const ADVANCED_SEARCH_PROBE_FEATURE = 'ARTIFACT_COLLECTIONS_FILTERING_SORTING';

/** The default page size of registry searches. */
export const REGISTRY_SEARCH_PER_PAGE = 100;

/**
 * Options of `.collections()` on {@link Registries} and on a {@link Registry}: `filter` (the
 * collection fields of {@link RegistryCollectionFilterField}), `order` (`+field` / `-field` with
 * `name`, `created_at`, `updated_at`), `perPage` (default 100), `start` and `signal`.
 *
 * @example
 * ```ts
 * const collections = api.registries().collections({ filter: { tag: 'vision' }, order: '-created_at', perPage: 50 });
 * ```
 */
export interface RegistryCollectionsOptions extends ListOptions {
  /** Only the collections this filter selects (checked before any request). Default: all. */
  filter?: RegistryCollectionFilter;
  /** `+field` or `-field` with `name`, `created_at` or `updated_at`. Default: the server's order. */
  order?: string;
}

/**
 * Options of `.versions()` on {@link Registries}, {@link Collections} and a {@link Registry}:
 * `filter` (the version fields of {@link RegistryVersionFilterField}), `perPage` (default 100),
 * `start` and `signal`. The server takes no order here.
 *
 * @example
 * ```ts
 * const versions = registry.versions({ filter: { alias: 'production' }, perPage: 20 });
 * ```
 */
export interface RegistryVersionsOptions extends ListOptions {
  /** Only the versions this filter selects (checked before any request). Default: all. */
  filter?: RegistryVersionFilter;
}

/**
 * Where a search runs: an organization (by name) and the parents' filters, canonical (basic).
 * @internal
 */
export interface SearchScope {
  ctx: FacadeContext;
  /** The organization's name, resolved on the first request (after the feature gate). */
  organization: () => Promise<string>;
  registryFilter?: CanonicalFilter | undefined;
  collectionFilter?: CanonicalFilter | undefined;
}

/** A source of pages that has no resumable position (the ordered chains). */
type PageSource<T> = () => AsyncIterator<T[]>;

/**
 * A registry search listing ({@link Registries}, {@link Collections}, the versions of
 * `.versions()`): a {@link Paginated} that reads one connection, or, when its parent listing was
 * ordered, one listing per parent in the parent's order — then `cursor`, `start` and
 * `totalCount()` are not supported ({@link RegistryListing.chained} says which).
 *
 * @example
 * ```ts
 * const versions = api.registries({ order: '+name' }).versions();
 * console.log(versions instanceof RegistryListing && versions.chained); // true: one query per registry
 * ```
 */
export class RegistryListing<T> extends Paginated<T> {
  #chain: PageSource<T> | undefined;
  #what: string;

  /** @internal */
  constructor(
    fetchPage: PageFetcher<T> | PageSource<T>,
    chained: boolean,
    options: {
      perPage: number;
      start?: string | null | undefined;
      signal?: AbortSignal | undefined;
      what: string;
      countable?: boolean;
      prefetch?: boolean | undefined;
    },
  ) {
    const unused: PageFetcher<T> = () => Promise.reject(new WandbError('unused page fetcher'));
    super(chained ? unused : (fetchPage as PageFetcher<T>), {
      perPage: options.perPage,
      start: options.start ?? null,
      ...(options.signal ? { signal: options.signal } : {}),
      what: options.what,
      prefetch: options.prefetch,
      countable: chained ? false : (options.countable ?? false),
      noTotalReason: chained
        ? 'the listing runs one query per parent, because the parent listing was ordered'
        : 'registry searches report none',
    });
    this.#chain = chained ? (fetchPage as PageSource<T>) : undefined;
    this.#what = options.what;
  }

  /** Whether this listing runs one query per parent (its parent was ordered). */
  get chained(): boolean {
    return this.#chain !== undefined;
  }

  /**
   * The position after the last page read, to resume with `start`; an ordered chain has none
   * ({@link UnsupportedError}).
   *
   * @example
   * ```ts
   * const rest = api.registries({ start: registries.cursor });
   * ```
   */
  override get cursor(): string | null {
    if (this.#chain) {
      throw new UnsupportedError(
        `${this.#what} listed from an ordered parent (one query per parent) have no cursor; remove the parent's order to resume listings`,
      );
    }
    return super.cursor;
  }

  protected override openPages(limit?: number): PageReader<T> {
    if (!this.#chain) return super.openPages(limit);
    const source = this.#chain();
    return {
      next: async () => {
        const r = await source.next();
        return r.done ? null : r.value;
      },
      // Ends the per-parent listings too, which cancels any page they fetch ahead.
      close: () => void source.return?.(undefined).catch(() => undefined),
    };
  }
}

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

function listOptions(options: ListOptions): {
  perPage: number;
  start: string | null | undefined;
  signal: AbortSignal | undefined;
  prefetch: boolean | undefined;
} {
  const perPage = validatePerPage(options.perPage ?? REGISTRY_SEARCH_PER_PAGE);
  const signal = optionalSignal(options.signal);
  if (options.start !== undefined && options.start !== null && typeof options.start !== 'string') {
    throw new ValidationError(
      'start',
      `expected a cursor string (a previous .cursor) or null, got ${typeof options.start}`,
    );
  }
  return { perPage, start: options.start, signal, prefetch: options.prefetch };
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
 * The collections of registries (`RegistryCollections`): the registries' filter and this
 * listing's filter go together in one query (portfolios only, as the official client). When the
 * registries were listed with an `order`, there is one query per registry instead, in their
 * order (no `cursor`, no `start`). {@link Collections.versions} chains on.
 *
 * @example
 * ```ts
 * const collections = api.registries({ filter: { name: 'models' } }).collections({ filter: { name: { $regex: '^det' } } });
 * for await (const c of collections) console.log(c.project, c.name, c.type);
 * const versions = collections.versions({ filter: { alias: 'production' } });
 * ```
 */
export class Collections extends RegistryListing<ArtifactCollection> {
  #scope: SearchScope;
  #filter: CanonicalFilter | undefined;
  #order: string | undefined;
  #found: () => AsyncIterable<FoundCollection[]>;

  /** @internal Made by `registries.collections()` and `registry.collections()`. */
  constructor(
    scope: SearchScope,
    options: RegistryCollectionsOptions,
    /** For an ordered parent: the registries' own filters, read page by page. */
    orderedParents?: () => AsyncIterable<CanonicalFilter[]>,
  ) {
    const o = optionsObject(options);
    const filter = normalizeSearchFilter(o.filter, COLLECTION_FIELDS.basic, 'filter');
    const order = parseSearchOrder(o.order);
    const list = listOptions(o);
    if (orderedParents && list.start !== undefined && list.start !== null) {
      throw new ValidationError(
        'start',
        'is not supported for the collections of registries listed with an order (one query per registry); remove the order of the registries or the start of the collections',
      );
    }
    const paginatedOptions = {
      perPage: list.perPage,
      signal: list.signal,
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
    super(pages, orderedParents !== undefined, { ...paginatedOptions, start: list.start, countable: true });
    this.#scope = scope;
    this.#filter = filter;
    this.#order = order;
    this.#found = found;
  }

  /**
   * The versions in these collections (`RegistryVersions`): the registries' filter, the
   * collections' filter and this `filter` go together in **one** query. When the collections (or
   * their registries) were listed with an `order`, there is one query per collection instead, in
   * their order, each with that collection's registry and name (no `cursor`, no `start`).
   *
   * @throws {@link ValidationError} for a filter field outside the version fields (before any request).
   * @example
   * ```ts
   * const prod = api.registries().collections({ filter: { tag: 'vision' } }).versions({ filter: { alias: 'production' } });
   * for await (const artifact of prod) console.log(artifact.qualifiedName);
   * ```
   */
  versions(options: RegistryVersionsOptions = {}): Paginated<Artifact> {
    if (this.chained || this.#order !== undefined) {
      return orderedVersions(this.#scope, this.#found, options);
    }
    return listVersions({ ...this.#scope, collectionFilter: this.#filter }, options);
  }
}

/** One version listing per found collection, in order. */
function orderedVersions(
  scope: SearchScope,
  found: () => AsyncIterable<FoundCollection[]>,
  options: RegistryVersionsOptions,
): Paginated<Artifact> {
  const o = optionsObject(options);
  const list = listOptions(o);
  if (list.start !== undefined && list.start !== null) {
    throw new ValidationError(
      'start',
      'is not supported for the versions of collections listed with an order (one query per collection); remove the order or the start',
    );
  }
  normalizeSearchFilter(o.filter, ANY_VERSION_FIELDS, 'filter');
  const { start: _start, ...rest } = o;
  void _start;
  const source = chain(found, (f: FoundCollection) =>
    listVersions(
      { ...scope, registryFilter: f.registryFilter, collectionFilter: f.name ? { name: f.name } : {} },
      rest,
    ).pages(),
  );
  return new RegistryListing(source, true, {
    perPage: list.perPage,
    signal: list.signal,
    what: 'registry versions',
    prefetch: list.prefetch,
  });
}

/**
 * One version listing per registry, in the registries' order (for `.versions()` on registries
 * listed with an `order`).
 * @internal
 */
export function versionsPerRegistry(
  scope: SearchScope,
  registries: () => AsyncIterable<CanonicalFilter[]>,
  options: RegistryVersionsOptions,
): Paginated<Artifact> {
  const o = optionsObject(options);
  const list = listOptions(o);
  if (list.start !== undefined && list.start !== null) {
    throw new ValidationError(
      'start',
      'is not supported for the versions of registries listed with an order (one query per registry); remove the order or the start',
    );
  }
  normalizeSearchFilter(o.filter, ANY_VERSION_FIELDS, 'filter');
  const { start: _start, ...rest } = o;
  void _start;
  const source = chain(registries, (registryFilter: CanonicalFilter) =>
    listVersions({ ...scope, registryFilter, collectionFilter: undefined }, rest).pages(),
  );
  return new RegistryListing(source, true, {
    perPage: list.perPage,
    signal: list.signal,
    what: 'registry versions',
    prefetch: list.prefetch,
  });
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
 * The versions of a search scope (`RegistryVersions`, one query per page, every filter of the
 * scope combined). The filter is checked against the basic and advanced version fields together
 * before any request; once the organization's search mode is known (`FetchAdvancedRegistryFeatures`,
 * before the first page), the three filters are checked again with that mode's lists and renamed
 * to its canonical names.
 * @internal
 * @example
 * ```ts
 * const versions = listVersions({ ctx, organization: 'acme', registryFilter: { id: 12 } }, { filter: { alias: 'prod' } });
 * ```
 */
export function listVersions(scope: SearchScope, options: RegistryVersionsOptions = {}): Paginated<Artifact> {
  const o = optionsObject(options);
  const list = listOptions(o);
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
  return new RegistryListing(fetcher, false, {
    perPage: list.perPage,
    start: list.start,
    signal: list.signal,
    what: 'registry versions',
    prefetch: list.prefetch,
  });
}
