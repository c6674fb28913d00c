/**
 * Cursor pagination: {@link Paginated} turns a page fetcher into an async iterable with
 * `pages()`, `toArray({ limit })`, `first()`, `totalCount()`, a resumable `cursor`, a stall
 * guard and `AbortSignal` support. While the caller works on a page, the next one is already
 * being fetched (one page ahead, never more; the `prefetch` option), and the total count is asked
 * with the first page only.
 *
 * @example
 * ```ts
 * const runs = api.runs('acme/vision', { perPage: 100 });
 * for await (const run of runs) console.log(run.id);
 * const resumeFrom = runs.cursor;
 * ```
 * @module
 */

import { UnsupportedError, ValidationError } from '../../errors/index.js';
import { optionalBoolean, optionalGraphQLInt, optionsObject } from './validate.js';
import { loadFailure } from '../../errors/load.js';
import type { ReaderSource } from './page-reader.js';

export { throwIfAborted } from './concurrency.js';

// The reader (requests ahead, stall guard, abort wiring): loaded with a listing's first read, and
// asked for by every listing made, so that it is usually there by then.
let readerModule: Promise<typeof import('./page-reader.js')> | undefined;
let readerLoaded: typeof import('./page-reader.js') | undefined;
function readers(): Promise<typeof import('./page-reader.js')> {
  return (readerModule ??= import('./page-reader.js').then(
    (m) => (readerLoaded = m),
    (e: unknown) => {
      readerModule = undefined;
      throw loadFailure('its core/page-reader module', e);
    },
  ));
}

/**
 * One page as returned by a {@link PageFetcher}.
 *
 * @example
 * ```ts
 * const page: Page<string> = { items: ['a', 'b'], cursor: 'b', hasNextPage: true, totalCount: 5 };
 * ```
 */
export interface Page<T> {
  /** The page's items, in order. */
  items: T[];
  /** The cursor to pass to fetch the next page (W&B: `pageInfo.endCursor`, else the last edge's `cursor`). */
  cursor: string | null;
  /** Whether the server has more pages after this one. */
  hasNextPage: boolean;
  /** Total number of items in the whole listing, when the server reports one. */
  totalCount?: number;
}

/**
 * Fetches one page: `cursor` is null for the first page (or the `start` option), `perPage` the
 * page size to request, `signal` aborts when the caller's signal does or the listing no longer
 * needs the page (a page fetched ahead after the caller stopped). `total` is true while the
 * listing does not know its total count yet: a fetcher whose total costs the server a query of
 * its own (a count field beside the connection) asks for it only then.
 *
 * A fetcher that learns where its page ends before its items are ready (the answer has arrived,
 * its objects are still being made) may call `onPosition` with it, once: when the caller is
 * already waiting for this page, the next page's request then starts at once instead of after the
 * items (still one page ahead, never more), and `onPosition` returns a promise that resolves
 * once that request has had a turn of the event loop to reach the network: await it before making
 * the items, so that their work does not hold the request back. The page must end where it said.
 *
 * @example
 * ```ts
 * const fetcher: PageFetcher<number> = async ({ cursor, perPage }) => {
 *   const from = cursor === null ? 0 : Number(cursor);
 *   const items = Array.from({ length: perPage }, (_, i) => from + i);
 *   return { items, cursor: String(from + perPage), hasNextPage: from + perPage < 10 };
 * };
 * ```
 */
export type PageFetcher<T> = (args: {
  cursor: string | null;
  perPage: number;
  signal?: AbortSignal;
  total?: boolean;
  onPosition?: (position: PagePosition) => Promise<void> | undefined;
}) => Promise<Page<T>>;

/**
 * Where a page ends, told by a {@link PageFetcher} through `onPosition` before its items are made.
 *
 * @example
 * ```ts
 * const position: PagePosition = { cursor: 'c2', hasNextPage: true, count: 50, totalCount: 10_000 };
 * ```
 */
export interface PagePosition extends Pick<Page<unknown>, 'cursor' | 'hasNextPage' | 'totalCount'> {
  /** How many items the page holds. */
  count: number;
}

/**
 * Options of {@link Paginated}.
 *
 * @example
 * ```ts
 * const opts: PaginatedOptions = { perPage: 50, start: null, what: 'runs' };
 * ```
 */
export interface PaginatedOptions {
  /** Page size to request; a positive integer of at most 2³¹ − 1 (a GraphQL `Int`). */
  perPage: number;
  /** Cursor to start after (a previous {@link Paginated.cursor}); default null (the beginning). */
  start?: string | null;
  /** Aborts iteration: pending and further page requests reject with `signal.reason`. */
  signal?: AbortSignal;
  /** What is being listed, for error messages (e.g. `"runs"`); default `"items"`. */
  what?: string;
  /**
   * `false` when the server never reports a total for this listing: `totalCount()` then throws
   * `UnsupportedError` without a request. Default `true`.
   */
  countable?: boolean;
  /**
   * Why there is no total, added to the `UnsupportedError` of `totalCount()` when `countable` is
   * `false` (e.g. `"the server's count covers every sweep of the project, not the filtered ones"`).
   */
  noTotalReason?: string;
  /**
   * Whether to fetch the next page while the caller works on the current one (one page ahead);
   * see {@link ListOptions.prefetch}. Default `true`.
   */
  prefetch?: boolean | undefined;
}

/**
 * Checks that a page size is a positive integer that fits a GraphQL `Int` (at most 2³¹ − 1, see
 * {@link optionalGraphQLInt}) and returns it.
 *
 * @param parameter - the option name used in the error (default `"perPage"`).
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * validatePerPage(50); // 50
 * validatePerPage(0); // throws ValidationError('perPage', ...)
 * validatePerPage(2 ** 31); // throws ValidationError('perPage', ...)
 * ```
 */
export function validatePerPage(n: unknown, parameter = 'perPage'): number {
  const value = optionalGraphQLInt(n, parameter);
  if (value === undefined) throw new ValidationError(parameter, 'expected a positive integer, got undefined');
  return value;
}

/**
 * The GraphQL connection shape W&B listings answer with (`edges { cursor }`, `pageInfo`).
 *
 * @example
 * ```ts
 * const c: Connection = { edges: [{ cursor: 'c1' }], pageInfo: { endCursor: 'c1', hasNextPage: false } };
 * ```
 */
export interface Connection {
  /** The page's edges, each with its cursor. */
  edges: ReadonlyArray<{ cursor: string }>;
  /** Where the page ends and whether more follow. */
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * Where a connection page ends, as a {@link Page} needs it — the one rule for the next cursor of
 * every listing: `pageInfo.endCursor`, else the last edge's `cursor`; and `pageInfo.hasNextPage`.
 * A missing connection is an empty last page.
 *
 * @example
 * ```ts
 * return { items, ...connectionPosition(data.project.sweeps), totalCount: data.project.totalSweeps };
 * connectionPosition({ edges: [{ cursor: 'c2' }], pageInfo: { endCursor: null, hasNextPage: true } });
 * // { cursor: 'c2', hasNextPage: true }
 * ```
 */
export function connectionPosition(
  connection: Connection | null | undefined,
): Pick<Page<never>, 'cursor' | 'hasNextPage'> {
  const edges = connection?.edges ?? [];
  return {
    cursor: connection?.pageInfo.endCursor ?? edges[edges.length - 1]?.cursor ?? null,
    hasNextPage: connection?.pageInfo.hasNextPage ?? false,
  };
}

/**
 * Options of every paginated listing (`api.projects`, `api.runs`, `api.reports`,
 * `project.sweeps`, `run.files`, ...); each listing's own options extend these.
 *
 * @example
 * ```ts
 * const projects = api.projects('acme', { perPage: 50, signal: AbortSignal.timeout(10_000) });
 * const more = api.runs('acme/vision', { start: earlier.cursor });
 * ```
 */
export interface ListOptions {
  /** Items fetched per request, a positive integer of at most 2³¹ − 1. Default 50 (200 for `api.projects`). */
  perPage?: number;
  /** A cursor from {@link Paginated.cursor} to resume a listing after that position. */
  start?: string | null;
  /** Cancels the listing: the pending (and every later) page request rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Whether to request the next page as soon as a page arrives, so that the network works while
   * you handle the items (one page ahead, never more). A page fetched ahead that you never reach
   * (you `break`, or `toArray({ limit })` has enough) is cancelled, and its failure is thrown only
   * if you reach it. `false` requests each page only when the iteration needs it. Default `true`.
   *
   * @example
   * ```ts
   * for await (const run of api.runs('acme/vision', { prefetch: false })) await slowWork(run);
   * ```
   */
  prefetch?: boolean;
}

/**
 * Reads pages one after another; returned by the protected `openPages()` of {@link Paginated}.
 *
 * @example
 * ```ts
 * const reader = paginated['openPages'](); // protected: for subclasses
 * const items = await reader.next(); // the first page's items, or null when done
 * ```
 */
export interface PageReader<T> {
  /** The next page's items, or null when there are no more pages. */
  next(): Promise<T[] | null>;
  /** Stops reading: cancels a page being fetched ahead; `next()` then resolves null. */
  close?(): void;
}

/**
 * A lazily fetched, resumable listing. Iterate it with `for await`, or use {@link pages},
 * {@link toArray}, {@link first} and {@link totalCount}. Each iteration starts over from the
 * `start` cursor and fetches pages as it goes; items already yielded are not retained.
 *
 * A page that says there are more pages but repeats a cursor (or gives none) stops the
 * iteration with a {@link WandbError} rather than looping forever. Aborting `signal` rejects
 * the pending page request (and any later one) with `signal.reason`. Unless `prefetch` is
 * `false`, the next page is requested as soon as a page arrives (one page ahead, never more).
 *
 * @example
 * ```ts
 * const runs = api.runs('acme/vision', { perPage: 100, signal: AbortSignal.timeout(30_000) });
 * console.log(await runs.totalCount());
 * const firstTen = await runs.toArray({ limit: 10 });
 * const more = api.runs('acme/vision', { start: runs.cursor }); // continues after the first ten
 * ```
 */
export class Paginated<T> implements AsyncIterable<T> {
  /** Fetches one page. */
  protected readonly fetchPage: PageFetcher<T>;
  /** Page size requested. */
  protected readonly perPage: number;
  /** Cursor every iteration starts from. */
  protected readonly start: string | null;
  /** The caller's abort signal. */
  protected readonly signal: AbortSignal | undefined;
  /** What is listed, for messages (e.g. `"runs"`). */
  protected readonly what: string;
  /** Position after the last page read. */
  protected lastCursor: string | null;
  /** Total count seen on any page so far. */
  protected knownTotal: number | undefined;
  private totalPromise: Promise<number | undefined> | undefined;
  private readonly countable: boolean;
  private readonly noTotalReason: string | undefined;
  private readonly prefetch: boolean;

  /**
   * @param fetchPage - fetches one page.
   * @param opts - page size, start cursor, abort signal and a name for messages.
   * @throws {@link ValidationError} for a bad `perPage`, `start` or `prefetch`.
   * @example
   * ```ts
   * const list = new Paginated(fetcher, { perPage: 50, what: 'runs' });
   * ```
   */
  constructor(fetchPage: PageFetcher<T>, opts: PaginatedOptions) {
    if (typeof fetchPage !== 'function') throw new TypeError('Paginated: fetchPage must be a function');
    this.fetchPage = fetchPage;
    this.perPage = validatePerPage(opts.perPage);
    const start = opts.start ?? null;
    if (start !== null && typeof start !== 'string') {
      throw new ValidationError(
        'start',
        `expected a cursor string (a previous .cursor) or null, got ${typeof start}`,
      );
    }
    this.start = start;
    this.signal = opts.signal;
    this.what = opts.what ?? 'items';
    this.countable = opts.countable ?? true;
    this.noTotalReason = opts.noTotalReason;
    this.prefetch = optionalBoolean(opts.prefetch, 'prefetch') ?? true;
    this.lastCursor = start;
    // Its first read needs the reader: start loading it now (a failure is reported by that read).
    if (!readerLoaded) readers().catch(() => undefined);
  }

  /**
   * The position after the last page read (by any iteration, `toArray` or `first`), usable as
   * the `start` option to resume. Pages are read whole: after breaking out of a `for await`
   * mid-page, resuming continues after that page. `toArray({ limit })` and `first()` request
   * exactly as many items as they return, so resuming after them continues right after them.
   *
   * @example
   * ```ts
   * await runs.toArray({ limit: 10 });
   * const rest = api.runs('acme/vision', { start: runs.cursor });
   * ```
   */
  get cursor(): string | null {
    return this.lastCursor;
  }

  /**
   * Opens a fresh reader starting at `start`. With `limit`, page requests ask for no more than
   * the items still missing. For subclasses; users iterate instead.
   *
   * @example
   * ```ts
   * const reader = this.openPages(10);
   * let items; while ((items = await reader.next()) !== null) console.log(items.length);
   * ```
   */
  protected openPages(limit?: number): PageReader<T> {
    const source = this.source();
    const loaded = readerLoaded;
    if (loaded) return loaded.openReader(source, limit);
    // Before the reader's code has loaded: the first `next()` waits for it.
    let reader: PageReader<T> | undefined;
    let closed = false;
    return {
      next: async () => {
        if (!reader) {
          const { openReader } = await readers();
          if (closed) return null;
          reader ??= openReader(source, limit);
        }
        return reader.next();
      },
      close: () => {
        closed = true;
        reader?.close?.();
      },
    };
  }

  /**
   * Records the position and total count a page reports. For subclasses that read pages themselves.
   *
   * @example
   * ```ts
   * this.notePage({ items, cursor: 'c2', hasNextPage: true, totalCount: 40 }, 'c1');
   * ```
   */
  protected notePage(page: Page<T>, requestedWith: string | null): void {
    this.lastCursor = page.cursor ?? requestedWith;
    if (typeof page.totalCount === 'number') this.knownTotal = page.totalCount;
  }

  /**
   * Iterates the items, fetching pages as needed, starting over from `start` each time.
   *
   * @example
   * ```ts
   * for await (const run of runs) console.log(run.id);
   * ```
   */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const reader = this.openPages();
    try {
      for (;;) {
        // The page's array is ours alone (the reader keeps none): each slot is cleared as it is
        // yielded, so yielded items can be garbage-collected while the rest of the page is read.
        const batch: (T | undefined)[] | null = await reader.next();
        if (batch === null) return;
        for (let i = 0; i < batch.length; i++) {
          const item = batch[i] as T;
          batch[i] = undefined;
          yield item;
        }
      }
    } finally {
      reader.close?.();
    }
  }

  /**
   * Iterates page by page (each an array of items), starting over from `start` each time.
   *
   * @example
   * ```ts
   * for await (const page of runs.pages()) console.log(page.length);
   * ```
   */
  pages(): AsyncIterable<T[]> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      async *[Symbol.asyncIterator](): AsyncIterator<T[]> {
        const reader = self.openPages();
        try {
          for (;;) {
            const items = await reader.next();
            if (items === null) return;
            yield items;
          }
        } finally {
          reader.close?.();
        }
      },
    };
  }

  /**
   * Collects the items into an array, from `start`. With `limit`, stops once that many are
   * collected and requests no more than needed.
   *
   * @throws {@link ValidationError} when `limit` is not a non-negative integer.
   * @example
   * ```ts
   * const top5 = await runs.toArray({ limit: 5 });
   * ```
   */
  async toArray(opts: { limit?: number } = {}): Promise<T[]> {
    const { limit } = optionsObject(opts);
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0)) {
      throw new ValidationError('limit', `expected a non-negative integer, got ${String(limit)}`);
    }
    const out: T[] = [];
    if (limit === 0) return out;
    const reader = this.openPages(limit);
    try {
      for (;;) {
        const items = await reader.next();
        if (items === null) return out;
        for (const item of items) {
          if (limit !== undefined && out.length >= limit) return out;
          out.push(item);
        }
        if (limit !== undefined && out.length >= limit) return out;
      }
    } finally {
      reader.close?.();
    }
  }

  /**
   * The first item, or undefined when the listing is empty. Requests a single item (more
   * requests only when the server sends empty pages that say more follow).
   *
   * @example
   * ```ts
   * const newest = await api.runs('acme/vision', { order: '-created_at' }).first();
   * ```
   */
  async first(): Promise<T | undefined> {
    const [item] = await this.toArray({ limit: 1 });
    return item;
  }

  /**
   * The total number of items, as the server reports it (cached; reuses any count already seen
   * while iterating, otherwise fetches one small page). Does not move {@link cursor}.
   *
   * @throws {@link UnsupportedError} when the server gives no total for this listing.
   * @example
   * ```ts
   * console.log(`${await runs.totalCount()} runs`);
   * ```
   */
  async totalCount(): Promise<number> {
    if (this.knownTotal !== undefined) return this.knownTotal;
    if (!this.countable) this.totalPromise = Promise.resolve(undefined);
    this.totalPromise ??= this.fetchTotal();
    let total: number | undefined;
    try {
      total = await this.totalPromise;
    } catch (e) {
      this.totalPromise = undefined;
      throw e;
    }
    if (total === undefined) {
      const why = this.noTotalReason === undefined ? '' : ` (${this.noTotalReason})`;
      throw new UnsupportedError(
        `The server does not report a total count for ${this.what}${why}; iterate and count them instead`,
      );
    }
    return total;
  }

  /** What the reader of this listing needs of it. */
  private source(): ReaderSource<T> {
    return {
      fetchPage: this.fetchPage,
      perPage: this.perPage,
      start: this.start,
      signal: this.signal,
      what: this.what,
      countable: this.countable,
      prefetch: this.prefetch,
      knownTotal: () => this.knownTotal,
      noteTotal: (total) => void (this.knownTotal = total),
      notePage: (page, requestedWith) => this.notePage(page, requestedWith),
    };
  }

  private async fetchTotal(): Promise<number | undefined> {
    return (await readers()).fetchTotal(this.source());
  }
}
