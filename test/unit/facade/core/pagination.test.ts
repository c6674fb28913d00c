import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { UnsupportedError, ValidationError, WandbError } from '../../../../src/errors/index.js';
import {
  connectionPosition,
  Paginated,
  validatePerPage,
  type Page,
  type PageFetcher,
} from '../../../../src/facade/core/pagination.js';

interface Call {
  cursor: string | null;
  perPage: number;
}

/** A server of `total` numbered items; cursors are the index after the page, as strings. */
function numbers(
  total: number,
  opts: { withTotal?: boolean } = {},
): { fetch: PageFetcher<number>; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: PageFetcher<number> = async ({ cursor, perPage }) => {
    calls.push({ cursor, perPage });
    const from = cursor === null ? 0 : Number(cursor);
    const to = Math.min(total, from + perPage);
    const items = Array.from({ length: to - from }, (_, i) => from + i);
    const page: Page<number> = { items, cursor: items.length ? String(to) : null, hasNextPage: to < total };
    if (opts.withTotal !== false) page.totalCount = total;
    return page;
  };
  return { fetch, calls };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('Paginated', () => {
  it('iterates across pages in order', async () => {
    const { fetch, calls } = numbers(7);
    const p = new Paginated(fetch, { perPage: 3 });
    expect(await collect(p)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(calls).toEqual([
      { cursor: null, perPage: 3 },
      { cursor: '3', perPage: 3 },
      { cursor: '6', perPage: 3 },
    ]);
    expect(p.cursor).toBe('7');
  });

  it('yields pages with pages()', async () => {
    const { fetch } = numbers(5);
    expect(await collect(new Paginated(fetch, { perPage: 2 }).pages())).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('handles an empty listing', async () => {
    const { fetch } = numbers(0);
    const p = new Paginated(fetch, { perPage: 2 });
    expect(await collect(p)).toEqual([]);
    expect(await p.first()).toBeUndefined();
    expect(p.cursor).toBeNull();
  });

  it('starts over on every iteration', async () => {
    const { fetch, calls } = numbers(4);
    const p = new Paginated(fetch, { perPage: 3 });
    expect(await collect(p)).toEqual([0, 1, 2, 3]);
    expect(await collect(p)).toEqual([0, 1, 2, 3]);
    expect(await collect(p.pages())).toEqual([[0, 1, 2], [3]]);
    expect(calls.filter((c) => c.cursor === null)).toHaveLength(3);
  });

  it('supports concurrent independent iterators', async () => {
    const { fetch } = numbers(4);
    const p = new Paginated(fetch, { perPage: 2 });
    const a = p[Symbol.asyncIterator]();
    const b = p[Symbol.asyncIterator]();
    expect((await a.next()).value).toBe(0);
    expect((await a.next()).value).toBe(1);
    expect((await b.next()).value).toBe(0);
    expect((await a.next()).value).toBe(2);
  });

  it('toArray stops fetching once the limit is reached and asks for no more than needed', async () => {
    const { fetch, calls } = numbers(100);
    const p = new Paginated(fetch, { perPage: 10 });
    expect(await p.toArray({ limit: 15 })).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(calls).toEqual([
      { cursor: null, perPage: 10 },
      { cursor: '10', perPage: 5 },
    ]);
    expect(p.cursor).toBe('15');
    calls.length = 0;
    expect(await p.toArray({ limit: 0 })).toEqual([]);
    expect(calls).toEqual([]);
    expect(await new Paginated(numbers(3).fetch, { perPage: 2 }).toArray({ limit: 10 })).toEqual([0, 1, 2]);
    expect(await new Paginated(numbers(3).fetch, { perPage: 2 }).toArray()).toEqual([0, 1, 2]);
  });

  it('toArray truncates when the server sends more than asked for', async () => {
    const fetch: PageFetcher<number> = async () => ({ items: [1, 2, 3, 4], cursor: 'x', hasNextPage: true });
    expect(await new Paginated(fetch, { perPage: 10 }).toArray({ limit: 2 })).toEqual([1, 2]);
  });

  it.each([-1, 1.5, NaN, Infinity, '3'])('toArray rejects limit %j', async (limit) => {
    const p = new Paginated(numbers(3).fetch, { perPage: 2 });
    await expect(p.toArray({ limit: limit as number })).rejects.toMatchObject({ parameter: 'limit' });
  });

  it('first() fetches one page of one item', async () => {
    const { fetch, calls } = numbers(100);
    expect(await new Paginated(fetch, { perPage: 50 }).first()).toBe(0);
    expect(calls).toEqual([{ cursor: null, perPage: 1 }]);
  });

  it('first() skips empty pages that say more follow', async () => {
    const pages: Page<string>[] = [
      { items: [], cursor: 'a', hasNextPage: true },
      { items: ['x'], cursor: 'b', hasNextPage: false },
    ];
    let i = 0;
    const p = new Paginated<string>(async () => pages[i++] as Page<string>, { perPage: 5 });
    expect(await p.first()).toBe('x');
  });

  it('resumes from a cursor with start', async () => {
    const { fetch, calls } = numbers(10);
    const p = new Paginated(fetch, { perPage: 4 });
    expect(await p.toArray({ limit: 4 })).toEqual([0, 1, 2, 3]);
    const resumed = new Paginated(fetch, { perPage: 4, start: p.cursor });
    expect(resumed.cursor).toBe('4');
    expect(await collect(resumed)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(calls.at(-2)).toEqual({ cursor: '4', perPage: 4 });
    expect(resumed.cursor).toBe('10');
  });

  it('advances the cursor by whole pages when a for-await loop breaks mid-page', async () => {
    const p = new Paginated(numbers(10).fetch, { perPage: 4 });
    for await (const n of p) if (n === 1) break;
    expect(p.cursor).toBe('4');
  });

  it('stops with a WandbError when the server repeats a cursor', async () => {
    let n = 0;
    const fetch: PageFetcher<number> = async () => ({ items: [n++], cursor: 'same', hasNextPage: true });
    const p = new Paginated(fetch, { perPage: 1, what: 'runs' });
    const seen: number[] = [];
    const err = await (async () => {
      try {
        for await (const x of p) seen.push(x);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WandbError);
    expect(err).not.toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('same cursor twice');
    expect((err as Error).message).toContain('runs');
    expect(seen).toEqual([0, 1]); // both pages' items were delivered before the guard fired
  });

  it('stops when the cursor cycles back or equals the start cursor', async () => {
    const cycle = ['a', 'b', 'a'];
    let i = 0;
    const fetch: PageFetcher<number> = async () => ({
      items: [i],
      cursor: cycle[i++] ?? 'z',
      hasNextPage: true,
    });
    await expect(new Paginated(fetch, { perPage: 1 }).toArray()).rejects.toThrow(/same cursor twice/);

    const stuck: PageFetcher<number> = async ({ cursor }) => ({ items: [1], cursor, hasNextPage: true });
    await expect(new Paginated(stuck, { perPage: 1, start: 's' }).toArray()).rejects.toThrow(
      /same cursor twice/,
    );
  });

  it('stops when the server says there is more but gives no cursor', async () => {
    const fetch: PageFetcher<number> = async () => ({ items: [1], cursor: null, hasNextPage: true });
    await expect(new Paginated(fetch, { perPage: 1 }).toArray()).rejects.toThrow(/no cursor/);
  });

  it('does not complain about a repeated cursor on the last page', async () => {
    const fetch: PageFetcher<number> = async ({ cursor }) => ({ items: [1], cursor, hasNextPage: false });
    expect(await new Paginated(fetch, { perPage: 1, start: 'x' }).toArray()).toEqual([1]);
  });

  it('rejects with signal.reason when aborted before the first page', async () => {
    const { fetch, calls } = numbers(5);
    const ac = new AbortController();
    const reason = new Error('stop');
    ac.abort(reason);
    const p = new Paginated(fetch, { perPage: 2, signal: ac.signal });
    await expect(p.toArray()).rejects.toBe(reason);
    await expect(p.totalCount()).rejects.toBe(reason);
    await expect(collect(p.pages())).rejects.toBe(reason);
    expect(calls).toEqual([]);
  });

  it.each([
    [true, 2], // the first page and the one fetched ahead
    [false, 1],
  ])('rejects with signal.reason when aborted between pages (prefetch %s)', async (prefetch, requests) => {
    const { fetch, calls } = numbers(10);
    const ac = new AbortController();
    const p = new Paginated(fetch, { perPage: 2, signal: ac.signal, prefetch });
    const seen: number[] = [];
    const run = (async () => {
      for await (const n of p) {
        seen.push(n);
        if (n === 1) ac.abort('enough');
      }
    })();
    await expect(run).rejects.toBe('enough');
    expect(seen).toEqual([0, 1]);
    expect(calls).toHaveLength(requests);
  });

  it('passes the signal to the fetcher and rejects a hanging request on abort', async () => {
    const ac = new AbortController();
    let called!: (signal: AbortSignal | undefined) => void;
    const received = new Promise<AbortSignal | undefined>((resolve) => (called = resolve));
    const fetch: PageFetcher<number> = ({ signal }) => {
      called(signal);
      return new Promise<Page<number>>(() => {}); // never settles
    };
    const pending = new Paginated(fetch, { perPage: 1, signal: ac.signal }).toArray();
    const signal = await received; // the request is pending now
    expect(signal?.aborted).toBe(false);
    const reason = new DOMException('aborted', 'AbortError');
    ac.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe(reason);
  });

  it('propagates fetcher errors and ends the iteration', async () => {
    const boom = new Error('boom');
    let calls = 0;
    const fetch: PageFetcher<number> = async () => {
      calls++;
      throw boom;
    };
    const it = new Paginated(fetch, { perPage: 1 })[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toBe(boom);
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(calls).toBe(1);
  });

  describe('totalCount', () => {
    it('fetches one small page and caches the count', async () => {
      const { fetch, calls } = numbers(42);
      const p = new Paginated(fetch, { perPage: 10 });
      const [a, b] = await Promise.all([p.totalCount(), p.totalCount()]);
      expect([a, b]).toEqual([42, 42]);
      expect(await p.totalCount()).toBe(42);
      expect(calls).toEqual([{ cursor: null, perPage: 1 }]);
      expect(p.cursor).toBeNull(); // counting does not move the cursor
    });

    it('reuses a count seen while iterating', async () => {
      const { fetch, calls } = numbers(3);
      const p = new Paginated(fetch, { perPage: 10 });
      await p.toArray();
      expect(await p.totalCount()).toBe(3);
      expect(calls).toHaveLength(1);
    });

    it('throws UnsupportedError when the server gives no total', async () => {
      const { fetch, calls } = numbers(3, { withTotal: false });
      const p = new Paginated(fetch, { perPage: 10, what: 'reports' });
      await expect(p.totalCount()).rejects.toBeInstanceOf(UnsupportedError);
      await expect(p.totalCount()).rejects.toThrow(/reports/);
      expect(calls).toHaveLength(1);
    });

    it('retries after a failed fetch', async () => {
      let fail = true;
      const fetch: PageFetcher<number> = async () => {
        if (fail) {
          fail = false;
          throw new Error('flaky');
        }
        return { items: [], cursor: null, hasNextPage: false, totalCount: 0 };
      };
      const p = new Paginated(fetch, { perPage: 1 });
      await expect(p.totalCount()).rejects.toThrow('flaky');
      expect(await p.totalCount()).toBe(0);
    });
  });

  describe('perPage validation', () => {
    it.each([0, -1, 1.5, NaN, Infinity, '50', null, undefined, 2 ** 31, 2 ** 60])('rejects %j', (n) => {
      expect(() => validatePerPage(n)).toThrow(ValidationError);
      expect(() => new Paginated(numbers(1).fetch, { perPage: n as number })).toThrow(
        expect.objectContaining({ parameter: 'perPage' }),
      );
    });

    it('accepts positive integers and names the parameter given', () => {
      expect(validatePerPage(1)).toBe(1);
      expect(validatePerPage(5000)).toBe(5000);
      expect(validatePerPage(2 ** 31 - 1)).toBe(2_147_483_647); // the largest GraphQL Int
      try {
        validatePerPage(0, 'fileLimit');
        expect.unreachable();
      } catch (e) {
        expect((e as ValidationError).parameter).toBe('fileLimit');
      }
    });

    it('rejects a non-string start cursor', () => {
      expect(() => new Paginated(numbers(1).fetch, { perPage: 1, start: 5 as unknown as string })).toThrow(
        expect.objectContaining({ parameter: 'start' }),
      );
    });
  });

  it('can be subclassed', async () => {
    class Doubled extends Paginated<number> {
      constructor() {
        super(numbers(3).fetch, { perPage: 2, what: 'doubles' });
      }
      describe(): string {
        return `${this.what} by ${this.perPage}`;
      }
    }
    const d = new Doubled();
    expect(d.describe()).toBe('doubles by 2');
    expect(await d.toArray()).toEqual([0, 1, 2]);
  });

  it('keeps no reference to items it has already yielded', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const fetch: PageFetcher<{ n: number }> = async ({ cursor }) => {
      const from = cursor === null ? 0 : Number(cursor);
      return {
        items: [{ n: from }, { n: from + 1 }, { n: from + 2 }],
        cursor: String(from + 3),
        hasNextPage: from < 6,
      };
    };
    const it = new Paginated(fetch, { perPage: 3 })[Symbol.asyncIterator]();
    let ref: WeakRef<object> | undefined;
    await (async () => {
      const first = await it.next();
      ref = new WeakRef(first.value as object);
    })();
    await it.next(); // same page, next item
    await it.next();
    await it.next(); // next page
    await new Promise((r) => setImmediate(r)); // one turn of the event loop: pending jobs settle
    gc();
    expect(ref?.deref()).toBeUndefined();
    await it.return?.();
  });

  it('keeps no reference to a yielded item while the rest of its page is read', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const fetch: PageFetcher<{ n: number }> = async () => ({
      items: [{ n: 0 }, { n: 1 }, { n: 2 }],
      cursor: 'end',
      hasNextPage: false,
    });
    const it = new Paginated(fetch, { perPage: 3 })[Symbol.asyncIterator]();
    let ref: WeakRef<object> | undefined;
    await (async () => {
      const first = await it.next();
      ref = new WeakRef(first.value as object);
    })();
    await it.next(); // second item of the same page: the first must be collectable now
    await new Promise((r) => setImmediate(r)); // one turn of the event loop: pending jobs settle
    gc();
    expect(ref?.deref()).toBeUndefined();
    await it.return?.();
  });
});

describe('connectionPosition: the next-cursor rule of every listing', () => {
  it('prefers pageInfo.endCursor over the last edge cursor', () => {
    const page = {
      edges: [{ cursor: 'c1' }, { cursor: 'c2' }],
      pageInfo: { endCursor: 'end', hasNextPage: true },
    };
    expect(connectionPosition(page)).toEqual({ cursor: 'end', hasNextPage: true });
  });

  it('falls back to the last edge cursor when the server gives no endCursor', () => {
    const page = {
      edges: [{ cursor: 'c1' }, { cursor: 'c2' }],
      pageInfo: { endCursor: null, hasNextPage: true },
    };
    expect(connectionPosition(page)).toEqual({ cursor: 'c2', hasNextPage: true });
  });

  it('makes a missing connection, or an empty one without endCursor, an empty last page', () => {
    expect(connectionPosition(null)).toEqual({ cursor: null, hasNextPage: false });
    expect(connectionPosition(undefined)).toEqual({ cursor: null, hasNextPage: false });
    expect(connectionPosition({ edges: [], pageInfo: { endCursor: null, hasNextPage: false } })).toEqual({
      cursor: null,
      hasNextPage: false,
    });
  });
});

/** A server of `total` numbered items whose pages arrive only when the test says so. */
function heldPages(total: number) {
  interface Held {
    cursor: string | null;
    perPage: number;
    total: boolean | undefined;
    signal: AbortSignal | undefined;
    answer(): void;
    fail(e: unknown): void;
  }
  const requests: Held[] = [];
  const fetch: PageFetcher<number> = (args) =>
    new Promise<Page<number>>((resolve, reject) => {
      requests.push({
        cursor: args.cursor,
        perPage: args.perPage,
        total: args.total,
        signal: args.signal,
        answer() {
          const from = args.cursor === null ? 0 : Number(args.cursor);
          const to = Math.min(total, from + args.perPage);
          const items = Array.from({ length: to - from }, (_, i) => from + i);
          resolve({ items, cursor: String(to), hasNextPage: to < total, totalCount: total });
        },
        fail: reject,
      });
    });
  return { fetch, requests };
}

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Collects the unhandled rejections that happen while `body` runs (and a few turns after). */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await body();
    for (let i = 0; i < 5; i++) await settle();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return seen;
}

describe('Paginated: prefetching the next page', () => {
  it('requests the next page as soon as a page arrives, before the caller has finished it', async () => {
    const server = heldPages(6);
    const it = new Paginated(server.fetch, { perPage: 2 })[Symbol.asyncIterator]();
    const first = it.next();
    await settle();
    expect(server.requests).toHaveLength(1);
    server.requests[0]!.answer();
    expect(await first).toEqual({ done: false, value: 0 });
    await settle();
    expect(server.requests.map((r) => r.cursor)).toEqual([null, '2']); // page 2 asked while on item 0
    await it.return?.();
  });

  it.each([
    ['setImmediate (Node)', false],
    ['a MessageChannel (browsers, no setImmediate)', true],
  ])(
    "lets the next page's request reach the network before handing over a page, by %s",
    async (_how, browserLike) => {
      if (browserLike) vi.stubGlobal('setImmediate', undefined);
      try {
        // A fetcher whose request goes out only after a chain of promise callbacks, as urql's and
        // fetch's do: the caller's synchronous work on the page must not hold it back.
        const sent: string[] = [];
        const fetch: PageFetcher<number> = async ({ cursor }) => {
          for (let i = 0; i < 50; i++) await Promise.resolve();
          sent.push(String(cursor));
          const from = cursor === null ? 0 : Number(cursor);
          return { items: [from, from + 1], cursor: String(from + 2), hasNextPage: from < 4 };
        };
        const seenAtFirstItem: string[][] = [];
        for await (const n of new Paginated(fetch, { perPage: 2 })) {
          if (n % 2 === 0) seenAtFirstItem.push([...sent]);
        }
        // At the first item of each page, the request of the page after it has been sent already.
        expect(seenAtFirstItem).toEqual([
          ['null', '2'],
          ['null', '2', '4'],
          ['null', '2', '4'],
        ]);
      } finally {
        vi.unstubAllGlobals();
      }
    },
  );

  it('is never more than one page ahead', async () => {
    const server = heldPages(10);
    const it = new Paginated(server.fetch, { perPage: 2 })[Symbol.asyncIterator]();
    const first = it.next();
    await settle();
    server.requests[0]!.answer();
    expect((await first).value).toBe(0);
    expect((await it.next()).value).toBe(1);
    const third = it.next(); // waits for page 2, already requested
    await settle();
    expect(server.requests).toHaveLength(2);
    server.requests[1]!.answer();
    expect((await third).value).toBe(2);
    await settle();
    expect(server.requests).toHaveLength(3); // page 3 only once page 2 has arrived
    // The caller is slow: page 3 arrives, nothing more is asked until the caller reaches it.
    server.requests[2]!.answer();
    await settle();
    await settle();
    expect(server.requests).toHaveLength(3);
    expect((await it.next()).value).toBe(3);
    expect((await it.next()).value).toBe(4); // the first item of page 3
    await settle();
    expect(server.requests).toHaveLength(4);
    await it.return?.();
  });

  it('yields every item once, in order, and asks each page once', async () => {
    const { fetch, calls } = numbers(25);
    const p = new Paginated(fetch, { perPage: 4 });
    expect(await collect(p)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(calls.map((c) => c.cursor)).toEqual([null, '4', '8', '12', '16', '20', '24']);
    expect(await collect(p.pages())).toHaveLength(7);
    expect(await p.toArray()).toHaveLength(25);
  });

  it('yields the same with and without prefetch', async () => {
    const a = numbers(23);
    const b = numbers(23);
    const withAhead = await collect(new Paginated(a.fetch, { perPage: 5 }));
    const without = await collect(new Paginated(b.fetch, { perPage: 5, prefetch: false }));
    expect(withAhead).toEqual(without);
    expect(a.calls).toEqual(b.calls);
  });

  it('prefetch: false asks for a page only when the iteration reaches it', async () => {
    const server = heldPages(6);
    const it = new Paginated(server.fetch, { perPage: 2, prefetch: false })[Symbol.asyncIterator]();
    const first = it.next();
    await settle();
    server.requests[0]!.answer();
    expect((await first).value).toBe(0);
    expect((await it.next()).value).toBe(1);
    await settle();
    expect(server.requests).toHaveLength(1);
    const third = it.next();
    await settle();
    expect(server.requests).toHaveLength(2);
    server.requests[1]!.answer();
    expect((await third).value).toBe(2);
    await it.return?.();
  });

  it('rejects a prefetch option that is not a boolean, before any request', () => {
    const { fetch, calls } = numbers(3);
    expect(() => new Paginated(fetch, { perPage: 2, prefetch: 'no' as unknown as boolean })).toThrow(
      ValidationError,
    );
    expect(calls).toHaveLength(0);
  });

  it('cancels the page fetched ahead when the caller breaks, with no unhandled rejection and no further page', async () => {
    const server = heldPages(10);
    const p = new Paginated(server.fetch, { perPage: 2 });
    const unhandled = await unhandledDuring(async () => {
      const loop = (async () => {
        for await (const n of p) if (n === 0) break;
      })();
      await settle();
      server.requests[0]!.answer();
      await loop;
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1]!.signal?.aborted).toBe(true);
      server.requests[1]!.fail(new Error('the fetch of a page nobody reads'));
    });
    expect(unhandled).toEqual([]);
    expect(server.requests).toHaveLength(2);
    expect(p.cursor).toBe('2'); // resuming continues after the page read, not the one fetched ahead
  });

  it('toArray({ limit }) and first() fetch nothing beyond what they return', async () => {
    const a = numbers(10);
    expect(await new Paginated(a.fetch, { perPage: 2 }).toArray({ limit: 3 })).toEqual([0, 1, 2]);
    expect(a.calls).toEqual([
      { cursor: null, perPage: 2 },
      { cursor: '2', perPage: 1 },
    ]);
    const b = numbers(10);
    expect(await new Paginated(b.fetch, { perPage: 2 }).first()).toBe(0);
    expect(b.calls).toEqual([{ cursor: null, perPage: 1 }]);
  });

  it('throws the failure of a page fetched ahead only when the caller reaches that page', async () => {
    const server = heldPages(10);
    const boom = new Error('page 2 failed');
    const seen: number[] = [];
    const unhandled = await unhandledDuring(async () => {
      const it = new Paginated(server.fetch, { perPage: 3 })[Symbol.asyncIterator]();
      const first = it.next();
      await settle();
      server.requests[0]!.answer();
      seen.push((await first).value as number);
      await settle();
      server.requests[1]!.fail(boom);
      await settle();
      seen.push((await it.next()).value as number, (await it.next()).value as number);
      await expect(it.next()).rejects.toBe(boom);
      expect(await it.next()).toEqual({ done: true, value: undefined });
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(unhandled).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('rejects the iteration with the abort reason when the signal aborts during a prefetch', async () => {
    const server = heldPages(10);
    const ac = new AbortController();
    const reason = new Error('stopped by the caller');
    const unhandled = await unhandledDuring(async () => {
      const it = new Paginated(server.fetch, { perPage: 2, signal: ac.signal })[Symbol.asyncIterator]();
      const first = it.next();
      await settle();
      server.requests[0]!.answer();
      expect((await first).value).toBe(0);
      await settle();
      expect(server.requests).toHaveLength(2);
      ac.abort(reason);
      expect(server.requests[1]!.signal?.aborted).toBe(true);
      expect(server.requests[1]!.signal?.reason).toBe(reason);
      expect((await it.next()).value).toBe(1); // the rest of the page in hand
      await expect(it.next()).rejects.toBe(reason);
    });
    expect(unhandled).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('keeps its stall guard: a repeated cursor stops the iteration when it reaches that page', async () => {
    const pages: Record<string, Page<number>> = {
      start: { items: [0, 1], cursor: 'a', hasNextPage: true },
      a: { items: [2, 3], cursor: 'a', hasNextPage: true },
    };
    let calls = 0;
    const fetch: PageFetcher<number> = async ({ cursor }) => {
      calls++;
      return pages[cursor ?? 'start']!;
    };
    const seen: number[] = [];
    const run = (async () => {
      for await (const n of new Paginated(fetch, { perPage: 2 })) seen.push(n);
    })();
    await expect(run).rejects.toThrow(/same cursor twice/);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(calls).toBe(2);
  });

  it('asks for the total with the first page only, and not at all once it is known', async () => {
    const server = heldPages(6);
    const p = new Paginated(server.fetch, { perPage: 2 });
    const all = collect(p);
    for (let i = 0; i < 3; i++) {
      await settle();
      server.requests[i]!.answer();
    }
    expect(await all).toHaveLength(6);
    expect(server.requests.map((r) => r.total)).toEqual([true, false, false]);
    expect(await p.totalCount()).toBe(6);
    const again = p.toArray();
    await settle();
    server.requests[3]!.answer();
    await settle();
    server.requests[4]!.answer();
    await settle();
    server.requests[5]!.answer();
    expect(await again).toHaveLength(6);
    expect(server.requests.slice(3).map((r) => r.total)).toEqual([false, false, false]);
  });

  describe('a fetcher that tells where its page ends before its items are made (onPosition)', () => {
    /** `total` numbered items; each answer tells its position first, its items come with `build()`. */
    function tellingPages(total: number) {
      interface Held {
        cursor: string | null;
        perPage: number;
        total: boolean | undefined;
        signal: AbortSignal | undefined;
        /** The answer arrives: its position is told, its items are still being made. */
        tell(): void;
        /** Its items are ready. */
        build(): void;
      }
      const requests: Held[] = [];
      const fetch: PageFetcher<number> = (args) =>
        new Promise<Page<number>>((resolve) => {
          const from = args.cursor === null ? 0 : Number(args.cursor);
          const to = Math.min(total, from + args.perPage);
          const position = { cursor: String(to), hasNextPage: to < total, totalCount: total };
          requests.push({
            cursor: args.cursor,
            perPage: args.perPage,
            total: args.total,
            signal: args.signal,
            tell: () => args.onPosition?.({ ...position, count: to - from }),
            build: () =>
              resolve({ items: Array.from({ length: to - from }, (_, i) => from + i), ...position }),
          });
        });
      return { fetch, requests };
    }

    it('starts the next request when the awaited page tells its end, before its items are made', async () => {
      const server = tellingPages(6);
      const it = new Paginated(server.fetch, { perPage: 2 })[Symbol.asyncIterator]();
      const first = it.next();
      await settle();
      server.requests[0]!.tell();
      await settle();
      expect(server.requests.map((r) => r.cursor)).toEqual([null, '2']); // page 2 asked, page 1 not built yet
      expect(server.requests.map((r) => r.total)).toEqual([true, false]); // the total it told is known
      server.requests[0]!.build();
      expect((await first).value).toBe(0);
      await settle();
      expect(server.requests).toHaveLength(2); // not asked twice
      await it.return?.();
    });

    it('is still never more than one page ahead: a page told while the caller works on the one before waits', async () => {
      const server = tellingPages(10);
      const it = new Paginated(server.fetch, { perPage: 2 })[Symbol.asyncIterator]();
      const first = it.next();
      await settle();
      server.requests[0]!.tell();
      server.requests[0]!.build();
      expect((await first).value).toBe(0);
      await settle();
      expect(server.requests).toHaveLength(2); // page 2 ahead while the caller is on page 1
      server.requests[1]!.tell(); // page 2's answer arrives while the caller still works on page 1
      await settle();
      expect(server.requests).toHaveLength(2);
      expect((await it.next()).value).toBe(1);
      const third = it.next(); // the caller reaches page 2: its told end starts page 3
      await settle();
      expect(server.requests.map((r) => r.cursor)).toEqual([null, '2', '4']);
      server.requests[1]!.build();
      expect((await third).value).toBe(2);
      await settle();
      expect(server.requests).toHaveLength(3);
      await it.return?.();
    });

    it('yields every item once, in order, with a limit asking only for what is missing', async () => {
      const server = tellingPages(7);
      const items = new Paginated(server.fetch, { perPage: 3 }).toArray({ limit: 5 });
      for (let i = 0; i < 2; i++) {
        await settle();
        server.requests[i]!.tell();
        await settle();
        server.requests[i]!.build();
      }
      expect(await items).toEqual([0, 1, 2, 3, 4]);
      expect(server.requests.map((r) => [r.cursor, r.perPage])).toEqual([
        [null, 3],
        ['3', 2],
      ]);
    });

    it('with prefetch: false, asks for nothing before the caller reaches the page', async () => {
      const server = tellingPages(6);
      const it = new Paginated(server.fetch, { perPage: 2, prefetch: false })[Symbol.asyncIterator]();
      const first = it.next();
      await settle();
      server.requests[0]!.tell();
      server.requests[0]!.build();
      expect((await first).value).toBe(0);
      await settle();
      expect(server.requests).toHaveLength(1);
      await it.return?.();
    });

    it('cancels the request started early when the caller breaks', async () => {
      const server = tellingPages(6);
      const it = new Paginated(server.fetch, { perPage: 2 })[Symbol.asyncIterator]();
      const first = it.next();
      await settle();
      server.requests[0]!.tell();
      server.requests[0]!.build();
      await first;
      await it.return?.();
      expect(server.requests[1]!.signal?.aborted).toBe(true);
    });
  });

  it('never asks a listing without a total for one', async () => {
    const server = heldPages(2);
    const p = new Paginated(server.fetch, { perPage: 2, countable: false });
    const all = p.toArray();
    await settle();
    server.requests[0]!.answer();
    expect(await all).toEqual([0, 1]);
    expect(server.requests.map((r) => r.total)).toEqual([false]);
  });
});

describe('Paginated: before its reader code has loaded', () => {
  // A fresh copy of the module, whose reader (core/page-reader) has not loaded yet.
  async function freshPagination(): Promise<typeof import('../../../../src/facade/core/pagination.js')> {
    vi.resetModules();
    return import('../../../../src/facade/core/pagination.js');
  }

  it('reads every page once the reader arrives', async () => {
    const { Paginated: Fresh } = await freshPagination();
    const { fetch, calls } = numbers(7);
    expect(await new Fresh(fetch, { perPage: 3 }).toArray()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(calls.map((c) => c.cursor)).toEqual([null, '3', '6']);
  });

  it('a reader closed while its code loads reads nothing and requests nothing', async () => {
    const { Paginated: Fresh } = await freshPagination();
    const { fetch, calls } = numbers(7);
    class Open extends Fresh<number> {
      reader(): ReturnType<Paginated<number>['openPages']> {
        return this.openPages();
      }
    }
    const reader = new Open(fetch, { perPage: 3 }).reader();
    const first = reader.next();
    reader.close?.();
    expect(await first).toBeNull();
    expect(await reader.next()).toBeNull();
    expect(calls).toEqual([]);
  });
});
