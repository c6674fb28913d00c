// The emulator's HTTP layer over real HTTP (raw GraphQL with fetch: this tests the server itself):
// authentication, CORS, malformed bodies, fault injection, the request log, and GraphQL over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { basic, gql, KEY, type GqlResponse } from '../../support/emulator-http.js';

describe('emulator: HTTP, auth, CORS', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  });
  afterAll(() => emu.close());

  it('listens on 127.0.0.1 and exposes the key it accepts', () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.apiKey).toBe(KEY);
  });

  it('generates a random key when none is given', async () => {
    const other = await startEmulator();
    try {
      expect(other.apiKey).toMatch(/^[a-f0-9]{40}$/);
      expect((await gql(other, '{ viewer { username } }')).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('answers 401 without a key, with a wrong key and with a malformed header, never echoing the key', async () => {
    for (const auth of [
      null,
      basic('wrong-key'),
      `Bearer wrong-key`,
      'Basic !!!',
      `Basic ${btoa(`user:${KEY}`)}`,
    ]) {
      const res = await gql(emu, '{ viewer { username } }', undefined, { auth });
      expect(res.status).toBe(401);
      expect(res.json.errors?.[0]?.message).toMatch(/API key/);
      expect(res.text).not.toContain('wrong-key');
      expect(res.text).not.toContain(KEY);
    }
  });

  it('accepts Basic api:<key> and Bearer <key>', async () => {
    expect((await gql(emu, '{ viewer { username } }', undefined, { auth: basic(KEY) })).status).toBe(200);
    const bearer = await gql(emu, '{ viewer { username } }', undefined, { auth: `Bearer ${KEY}` });
    expect(bearer.status).toBe(200);
    expect(bearer.json.data).toEqual({ viewer: { username: 'alice' } });
  });

  it('answers CORS preflights with 204 and sets CORS headers on every response', async () => {
    emu.clearRequests();
    const pre = await fetch(`${emu.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-wandb-username',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(pre.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(emu.requests).toHaveLength(0); // preflights are not recorded

    const plain = await fetch(`${emu.url}/graphql`, { method: 'OPTIONS' });
    expect(plain.status).toBe(204);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
    expect(plain.headers.get('access-control-allow-headers')).toContain('use-admin-privileges');

    const unauthorized = await gql(emu, '{ viewer { username } }', undefined, { auth: null });
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('*');
    const ok = await gql(emu, '{ viewer { username } }', undefined, {
      headers: { origin: 'http://app.test' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test');
  });

  it('answers 400 with a JSON error for a malformed body', async () => {
    for (const body of [
      '{"query": ',
      '[]',
      '{"variables": {}}',
      '{"query": "{ viewer { id } }", "variables": 3}',
    ]) {
      const res = await fetch(`${emu.url}/graphql`, {
        method: 'POST',
        headers: { authorization: basic(KEY), 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { errors: { message: string }[] };
      expect(json.errors[0]?.message).toBeTruthy();
    }
  });

  it('answers GraphQL syntax and validation errors with status 200 and errors', async () => {
    const syntax = await gql(emu, '{ viewer { ');
    expect(syntax.status).toBe(200);
    expect(syntax.json.errors?.[0]?.message).toMatch(/Syntax Error/);
    const invalid = await gql(emu, '{ viewer { nope } }');
    expect(invalid.status).toBe(200);
    expect(invalid.json.errors?.[0]?.message).toMatch(/Cannot query field "nope" on type "User"/);
  });

  it('answers 404 for unknown paths and 501 for storage endpoints it does not implement', async () => {
    expect((await fetch(`${emu.url}/nope`)).status).toBe(404);
    const files = await fetch(`${emu.url}/files/alice/p/r1/other`, { method: 'POST', body: '{}' });
    expect(files.status).toBe(501);
    expect(emu.requests.at(-1)?.kind).toBe('storage');
    const stream = await fetch(`${emu.url}/files/alice/p/r1/file_stream`, { method: 'POST', body: '{}' });
    expect(stream.status).toBe(401); // the endpoint exists (file-stream.test.ts) and wants a key
    expect(emu.requests.at(-1)?.kind).toBe('file_stream');
    expect((await fetch(`${emu.url}/healthz`)).status).toBe(200);
  });
});

describe('emulator: faults and recorded requests', () => {
  let emu: Emulator;
  const viewer = (operationName?: string): Promise<GqlResponse> =>
    gql(emu, 'query Viewer { viewer { username } }', undefined, operationName ? { operationName } : {});
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  });
  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });
  afterAll(() => emu.close());

  it('answers a status fault `times` times, then normally', async () => {
    const fault = emu.faults.add({ operationName: 'Viewer', status: 503, times: 2 });
    const first = await viewer();
    expect(first.status).toBe(503);
    expect(first.json.errors?.[0]?.message).toBe('emulated 503');
    expect(fault.remaining).toBe(1);
    expect((await viewer()).status).toBe(503);
    expect((await viewer()).status).toBe(200);
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('matches the operation name from the document when the body has none', async () => {
    emu.faults.add({ operationName: 'Other', status: 500 });
    expect((await viewer()).status).toBe(200);
    emu.faults.add({ operationName: 'Viewer', status: 500 });
    expect((await viewer()).status).toBe(500);
    expect((await viewer()).status).toBe(200);
    expect(emu.faults.list().map((f) => f.operationName)).toEqual(['Other']);
    emu.faults.add({ status: 502 }); // no operationName: matches any GraphQL request
    expect((await gql(emu, '{ viewer { username } }')).status).toBe(502);
  });

  it('sends Retry-After in seconds or as an HTTP date, readable from a browser', async () => {
    emu.faults.add({ status: 429, retryAfterSeconds: 3 });
    const seconds = await viewer();
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('3');
    expect(seconds.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const date = new Date('2030-01-01T00:00:00Z');
    emu.faults.add({ status: 503, retryAfterDate: date });
    expect((await viewer()).headers.get('retry-after')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
  });

  it('answers a custom (even malformed) body', async () => {
    emu.faults.add({ status: 200, body: 'this is not json' });
    const res = await viewer();
    expect(res.status).toBe(200);
    expect(res.text).toBe('this is not json');
  });

  it('delays a request, then answers normally, without blocking other requests', async () => {
    // On a manual clock: the delay ends when the test moves the clock, not after real time.
    const clock = createManualClock('2024-06-01T00:00:00Z');
    const delayed = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, clock });
    try {
      delayed.faults.add({ operationName: 'Slow', delayMs: 300 });
      const order: string[] = [];
      const slow = gql(delayed, 'query Slow { viewer { username } }').then((r) => {
        order.push('slow');
        return r;
      });
      // The slow request has arrived and waits out its delay on the clock.
      await vi.waitFor(() => expect(clock.pendingTimers).toBe(1), { timeout: 5_000, interval: 5 });
      const fastRes = await gql(delayed, 'query Viewer { viewer { username } }');
      order.push('fast');
      expect(fastRes.status).toBe(200); // answered while the slow one still waits: nothing blocked
      clock.advance(299);
      // Not answered before the clock reaches the delay: still waiting, logged without a status.
      expect(clock.pendingTimers).toBe(1);
      expect(delayed.requests.find((r) => r.operationName === 'Slow')?.status).toBe(0);
      clock.advance(1);
      const slowRes = await slow;
      expect(clock.pendingTimers).toBe(0);
      expect(slowRes.status).toBe(200);
      expect(slowRes.json.data).toEqual({ viewer: { username: 'alice' } });
      // The slow request was sent first: only its delay can have made it answer after the fast one.
      expect(order).toEqual(['fast', 'slow']);
    } finally {
      await delayed.close();
    }
  });

  it('drops the connection so that fetch rejects', async () => {
    emu.faults.add({ dropConnection: true });
    await expect(viewer()).rejects.toThrow();
    expect(emu.requests.at(-1)).toMatchObject({ operationName: 'Viewer', status: 0 });
    expect((await viewer()).status).toBe(200);
  });

  it('checks faults before authentication', async () => {
    emu.faults.add({ status: 500 });
    expect((await gql(emu, '{ viewer { id } }', undefined, { auth: null })).status).toBe(500);
  });

  it('rejects invalid faults', () => {
    expect(() => emu.faults.add({ operationName: 'X' })).toThrow(/at least one/);
    expect(() => emu.faults.add({ status: 42 })).toThrow(/status/);
    expect(() => emu.faults.add({ status: 500, times: 0 })).toThrow(/times/);
  });

  it('records requests with credentials redacted', async () => {
    await gql(
      emu,
      'query RunsPage($x: Int) { viewer { username } }',
      { x: 1 },
      {
        operationName: 'RunsPage',
        headers: { 'X-Wandb-Username': 'alice', cookie: `k=${KEY}` },
      },
    );
    await gql(emu, '{ viewer { username } }', undefined, { auth: `Bearer ${KEY}` });
    await gql(emu, '{ viewer { username } }', undefined, { auth: null });
    expect(emu.requests).toHaveLength(3);
    const [first, second, third] = emu.requests;
    expect(first).toMatchObject({
      kind: 'graphql',
      method: 'POST',
      path: '/graphql',
      operationName: 'RunsPage',
      variables: { x: 1 },
      status: 200,
    });
    expect(first?.query).toContain('query RunsPage');
    expect(first?.headers.authorization).toBe('[REDACTED]');
    expect(first?.headers.cookie).toBe('[REDACTED]');
    expect(first?.headers['x-wandb-username']).toBe('alice');
    expect(first?.headers['content-type']).toBe('application/json');
    expect(second?.headers.authorization).toBe('[REDACTED]');
    expect(second?.operationName).toBeUndefined();
    expect(third?.status).toBe(401);
    expect(third?.headers.authorization).toBeUndefined();
    const serialized = JSON.stringify(emu.requests);
    expect(serialized).not.toContain(KEY);
    expect(serialized).not.toContain(Buffer.from(`api:${KEY}`).toString('base64'));
    emu.clearRequests();
    expect(emu.requests).toHaveLength(0);
  });
});

describe('emulator: GraphQL over HTTP, operationName', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  });
  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });
  afterAll(() => emu.close());

  const post = async (
    body: Record<string, unknown>,
  ): Promise<{ status: number; json: GqlResponse['json'] }> => {
    const res = await fetch(`${emu.url}/graphql`, {
      method: 'POST',
      headers: { authorization: basic(KEY), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as GqlResponse['json'] };
  };
  const ONE = 'query Viewer { viewer { username } }';
  const TWO = 'query Viewer { viewer { username } } query Features { serverInfo { features { name } } }';

  it.each([
    ['absent', {}],
    ['null', { operationName: null }],
    ['empty (what the official client sends)', { operationName: '' }],
  ])('runs the only operation when operationName is %s', async (_label, extra) => {
    const res = await post({ query: ONE, ...extra });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { viewer: { username: 'alice' } } });
    expect(emu.requests.at(-1)?.operationName).toBe('Viewer');
  });

  it('runs an anonymous operation with an empty operationName', async () => {
    const res = await post({ query: '{ viewer { username } }', operationName: '' });
    expect(res.json).toEqual({ data: { viewer: { username: 'alice' } } });
    expect(emu.requests.at(-1)?.operationName).toBeUndefined();
  });

  it.each([
    ['absent', {}],
    ['null', { operationName: null }],
    ['empty', { operationName: '' }],
  ])("answers graphql-js's error for several operations when operationName is %s", async (_label, extra) => {
    const res = await post({ query: TWO, ...extra });
    expect(res.status).toBe(200);
    expect(res.json.errors?.map((e) => e.message)).toEqual([
      'Must provide operation name if query contains multiple operations.',
    ]);
  });

  it('runs the named operation of several, and says so for an unknown name', async () => {
    const named = await post({ query: TWO, operationName: 'Features' });
    expect(named.json.errors).toBeUndefined();
    expect(Object.keys(named.json.data ?? {})).toEqual(['serverInfo']);
    const unknown = await post({ query: TWO, operationName: 'Nope' });
    expect(unknown.json.errors?.[0]?.message).toBe('Unknown operation named "Nope".');
  });

  it("matches faults by the document's operation when operationName is empty", async () => {
    emu.faults.add({ operationName: 'Viewer', status: 503 });
    expect((await post({ query: ONE, operationName: '' })).status).toBe(503);
    expect((await post({ query: ONE, operationName: '' })).status).toBe(200);
  });

  it('refuses an operationName that is not a string with HTTP 400', async () => {
    expect((await post({ query: ONE, operationName: 3 })).status).toBe(400);
  });
});
