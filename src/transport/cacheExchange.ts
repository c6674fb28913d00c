/**
 * A small document cache for urql: successful query results are kept by operation key (document +
 * variables) and served again without a request.
 *
 * - `requestPolicy: 'network-only'` or `'cache-and-network'` skips the lookup (the fresh result is
 *   still stored); `'cache-first'` (urql's default) and `'cache-only'` read it (a miss goes to the
 *   network in both).
 * - Any mutation empties the cache, when it is sent and again when its result arrives, so no query
 *   answered before or during a mutation is served after it.
 * - {@link CacheExchange.flush} empties it.
 * - Results with any error (network, HTTP, GraphQL, partial data) are never stored, nor results
 *   that the operation's `context.cacheIf(data)` rejects (e.g. "the object asked for was null", so
 *   that polling for something that does not exist yet sees it once it does), nor results of
 *   operations whose `context.store` is `false` (the transport sets it for the pages of listings).
 * - Results are deep-copied in and out, so callers may mutate what they get.
 * - At most `maxEntries` results are kept; the least recently used goes first.
 *
 * @example
 * ```ts
 * const cache = cacheExchange({ maxEntries: 100 });
 * const client = new Client({ url, exchanges: [cache, fetchExchange] });
 * cache.flush();
 * ```
 * @module
 */
import type { Exchange, Operation, OperationResult } from '@urql/core';
import { filter, map, merge, onPush, pipe, share } from 'wonka';

/** Options of {@link cacheExchange}. */
export interface CacheExchangeOptions {
  /**
   * Most results kept; beyond it the least recently used is evicted.
   * @defaultValue 1_000
   */
  maxEntries?: number;
}

/** The exchange, plus a handle on its store. */
export interface CacheExchange extends Exchange {
  /** Empties the cache. Queries in flight when it is called are not stored either. */
  flush(): void;
  /** Number of results currently stored. */
  readonly size: number;
}

/** Default of {@link CacheExchangeOptions.maxEntries}. */
export const DEFAULT_CACHE_MAX_ENTRIES = 1_000;

function clone<T>(value: T): T {
  if (value === undefined || value === null || typeof value !== 'object') return value;
  return typeof structuredClone === 'function'
    ? structuredClone(value)
    : (JSON.parse(JSON.stringify(value)) as T);
}

function readsCache(op: Operation): boolean {
  const policy = op.context.requestPolicy;
  return op.kind === 'query' && policy !== 'network-only' && policy !== 'cache-and-network';
}

/** Creates the cache exchange. See the module description for its rules. */
export function cacheExchange(options: CacheExchangeOptions = {}): CacheExchange {
  const maxEntries = Math.max(0, Math.floor(options.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES));
  const results = new Map<number, OperationResult>();
  /** Cache generation at which each in-flight query was sent: a flush in between voids its result. */
  const sentAt = new Map<number, number>();
  let generation = 0;

  const flush = (): void => {
    results.clear();
    generation++;
  };

  const store = (result: OperationResult): void => {
    const key = result.operation.key;
    const gen = sentAt.get(key);
    sentAt.delete(key);
    if (gen !== generation || result.error || result.data == null || result.hasNext || maxEntries === 0)
      return;
    const cacheIf: unknown = result.operation.context.cacheIf;
    if (typeof cacheIf === 'function' && !(cacheIf as (data: unknown) => boolean)(result.data)) return;
    if (result.operation.context.store === false) return;
    results.delete(key);
    results.set(key, { ...result, data: clone(result.data) });
    while (results.size > maxEntries) {
      const oldest = results.keys().next();
      if (oldest.done) break;
      results.delete(oldest.value);
    }
  };

  const exchange: Exchange =
    ({ forward }) =>
    (operations$) => {
      // Decide once per operation whether it is a hit, then split the stream.
      const decided$ = pipe(
        operations$,
        map((op: Operation) => ({ op, hit: readsCache(op) ? results.get(op.key) : undefined })),
        share,
      );

      const hits$ = pipe(
        decided$,
        filter((d) => d.hit !== undefined),
        map(({ op, hit }): OperationResult => {
          const r = hit as OperationResult;
          // Refresh recency.
          results.delete(op.key);
          results.set(op.key, r);
          return { ...r, operation: op, data: clone(r.data), stale: false, hasNext: false };
        }),
      );

      const misses$ = pipe(
        decided$,
        filter((d) => d.hit === undefined),
        map(({ op }) => op),
        onPush((op: Operation) => {
          if (op.kind === 'mutation') flush();
          else if (op.kind === 'query') sentAt.set(op.key, generation);
          else if (op.kind === 'teardown') sentAt.delete(op.key);
        }),
        forward,
        onPush((result: OperationResult) => {
          if (result.operation.kind === 'mutation') flush();
          else if (result.operation.kind === 'query') store(result);
        }),
      );

      return merge([hits$, misses$]);
    };

  return Object.defineProperties(exchange, {
    flush: { value: flush, enumerable: true },
    size: { get: (): number => results.size, enumerable: true },
  }) as CacheExchange;
}
