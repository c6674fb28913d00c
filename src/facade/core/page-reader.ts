/**
 * The page reader behind {@link Paginated}: the requests one page ahead (started as soon as a
 * fetcher tells where its page ends), the stall guard, the abort wiring, and the one small page
 * `totalCount()` asks for. Loaded with a listing's first read, not with the page: `Paginated`
 * itself (made at once by `api.runs()` and the other listings) keeps only its options.
 *
 * @example
 * ```ts
 * const reader = openReader(source, 10);
 * let items; while ((items = await reader.next()) !== null) console.log(items.length);
 * ```
 * @module
 */

import { WandbError } from '../../errors/index.js';
import { abortable, throwIfAborted } from './concurrency.js';
import type { Page, PageFetcher, PagePosition, PageReader } from './pagination.js';

/**
 * What a reader needs of its listing: its options and where it records what pages report.
 *
 * @example
 * ```ts
 * const source: ReaderSource<string> = { fetchPage, perPage: 50, start: null, what: 'runs', ... };
 * ```
 */
export interface ReaderSource<T> {
  readonly fetchPage: PageFetcher<T>;
  readonly perPage: number;
  readonly start: string | null;
  readonly signal: AbortSignal | undefined;
  readonly what: string;
  readonly countable: boolean;
  readonly prefetch: boolean;
  /** The total count seen so far, if any. */
  knownTotal(): number | undefined;
  /** Records a total count a page reported (or told before its items). */
  noteTotal(total: number): void;
  /** Records the position and total count a page reports (the listing's `notePage`). */
  notePage(page: Page<T>, requestedWith: string | null): void;
}

/** A page request started by a reader, and the cursor it was asked with. */
interface Upcoming<T> {
  cursor: string | null;
  page: Promise<Page<T>>;
  /** Where the page ends, when its fetcher told before its items were ready. */
  told?: PagePosition;
  /** Whether the next page's request was started from {@link told}. */
  startedNext?: boolean;
}

/**
 * A fresh reader from `source.start`. With `limit`, page requests ask for no more than the items
 * still missing.
 *
 * @example
 * ```ts
 * const reader = openReader(source);
 * const firstPage = await reader.next();
 * reader.close?.();
 * ```
 */
export function openReader<T>(source: ReaderSource<T>, limit?: number): PageReader<T> {
  let done = false;
  let received = 0;
  // Where the last page read ended; undefined before the first page.
  let position: Pick<Page<T>, 'cursor' | 'hasNextPage'> | undefined;
  // The next page's request when it was started ahead (null: there is no next page).
  let upcoming: Upcoming<T> | null | undefined;
  // The page the caller is waiting for (the one `next()` awaits), if any.
  let awaited: Upcoming<T> | undefined;
  const seen = new Set<string>();
  if (source.start !== null) seen.add(source.start);
  const closer = new AbortController();

  const load = (cursor: string | null, before: number): Upcoming<T> => {
    const perPage =
      limit === undefined ? source.perPage : Math.max(1, Math.min(source.perPage, limit - before));
    const total = source.countable && source.knownTotal() === undefined;
    const request: Upcoming<T> = { cursor, page: undefined as unknown as Promise<Page<T>> };
    const onPosition = (told: PagePosition): Promise<void> | undefined => {
      if (request.told) return undefined;
      request.told = told;
      return awaited === request && startEarly(request, told) ? yieldToEventLoop() : undefined;
    };
    request.page = (async () => {
      throwIfAborted(source.signal);
      const { signal, dispose } = linkSignals(source.signal, closer.signal);
      try {
        const got = await abortable(source.fetchPage({ cursor, perPage, signal, total, onPosition }), signal);
        throwIfAborted(source.signal);
        return got;
      } finally {
        dispose();
      }
    })();
    // A page fetched ahead fails the iteration only when the caller reaches it.
    request.page.catch(() => undefined);
    return request;
  };

  // The request of the page after `after` (`before` items read until then), or null when there is none.
  const startAfter = (
    after: Pick<Page<T>, 'cursor' | 'hasNextPage'> | undefined,
    before: number,
  ): Upcoming<T> | null => {
    if (after === undefined) return load(source.start, before);
    if (!after.hasNextPage || (limit !== undefined && before >= limit)) return null;
    try {
      checkAdvance(source.what, after.cursor, seen);
    } catch (e) {
      const page = Promise.reject(e);
      page.catch(() => undefined);
      return { cursor: after.cursor, page };
    }
    return load(after.cursor, before);
  };

  // The awaited page's fetcher told where it ends before its items: start the next one now.
  // Whether a request was started.
  const startEarly = (request: Upcoming<T>, told: PagePosition): boolean => {
    if (done || !source.prefetch || upcoming !== undefined) return false;
    if (typeof told.totalCount === 'number') source.noteTotal(told.totalCount);
    request.startedNext = true;
    upcoming = startAfter(told, received + told.count);
    return upcoming !== null;
  };

  const next = async (): Promise<T[] | null> => {
    if (done) return null;
    const ahead = upcoming === undefined ? startAfter(position, received) : upcoming;
    upcoming = undefined;
    if (ahead === null) {
      done = true;
      return null;
    }
    let page: Page<T>;
    awaited = ahead;
    if (ahead.told) startEarly(ahead, ahead.told);
    try {
      throwIfAborted(source.signal);
      page = await ahead.page;
    } catch (e) {
      done = true;
      throw e;
    } finally {
      awaited = undefined;
    }
    if (!page || !Array.isArray(page.items)) {
      done = true;
      throw new WandbError(`Paginating ${source.what}: the page fetcher returned no items array`);
    }
    source.notePage(page, ahead.cursor);
    received += page.items.length;
    // Keep only what the next call needs, not the items.
    position = { cursor: page.cursor, hasNextPage: page.hasNextPage };
    if (source.prefetch) {
      if (!ahead.startedNext) upcoming = startAfter(position, received);
      // Let the request just started reach the network before the caller's work on this page
      // takes the thread: what sends it is a chain of promise callbacks, which a caller's
      // synchronous work per item would otherwise hold back by as much as a millisecond or two.
      if (upcoming !== null) await yieldToEventLoop();
    }
    return page.items;
  };

  const close = (): void => {
    done = true;
    upcoming = undefined;
    closer.abort(new DOMException('The listing was closed.', 'AbortError'));
  };
  return { next, close };
}

/**
 * The total count from one small page at `source.start`, or undefined when the server gives none.
 *
 * @example
 * ```ts
 * const total = await fetchTotal(source); // e.g. 1234
 * ```
 */
export async function fetchTotal<T>(source: ReaderSource<T>): Promise<number | undefined> {
  throwIfAborted(source.signal);
  const page = await abortable(
    source.fetchPage({ cursor: source.start, perPage: 1, signal: source.signal, total: true }),
    source.signal,
  );
  if (typeof page?.totalCount !== 'number') return undefined;
  if (source.knownTotal() === undefined) source.noteTotal(page.totalCount);
  return source.knownTotal();
}

/** Throws when `next` would not move the listing forward. */
function checkAdvance(what: string, next: string | null, seen: Set<string>): asserts next is string {
  if (next === null) {
    throw new WandbError(
      `Paginating ${what}: the server said there are more pages but returned no cursor; ` +
        'stopping to avoid an endless loop',
    );
  }
  if (seen.has(next)) {
    throw new WandbError(
      `Paginating ${what}: the server returned the same cursor twice; stopping to avoid an endless loop`,
    );
  }
  seen.add(next);
}

/**
 * Resolves after the promise callbacks queued so far (and those they queue) have run: at the next
 * turn of the event loop. `setImmediate` where there is one (Node); else a `MessageChannel`
 * message (browsers), which, unlike `setTimeout(0)`, browsers do not hold back by 4 ms once such
 * waits follow one another; else `setTimeout(0)`.
 */
function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A signal that aborts when either one does, with its reason; `dispose` removes the listeners. */
function linkSignals(
  outer: AbortSignal | undefined,
  inner: AbortSignal,
): { signal: AbortSignal; dispose: () => void } {
  if (!outer) return { signal: inner, dispose: () => undefined };
  const controller = new AbortController();
  const fromOuter = (): void => controller.abort(outer.reason);
  const fromInner = (): void => controller.abort(inner.reason);
  if (outer.aborted) fromOuter();
  else if (inner.aborted) fromInner();
  outer.addEventListener('abort', fromOuter, { once: true });
  inner.addEventListener('abort', fromInner, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      outer.removeEventListener('abort', fromOuter);
      inner.removeEventListener('abort', fromInner);
    },
  };
}
