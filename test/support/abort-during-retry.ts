// Run as a child process by test/unit/transport/retry-timers.test.ts: a server that answers every
// request 503 with `Retry-After: 600`, an Api whose onRetry hook aborts the call, and nothing else.
// Once the call has rejected and the server is closed, the process must exit by itself: a retry
// timer left behind would keep it alive for the 600 s of the Retry-After.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api } from '../../src/index.js';

const server = createServer((_req, res) => {
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '600' });
  res.end(JSON.stringify({ errors: [{ message: 'busy' }] }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const controller = new AbortController();
const api = new Api({
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  apiKey: 'child-key-0123456789abcdef0123456789abcdef012345',
  retry: { maxAttempts: 3, maxElapsedMs: 1_200_000, onRetry: () => controller.abort() },
});
const outcome = await api.run('alice/vision/r1', { signal: controller.signal }).then(
  () => 'resolved',
  (e: unknown) => (e as Error).name,
);
server.closeAllConnections();
server.close();
process.stdout.write(`${outcome}\n`);
