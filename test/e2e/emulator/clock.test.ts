// The emulator's clock and latency over real HTTP, without measuring wall time: with a manual
// clock, a request waiting out `latencyMs` or a fault's `delayMs` is answered exactly when the test
// moves the clock past it, never before; signed-URL expiry and the times seeds and writes stamp
// follow the same clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createManualClock,
  startEmulator,
  type Emulator,
  type ManualClock,
} from '../../../src/emulator/index.js';
import { data, gql, KEY, type GqlResponse } from '../../support/emulator-http.js';

/** A promise with a flag telling whether it has settled yet. */
function watch<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  return { promise: watched, settled: () => settled };
}

/** Waits (bounded) until `count` requests are waiting on the clock. */
async function waiting(clock: ManualClock, count: number): Promise<void> {
  await vi.waitFor(() => expect(clock.pendingTimers).toBe(count), { timeout: 5_000, interval: 5 });
}

describe('emulator: latencyMs', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('answers a GraphQL request only once latencyMs has passed on the clock', async () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, latencyMs: 50, clock });
    const answer = watch(gql(emu, '{ viewer { username } }'));
    await waiting(clock, 1);
    clock.advance(49);
    expect(clock.pendingTimers).toBe(1); // still waiting: not handled, so not answered
    expect(answer.settled()).toBe(false);
    expect(emu.requests.at(-1)?.status).toBe(0);
    clock.advance(1);
    const res = await answer.promise;
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ viewer: { username: 'alice' } });
  });

  it('delays storage requests the same way, and each request waits its own latency', async () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, latencyMs: 50, clock });
    emu.seed.run({ project: 'p', id: 'r1', files: { 'a.txt': 'alpha' } });
    const listing = watch(
      gql(
        emu,
        '{ project(name: "p", entityName: "alice") { run(name: "r1") { files { edges { node { directUrl } } } } } }',
      ),
    );
    await waiting(clock, 1);
    clock.advance(50);
    const res: GqlResponse = await listing.promise;
    const url = (
      res.json.data as { project: { run: { files: { edges: { node: { directUrl: string } }[] } } } }
    ).project.run.files.edges[0]?.node.directUrl;
    const first = watch(fetch(url ?? ''));
    await waiting(clock, 1);
    clock.advance(25);
    const second = watch(fetch(url ?? '')); // arrives half-way through the first one's wait
    await waiting(clock, 2);
    clock.advance(25);
    expect(await (await first.promise).text()).toBe('alpha');
    expect(second.settled()).toBe(false);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(25);
    expect(await (await second.promise).text()).toBe('alpha');
  });

  it('adds a fault delay on top of the latency', async () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, latencyMs: 50, clock });
    emu.faults.add({ delayMs: 300 });
    const answer = watch(gql(emu, '{ viewer { username } }'));
    await waiting(clock, 1);
    clock.advance(50); // the latency is over; the fault's delay starts
    await waiting(clock, 1);
    clock.advance(299);
    expect(answer.settled()).toBe(false);
    clock.advance(1);
    expect((await answer.promise).status).toBe(200);
  });

  it('works on the system clock too (answers come, whenever they come)', async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, latencyMs: 5 });
    expect((await gql(emu, '{ viewer { username } }')).status).toBe(200);
    expect((await fetch(`${emu.url}/healthz`)).status).toBe(200);
  });

  it('drops waiting requests when closed', async () => {
    const clock = createManualClock();
    const closing = await startEmulator({ apiKey: KEY, latencyMs: 50, clock });
    const answer = gql(closing, '{ viewer { username } }');
    await waiting(clock, 1);
    await closing.close();
    await expect(answer).rejects.toThrow();
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses a latency that is not a number >= 0', async () => {
    await expect(startEmulator({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
    await expect(startEmulator({ latencyMs: Number.NaN })).rejects.toThrow(/latencyMs/);
  });
});

describe('emulator: the clock', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('stamps seeds and writes with its time', async () => {
    const clock = createManualClock('2024-06-01T12:00:00Z');
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, clock });
    emu.seed.run({ project: 'p', id: 'seeded01', summary: { _runtime: 30 } });
    const run = `query ($n: String!) { project(name: "p", entityName: "alice") { createdAt run(name: $n) { id createdAt heartbeatAt updatedAt } } }`;
    const seeded = await data<{ project: { createdAt: string; run: Record<string, string> } }>(emu, run, {
      n: 'seeded01',
    });
    expect(seeded.project.createdAt).toBe('2024-06-01T12:00:00Z');
    expect(seeded.project.run).toMatchObject({
      createdAt: '2024-06-01T12:00:00Z',
      heartbeatAt: '2024-06-01T12:00:30Z',
    });
    clock.advance(3_600_000);
    const created = await data<{
      upsertBucket: { bucket: { id: string; createdAt: string; heartbeatAt: string } };
    }>(
      emu,
      'mutation { upsertBucket(input: {modelName: "p", name: "created1"}) { bucket { id createdAt heartbeatAt } } }',
    );
    expect(created.upsertBucket.bucket).toMatchObject({
      createdAt: '2024-06-01T13:00:00Z',
      heartbeatAt: '2024-06-01T13:00:00Z',
    });
    clock.set('2024-06-02T00:00:00Z');
    await data(
      emu,
      'mutation ($id: String!) { upsertBucket(input: {id: $id, notes: "later"}) { bucket { id } } }',
      {
        id: created.upsertBucket.bucket.id,
      },
    );
    const updated = await data<{ project: { run: { updatedAt: string; createdAt: string } } }>(emu, run, {
      n: 'created1',
    });
    expect(updated.project.run).toMatchObject({
      createdAt: '2024-06-01T13:00:00Z',
      updatedAt: '2024-06-02T00:00:00Z',
    });
    expect(new Date(emu.clock.now()).toISOString()).toBe('2024-06-02T00:00:00.000Z');
  });

  it('expires signed URLs by its time, not the wall clock', async () => {
    const clock = createManualClock('2030-01-01T00:00:00Z'); // years ahead of the wall clock
    emu = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      clock,
      signedUrlLifetimeMs: 60_000,
    });
    emu.seed.run({ project: 'p', id: 'r1', files: { 'a.txt': 'alpha' } });
    const d = await data<{ project: { run: { files: { edges: { node: { directUrl: string } }[] } } } }>(
      emu,
      '{ project(name: "p", entityName: "alice") { run(name: "r1") { files { edges { node { directUrl } } } } } }',
    );
    const url = d.project.run.files.edges[0]?.node.directUrl ?? '';
    expect(Number(new URL(url).searchParams.get('expires'))).toBe(Date.parse('2030-01-01T00:01:00Z'));
    expect((await fetch(url)).status).toBe(200);
    clock.advance(60_001);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });
});
