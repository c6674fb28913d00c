import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Client, fetchExchange } from '@urql/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  GraphQLRequestError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  WandbError,
} from '../../../src/errors/index.js';
import {
  authFetch,
  clientHeaders,
  fetchWithTimeout,
  isUnderBaseUrl,
  type RetryEvent,
  Transport,
  type TransportOptions,
} from '../../../src/transport/index.js';
import { expectNoApiKey, failure } from '../../support/expect-errors.js';

// ---------------------------------------------------------------------------------------------
// A scripted GraphQL server: each request takes the next step; when the script runs out it
// answers 200 with `fallback`.

interface Step {
  status?: number;
  body?: string | object;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer only once this settles (and never when the client has gone by then). */
  until?: Promise<unknown>;
  /** Never answer: hold the request until the client gives up. */
  hang?: boolean;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
  closedEarly: boolean;
  /** Settles when the connection closes: true when the client closed it before the answer. */
  closed: Promise<boolean>;
}

const KEY = 'local-0123456789abcdef0123456789abcdef01234567';
const KEY_B64 = Buffer.from(`api:${KEY}`).toString('base64');
const fallbackData = { viewer: { id: 'u1', username: 'ada' } };

let server: Server;
let baseUrl: string;
let script: Step[] = [];
let seen: Seen[] = [];
let arrivalWaiters: Array<{ count: number; resolve: () => void }> = [];

/** Resolves once the server has received `count` requests (since the last reset). */
function arrivals(count: number): Promise<void> {
  if (seen.length >= count) return Promise.resolve();
  return new Promise((resolve) => arrivalWaiters.push({ count, resolve }));
}

function respond(res: ServerResponse, step: Step): void {
  const body = step.body ?? { data: fallbackData };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(step.status ?? 200, {
    'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
    ...step.headers,
  });
  res.end(text);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      let closed!: (early: boolean) => void;
      const entry: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as Seen['body']) : {},
        closedEarly: false,
        closed: new Promise<boolean>((resolve) => (closed = resolve)),
      };
      seen.push(entry);
      res.on('close', () => {
        if (!res.writableFinished) entry.closedEarly = true;
        closed(entry.closedEarly);
      });
      for (const w of arrivalWaiters.filter((x) => seen.length >= x.count)) w.resolve();
      arrivalWaiters = arrivalWaiters.filter((x) => seen.length < x.count);
      const step = script.shift() ?? {};
      if (step.drop) {
        req.socket.destroy();
        return;
      }
      if (step.hang) return;
      if (step.until) void step.until.then(() => !res.destroyed && respond(res, step));
      else if (step.delayMs) setTimeout(() => !res.destroyed && respond(res, step), step.delayMs);
      else respond(res, step);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  script = [];
  seen = [];
  arrivalWaiters = [];
});

type ViewerData = { viewer: { id: string; username: string } };
const Viewer = parse('query Viewer { viewer { id username } }') as TypedDocumentNode<
  ViewerData,
  Record<string, never>
>;
const Project = parse('query Project($name: String!) { project(name: $name) { id } }') as TypedDocumentNode<
  { project: { id: string } | null },
  { name: string }
>;
const UpsertRun = parse(
  'mutation UpsertRun($name: String!) { upsertBucket(input: { name: $name }) { bucket { id } } }',
) as TypedDocumentNode<unknown, { name: string }>;

function transport(opts: Partial<TransportOptions> = {}): Transport {
  return new Transport({
    baseUrl,
    apiKey: KEY,
    userAgent: 'W&B Public Client wandb-api/0.0.0-test',
    clientHeader: 'wandb-api/0.0.0-test',
    retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
    timeoutMs: 2_000,
    ...opts,
  });
}

describe('Transport.request over HTTP', () => {
  it('returns data and sends a POST with credentials and client headers', async () => {
    const t = transport({ headers: { 'X-Extra': 'yes' } });
    await expect(t.request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/graphql');
    expect(req?.headers['authorization']).toBe(`Basic ${KEY_B64}`);
    expect(req?.headers['x-wandb-client']).toBe('wandb-api/0.0.0-test');
    expect(req?.headers['use-admin-privileges']).toBe('true');
    expect(req?.headers['user-agent']).toBe('W&B Public Client wandb-api/0.0.0-test');
    expect(req?.headers['x-extra']).toBe('yes');
    expect(req?.headers['content-type']).toMatch(/application\/json/);
    expect(req?.body.query).toContain('query Viewer');
  });

  it('sends a bearer token when configured instead of an API key', async () => {
    const t = transport({ apiKey: undefined, bearerToken: 'tok-123' });
    await t.request(Viewer, {});
    expect(seen[0]?.headers['authorization']).toBe('Bearer tok-123');
  });

  it('fails with AuthenticationError and the configured message, without any request, when there is no key', async () => {
    let calls = 0;
    const t = transport({
      apiKey: undefined,
      missingKeyMessage: 'set WANDB_API_KEY',
      fetch: (...args) => {
        calls++;
        return fetch(...args);
      },
    });
    const e = await failure(t.request(Viewer, {}));
    expect(e).toBeInstanceOf(AuthenticationError);
    expect((e as Error).message).toBe('set WANDB_API_KEY');
    expect(calls).toBe(0);
    expect(seen).toHaveLength(0);
    // A key set later (e.g. read from ~/.netrc) is used from then on.
    t.setApiKey(KEY);
    await expect(t.request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(seen[0]?.headers['authorization']).toBe(`Basic ${KEY_B64}`);
  });

  it('retries a 500 and succeeds on the second request', async () => {
    script = [{ status: 500, body: { errors: [{ message: 'boom' }] } }];
    await expect(transport().request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(seen).toHaveLength(2);
  });

  it('reports each scheduled retry to retry.onRetry, and ignores a hook that throws', async () => {
    script = [{ status: 503, headers: { 'Retry-After': '0' } }, { drop: true }];
    const events: RetryEvent[] = [];
    const onRetry = (e: RetryEvent): void => {
      events.push(e);
      throw new Error('logger broke');
    };
    const t = transport({ retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10, onRetry } });
    await expect(t.request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(events).toEqual([
      {
        target: 'graphql',
        what: 'Viewer',
        attempt: 1,
        delayMs: 0,
        reason: 'http',
        status: 503,
        retryAfterMs: 0,
      },
      { target: 'graphql', what: 'Viewer', attempt: 2, delayMs: 10, reason: 'network' },
    ]);
    expect(seen).toHaveLength(3);
  });

  it('retries a non-JSON 502 page and then fails with ServerError naming the operation', async () => {
    script = [0, 1, 2].map(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    const e = await failure(transport().request(Viewer, {}));
    expect(e).toBeInstanceOf(ServerError);
    expect((e as ServerError).status).toBe(502);
    expect((e as Error).message).toMatch(/^Viewer failed: .*HTTP 502.*after 3 attempts/);
    expect(seen).toHaveLength(3);
  });

  it('waits as long as Retry-After says (in seconds) before retrying a 503', async () => {
    script = [{ status: 503, headers: { 'Retry-After': '0.2' }, body: { errors: [{ message: 'busy' }] } }];
    const delays: number[] = [];
    const t = transport({
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50, onRetry: (e) => delays.push(e.delayMs) },
    });
    await expect(t.request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(seen).toHaveLength(2);
    // the Retry-After, not the backoff (initialDelayMs 10, maxDelayMs 50); that the exchange then
    // waits exactly that long is asserted with fake timers in retry-exchange.test.ts
    expect(delays).toEqual([200]);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    // A frozen clock (only Date is faked; timers and sockets stay real) makes the date exact.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    try {
      script = [{ status: 429, headers: { 'Retry-After': 'Tue, 01 Jan 2030 00:00:01 GMT' } }];
      const delays: number[] = [];
      const t = transport({
        retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50, onRetry: (e) => delays.push(e.delayMs) },
      });
      await expect(t.request(Viewer, {})).resolves.toEqual(fallbackData);
      expect(seen).toHaveLength(2);
      expect(delays).toEqual([1_000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    [400, WandbError],
    [401, AuthenticationError],
    [403, PermissionError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, WandbError],
    [501, ServerError],
  ])('sends a request answered %i only once and throws %o', async (status, cls) => {
    script = [{ status, body: { errors: [{ message: `status ${status} said no` }] } }];
    const e = await failure(transport().request(Viewer, {}));
    expect(e).toBeInstanceOf(cls);
    expect((e as WandbError).status).toBe(status);
    expect((e as Error).message).toMatch(/^Viewer failed/);
    expect(seen).toHaveLength(1);
  });

  it('explains a rejected key and carries a redacted request', async () => {
    script = [{ status: 401, body: 'Unauthorized' }];
    const e = (await failure(transport().request(Project, { name: 'p' }))) as AuthenticationError;
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.message).toMatch(/^Project failed: the API key was rejected \(HTTP 401\); check WANDB_API_KEY/);
    expect(e.request).toMatchObject({
      url: `${baseUrl}/graphql`,
      method: 'POST',
      operationName: 'Project',
      variables: { name: 'p' },
    });
    expect(e.request?.headers['Authorization']).toBe('[REDACTED]');
    expect(e.request?.headers['X-Wandb-Client']).toBe('wandb-api/0.0.0-test');
  });

  it('ends a 429 storm with RateLimitError after maxAttempts, carrying retryAfterMs', async () => {
    script = Array.from({ length: 10 }, () => ({ status: 429, headers: { 'Retry-After': '0' } }));
    const e = await failure(transport().request(Viewer, {}));
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterMs).toBe(0);
    expect((e as RateLimitError).status).toBe(429);
    expect(seen).toHaveLength(3);
  });

  it('fails at once when Retry-After exceeds the remaining time budget', async () => {
    script = [{ status: 429, headers: { 'Retry-After': '120' } }];
    const events: RetryEvent[] = [];
    const e = await failure(
      transport({ retry: { maxAttempts: 5, maxElapsedMs: 10_000, onRetry: (x) => events.push(x) } }).request(
        Viewer,
        {},
      ),
    );
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterMs).toBe(120_000);
    expect((e as Error).message).toContain('asked to wait 120 s');
    expect(seen).toHaveLength(1);
    expect(events).toEqual([]); // no wait was scheduled: the error came at once
  });

  it('stops retrying when the elapsed-time budget runs out', async () => {
    // Only Date is faked: each scheduled wait moves the clock on by its delay, so the budget is
    // spent by the delays alone, however long the real requests take.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    try {
      script = Array.from({ length: 10 }, () => ({ status: 503 }));
      const delays: number[] = [];
      const onRetry = (x: RetryEvent): void => {
        delays.push(x.delayMs);
        vi.setSystemTime(Date.now() + x.delayMs);
      };
      const t = transport({
        retry: { maxAttempts: 10, initialDelayMs: 20, maxDelayMs: 20, maxElapsedMs: 50, onRetry },
      });
      const e = await failure(t.request(Viewer, {}));
      expect(e).toBeInstanceOf(ServerError);
      // attempts at 0, 20 and 40 ms; a fourth would start at 60 > 50
      expect(seen).toHaveLength(3);
      expect(delays).toEqual([20, 20]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns a slow response into TimeoutError after retrying it', async () => {
    script = [{ delayMs: 1_000 }, { delayMs: 1_000 }];
    const t = transport({ timeoutMs: 100, retry: { maxAttempts: 2, initialDelayMs: 10 } });
    const e = await failure(t.request(Viewer, {}));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as Error).message).toMatch(/^Viewer failed: no complete response within 100 ms/);
    expect(seen).toHaveLength(2);
  });

  it('retries a dropped connection, then fails with NetworkError', async () => {
    script = [{ drop: true }, { drop: true }, { drop: true }];
    const e = await failure(transport().request(Viewer, {}));
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as Error).message).toMatch(
      /^Viewer failed: could not reach http:\/\/127\.0\.0\.1:\d+ after 3 attempts/,
    );
    expect(seen).toHaveLength(3);
  });

  it('recovers when a dropped connection is followed by an answer', async () => {
    script = [{ drop: true }];
    await expect(transport().request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(seen).toHaveLength(2);
  });

  it('does not retry GraphQL errors in a 200, and keeps the partial data', async () => {
    script = [
      {
        body: {
          data: { viewer: null },
          errors: [{ message: 'first problem', path: ['viewer'] }, { message: 'second problem' }],
        },
      },
    ];
    const e = (await failure(transport().request(Viewer, {}))) as GraphQLRequestError;
    expect(e).toBeInstanceOf(GraphQLRequestError);
    expect(e.message).toBe('Viewer failed: first problem; second problem');
    expect(e.errors).toEqual([{ message: 'first problem', path: ['viewer'] }, { message: 'second problem' }]);
    expect(e.data).toEqual({ viewer: null });
    expect(seen).toHaveLength(1);
  });

  it('reports a malformed 200 body as NetworkError without retrying', async () => {
    script = [{ body: '{"data": {"viewer": ', headers: { 'content-type': 'application/json' } }];
    const e = await failure(transport().request(Viewer, {}));
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as Error).message).toMatch(/^Viewer failed: the response .* is not a GraphQL response/);
    expect(seen).toHaveLength(1);
  });

  it('retries a 408 and reports it as TimeoutError', async () => {
    script = [{ status: 408 }, { status: 408 }, { status: 408 }];
    const e = await failure(transport().request(Viewer, {}));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).status).toBe(408);
    expect(seen).toHaveLength(3);
  });

  it('uses a caller-provided urql client as-is', async () => {
    const own = new Client({ url: `${baseUrl}/graphql`, exchanges: [fetchExchange], preferGetMethod: false });
    const t = transport({ client: own, apiKey: undefined });
    expect(await t.client()).toBe(own);
    await expect(t.request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(seen[0]?.headers['authorization']).toBeUndefined();
  });

  it('makes a single attempt with retry: false', async () => {
    script = [{ status: 503 }];
    await expect(transport({ retry: false }).request(Viewer, {})).rejects.toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });
});

describe('mutations and retries', () => {
  it('does not repeat a mutation after a 503 or a dropped connection', async () => {
    script = [{ status: 503 }, { drop: true }];
    const t = transport();
    await expect(t.request(UpsertRun, { name: 'r' })).rejects.toBeInstanceOf(ServerError);
    await expect(t.request(UpsertRun, { name: 'r' })).rejects.toBeInstanceOf(NetworkError);
    expect(seen).toHaveLength(2);
  });

  it('retries a mutation marked idempotent like a query', async () => {
    script = [{ status: 503 }, { drop: true }];
    await expect(transport().request(UpsertRun, { name: 'r' }, { idempotent: true })).resolves.toEqual(
      fallbackData,
    );
    expect(seen).toHaveLength(3);
  });

  it('retries a mutation whose connection was refused (it never reached a server)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    let calls = 0;
    const t = transport({
      baseUrl: deadUrl,
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });
    const e = await failure(t.request(UpsertRun, { name: 'r' }));
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as Error).message).toContain('ECONNREFUSED');
    expect(calls).toBe(3);
  });
});

describe('cache', () => {
  it('serves an identical query from memory, again after flush() from the server', async () => {
    const t = transport();
    await t.request(Viewer, {});
    const second = await t.request(Viewer, {});
    expect(second).toEqual(fallbackData);
    expect(seen).toHaveLength(1);
    t.flush();
    await t.request(Viewer, {});
    expect(seen).toHaveLength(2);
  });

  it('keys by variables, and cache: false bypasses the lookup', async () => {
    const t = transport();
    await t.request(Project, { name: 'a' });
    await t.request(Project, { name: 'b' });
    await t.request(Project, { name: 'a' });
    expect(seen).toHaveLength(2);
    await t.request(Project, { name: 'a' }, { cache: false });
    expect(seen).toHaveLength(3);
  });

  it('is emptied by any mutation', async () => {
    const t = transport();
    await t.request(Viewer, {});
    await t.request(UpsertRun, { name: 'r' });
    await t.request(Viewer, {});
    expect(seen.map((s) => s.body.query?.trim().split(/\s/)[0])).toEqual(['query', 'mutation', 'query']);
  });

  it('never stores a failed result', async () => {
    script = [{ body: { data: { viewer: null }, errors: [{ message: 'nope' }] } }];
    const t = transport();
    await expect(t.request(Viewer, {})).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(t.request(Viewer, {})).resolves.toEqual(fallbackData);
    expect(seen).toHaveLength(2);
  });

  it('hands out copies, so mutating a result does not change the cache', async () => {
    const t = transport();
    const first = await t.request(Viewer, {});
    first.viewer.username = 'changed';
    expect((await t.request(Viewer, {})).viewer.username).toBe('ada');
  });

  it('answers a cache hit even when a signal is given', async () => {
    const t = transport();
    await t.request(Viewer, {});
    const controller = new AbortController();
    await expect(t.request(Viewer, {}, { signal: controller.signal })).resolves.toEqual(fallbackData);
    controller.abort();
    expect(seen).toHaveLength(1);
  });

  it('sends one request for identical concurrent queries', async () => {
    script = [{ delayMs: 50 }];
    const t = transport();
    const results = await Promise.all([t.request(Viewer, {}), t.request(Viewer, {})]);
    expect(results).toEqual([fallbackData, fallbackData]);
    expect(seen).toHaveLength(1);
  });

  it('can be turned off', async () => {
    const t = transport({ cache: false });
    await t.request(Viewer, {});
    await t.request(Viewer, {});
    expect(seen).toHaveLength(2);
  });
});

describe('abort', () => {
  // Each abort happens at a known point (the request has reached the server, or a retry has been
  // scheduled), never after a guessed delay; cancelling is observed on the server's side.
  it('rejects with the signal reason and cancels the HTTP request', async () => {
    script = [{ hang: true }];
    const controller = new AbortController();
    const reason = new Error('user gave up');
    const p = transport().request(Viewer, {}, { signal: controller.signal });
    await arrivals(1);
    controller.abort(reason);
    await expect(p).rejects.toBe(reason);
    expect(await seen[0]?.closed).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('rejects with an AbortError DOMException for a plain abort()', async () => {
    script = [{ hang: true }];
    const controller = new AbortController();
    const p = transport().request(Viewer, {}, { signal: controller.signal });
    await arrivals(1);
    controller.abort();
    const e = await failure(p);
    expect(e).toBeInstanceOf(DOMException);
    expect((e as DOMException).name).toBe('AbortError');
  });

  it('sends nothing for an already aborted signal', async () => {
    const e = await failure(transport().request(Viewer, {}, { signal: AbortSignal.abort() }));
    expect((e as Error).name).toBe('AbortError');
    expect(seen).toHaveLength(0);
  });

  it('cancels a pending retry, so an aborted mutation is never sent again', async () => {
    script = [{ status: 503, headers: { 'Retry-After': '30' } }];
    const controller = new AbortController();
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const t = transport({
      retry: { maxAttempts: 3, maxElapsedMs: 60_000, onRetry: () => controller.abort() },
    });
    const p = t.request(UpsertRun, { name: 'r' }, { signal: controller.signal, idempotent: true });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(1);
    expect(timers()).toBeLessThanOrEqual(before); // no retry left that could fire (see retry-timers.test.ts)
  });

  it('aborting one of two identical concurrent mutations leaves the other alone', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    script = [{ until: released }, { until: released }];
    const t = transport();
    const controller = new AbortController();
    const aborted = t.request(UpsertRun, { name: 'r' }, { signal: controller.signal });
    const kept = t.request(UpsertRun, { name: 'r' });
    await arrivals(2);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    release();
    await expect(kept).resolves.toEqual(fallbackData);
  });

  it('cancels an in-flight mutation', async () => {
    script = [{ hang: true }];
    const controller = new AbortController();
    const p = transport().request(UpsertRun, { name: 'r' }, { signal: controller.signal });
    await arrivals(1);
    controller.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(await seen[0]?.closed).toBe(true);
  });
});

describe('no credentials in errors', () => {
  it.each<[string, Step[]]>([
    ['401 echoing the key', [{ status: 401, body: `bad key ${KEY} / Basic ${KEY_B64}` }]],
    [
      'GraphQL error echoing the key',
      [{ body: { errors: [{ message: `key ${KEY}`, extensions: { auth: KEY_B64 } }] } }],
    ],
    [
      '500 echoing the header',
      [0, 1, 2].map(() => ({ status: 500, body: `Authorization: Basic ${KEY_B64}` })),
    ],
    ['dropped connection', [{ drop: true }, { drop: true }, { drop: true }]],
    ['timeout', [{ delayMs: 500 }, { delayMs: 500 }, { delayMs: 500 }]],
  ])('%s', async (_name, steps) => {
    script = steps;
    const e = await failure(transport({ timeoutMs: 100 }).request(Project, { name: KEY }));
    expect(e).toBeInstanceOf(WandbError);
    expectNoApiKey(e, KEY);
    expect(JSON.stringify(e)).toContain('[REDACTED]');
  });
});

describe('authFetch', () => {
  function recorder(): { fetch: typeof fetch; calls: Array<{ url: string; headers: Headers }> } {
    const calls: Array<{ url: string; headers: Headers }> = [];
    const f: typeof fetch = async (input, init) => {
      calls.push({ url: String(input), headers: new Headers(init?.headers) });
      return new Response('{}');
    };
    return { fetch: f, calls };
  }

  it('adds credentials only under the base URL', async () => {
    const { fetch: f, calls } = recorder();
    const wrapped = authFetch({
      baseUrl: 'https://api.wandb.ai',
      apiKey: KEY,
      clientHeader: 'wandb-api/x',
      userAgent: 'ua',
      headers: { 'X-Extra': '1' },
      fetch: f,
    });
    await wrapped('https://api.wandb.ai/graphql', { headers: { accept: 'application/json' } });
    await wrapped('https://storage.googleapis.com/bucket/file?X-Goog-Signature=abc');
    await wrapped('http://api.wandb.ai/graphql'); // other scheme
    await wrapped('https://api.wandb.ai.evil.com/graphql'); // other host
    await wrapped('https://api.wandb.ai:8443/graphql'); // other port
    const [ours, ...others] = calls;
    expect(ours?.headers.get('authorization')).toBe(`Basic ${KEY_B64}`);
    expect(ours?.headers.get('x-wandb-client')).toBe('wandb-api/x');
    expect(ours?.headers.get('x-extra')).toBe('1');
    expect(ours?.headers.get('accept')).toBe('application/json');
    for (const c of others) {
      expect(c.headers.get('authorization')).toBeNull();
      expect(c.headers.get('x-wandb-client')).toBeNull();
      expect(c.headers.get('x-extra')).toBeNull();
    }
  });

  it('sets User-Agent only outside browsers', () => {
    const opts = { baseUrl: 'https://api.wandb.ai', apiKey: KEY, userAgent: 'ua', clientHeader: 'c' };
    expect(clientHeaders(opts)['User-Agent']).toBe('ua');
    const g = globalThis as { document?: unknown };
    g.document = {};
    try {
      expect(clientHeaders(opts)['User-Agent']).toBeUndefined();
      expect(clientHeaders(opts)['X-Wandb-Client']).toBe('c');
    } finally {
      delete g.document;
    }
  });

  it('respects the path prefix of the base URL', () => {
    expect(isUnderBaseUrl('https://h.example/wandb/graphql', 'https://h.example/wandb')).toBe(true);
    expect(isUnderBaseUrl('https://h.example/wandb', 'https://h.example/wandb')).toBe(true);
    expect(isUnderBaseUrl('https://h.example/wandbx/graphql', 'https://h.example/wandb')).toBe(false);
    expect(isUnderBaseUrl('https://h.example/other', 'https://h.example/wandb')).toBe(false);
    expect(isUnderBaseUrl('https://H.EXAMPLE/x', 'https://h.example')).toBe(true);
    expect(isUnderBaseUrl('not a url', 'https://h.example')).toBe(false);
  });
});

describe('fetchWithTimeout', () => {
  const hang: typeof fetch = (_input, init) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });

  it('rejects with TimeoutError when the attempt takes too long', async () => {
    const e = await failure(fetchWithTimeout(hang, { timeoutMs: 30 })('http://x.invalid/'));
    expect(e).toBeInstanceOf(TimeoutError);
  });

  it("keeps a caller's abort an AbortError", async () => {
    const controller = new AbortController();
    const p = fetchWithTimeout(hang, { timeoutMs: 1_000 })('http://x.invalid/', {
      signal: controller.signal,
    });
    controller.abort();
    const e = await failure(p);
    expect(e).not.toBeInstanceOf(TimeoutError);
    expect((e as Error).name).toBe('AbortError');
  });

  it('covers a body that stalls after the headers', async () => {
    const slowBody: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"data":'));
            init?.signal?.addEventListener('abort', () => c.error(init.signal?.reason));
          },
        }),
      );
    const e = await failure(fetchWithTimeout(slowBody, { timeoutMs: 50 })('http://x.invalid/'));
    expect(e).toBeInstanceOf(TimeoutError);
  });
});
