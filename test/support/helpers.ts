import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { Api, type ApiOptions } from '../../src/index.js';

/** A fresh emulator (empty unless `seed: 'demo'`) and an Api pointed at it with fast retries. */
export async function setup(
  options: {
    seed?: 'demo' | 'empty';
    api?: ApiOptions;
    username?: string;
    /** Server feature overrides, as `startEmulator({ features })` takes them. */
    features?: Record<string, boolean>;
  } = {},
): Promise<{ emu: Emulator; api: Api; close: () => Promise<void> }> {
  const emu = await startEmulator({
    port: 0,
    apiKey: 'test-key-0123456789abcdef0123456789abcdef01234567',
    viewer: { username: options.username ?? 'alice', email: 'alice@example.com', teams: ['vision-team'] },
    seed: options.seed ?? 'empty',
    features: options.features,
  });
  const api = new Api({
    baseUrl: emu.url,
    apiKey: emu.apiKey,
    retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 5_000 },
    ...options.api,
  });
  return { emu, api, close: () => emu.close() };
}

/** GraphQL requests the emulator received, by operation name. */
export function graphqlCalls(emu: Emulator, operationName?: string): number {
  return emu.requests.filter(
    (r) => r.kind === 'graphql' && (!operationName || r.operationName === operationName),
  ).length;
}

/**
 * Registers beforeAll/afterAll hooks for a suite: starts an emulator and an Api before the tests,
 * hands them to `ready` (to assign and seed), and closes the emulator after them. With
 * `resetEach`, every test also starts with no faults, no recorded requests and an empty cache.
 * With `freshEach`, every test gets an emulator and an Api of its own instead (beforeEach/afterEach,
 * `ready` called for each): for tests whose writes another test must not see.
 */
export function useEmulator(
  ready: (ctx: { emu: Emulator; api: Api }) => void,
  options: Parameters<typeof setup>[0] & { resetEach?: boolean; freshEach?: boolean } = {},
): void {
  let close: (() => Promise<void>) | undefined;
  let current: { emu: Emulator; api: Api } | undefined;
  const start = async (): Promise<void> => {
    const ctx = await setup(options);
    close = ctx.close;
    current = ctx;
    ready(ctx);
  };
  if (options.freshEach) {
    beforeEach(start);
    afterEach(() => close?.());
    return;
  }
  beforeAll(start);
  if (options.resetEach) {
    beforeEach(() => {
      current?.emu.faults.clear();
      current?.emu.clearRequests();
      current?.api.flush();
    });
  }
  afterAll(() => close?.());
}
