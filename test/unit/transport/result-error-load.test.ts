// The typed errors' code (transport/resultError.ts) loads with the first request, not with the
// page: a result that fails still becomes its typed error, and when that code cannot load (a
// deployment that replaced the chunk, offline) the request rejects with a NetworkError naming it.
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRESH_KEY as KEY, freshTransport } from '../../support/fresh-transport.js';

const Viewer = parse('query Viewer { viewer { id } }') as TypedDocumentNode<unknown, Record<string, never>>;

/** A fetch that answers every GraphQL request 403. */
const denied: typeof fetch = async () =>
  new Response(JSON.stringify({ errors: [{ message: 'permission denied' }] }), {
    status: 403,
    headers: { 'content-type': 'application/json' },
  });

afterEach(() => {
  vi.doUnmock('../../../src/transport/resultError.js');
  vi.resetModules();
});

describe('a failed result before the typed errors have loaded', () => {
  it('still rejects with its typed error', async () => {
    const { transport, errors } = await freshTransport(denied);
    const e = await transport.request(Viewer, {}).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(errors.PermissionError);
    expect(String((e as Error).message)).not.toContain(KEY);
  });

  it('rejects with a NetworkError naming the part when that code cannot load', async () => {
    vi.doMock('../../../src/transport/resultError.js', () => {
      throw new Error('chunk not found');
    });
    const { transport, errors } = await freshTransport(denied);
    const e = await transport.request(Viewer, {}).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(errors.NetworkError);
    expect((e as Error).message).toMatch(/could not load its transport\/resultError module/);
    expect((e as Error).cause).toBeInstanceOf(Error);
    expect((e as Error).message).not.toContain(KEY);
  });
});
