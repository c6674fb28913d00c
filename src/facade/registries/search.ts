/**
 * The registry search listings, light (protocol notes §4 R3, R4, R6): {@link RegistryListing},
 * {@link Collections} and the version listings of `.versions()`. They check their cheap options
 * at once (perPage, start, signal, prefetch, order) and load the search code
 * (`search-impl.ts`: the filters, the queries, the chains of an ordered parent) on the first call,
 * which checks the filters before any request. Each chained call of an unordered parent sends
 * **one** query with every filter combined.
 *
 * @example
 * ```ts
 * const versions = api.registries({ filter: { name: 'models' } }).collections({ filter: { tag: 'vision' } }).versions();
 * for await (const v of versions) console.log(v.qualifiedName); // one RegistryVersions query per page
 * ```
 * @module
 */
import { UnsupportedError, ValidationError, WandbError } from '../../errors/index.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { ArtifactCollection } from '../artifacts/collection.js';
import type { FacadeContext } from '../core/context.js';
import { once } from '../core/memo.js';
import {
  Paginated,
  validatePerPage,
  type ListOptions,
  type PageFetcher,
  type PageReader,
} from '../core/pagination.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import type { CanonicalFilter, RegistryCollectionFilter, RegistryVersionFilter } from './filters.js';
import { parseSearchOrder } from './order.js';

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

/** A source of pages that has no resumable position (the ordered chains). @internal */
export type PageSource<T> = () => AsyncIterator<T[]>;

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

/**
 * What a listing gets from the search code on its first call: its pages (a page fetcher, or for
 * a chained listing a source of pages).
 * @internal
 */
export interface ListingParts<T> {
  pages: PageFetcher<T> | PageSource<T>;
}

/**
 * The parts of a {@link Collections}: its pages and its chained versions.
 * @internal
 */
export interface CollectionsParts extends ListingParts<ArtifactCollection> {
  /** The parts of `.versions(options)` on these collections (checks the filter). */
  versions(options: RegistryVersionsOptions): ListingParts<Artifact>;
}

/**
 * The pages of a listing whose parts come later (`parts`, called on the first page and kept):
 * a page fetcher, or for a chained listing a source of pages, that hands over to them.
 * @internal
 * @example
 * ```ts
 * super(deferredPages(false, parts), false, { perPage, what: 'registries' });
 * ```
 */
export function deferredPages<T>(
  chained: boolean,
  parts: () => Promise<ListingParts<T>>,
): PageFetcher<T> | PageSource<T> {
  if (!chained) return async (args) => ((await parts()).pages as PageFetcher<T>)(args);
  return () =>
    (async function* (): AsyncGenerator<T[]> {
      const source = ((await parts()).pages as PageSource<T>)();
      // `yield*` passes an early end on to the source (which cancels what it fetches ahead).
      yield* { [Symbol.asyncIterator]: () => source };
    })();
}

/** The checked options every registry search listing has. @internal */
export function listOptions(options: ListOptions): {
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
  #parts: () => Promise<CollectionsParts>;
  #ordered: boolean;

  /**
   * @internal Made by `registries.collections()` and `registry.collections()`.
   * @param chained - whether the parent listing was ordered (one query per registry).
   * @param make - the parts, from the search code (which checks the filter).
   */
  constructor(options: RegistryCollectionsOptions, chained: boolean, make: () => Promise<CollectionsParts>) {
    const o = optionsObject(options);
    const order = parseSearchOrder(o.order);
    const list = listOptions(o);
    if (chained && list.start !== undefined && list.start !== null) {
      throw new ValidationError(
        'start',
        'is not supported for the collections of registries listed with an order (one query per registry); remove the order of the registries or the start of the collections',
      );
    }
    const parts = once(make);
    super(deferredPages(chained, parts), chained, {
      perPage: list.perPage,
      start: list.start,
      signal: list.signal,
      what: 'registry collections',
      prefetch: list.prefetch,
      countable: true,
    });
    this.#parts = parts;
    this.#ordered = chained || order !== undefined;
  }

  /**
   * The versions in these collections (`RegistryVersions`): the registries' filter, the
   * collections' filter and this `filter` go together in **one** query. When the collections (or
   * their registries) were listed with an `order`, there is one query per collection instead, in
   * their order, each with that collection's registry and name (no `cursor`, no `start`).
   *
   * @throws {@link ValidationError} for a bad `start` (at once), or, on the first call and before
   *   any request, for a filter field outside the version fields.
   * @example
   * ```ts
   * const prod = api.registries().collections({ filter: { tag: 'vision' } }).versions({ filter: { alias: 'production' } });
   * for await (const artifact of prod) console.log(artifact.qualifiedName);
   * ```
   */
  versions(options: RegistryVersionsOptions = {}): Paginated<Artifact> {
    return versionsListing(options, this.#ordered ? 'collection' : undefined, async () =>
      (await this.#parts()).versions(options),
    );
  }
}

/**
 * A version listing of `.versions()`: its cheap options checked at once; `orderedBy` names the
 * parents when it runs one query per parent (their listing was ordered: no `start` then), and
 * `make` gives its parts on the first call (checking the filter, before any request).
 * @internal
 * @example
 * ```ts
 * return versionsListing(options, undefined, async () => (await search()).versionsParts(scope, options));
 * ```
 */
export function versionsListing(
  options: RegistryVersionsOptions,
  orderedBy: 'registry' | 'collection' | undefined,
  make: () => Promise<ListingParts<Artifact>>,
): Paginated<Artifact> {
  const list = listOptions(optionsObject(options));
  if (orderedBy && list.start !== undefined && list.start !== null) {
    const parents = orderedBy === 'registry' ? 'registries' : 'collections';
    throw new ValidationError(
      'start',
      `is not supported for the versions of ${parents} listed with an order (one query per ${orderedBy}); remove the order or the start`,
    );
  }
  return new RegistryListing(deferredPages(orderedBy !== undefined, once(make)), orderedBy !== undefined, {
    perPage: list.perPage,
    start: list.start,
    signal: list.signal,
    what: 'registry versions',
    prefetch: list.prefetch,
  });
}
