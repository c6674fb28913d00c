/**
 * A `Transport` from a fresh module graph (`vi.resetModules()` first), so that the code it loads on
 * first use (its engine, the typed errors' mapping) loads anew, or fails to, as a test arranges
 * with `vi.doMock`. The errors module of the same graph comes with it, for `instanceof`.
 *
 * @example
 * ```ts
 * const { transport, errors } = await freshTransport(async () => new Response('{}'));
 * ```
 */
import { vi } from 'vitest';

type TransportModule = typeof import('../../src/transport/index.js');

/** The API key these transports send (tests check that no message shows it). */
export const FRESH_KEY = 'k'.repeat(40);

/** The transport (no retries, `fetch` as given) and the errors module of its fresh graph. */
export async function freshTransport(fetch: typeof globalThis.fetch): Promise<{
  transport: InstanceType<TransportModule['Transport']>;
  errors: typeof import('../../src/errors/index.js');
}> {
  vi.resetModules();
  const { Transport } = (await import('../../src/transport/index.js')) as TransportModule;
  const errors = await import('../../src/errors/index.js');
  const transport = new Transport({
    baseUrl: 'http://127.0.0.1:9',
    apiKey: FRESH_KEY,
    userAgent: 'test',
    clientHeader: 'test',
    retry: false,
    fetch,
  });
  return { transport, errors };
}
