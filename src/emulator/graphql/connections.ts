/**
 * Connections: keyset pagination over sorted items with opaque cursors, and the `edges` /
 * `pageInfo` of a Relay connection answer.
 *
 * @example
 * ```ts
 * import { paginate, connectionOf, byCreation } from './connections.js';
 * const page = paginate(projects, byCreation, 'models', 1, { first: 10 });
 * connectionOf(page, (project) => project); // { pageInfo, edges: [{ node, cursor }] }
 * ```
 * @module
 */
import { QueryInputError } from './errors.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A position in an ordered listing: the sort value (`missing` when the item has none), then the
 * creation time and the integer id that make the ordering total.
 *
 * @example
 * ```ts
 * const key: SortKey = { missing: false, value: 0.1, createdAt: '2024-01-01T00:00:00Z', id: 7 };
 * ```
 */
export interface SortKey {
  missing: boolean;
  value: unknown;
  createdAt: string;
  id: number;
}

function typeRank(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  return 3;
}

function compareScalars(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') {
    // NaN sorts below every number (as in MongoDB); `a - b` would be NaN for NaN and for ±Infinity pairs.
    if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(b)) - Number(Number.isNaN(a));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (ra === 3) {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    return ja < jb ? -1 : ja > jb ? 1 : 0;
  }
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Compares two sort keys: items without a value come last whatever the direction; everything else
 * (value, then creation time, then id) follows `direction`.
 *
 * @example
 * ```ts
 * [k1, k2].sort((a, b) => compareSortKeys(a, b, -1));
 * ```
 */
export function compareSortKeys(a: SortKey, b: SortKey, direction: 1 | -1): number {
  if (a.missing !== b.missing) return a.missing ? 1 : -1;
  if (!a.missing) {
    const byValue = compareScalars(a.value, b.value);
    if (byValue !== 0) return byValue * direction;
  }
  if (a.createdAt !== b.createdAt) return (a.createdAt < b.createdAt ? -1 : 1) * direction;
  return (a.id - b.id) * direction;
}

interface CursorPayload {
  o: string;
  /** `[missing, value, createdAt, id]`; the value is wrapped by {@link wrapCursorValue}. */
  k: [boolean, unknown, string, number];
}

/** JSON has no NaN or ±Infinity: such sort values travel as `{ n: 'NaN' }`, others as `{ v: value }`. */
function wrapCursorValue(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { n: String(value) };
  return { v: value };
}

function unwrapCursorValue(wrapped: unknown): { ok: boolean; value: unknown } {
  if (!isPlainObject(wrapped)) return { ok: false, value: undefined };
  if (Object.hasOwn(wrapped, 'v')) return { ok: true, value: wrapped.v };
  if (wrapped.n === 'NaN' || wrapped.n === 'Infinity' || wrapped.n === '-Infinity') {
    return { ok: true, value: Number(wrapped.n) };
  }
  return { ok: false, value: undefined };
}

/**
 * Encodes an opaque cursor for a position in a listing ordered by `tag`.
 *
 * @example
 * ```ts
 * const cursor = encodeCursor('+createdAt', key);
 * decodeCursor(cursor, '+createdAt'); // key
 * ```
 */
export function encodeCursor(tag: string, key: SortKey): string {
  const payload: CursorPayload = {
    o: tag,
    k: [key.missing, wrapCursorValue(key.value), key.createdAt, key.id],
  };
  return Buffer.from(`cursor:${JSON.stringify(payload)}`, 'utf8').toString('base64');
}

/**
 * Decodes a cursor made by {@link encodeCursor}; throws {@link QueryInputError} when it is not one or
 * belongs to another ordering.
 *
 * @example
 * ```ts
 * decodeCursor('garbage', '+createdAt'); // throws
 * ```
 */
export function decodeCursor(cursor: string, tag: string): SortKey {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  let payload: unknown;
  try {
    if (!text.startsWith('cursor:')) throw new Error('no prefix');
    payload = JSON.parse(text.slice('cursor:'.length));
  } catch {
    throw new QueryInputError(`Invalid cursor "${cursor}"`);
  }
  if (!isPlainObject(payload) || typeof payload.o !== 'string' || !Array.isArray(payload.k)) {
    throw new QueryInputError(`Invalid cursor "${cursor}"`);
  }
  const [missing, wrapped, createdAt, id] = payload.k as unknown[];
  const { ok, value } = unwrapCursorValue(wrapped);
  if (!ok || typeof missing !== 'boolean' || typeof createdAt !== 'string' || typeof id !== 'number') {
    throw new QueryInputError(`Invalid cursor "${cursor}"`);
  }
  if (payload.o !== tag) {
    throw new QueryInputError(`Cursor "${cursor}" belongs to another ordering (${payload.o}, not ${tag})`);
  }
  return { missing, value, createdAt, id };
}

/**
 * Relay paging arguments, as far as the emulator implements them: forward paging with `after`
 * and `first` (resolvers do not declare `before` and `last`, so requests giving them are refused).
 *
 * @example
 * ```ts
 * const args: PageArgs = { after: null, first: 50 };
 * ```
 */
export interface PageArgs {
  after?: string | null;
  first?: number | null;
}

/**
 * One page of a connection.
 *
 * @example
 * ```ts
 * page.edges.map((e) => e.cursor);
 * ```
 */
export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

/**
 * The `pageInfo` and `edges` of a connection answer for a page, each node turned into its view.
 * (Connections that have a `totalCount` add `page.totalCount` themselves.)
 *
 * @example
 * ```ts
 * const page = paginate(projects, byCreation, 'models', 1, { first: 10 });
 * connectionOf(page, (project) => project); // { pageInfo, edges: [{ node, cursor }] }
 * ```
 */
export function connectionOf<T, V>(
  page: Page<T>,
  view: (node: T) => V,
): { pageInfo: Page<T>['pageInfo']; edges: { node: V; cursor: string }[] } {
  return {
    pageInfo: page.pageInfo,
    edges: page.edges.map((e) => ({ node: view(e.node), cursor: e.cursor })),
  };
}

/**
 * Sorts items by key and returns the page after `args.after` of at most `args.first` items
 * (default `defaultFirst`). Keyset paging: a cursor stays valid even if its item disappears.
 *
 * @example
 * ```ts
 * paginate(runs, (r) => key(r), '+createdAt', 1, { first: 2 });
 * ```
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  tag: string,
  direction: 1 | -1,
  args: PageArgs,
  defaultFirst = 50,
): Page<T> {
  checkFirst(args, defaultFirst);
  return pageOfSorted(sortByKey(items, keyOf, direction), tag, direction, args, defaultFirst);
}

/**
 * Items with their sort keys, sorted by {@link compareSortKeys} in `direction`: what
 * {@link pageOfSorted} pages through, and what a listing whose keys cannot change may keep
 * between pages.
 *
 * @example
 * ```ts
 * const keyed = sortByKey(projects, byCreation, 1);
 * pageOfSorted(keyed, 'models', 1, { first: 10 });
 * ```
 */
export function sortByKey<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  direction: 1 | -1,
): { item: T; key: SortKey }[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => compareSortKeys(a.key, b.key, direction));
  return keyed;
}

function checkFirst(args: PageArgs, defaultFirst: number): number {
  const first = args.first ?? defaultFirst;
  if (!Number.isInteger(first) || first < 0) {
    throw new QueryInputError(`Invalid argument first: ${first} (must be an integer >= 0)`);
  }
  return first;
}

/**
 * The page after `args.after` of at most `args.first` items (default `defaultFirst`) of items
 * already sorted by {@link sortByKey}: the cursor is found by binary search, so a page costs
 * O(log n + page) whatever the listing's length.
 *
 * @example
 * ```ts
 * pageOfSorted(sortByKey(runs, keyOf, 1), '+createdAt', 1, { first: 2, after: cursor });
 * ```
 */
export function pageOfSorted<T>(
  keyed: readonly { item: T; key: SortKey }[],
  tag: string,
  direction: 1 | -1,
  args: PageArgs,
  defaultFirst = 50,
): Page<T> {
  const first = checkFirst(args, defaultFirst);
  let start = 0;
  if (args.after !== undefined && args.after !== null) {
    const after = decodeCursor(args.after, tag);
    // The first item after the cursor, by binary search over the sorted keys.
    let lo = 0;
    let hi = keyed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSortKeys((keyed[mid] as { key: SortKey }).key, after, direction) > 0) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const slice = keyed.slice(start, start + first);
  const edges = slice.map(({ item, key }) => ({ node: item, cursor: encodeCursor(tag, key) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + slice.length < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: keyed.length,
  };
}

/**
 * The sort key of a listing in creation order: stored integer ids grow with creation.
 *
 * @example
 * ```ts
 * paginate(store.projectsOfEntity('alice'), byCreation, 'models', 1, { first: 10 });
 * ```
 */
export function byCreation(record: { id: number }): SortKey {
  return { missing: false, value: record.id, createdAt: '', id: record.id };
}
