import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  type RetryEvent,
  ServerError,
  TimeoutError,
  WandbError,
} from '../../src/index.js';
import { expectNoApiKey } from '../support/expect-errors.js';
import { seedMnist } from '../support/fixtures.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    seedMnist(emu);
  },
  { resetEach: true },
);

describe('authentication', () => {
  it('a wrong key is an AuthenticationError that does not echo the key', async () => {
    const wrongKey = 'wrong-key-abcdefabcdefabcdefabcdefabcdefabcdef';
    const bad = new Api({ baseUrl: emu.url, apiKey: wrongKey, retry: { maxAttempts: 3, initialDelayMs: 1 } });
    const err = await bad.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as WandbError).status).toBe(401);
    expectNoApiKey(err, wrongKey);
    expect(graphqlCalls(emu)).toBe(1);
  });
});

describe('retries', () => {
  it('one 500 then success succeeds', async () => {
    emu.faults.add({ operationName: 'Viewer', status: 500, times: 1 });
    expect((await api.viewer()).username).toBe('alice');
    expect(graphqlCalls(emu, 'Viewer')).toBe(2);
  });

  it('retry.onRetry reports each retry of an API call', async () => {
    const events: RetryEvent[] = [];
    const logged = new Api({
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      retry: { initialDelayMs: 1, maxDelayMs: 1, onRetry: (e) => events.push(e) },
    });
    emu.faults.add({ operationName: 'Viewer', status: 500, times: 1 });
    expect((await logged.viewer()).username).toBe('alice');
    expect(events).toEqual([
      { target: 'graphql', what: 'Viewer', attempt: 1, delayMs: 1, reason: 'http', status: 500 },
    ]);
    expect(() => new Api({ apiKey: 'k', retry: { onRetry: 'log' as never } })).toThrow(/retry\.onRetry/);
  });

  it('a 503 with Retry-After waits that long', async () => {
    // The wait scheduled is the Retry-After, not the backoff (initialDelayMs 5, maxDelayMs 50);
    // that the exchange then waits exactly that long is asserted with fake timers in
    // test/unit/transport/retry-exchange.test.ts.
    const delays: number[] = [];
    const observed = new Api({
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 50, onRetry: (e) => delays.push(e.delayMs) },
    });
    emu.faults.add({ operationName: 'Viewer', status: 503, times: 1, retryAfterSeconds: 1 });
    await observed.viewer();
    const [first, second] = emu.requests.filter((r) => r.operationName === 'Viewer');
    expect(second).toBeDefined();
    expect(first!.status).toBe(503);
    expect(delays).toEqual([1_000]);
  });

  it.each([
    [400, WandbError],
    [401, AuthenticationError],
    [403, PermissionError],
    [404, NotFoundError],
  ])('a %i is sent once', async (status, errorClass) => {
    emu.faults.add({ operationName: 'Viewer', status, times: 5 });
    const err = await api.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errorClass);
    expect((err as WandbError).status).toBe(status);
    expect(graphqlCalls(emu, 'Viewer')).toBe(1);
    expectNoApiKey(err, emu.apiKey);
  });

  it('a 429 storm ends in RateLimitError after maxAttempts', async () => {
    emu.faults.add({ operationName: 'Viewer', status: 429, times: 100, retryAfterSeconds: 0 });
    const err = await api.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(graphqlCalls(emu, 'Viewer')).toBe(4);
    expectNoApiKey(err, emu.apiKey);
  });

  it('a Retry-After beyond the time budget fails at once with retryAfterMs', async () => {
    const quick = new Api({
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      retry: { maxAttempts: 5, initialDelayMs: 5, maxElapsedMs: 2_000 },
    });
    emu.faults.add({ operationName: 'Viewer', status: 429, times: 5, retryAfterSeconds: 60 });
    const err = await quick.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(60_000);
    expect(graphqlCalls(emu, 'Viewer')).toBe(1);
  });

  it('persistent 5xx ends in ServerError', async () => {
    emu.faults.add({ operationName: 'Viewer', status: 502, times: 100 });
    const err = await api.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(graphqlCalls(emu, 'Viewer')).toBe(4);
  });

  it('retry: false sends once', async () => {
    const once = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, retry: false });
    emu.faults.add({ operationName: 'Viewer', status: 500, times: 1 });
    await expect(once.viewer()).rejects.toBeInstanceOf(ServerError);
    expect(graphqlCalls(emu, 'Viewer')).toBe(1);
  });

  it('a slow response is a TimeoutError', async () => {
    const impatient = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, timeoutMs: 100, retry: false });
    emu.faults.add({ operationName: 'Viewer', delayMs: 1_000, times: 1 });
    const err = await impatient.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expectNoApiKey(err, emu.apiKey);
  });

  it('a dropped connection is retried, then a NetworkError', async () => {
    emu.faults.add({ operationName: 'Viewer', dropConnection: true, times: 1 });
    expect((await api.viewer()).username).toBe('alice');
    emu.faults.add({ operationName: 'Viewer', dropConnection: true, times: 100 });
    api.flush();
    const err = await api.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expectNoApiKey(err, emu.apiKey);
  });

  it('a malformed body is a NetworkError', async () => {
    emu.faults.add({ operationName: 'Viewer', status: 200, body: '{"data": nope', times: 100 });
    const err = await api.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expectNoApiKey(err, emu.apiKey);
  });

  it('the emulator never records the key', async () => {
    await api.viewer();
    expect(JSON.stringify(emu.requests)).not.toContain(emu.apiKey);
    expect(JSON.stringify(emu.requests)).not.toContain(btoa(`api:${emu.apiKey}`));
  });
});
