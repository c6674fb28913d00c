// A retry that is waiting (here for a 30 s Retry-After) and is aborted leaves no timer behind:
// the 30 s timer it scheduled is cleared (seen through spies on setTimeout / clearTimeout), the
// process holds no more timers than before (process.getActiveResourcesInfo), and a child process
// exits by itself. No duration is measured: the assertions are on timers and exits. (Counting the
// process's timers while the retry waits was flaky on a loaded machine: another timer of the
// process can come and go meanwhile; the spies see the retry's own timer.)
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Transport } from '../../../src/transport/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

let server: Server;
let baseUrl: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
    res.end(JSON.stringify({ errors: [{ message: 'busy' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const Viewer = parse('query Viewer { viewer { id } }') as TypedDocumentNode<unknown, Record<string, never>>;
const Upsert = parse(
  'mutation Upsert($name: String!) { upsertBucket(input: { name: $name }) { bucket { id } } }',
) as TypedDocumentNode<unknown, { name: string }>;

/** The timers keeping this process alive. */
function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

type Send = (t: Transport, signal: AbortSignal) => Promise<unknown>;

/**
 * Sends a request the server answers 503 with `Retry-After: 30` and aborts it while the retry
 * waits: inside the onRetry hook, or afterwards (in a later task, as a user's abort would come).
 * Gives the 30 s timers scheduled, those of them cleared, and the number of the process's timers
 * once the call has rejected.
 */
async function abortDuringTheWait(
  send: Send,
  where: 'in onRetry' | 'after onRetry',
): Promise<{ scheduled: number; cleared: number; after: number }> {
  const controller = new AbortController();
  const setSpy = vi.spyOn(globalThis, 'setTimeout');
  const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
  const delays: number[] = [];
  let scheduled!: () => void;
  const retryScheduled = new Promise<void>((resolve) => (scheduled = resolve));
  const t = new Transport({
    baseUrl,
    apiKey: 'unit-key-0123456789abcdef0123456789abcdef012345',
    userAgent: 'test',
    clientHeader: 'test',
    timeoutMs: 45_000, // not the Retry-After's 30 s, so the spies tell the two timers apart
    retry: {
      maxAttempts: 3,
      maxElapsedMs: 120_000,
      onRetry: (e) => {
        // Asserted after the call: an exception thrown in onRetry is swallowed by the transport.
        delays.push(e.delayMs);
        if (where === 'in onRetry') controller.abort();
        scheduled();
      },
    },
  });
  const before = requests;
  const call = send(t, controller.signal);
  await retryScheduled;
  if (where === 'after onRetry') {
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
  }
  await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  await new Promise((resolve) => setImmediate(resolve)); // let the teardown run to its end
  expect(requests - before).toBe(1);
  expect(delays).toEqual([30_000]); // the Retry-After, scheduled once
  const retryTimers = setSpy.mock.calls.flatMap((call, i) =>
    call[1] === 30_000 ? [setSpy.mock.results[i]?.value as unknown] : [],
  );
  const clearedHandles = new Set(clearSpy.mock.calls.map((call) => call[0] as unknown));
  setSpy.mockRestore();
  clearSpy.mockRestore();
  return {
    scheduled: retryTimers.length,
    cleared: retryTimers.filter((h) => clearedHandles.has(h)).length,
    after: timers(),
  };
}

const query: Send = (t, signal) => t.request(Viewer, {}, { signal });
const mutation: Send = (t, signal) => t.request(Upsert, { name: 'r' }, { signal, idempotent: true });

describe('aborting during a retry wait', () => {
  it.each([
    ['a query', 'in onRetry', query],
    ['a query', 'after onRetry', query],
    ['an idempotent mutation', 'in onRetry', mutation],
    ['an idempotent mutation', 'after onRetry', mutation],
  ] as const)('clears the pending retry timer of %s aborted %s', async (_what, where, send) => {
    const baseline = timers();
    const { scheduled, cleared, after } = await abortDuringTheWait(send, where);
    expect(scheduled).toBe(1); // the retry's own timer, for the Retry-After
    expect(cleared).toBe(1); // ... cleared by the abort
    expect(after).toBeLessThanOrEqual(baseline);
  });

  it(
    'lets a Node process exit by itself once the aborted call has rejected',
    { timeout: 130_000 },
    async () => {
      // Without the fix the child lives on for the 600 s of the Retry-After and is killed at 120 s
      // (room enough for tsx to start on a loaded machine).
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'test/support/abort-during-retry.ts')],
        { cwd: ROOT, timeout: 120_000, killSignal: 'SIGKILL' },
      );
      expect(stdout.trim()).toBe('AbortError');
    },
  );
});
