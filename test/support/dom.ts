// A DOM for the React tests (import it first): happy-dom's window, document and element classes on
// globalThis, but not its URL, fetch, timers or streams, so that the emulator (Node's file URLs,
// its HTTP server) and the Api (Node's fetch) run as they do in every other test. A vitest
// `happy-dom` environment would replace those too (the emulator then cannot read its schema).
import { Window } from 'happy-dom';

const win = new Window({ url: 'http://127.0.0.1/' });
const g = globalThis as Record<string, unknown>;
const KEEP = new Set([
  'URL',
  'URLSearchParams',
  'fetch',
  'Request',
  'Response',
  'Headers',
  'AbortController',
  'AbortSignal',
  'Event',
  'EventTarget',
  'DOMException',
  'TextEncoder',
  'TextDecoder',
  'Blob',
  'FormData',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'queueMicrotask',
  'structuredClone',
  'performance',
  'crypto',
  'console',
  'process',
]);
for (const name of Object.getOwnPropertyNames(win)) {
  if (KEEP.has(name) || name in g) continue;
  if (
    /^[A-Z]/.test(name) ||
    [
      'document',
      'window',
      'navigator',
      'getComputedStyle',
      'requestAnimationFrame',
      'cancelAnimationFrame',
    ].includes(name)
  ) {
    g[name] = (win as unknown as Record<string, unknown>)[name];
  }
}
g.window = win;
g.document = win.document;
g.IS_REACT_ACT_ENVIRONMENT = true;
