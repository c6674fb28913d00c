import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Api } from '../../../src/index.js';
import { createLimiter } from '../../../src/transport/limiter.js';
import { documents } from '../../../src/facade/core/lazy.js';

// The generated documents load with an Api's first request (one large module, which the test
// runner compiles on its first import): loaded once here, so that the turns counted below wait
// only for the domains' own loads.
beforeAll(() => documents());

/** A fake `fetch` whose calls stay pending until the test answers them. */
function fakeFetch() {
  const calls: {
    init: RequestInit | undefined;
    body: string;
    answer(status?: number, body?: string): void;
  }[] = [];
  let settled = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch: typeof globalThis.fetch = (_input, init) =>
    new Promise<Response>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push({
        init,
        body: typeof init?.body === 'string' ? init.body : '',
        answer(status = 200, body = '{"data":{"project":null}}') {
          inFlight--;
          settled++;
          resolve(new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
        },
      });
    });
  return {
    fetch,
    calls,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get settled() {
      return settled;
    },
  };
}

/** Lets every pending promise callback and queued microtask run. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Turns of the event loop until `server` has seen `n` requests (the first call of a domain loads
 * its module with `import()`, which may take more than one turn), then two more, so that a request
 * beyond `n` that was going to start has started too.
 */
async function callsReach(server: { calls: unknown[] }, n: number): Promise<void> {
  // Bounded by time only as a guard against a hang (a module load under load can take a while).
  const giveUpAt = performance.now() + 10_000;
  while (server.calls.length < n && performance.now() < giveUpAt) await tick();
  await tick();
  await tick();
}

const URL_ = 'https://api.wandb.test/graphql';

describe('createLimiter', () => {
  it('never has more than its width in flight, and sends the rest in order as slots free', async () => {
    const server = fakeFetch();
    const limiter = createLimiter(3);
    const f = limiter.wrap(server.fetch);
    const done = Array.from({ length: 10 }, (_, i) => f(URL_, { body: String(i) }));
    await tick();
    expect(server.calls.map((c) => c.body)).toEqual(['0', '1', '2']);
    expect([limiter.active, limiter.waiting]).toEqual([3, 7]);
    for (let i = 0; i < 10; i++) {
      server.calls[i]!.answer();
      await tick();
      expect(server.inFlight).toBeLessThanOrEqual(3);
    }
    const statuses = await Promise.all(done.map(async (p) => (await p).status));
    expect(statuses).toEqual(Array(10).fill(200));
    expect(server.calls.map((c) => c.body)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(server.maxInFlight).toBe(3);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('halves after a 429, once per burst: 429s of requests sent before the decrease are ignored', async () => {
    const server = fakeFetch();
    const limiter = createLimiter(8);
    const f = limiter.wrap(server.fetch);
    const burst = Array.from({ length: 8 }, () => f(URL_));
    await tick();
    expect(server.calls).toHaveLength(8);
    for (const c of server.calls) c.answer(429);
    await Promise.all(burst);
    expect(limiter.width).toBe(4);

    // A request sent after the decrease that is answered 429 halves it again.
    const next = f(URL_);
    await tick();
    server.calls[8]!.answer(429);
    await next;
    expect(limiter.width).toBe(2);

    // And never below 1.
    for (let i = 0; i < 3; i++) {
      const p = f(URL_);
      await tick();
      server.calls.at(-1)!.answer(429);
      await p;
    }
    expect(limiter.width).toBe(1);
  });

  it('bounds the requests in flight by the lowered width at once', async () => {
    const server = fakeFetch();
    const limiter = createLimiter(4);
    const f = limiter.wrap(server.fetch);
    const all = Array.from({ length: 12 }, () => f(URL_));
    await tick();
    expect(server.calls).toHaveLength(4);
    server.calls[0]!.answer(429); // width 2, three still in flight
    await tick();
    expect(limiter.width).toBe(2);
    expect(server.calls).toHaveLength(4); // no new request until fewer than 2 are in flight
    server.calls[1]!.answer();
    await tick();
    expect(server.calls).toHaveLength(4);
    server.calls[2]!.answer();
    await tick();
    expect(server.calls).toHaveLength(5); // one in flight + the new one
    expect(server.inFlight).toBe(2);
    for (let i = 3; i < 12; i++) {
      await tick();
      server.calls[i]!.answer();
      await tick();
      expect(server.inFlight).toBeLessThanOrEqual(limiter.width);
    }
    await Promise.all(all);
  });

  it('grows back by one per window of successes sent since the last change, up to its maximum', async () => {
    const server = fakeFetch();
    const limiter = createLimiter(4);
    const f = limiter.wrap(server.fetch);
    const old = [f(URL_), f(URL_), f(URL_)];
    const first = f(URL_);
    await tick();
    server.calls[3]!.answer(429);
    await first;
    expect(limiter.width).toBe(2);
    // Successes of requests sent before the decrease count for nothing.
    for (const c of server.calls.slice(0, 3)) c.answer();
    await Promise.all(old);
    expect(limiter.width).toBe(2);

    const one = async (status = 200): Promise<void> => {
      const p = f(URL_);
      await tick();
      server.calls.at(-1)!.answer(status);
      await p;
    };
    await one();
    expect(limiter.width).toBe(2);
    await one();
    expect(limiter.width).toBe(3); // a window of 2
    await one();
    await one();
    expect(limiter.width).toBe(3);
    await one(500); // a failure restarts the window
    await one();
    await one();
    expect(limiter.width).toBe(3);
    await one();
    expect(limiter.width).toBe(4); // a window of 3
    for (let i = 0; i < 12; i++) await one();
    expect(limiter.width).toBe(4); // never above the maximum
  });

  it('rejects a waiting request with its signal’s reason when it aborts, without sending it', async () => {
    const server = fakeFetch();
    const limiter = createLimiter(1);
    const f = limiter.wrap(server.fetch);
    const running = f(URL_, { body: 'a' });
    const controller = new AbortController();
    const waiting = f(URL_, { body: 'b', signal: controller.signal });
    const after = f(URL_, { body: 'c' });
    await tick();
    controller.abort(new Error('stopped by the caller'));
    await expect(waiting).rejects.toThrow('stopped by the caller');
    server.calls[0]!.answer();
    await running;
    await tick();
    server.calls[1]!.answer();
    await after;
    expect(server.calls.map((c) => c.body)).toEqual(['a', 'c']);
    expect(limiter.width).toBe(1);
  });

  it('refuses a width that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
    expect(() => createLimiter(1.5)).toThrow(RangeError);
  });
});

describe('the limiter of an Api', () => {
  const options = (fetch: typeof globalThis.fetch, concurrency: number) => ({
    baseUrl: 'https://api.wandb.test',
    apiKey: 'local-0123456789abcdef0123456789abcdef01234567',
    fetch,
    concurrency,
    retry: false as const,
    cache: false,
  });

  it('is shared by every call of one Api, and not across Apis', async () => {
    const server = fakeFetch();
    const a = new Api(options(server.fetch, 2));
    const b = new Api(options(server.fetch, 3));
    const calls = [
      ...['p1', 'p2', 'p3'].map((p) => a.project(`acme/${p}`)),
      a.runs('acme/p4').first(),
      ...['q1', 'q2', 'q3', 'q4'].map((p) => b.project(`acme/${p}`)),
    ].map((p) => p.catch((e: unknown) => e));
    await callsReach(server, 5);
    expect(server.calls).toHaveLength(5); // 2 of a's 4 calls, 3 of b's 4
    expect(server.calls.filter((c) => /"p\d"/.test(c.body))).toHaveLength(2);
    expect(server.calls.filter((c) => /"q\d"/.test(c.body))).toHaveLength(3);
    expect([a.concurrency(), b.concurrency()]).toEqual([2, 3]);
    for (let i = 0; i < 8; i++) {
      server.calls[i]!.answer();
      await callsReach(server, Math.min(8, 6 + i)); // each answer frees a slot for one more
    }
    await Promise.all(calls);
    expect(server.calls).toHaveLength(8);
    expect(server.maxInFlight).toBe(5);
  });

  it('halves its width after a 429, as api.concurrency() shows, without touching another Api', async () => {
    const server = fakeFetch();
    const a = new Api(options(server.fetch, 8));
    const b = new Api(options(server.fetch, 8));
    const call = a.project('acme/vision').catch((e: unknown) => e);
    await callsReach(server, 1);
    server.calls[0]!.answer(429, '{"errors":[{"message":"rate limited"}]}');
    expect(await call).toMatchObject({ name: 'RateLimitError' });
    expect([a.concurrency(), b.concurrency()]).toEqual([4, 8]);
  });
});

describe('the limiter and retries', () => {
  it('a retry waiting out its backoff holds no slot', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const server = fakeFetch();
      const api = new Api({
        baseUrl: 'https://api.wandb.test',
        apiKey: 'local-0123456789abcdef0123456789abcdef01234567',
        fetch: server.fetch,
        concurrency: 1,
        retry: { maxAttempts: 2 },
        cache: false,
      });
      const a = api.project('acme/a').catch((e: unknown) => e);
      await callsReach(server, 1);
      server.calls[0]!.answer(503, '{"errors":[{"message":"unavailable"}]}');
      await tick();
      await tick();
      // `a` now waits out its backoff: `b` gets the only slot meanwhile.
      const b = api.project('acme/b').catch((e: unknown) => e);
      await callsReach(server, 2);
      expect(server.calls.map((c) => /"b"/.test(c.body))).toEqual([false, true]);
      server.calls[1]!.answer();
      await b;
      await vi.runAllTimersAsync();
      await callsReach(server, 3);
      expect(server.calls).toHaveLength(3); // a's retry
      server.calls[2]!.answer();
      await a;
    } finally {
      vi.useRealTimers();
    }
  });
});
