import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  AuthenticationError,
  NotFoundError,
  RUN_ORDER_COLUMNS,
  ServerError,
  TimeoutError,
  UnsupportedError,
  ValidationError,
  type ListOptions,
  type RunsOptions,
} from '../../src/index.js';
import { urqlClient, ViewerDocument } from '../../src/graphql.js';
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
afterEach(() => vi.unstubAllEnvs());

describe('low-level access', () => {
  it('api.request sends a generated operation and returns typed data', async () => {
    const { viewer } = await api.request(ViewerDocument, {});
    expect(viewer?.username).toBe('alice');
    expect(graphqlCalls(emu, 'Viewer')).toBe(1);
  });

  it('api.client() is a working urql client with our auth', async () => {
    const client = await api.client();
    const result = await client.query(ViewerDocument, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.viewer?.username).toBe('alice');
  });

  it("urqlClient(api) from wandb-api/graphql is the same client, at once, and shares the Api's cache", async () => {
    const fresh = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
    const client = urqlClient(fresh);
    expect(await fresh.client()).toBe(client);
    const first = await client.query(ViewerDocument, {}).toPromise();
    expect(first.data?.viewer?.username).toBe('alice');
    // The same query through the Api is answered from the client's cache: no new request.
    const { viewer } = await fresh.request(ViewerDocument, {});
    expect(viewer?.username).toBe('alice');
    expect(graphqlCalls(emu, 'Viewer')).toBe(1);
  });

  it('with a client of your own, api.client() and urqlClient(api) are that client, as it is', async () => {
    const own = await api.client(); // any urql Client; here the shared test Api's
    const mine = new Api({ baseUrl: emu.url, client: own });
    expect(await mine.client()).toBe(own);
    expect(urqlClient(mine)).toBe(own);
    const { viewer } = await mine.request(ViewerDocument, {});
    expect(viewer?.username).toBe('alice');
  });

  it('urqlClient rejects what is not an Api, naming the parameter', () => {
    expect(() => urqlClient({} as never)).toThrow(/api: expected an Api from wandb-api/);
  });
});

describe('freshness', () => {
  it('run.load({ force: true }) re-reads every field', async () => {
    emu.seed.run({
      entity: 'alice',
      project: 'live',
      id: 'live0001',
      state: 'running',
      summary: { step: 1 },
    });
    const run = await api.run('alice/live/live0001');
    expect(run.state).toBe('running');
    const record = emu.store.findRun(emu.store.findProject('alice', 'live')!.id, 'live0001')!;
    record.state = 'finished';
    record.tags = ['done'];
    record.summary = { step: 2 };
    await run.load();
    expect(run.state).toBe('running');
    await run.load({ force: true });
    expect(run.state).toBe('finished');
    expect(run.tags).toEqual(['done']);
    expect(run.summary.step).toBe(2);
  });

  it('a run or project that did not exist is found once it does, without flush()', async () => {
    await expect(api.run('alice/later/late0001')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.project('later', 'alice')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.runs('alice/later').toArray()).rejects.toBeInstanceOf(NotFoundError);
    emu.seed.run({ entity: 'alice', project: 'later', id: 'late0001' });
    expect((await api.run('alice/later/late0001')).id).toBe('late0001');
    expect((await api.project('later', 'alice')).name).toBe('later');
    expect(await api.runs('alice/later').totalCount()).toBe(1);
  });

  it('found objects are served from the cache until flush()', async () => {
    await api.run('alice/mnist/run00001');
    await api.run('alice/mnist/run00001');
    expect(graphqlCalls(emu, 'RunDetail')).toBe(1);
    await api.run('alice/mnist/run00001', { cache: false });
    expect(graphqlCalls(emu, 'RunDetail')).toBe(2);
  });

  it('a listing whose entity lookup failed tries again on the next iteration', async () => {
    const fragile = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, retry: false });
    const runs = fragile.runs('mnist');
    emu.faults.add({ operationName: 'DefaultEntity', status: 500, times: 1 });
    await expect(runs.toArray()).rejects.toBeInstanceOf(ServerError);
    expect((await runs.toArray()).length).toBe(5);
  });
});

describe('serialization', () => {
  it('runs, projects, users and sweeps serialize to plain JSON', async () => {
    emu.seed.sweep({ entity: 'alice', project: 'serial', id: 'swpjson1', config: { method: 'random' } });
    emu.seed.run({
      entity: 'alice',
      project: 'serial',
      id: 'swprun01',
      sweep: 'swpjson1',
      createdAt: '2030-01-01',
    });
    const [run] = await api
      .runs('alice/serial', { includeSweeps: true, filters: { sweep: 'swpjson1' } })
      .toArray();
    const json = JSON.parse(JSON.stringify(run)) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: 'swprun01',
      entity: 'alice',
      project: 'serial',
      loaded: true,
      config: {},
    });
    expect(JSON.parse(JSON.stringify(run!.sweep))).toMatchObject({ id: 'swpjson1', method: 'random' });
    expect(JSON.parse(JSON.stringify(await api.project('mnist', 'alice')))).toMatchObject({
      name: 'mnist',
      entity: 'alice',
      url: `${api.appUrl}/alice/mnist/workspace`,
    });
    expect(JSON.parse(JSON.stringify(await api.viewer()))).toMatchObject({
      username: 'alice',
      teams: ['vision-team'],
    });
    expect(
      JSON.parse(JSON.stringify((await api.runs('alice/mnist', { lazy: true }).first())!)),
    ).toMatchObject({
      loaded: false,
    });
  });

  it('summaries with NaN and Infinity come through as numbers', async () => {
    emu.seed.run({
      entity: 'alice',
      project: 'odd',
      id: 'nan00001',
      summary: { loss: NaN, best: Infinity, worst: -Infinity },
    });
    const run = await api.run('alice/odd/nan00001');
    expect(run.summary.loss).toBeNaN();
    expect(run.summary.best).toBe(Infinity);
    expect(run.summary.worst).toBe(-Infinity);
  });
});

describe('server capabilities', () => {
  it('an older server without serverInfo.features means every feature is off', async () => {
    emu.faults.add({
      operationName: 'ServerFeatures',
      status: 400,
      body: JSON.stringify({ errors: [{ message: 'Cannot query field "features" on type "ServerInfo".' }] }),
    });
    expect((await api.serverFeatures()).size).toBe(0);
  });

  it('an authentication failure is not mistaken for an old server', async () => {
    emu.faults.add({ operationName: 'ServerFeatures', status: 401 });
    await expect(api.serverFeatures()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('a failure that says nothing of the server is thrown, not remembered as "no features"', async () => {
    api.flush();
    // More 503s than the retry policy tries: the call fails with ServerError.
    emu.faults.add({ operationName: 'ServerFeatures', status: 503, times: 10 });
    await expect(api.serverFeatures()).rejects.toBeInstanceOf(ServerError);
    emu.faults.clear();
    expect((await api.serverFeatures()).get('SWEEPS_QUERY_FILTERING')).toBe(true);
    api.flush();
  });

  it('includeSweeps falls back to the legacy sweep query on older servers', async () => {
    emu.seed.sweep({
      entity: 'alice',
      project: 'old',
      id: 'oldswp01',
      config: { method: 'grid', name: 'legacy' },
    });
    emu.seed.run({ entity: 'alice', project: 'old', sweep: 'oldswp01' });
    emu.faults.add({
      operationName: 'SweepDetail',
      status: 400,
      body: JSON.stringify({
        errors: [{ message: 'Cannot query field "runCountExpected" on type "Sweep".' }],
      }),
    });
    const [run] = await api.runs('alice/old', { includeSweeps: true }).toArray();
    expect(run!.sweep?.name).toBe('legacy');
    expect(run!.sweep?.method).toBe('grid');
    expect(run!.sweep?.runCount).toBeUndefined();
    expect(graphqlCalls(emu, 'SweepDetailLegacy')).toBe(1);
  });
});

describe('every documented order column is accepted by the server', () => {
  it.each(RUN_ORDER_COLUMNS.flatMap((c) => [`+${c}`, `-${c}`]))('%s', async (order) => {
    expect((await api.runs('alice/mnist', { order, lazy: true }).toArray()).length).toBe(5);
  });
});

describe('date filters', () => {
  it.each([
    [{ createdAt: { $lte: new Date('2024-01-02T00:00:00Z') } }, ['run00001', 'run00002']],
    [{ createdAt: new Date('2024-01-03T00:00:00Z') }, ['run00003']],
    [{ createdAt: { $gt: '2024-01-04T00:00:00Z' } }, ['run00005']],
  ])('%j', async (filters, expected) => {
    const runs = await api.runs('alice/mnist', { filters, lazy: true }).toArray();
    expect(runs.map((r) => r.id)).toEqual(expected);
  });
});

/** A filter `levels` filter objects deep: `{ $or: [{ $or: [ ... { state: 'finished' } ] }] }`. */
function nestedFilter(levels: number): RunsOptions['filters'] {
  let f: NonNullable<RunsOptions['filters']> = { state: 'finished' };
  for (let i = 1; i < levels; i++) f = { $or: [f] };
  return f;
}

describe('a filter nested 64 levels deep', () => {
  it('is sent, and matches', async () => {
    const runs = await api.runs('alice/mnist', { filters: nestedFilter(64), lazy: true }).toArray();
    expect(runs.length).toBeGreaterThan(0);
  });
});

describe('bad options fail before any request', () => {
  const cases: Array<[string, () => unknown]> = [
    ['projects options null', () => api.projects('alice', null as unknown as ListOptions)],
    ['runs options null', () => api.runs('alice/mnist', null as unknown as RunsOptions)],
    ['runs signal not a signal', () => api.runs('alice/mnist', { signal: 'x' as unknown as AbortSignal })],
    ['runs lazy not a boolean', () => api.runs('alice/mnist', { lazy: 1 as unknown as boolean })],
    [
      'a filter value that is a function',
      () => api.runs('alice/mnist', { filters: { state: (() => 'x') as never } }),
    ],
    [
      'a filter value that is a Map',
      () => api.runs('alice/mnist', { filters: { group: new Map() as never } }),
    ],
    ['a filter nested 65 levels deep', () => api.runs('alice/mnist', { filters: nestedFilter(65) })],
    ['retry.maxAttempts negative', () => new Api({ apiKey: 'k', retry: { maxAttempts: -1 } })],
    ['retry unknown key', () => new Api({ apiKey: 'k', retry: { tries: 3 } as never })],
    ['cache not a boolean', () => new Api({ apiKey: 'k', cache: 'yes' as unknown as boolean })],
    [
      'headers not strings',
      () => new Api({ apiKey: 'k', headers: { a: 1 } as unknown as Record<string, string> }),
    ],
    ['fetch not a function', () => new Api({ apiKey: 'k', fetch: 3 as unknown as typeof fetch })],
  ];
  it.each(cases)('%s', (_name, fn) => {
    expect(fn).toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it.each<[string, () => Promise<unknown>]>([
    ['run options null', () => api.run('alice/mnist/run00001', null as unknown as object)],
    ['toArray options null', () => api.runs('alice/mnist').toArray(null as unknown as object)],
    ['project entity contradicting the path', () => api.project('alice/mnist', 'bob')],
    ['run path with a tab', () => api.run('alice/mn\tist/run00001')],
  ])('%s', async (_name, fn) => {
    await expect(fn()).rejects.toBeInstanceOf(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('integer options above the largest GraphQL Int (2^31 - 1) are a ValidationError naming them', async () => {
    const run = await api.run('alice/mnist/run00001');
    const project = await api.project('alice/mnist');
    emu.clearRequests();
    const tooBig = 2 ** 31;
    const sync: Array<[string, () => unknown]> = [
      ['perPage', () => api.runs('alice/mnist', { perPage: tooBig })],
      ['perPage', () => api.projects('alice', { perPage: tooBig })],
      ['perPage', () => api.reports('alice/mnist', { perPage: tooBig })],
      ['perPage', () => project.sweeps({ perPage: tooBig })],
      ['perPage', () => run.files({ perPage: tooBig })],
      ['pageSize', () => run.scanHistory({ pageSize: tooBig })],
    ];
    for (const [parameter, fn] of sync) {
      expect(fn).toThrow(expect.objectContaining({ parameter, code: 'VALIDATION' }));
    }
    await expect(run.history({ samples: tooBig })).rejects.toMatchObject({ parameter: 'samples' });
    expect(graphqlCalls(emu)).toBe(0);
    // 2^31 - 1 itself is sent as is
    await api.runs('alice/mnist', { perPage: tooBig - 1, lazy: true }).toArray();
    expect(emu.requests.find((r) => r.operationName === 'RunsPage')?.variables?.perPage).toBe(tooBig - 1);
  });

  it('projects().totalCount() is unsupported without asking the server', async () => {
    await expect(api.projects().totalCount()).rejects.toBeInstanceOf(UnsupportedError);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('environment', () => {
  it('sends WANDB_USERNAME, WANDB_USER_EMAIL and WANDB__EXTRA_HTTP_HEADERS as headers', async () => {
    vi.stubEnv('WANDB_USERNAME', 'alice');
    vi.stubEnv('WANDB_USER_EMAIL', 'alice@example.com');
    vi.stubEnv('WANDB__EXTRA_HTTP_HEADERS', '{"X-Team-Trace":"t-1"}');
    await new Api({ baseUrl: emu.url, apiKey: emu.apiKey }).viewer();
    const headers = emu.requests.at(-1)!.headers;
    expect(headers['x-wandb-username']).toBe('alice');
    expect(headers['x-wandb-user-email']).toBe('alice@example.com');
    expect(headers['x-team-trace']).toBe('t-1');
  });

  it('rejects malformed WANDB__EXTRA_HTTP_HEADERS', () => {
    vi.stubEnv('WANDB__EXTRA_HTTP_HEADERS', '{nope');
    expect(() => new Api({ apiKey: 'k' })).toThrow(/WANDB__EXTRA_HTTP_HEADERS/);
  });

  it('takes the per-attempt timeout from WANDB_HTTP_TIMEOUT (seconds)', async () => {
    vi.stubEnv('WANDB_HTTP_TIMEOUT', '0.1');
    emu.faults.add({ operationName: 'Viewer', delayMs: 1_000 });
    const err = await new Api({ baseUrl: emu.url, apiKey: emu.apiKey, retry: false })
      .viewer()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
  });
});
