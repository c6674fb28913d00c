// postJson and Transport.postJson with a fake fetch: credentials under the base URL, retries of
// transient failures only, typed errors that never show the key, and the checks before sending.
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '../../../src/index.js';
import { Transport, type RetryEvent, type RetryOptions } from '../../../src/transport/index.js';
import { postJson } from '../../../src/transport/postJson.js';
import { expectNoApiKey, failure } from '../../support/expect-errors.js';

const KEY = 'local-0123456789abcdef0123456789abcdef01234567';
const BASE = 'https://wandb.example.com';
const FAST = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 5_000 };

function fakeFetch(responses: Array<Response | Error | 'hang'>): {
  fetch: typeof fetch;
  calls: Array<{ url: string; init: RequestInit }>;
} {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const impl = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({ url: String(input), init });
    const next = responses.shift() ?? new Response('{"ok":true}');
    if (next === 'hang') {
      return new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }),
      );
    }
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { fetch: impl as typeof fetch, calls };
}

function transport(
  f: typeof fetch,
  events: RetryEvent[] = [],
  extra: { apiKey?: string; timeoutMs?: number; retry?: RetryOptions } = {},
): Transport {
  return new Transport({
    baseUrl: BASE,
    apiKey: 'apiKey' in extra ? extra.apiKey : KEY,
    userAgent: 'W&B Public Client wandb-api/0.0.0-test',
    clientHeader: 'wandb-api/0.0.0-test',
    fetch: f,
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
    retry: { ...FAST, onRetry: (e) => events.push(e), ...extra.retry },
  });
}

describe('Transport.postJson', () => {
  it('posts the JSON text under the base URL with credentials and parses the answer', async () => {
    const { fetch, calls } = fakeFetch([new Response('{"exitcode":null,"limits":{}}')]);
    const answer = await transport(fetch).postJson('/files/a/b/c/file_stream', '{"files":{}}');
    expect(answer).toEqual({ exitcode: null, limits: {} });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${BASE}/files/a/b/c/file_stream`);
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: '{"files":{}}' });
    const headers = new Headers(calls[0]!.init.headers);
    expect(headers.get('authorization')).toBe(`Basic ${btoa(`api:${KEY}`)}`);
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('retries network errors, timeouts, 429 and 5xx, reporting each retry with target "http"', async () => {
    const events: RetryEvent[] = [];
    const { fetch, calls } = fakeFetch([
      new Response('busy', { status: 503 }),
      new TypeError('fetch failed'),
      new Response('', { status: 429, headers: { 'Retry-After': '0' } }),
    ]);
    const t = transport(fetch, events, { retry: { maxAttempts: 4 } });
    await t.postJson('/files/a/b/c/file_stream', '{}', { what: 'file_stream of a/b/c' });
    expect(calls).toHaveLength(4);
    expect(events.map((e) => [e.target, e.what, e.reason, e.status])).toEqual([
      ['http', 'file_stream of a/b/c', 'http', 503],
      ['http', 'file_stream of a/b/c', 'network', undefined],
      ['http', 'file_stream of a/b/c', 'http', 429],
    ]);
    expect(events[2]!.retryAfterMs).toBe(0);
  });

  it('gives a TimeoutError after attempts that never answer', async () => {
    const { fetch, calls } = fakeFetch(['hang', 'hang', 'hang']);
    const err = await failure(transport(fetch, [], { timeoutMs: 5 }).postJson('/x', '{}'));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(3);
  });

  it('does not retry 401, 404 or a 429 beyond the budget, and never shows the key', async () => {
    const unauthorized = fakeFetch([new Response(`{"error":"bad key ${KEY}"}`, { status: 401 })]);
    const err = await failure(
      transport(unauthorized.fetch).postJson('/x', '{}', { what: 'file_stream of a/b/c' }),
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.message).toContain('not authorized by the W&B server (HTTP 401)');
    expect(unauthorized.calls).toHaveLength(1);
    expectNoApiKey(err, KEY);

    const missing = fakeFetch([new Response('{"error":"run not found"}', { status: 404 })]);
    const notFound = await failure(transport(missing.fetch).postJson('/x', '{}'));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound.message).toContain('run not found');

    const limited = fakeFetch([new Response('', { status: 429, headers: { 'Retry-After': '3600' } })]);
    const rate = await failure(transport(limited.fetch).postJson('/x', '{}'));
    expect(rate).toBeInstanceOf(RateLimitError);
    expect(limited.calls).toHaveLength(1);
  });

  it('refuses a path not under the base URL, and sends nothing without credentials', async () => {
    const { fetch, calls } = fakeFetch([]);
    await expect(transport(fetch).postJson('https://elsewhere.example.com/x', '{}')).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(transport(fetch, [], { apiKey: undefined }).postJson('/x', '{}')).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(calls).toHaveLength(0);
  });

  it('stops at once on abort, also while waiting for a retry', async () => {
    const controller = new AbortController();
    const { fetch, calls } = fakeFetch([new Response('', { status: 503, headers: { 'Retry-After': '60' } })]);
    const t = transport(fetch, [], {
      retry: { maxElapsedMs: 120_000, onRetry: () => controller.abort(new Error('stopped')) },
    });
    await expect(t.postJson('/x', '{}', { signal: controller.signal })).rejects.toThrow('stopped');
    expect(calls).toHaveLength(1);
  });
});

describe('postJson', () => {
  it('answers undefined for an empty or non-JSON 2xx body', async () => {
    const { fetch } = fakeFetch([new Response(''), new Response('ok')]);
    expect(await postJson(`${BASE}/x`, '{}', { fetch })).toBeUndefined();
    expect(await postJson(`${BASE}/x`, '{}', { fetch })).toBeUndefined();
  });
});
