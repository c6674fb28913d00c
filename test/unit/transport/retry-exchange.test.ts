// retryExchange on its own, with a scripted exchange in place of the network, fake timers and an
// injected clock: the delays it schedules, that it waits exactly that long, the time budget, and
// that a teardown clears the pending timer. No real time passes and none is measured.
import {
  Client,
  CombinedError,
  type Exchange,
  makeErrorResult,
  makeResult,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { parse } from 'graphql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filter, fromValue, mergeMap, pipe, subscribe } from 'wonka';
import {
  type RetryEvent,
  retryExchange,
  type RetryExchangeOptions,
} from '../../../src/transport/retryExchange.js';

const Viewer = parse('query Viewer { viewer { id } }');
const START = Date.parse('2030-01-01T00:00:00Z');

/** One scripted answer: an HTTP status (with headers), or data. */
type Answer = { status: number; headers?: Record<string, string> } | 'ok';

interface Harness {
  client: Client;
  attempts: () => number;
  events: RetryEvent[];
}

function harness(script: Answer[], options: RetryExchangeOptions = {}): Harness {
  let attempts = 0;
  const events: RetryEvent[] = [];
  const network: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind === 'query' || op.kind === 'mutation'),
      mergeMap((op: Operation): ReturnType<typeof fromValue<OperationResult>> => {
        attempts++;
        const answer = script.shift() ?? 'ok';
        if (answer === 'ok') return fromValue(makeResult(op, { data: { viewer: { id: 'u1' } } }));
        const response = new Response('{}', { status: answer.status, headers: answer.headers });
        const error = new CombinedError({ networkError: new Error(`HTTP ${answer.status}`), response });
        return fromValue(makeErrorResult(op, error, response));
      }),
    );
  const client = new Client({
    url: 'http://unit.test/graphql',
    exchanges: [
      retryExchange({
        maxAttempts: 5,
        initialDelayMs: 100,
        maxDelayMs: 100,
        maxElapsedMs: 60_000,
        now: () => Date.now(), // the fake clock
        random: () => 0,
        onRetry: (e) => events.push(e),
        ...options,
      }),
      network,
    ],
  });
  return { client, attempts: () => attempts, events };
}

/** Starts a query; gives its (first final) result once it arrives, and a way to stop it. */
function start(client: Client): { result: () => OperationResult | undefined; stop: () => void } {
  let last: OperationResult | undefined;
  const { unsubscribe } = pipe(
    client.query(Viewer, {}, { requestPolicy: 'network-only' }),
    subscribe((r) => (last ??= r)),
  );
  return { result: () => last, stop: unsubscribe };
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retryExchange delays', () => {
  it('waits exactly as long as a Retry-After in seconds, not the backoff', async () => {
    const h = harness([{ status: 503, headers: { 'Retry-After': '2' } }]);
    const q = start(h.client);
    expect(h.attempts()).toBe(1);
    expect(h.events).toEqual([
      {
        target: 'graphql',
        what: 'Viewer',
        attempt: 1,
        delayMs: 2_000,
        reason: 'http',
        status: 503,
        retryAfterMs: 2_000,
      },
    ]);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.attempts()).toBe(2);
    expect(q.result()?.data).toEqual({ viewer: { id: 'u1' } });
    q.stop();
  });

  it('reads a Retry-After HTTP date against the clock', async () => {
    const at = new Date(START + 90_000).toUTCString(); // 'Tue, 01 Jan 2030 00:01:30 GMT'
    const h = harness([{ status: 429, headers: { 'Retry-After': at } }], { maxElapsedMs: 120_000 });
    const q = start(h.client);
    expect(h.events.map((e) => e.delayMs)).toEqual([90_000]);
    await vi.advanceTimersByTimeAsync(89_999);
    expect(h.attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.attempts()).toBe(2);
    q.stop();
  });

  it('backs off exponentially (plus jitter) without a Retry-After, capped at maxDelayMs', async () => {
    const h = harness([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }], {
      initialDelayMs: 100,
      maxDelayMs: 500,
      random: () => 0.5,
    });
    const q = start(h.client);
    await vi.runAllTimersAsync();
    expect(h.events.map((e) => [e.attempt, e.delayMs, e.status])).toEqual([
      [1, 113, 500], // 100 * (1 + 0.25 * 0.5), rounded
      [2, 225, 502],
      [3, 450, 503],
      [4, 500, 504], // 900 capped
    ]);
    expect(h.attempts()).toBe(5);
    q.stop();
  });

  it('starts no attempt past maxElapsedMs from the first one', async () => {
    const h = harness(
      Array.from({ length: 10 }, () => ({ status: 503 })),
      { maxAttempts: 10, maxElapsedMs: 250 },
    );
    const q = start(h.client);
    await vi.runAllTimersAsync();
    // attempts at 0, 100 and 200 ms; a fourth would start at 300 > 250
    expect(h.attempts()).toBe(3);
    expect(h.events.map((e) => e.delayMs)).toEqual([100, 100]);
    expect(Date.now() - START).toBe(200);
    expect(q.result()?.error?.response?.status).toBe(503);
    q.stop();
  });

  it('delivers the failure at once when a Retry-After ends past the budget', async () => {
    const h = harness([{ status: 429, headers: { 'Retry-After': '120' } }], { maxElapsedMs: 10_000 });
    const q = start(h.client);
    expect(h.events).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(q.result()?.error?.response?.status).toBe(429);
    q.stop();
  });

  it('clears the pending timer when the query is torn down during the wait', async () => {
    const h = harness([{ status: 503, headers: { 'Retry-After': '30' } }]);
    const q = start(h.client);
    expect(vi.getTimerCount()).toBe(1);
    q.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.attempts()).toBe(1);
  });
});

describe('retryExchange budgets: 429s count apart from other failures', () => {
  const storm = (n: number): Answer[] => Array.from({ length: n }, () => ({ status: 429 }));

  it('retries a 429 up to 20 attempts by default, then delivers the 429', async () => {
    const h = harness(storm(25), { maxAttempts: undefined });
    const q = start(h.client);
    await vi.runAllTimersAsync();
    expect(h.attempts()).toBe(20);
    expect(h.events).toHaveLength(19);
    expect(q.result()?.error?.response?.status).toBe(429);
    q.stop();
  });

  it('gets through a long run of 429s that would exhaust maxAttempts', async () => {
    const h = harness([...storm(12), 'ok'], { maxAttempts: undefined });
    const q = start(h.client);
    await vi.runAllTimersAsync();
    expect(h.attempts()).toBe(13);
    expect(q.result()?.data).toEqual({ viewer: { id: 'u1' } });
    q.stop();
  });

  it('does not spend maxAttempts on 429s, nor the 429 budget on other failures', async () => {
    const h = harness([{ status: 503 }, ...storm(4), { status: 503 }, 'ok'], {
      maxAttempts: 3,
      maxRateLimitAttempts: 10,
    });
    const q = start(h.client);
    await vi.runAllTimersAsync();
    expect(h.attempts()).toBe(7);
    expect(q.result()?.data).toEqual({ viewer: { id: 'u1' } });
    q.stop();

    const h2 = harness([{ status: 503 }, ...storm(2), { status: 502 }, { status: 500 }, 'ok'], {
      maxAttempts: 3,
      maxRateLimitAttempts: 10,
    });
    const q2 = start(h2.client);
    await vi.runAllTimersAsync();
    // the third failure other than a 429 (attempt 5) is final
    expect(h2.attempts()).toBe(5);
    expect(q2.result()?.error?.response?.status).toBe(500);
    q2.stop();
  });

  it('keeps { maxAttempts: 3 } a bound on 429s too unless maxRateLimitAttempts is given', async () => {
    const h = harness(storm(10), { maxAttempts: 3 });
    const q = start(h.client);
    await vi.runAllTimersAsync();
    expect(h.attempts()).toBe(3);
    q.stop();
  });
});
