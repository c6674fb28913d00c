// The urql engine (transport/engine.ts: urql, wonka and our exchanges) loads with the first request,
// not with the page. When it cannot load (a deployment that replaced the chunk, offline), the
// request rejects with a NetworkError that names it, before anything is sent, and the next request
// tries the load again.
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRESH_KEY as KEY, freshTransport } from '../../support/fresh-transport.js';

const Viewer = parse('query Viewer { viewer { id } }') as TypedDocumentNode<
  { viewer: { id: string } },
  Record<string, never>
>;

/** A fresh transport whose `fetch` answers every request with a viewer, recording the URLs sent. */
async function recordingTransport(): Promise<{
  transport: Awaited<ReturnType<typeof freshTransport>>['transport'];
  errors: Awaited<ReturnType<typeof freshTransport>>['errors'];
  sent: string[];
}> {
  const sent: string[] = [];
  const fresh = await freshTransport(async (input) => {
    sent.push(String(input));
    return new Response(JSON.stringify({ data: { viewer: { id: 'u1' } } }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { ...fresh, sent };
}

afterEach(() => {
  vi.doUnmock('../../../src/transport/engine.js');
  vi.resetModules();
});

describe('the transport engine, loaded with the first request', () => {
  it('a request whose engine cannot load rejects with a NetworkError naming it, sends nothing, and the next request loads it', async () => {
    let failLoad = true;
    vi.doMock('../../../src/transport/engine.js', async (importOriginal) => {
      if (failLoad) throw new Error('chunk not found');
      return importOriginal();
    });
    const { transport, sent, errors } = await recordingTransport();

    const e = await transport.request(Viewer, {}).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(errors.NetworkError);
    expect((e as Error).message).toMatch(/could not load its transport\/engine module/);
    expect((e as Error).message).toMatch(/the next call tries again/);
    expect((e as Error).message).not.toContain(KEY);
    expect(sent).toEqual([]);

    failLoad = false;
    await expect(transport.request(Viewer, {})).resolves.toEqual({ viewer: { id: 'u1' } });
    expect(sent).toEqual(['http://127.0.0.1:9/graphql']);
  });

  it('a signal aborted while the engine loads rejects with its reason and sends nothing', async () => {
    const { transport, sent } = await recordingTransport();
    const controller = new AbortController();
    const pending = transport.request(Viewer, {}, { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(sent).toEqual([]);
  });

  it('is asked for when the transport is made, before any request, so a first call does not wait for it after its domain', async () => {
    let loads = 0;
    vi.doMock('../../../src/transport/engine.js', async (importOriginal) => {
      loads++;
      return importOriginal();
    });
    const { transport, sent } = await recordingTransport();
    await vi.waitFor(() => expect(loads).toBe(1));
    expect(sent).toEqual([]);
    await transport.request(Viewer, {});
    expect(loads).toBe(1);
  });

  it('a load that failed when the transport was made is tried again by the first request', async () => {
    let attempts = 0;
    vi.doMock('../../../src/transport/engine.js', async (importOriginal) => {
      attempts++;
      if (attempts === 1) throw new Error('chunk not found');
      return importOriginal();
    });
    const { transport } = await recordingTransport();
    await vi.waitFor(() => expect(attempts).toBe(1));
    await expect(transport.request(Viewer, {})).resolves.toEqual({ viewer: { id: 'u1' } });
    expect(attempts).toBe(2);
  });
});
