/**
 * Listings at scale (#12): pages fetched one ahead, the total asked once, and bulk reads of run
 * config and summary (`lazy: false`) with no request per run.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api, ValidationError } from '../../src/index.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

const RUN_COUNT = 23;
const id = (i: number): string => `bulk${String(i).padStart(4, '0')}`;

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    for (let i = 0; i < RUN_COUNT; i++) {
      emu.seed.run({
        entity: 'alice',
        project: 'bulk',
        id: id(i),
        state: i % 3 === 0 ? 'running' : 'finished',
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        config: { lr: i / 100, layers: i % 4 },
        summary: { loss: 1 / (i + 1), step: i * 10 },
        ...(i === 0 ? { files: { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' } } : {}),
      });
    }
    for (const sweep of ['sw000001', 'sw000002', 'sw000003']) {
      emu.seed.sweep({ entity: 'alice', project: 'bulk', id: sweep, config: { method: 'grid' } });
    }
  },
  { resetEach: true },
);

const runsPages = (): Array<Record<string, unknown>> =>
  emu.requests.filter((r) => r.operationName === 'RunsPage').map((r) => r.variables ?? {});

describe('api.runs with lazy: false (bulk configs and summaries)', () => {
  it('reads every run’s config and summary with one request per page, none per run', async () => {
    const seen: Array<{ id: string; lr: unknown; loss: unknown }> = [];
    for await (const run of api.runs('alice/bulk', { lazy: false, perPage: 5 })) {
      seen.push({ id: run.id, lr: run.config.lr, loss: run.summary.loss });
    }
    expect(seen.map((r) => r.id)).toEqual(Array.from({ length: RUN_COUNT }, (_, i) => id(i)));
    expect(seen[7]).toEqual({ id: id(7), lr: 0.07, loss: 1 / 8 });
    expect(graphqlCalls(emu, 'RunsPage')).toBe(Math.ceil(RUN_COUNT / 5));
    expect(graphqlCalls(emu)).toBe(Math.ceil(RUN_COUNT / 5));
  });
});

describe('prefetch', () => {
  it('yields the same runs, in the same order, with and without prefetch', async () => {
    const filters = { state: 'finished' };
    const ahead = await api.runs('alice/bulk', { filters, perPage: 4 }).toArray();
    const pagesAhead = graphqlCalls(emu, 'RunsPage');
    api.flush();
    const plain = await api.runs('alice/bulk', { filters, perPage: 4, prefetch: false }).toArray();
    expect(ahead.map((r) => r.id)).toEqual(plain.map((r) => r.id));
    expect(ahead).toHaveLength(15);
    expect(graphqlCalls(emu, 'RunsPage') - pagesAhead).toBe(pagesAhead); // the same pages, each once
  });

  it('asks for at most one page beyond the ones read when the caller stops early', async () => {
    const runs = api.runs('alice/bulk', { perPage: 5 });
    let n = 0;
    for await (const run of runs) {
      void run;
      if (++n === 7) break; // on page 2
    }
    // Page 3 may have been asked ahead; page 4 never.
    const asked = runsPages().map((v) => v['cursor'] ?? null);
    expect(asked.length === 2 || asked.length === 3).toBe(true);
    expect(new Set(asked).size).toBe(asked.length);
    // Resuming continues after the last page read.
    const rest = await api.runs('alice/bulk', { perPage: 5, start: runs.cursor }).toArray();
    expect(rest[0]?.id).toBe(id(10));
  });

  it('rejects a prefetch option that is not a boolean, before any request', () => {
    expect(() => api.runs('alice/bulk', { prefetch: 'yes' as unknown as boolean })).toThrow(ValidationError);
    expect(() => api.projects('alice', { prefetch: 1 as unknown as boolean })).toThrow(/prefetch/);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('totalCount is asked once', () => {
  it('asks the server for the run count with the first page only', async () => {
    const runs = api.runs('alice/bulk', { perPage: 5 });
    expect(await runs.toArray()).toHaveLength(RUN_COUNT);
    expect(runsPages().map((v) => v['withTotal'])).toEqual([true, false, false, false, false]);
    expect(await runs.totalCount()).toBe(RUN_COUNT);
    expect(graphqlCalls(emu, 'RunsPage')).toBe(5); // the count came with the first page
    api.flush();
    await runs.toArray(); // a second iteration knows the count already
    expect(
      runsPages()
        .slice(5)
        .map((v) => v['withTotal']),
    ).toEqual([false, false, false, false, false]);
  });

  it('totalCount() before iterating asks for it once, then no page asks again', async () => {
    const runs = api.runs('alice/bulk', { perPage: 10, filters: { state: 'running' } });
    expect(await runs.totalCount()).toBe(8);
    expect(await runs.toArray()).toHaveLength(8);
    expect(runsPages().map((v) => v['withTotal'])).toEqual([true, false]);
  });

  it('so are the files of a run', async () => {
    const run = await api.run(`alice/bulk/${id(0)}`);
    emu.clearRequests();
    const files = run.files({ perPage: 1 });
    expect((await files.toArray()).map((f) => f.name)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const pages = emu.requests.filter((r) => r.operationName === 'RunFiles');
    expect(pages.map((r) => r.variables?.['withTotal'])).toEqual([true, false, false]);
    expect(await files.totalCount()).toBe(3);
  });

  it('so are the sweeps of a project', async () => {
    const project = await api.project('alice/bulk');
    emu.clearRequests();
    const sweeps = project.sweeps({ perPage: 1 });
    expect(await sweeps.toArray()).toHaveLength(3);
    const pages = emu.requests.filter((r) => r.operationName === 'ProjectSweeps');
    expect(pages.map((r) => r.variables?.['withTotal'])).toEqual([true, false, false]);
    expect(await sweeps.totalCount()).toBe(3);
  });
});

describe('one request limiter per Api', () => {
  /** A `fetch` that counts the requests in flight at once. */
  function countingFetch() {
    const state = { inFlight: 0, max: 0 };
    const fetch: typeof globalThis.fetch = async (input, init) => {
      state.inFlight++;
      state.max = Math.max(state.max, state.inFlight);
      try {
        return await globalThis.fetch(input, init);
      } finally {
        state.inFlight--;
      }
    };
    return { fetch, state };
  }

  it('keeps parallel calls to concurrency requests in flight', async () => {
    const counter = countingFetch();
    const limited = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, fetch: counter.fetch, concurrency: 3 });
    const runs = await Promise.all(
      Array.from({ length: RUN_COUNT }, (_, i) => limited.run(`alice/bulk/${id(i)}`)),
    );
    expect(runs.map((r) => r.id)).toEqual(Array.from({ length: RUN_COUNT }, (_, i) => id(i)));
    expect(counter.state.max).toBe(3);
    expect(limited.concurrency()).toBe(3);
  });

  it('halves its width after a 429 and still returns every run', async () => {
    const retries: Array<number | undefined> = [];
    const limited = new Api({
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      concurrency: 8,
      retry: {
        maxAttempts: 3,
        initialDelayMs: 1,
        maxDelayMs: 5,
        onRetry: (e) => void retries.push(e.status),
      },
    });
    emu.faults.add({ operationName: 'RunsPage', status: 429, times: 1, skip: 1 });
    const runs = await limited.runs('alice/bulk', { perPage: 10 }).toArray();
    expect(runs).toHaveLength(RUN_COUNT);
    expect(retries).toEqual([429]);
    expect(limited.concurrency()).toBe(4);
    expect(api.concurrency()).toBe(8); // another Api, another limiter
  });
});

describe('the query cache and listings', () => {
  it('keeps no page of a listing (iterating again asks again) but still caches single lookups', async () => {
    const first = await api.runs('alice/bulk', { perPage: 10 }).toArray();
    const second = await api.runs('alice/bulk', { perPage: 10 }).toArray();
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    // Three pages each time: nothing of the first pass was served from the cache.
    expect(graphqlCalls(emu, 'RunsPage')).toBe(2 * Math.ceil(RUN_COUNT / 10));

    await api.run(`alice/bulk/${id(3)}`);
    const lookups = graphqlCalls(emu);
    await api.run(`alice/bulk/${id(3)}`);
    expect(graphqlCalls(emu)).toBe(lookups);
  });
});
