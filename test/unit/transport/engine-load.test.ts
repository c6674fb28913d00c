// The urql engine (transport/engine.ts: urql, wonka and our exchanges) is a chunk of its own, asked
// for when a transport is made and awaited by the first request, not loaded with the page. When it
// cannot load (a deployment that replaced the chunk, offline), the request rejects with a
// NetworkError that names it, before anything is sent, and the next request tries the load again;
// an abort while it loads rejects at once.
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

describe('the transport engine, a chunk of its own', () => {
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

  it('a signal aborted while the engine is still loading rejects at once with its reason, and sends nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.doMock('../../../src/transport/engine.js', async (importOriginal) => {
      await gate;
      return importOriginal();
    });
    const { transport, sent } = await recordingTransport();
    const controller = new AbortController();
    const pending = transport.request(Viewer, {}, { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    // Rejects while the chunk is held back: the gate is released only afterwards.
    await expect(pending).rejects.toBe(reason);
    release();
    await expect(transport.request(Viewer, {})).resolves.toEqual({ viewer: { id: 'u1' } });
    expect(sent).toEqual(['http://127.0.0.1:9/graphql']);
  });

  it('a load that fails after the signal aborted rejects with the abort reason, not the load failure', async () => {
    let fail!: (e: Error) => void;
    const gate = new Promise<void>((_resolve, reject) => (fail = reject));
    gate.catch(() => undefined);
    vi.doMock('../../../src/transport/engine.js', async () => {
      await gate;
      return {};
    });
    const { transport } = await recordingTransport();
    const controller = new AbortController();
    const pending = transport.request(Viewer, {}, { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    fail(new Error('chunk not found'));
    await expect(pending).rejects.toBe(reason);
  });

  it('a document text is parsed once the engine is there; text that is not GraphQL is a ValidationError naming `document`', async () => {
    const { transport, errors, sent } = await recordingTransport();
    await expect(transport.request('query Viewer { viewer { id } }', {})).resolves.toEqual({
      viewer: { id: 'u1' },
    });
    const e = await transport.request('this is not graphql', {}).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(errors.ValidationError);
    expect((e as Error).message).toMatch(/^Invalid document: it is not a GraphQL document/);
    expect(sent).toHaveLength(1);
  });

  it('client() rejects with a NetworkError naming the engine when it cannot load, and loads it the next time', async () => {
    let failLoad = true;
    vi.doMock('../../../src/transport/engine.js', async (importOriginal) => {
      if (failLoad) throw new Error('chunk not found');
      return importOriginal();
    });
    const { transport, errors } = await recordingTransport();
    await expect(transport.client()).rejects.toBeInstanceOf(errors.NetworkError);
    failLoad = false;
    const client = await transport.client();
    expect(await transport.client()).toBe(client);
    const result = await client.query(Viewer, {}).toPromise();
    expect(result.data).toEqual({ viewer: { id: 'u1' } });
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
    await expect(transport.request(Viewer, {})).resolves.toEqual({ viewer: { id: 'u1' } });
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
