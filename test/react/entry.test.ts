// wandb-api/react without a DOM (plain Node, as in server-side rendering): importing it touches no
// `window` or `document`, a server render shows the loading state without sending a request, and
// every export has TSDoc with an @example.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { Suspense, createElement as h, type ReactElement } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { Api } from '../../src/index.js';
import { setup } from '../support/helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('wandb-api/react in plain Node', () => {
  it('imports without a window or document, and a server render sends no request', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const react = await import('../../src/react/index.js');
    let requests = 0;
    const api = new Api({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'k'.repeat(40),
      fetch: () => {
        requests++;
        return Promise.reject(new Error('no request during a server render'));
      },
    });
    function Runs(): ReactElement {
      const { runs, loading } = react.useRuns('acme/vision', { pageSize: 5 });
      const { data: me } = react.useViewer();
      return h('p', null, loading ? 'loading' : `${runs.length} runs of ${me?.username ?? '?'}`);
    }
    const html = renderToString(h(react.WandbProvider, { api }, h(Runs)));
    expect(html).toBe('<p>loading</p>');
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests).toBe(0);
  });

  it('with suspense, a streaming server render waits for the answer', async () => {
    const react = await import('../../src/react/index.js');
    const { api, close } = await setup({ seed: 'demo' });
    try {
      function Me(): ReactElement {
        const { data } = react.useViewer({ suspense: true });
        return h('p', null, `signed in as ${data!.username}`);
      }
      const html = await new Promise<string>((resolve, reject) => {
        let out = '';
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            out += chunk.toString('utf8');
            done();
          },
        });
        sink.on('finish', () => resolve(out));
        const stream = renderToPipeableStream(
          h(react.WandbProvider, { api }, h(Suspense, { fallback: h('p', null, 'loading') }, h(Me))),
          { onAllReady: () => stream.pipe(sink), onError: reject },
        );
      });
      expect(html).toContain('signed in as alice');
      expect(html).not.toContain('loading');
    } finally {
      await close();
    }
  });

  it('every export has TSDoc with an @example', () => {
    const entry = join(root, 'src', 'react', 'index.ts');
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      paths: { 'wandb-api': [join(root, 'src', 'index.ts')] },
    });
    const checker = program.getTypeChecker();
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
    const missing = exports
      .map((e) => (e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e))
      .filter(
        (s) =>
          !(s.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'example')),
      )
      .map((s) => s.name);
    expect(exports.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
