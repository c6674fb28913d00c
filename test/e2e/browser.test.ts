/**
 * The core build in a real browser (Debian's Chromium, see ./browser-harness.ts): a page served from one
 * origin talks to the emulator on another, so CORS, fetch, headers, storage GET and PUT (with a CORS
 * preflight) and error classes are exercised exactly as a web app would see them. One browser serves
 * every test of this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { chromiumAvailable, openBrowserSite, type BrowserSite } from '../support/browser-harness.js';
import { setup } from '../support/helpers.js';

let emu: Emulator;
let close: () => Promise<void>;
let site: BrowserSite;

beforeAll(async () => {
  if (!chromiumAvailable) return;
  ({ emu, close } = await setup({ seed: 'demo' }));
  // alice/web/r1: the run whose files 'run files in Chromium' reads and adds to.
  emu.seed.run({
    project: 'web',
    id: 'r1',
    files: { 'config.yaml': 'lr: 0.1\n', 'img.bin': new Uint8Array([0, 1, 254, 255]) },
  });
  site = await openBrowserSite();
}, 60_000);

afterAll(async () => {
  if (!chromiumAvailable) return;
  await site?.close();
  await close?.();
});

describe.skipIf(!chromiumAvailable)('in Chromium', () => {
  it('lists runs, loads one and reports a bad key with the right error class', async () => {
    const page = await site.newPage();
    emu.clearRequests();
    const result = await page.evaluate(
      async ({ baseUrl, apiKey }) => {
        type W = typeof import('../../src/index.js');
        const w = (window as unknown as { wandb: W }).wandb;
        const api = new w.Api({ baseUrl, apiKey });
        const me = await api.viewer();
        const runs = api.runs(`${me.entity}/image-classification`, {
          filters: { state: 'finished' },
          order: '-summary_metrics.accuracy',
          perPage: 20,
        });
        const best = await runs.first();
        const bad = await new w.Api({ baseUrl, apiKey: 'not-the-key' }).viewer().catch((e: unknown) => e);
        const invalid = (() => {
          try {
            api.runs('a/b', { order: 'x desc' });
            return null;
          } catch (e) {
            return e;
          }
        })();
        return {
          username: me.username,
          total: await runs.totalCount(),
          bestAccuracy: best?.summary.accuracy,
          bestState: best?.state,
          badIsAuth: bad instanceof w.AuthenticationError,
          badStatus: (bad as { status?: number }).status,
          invalidIsValidation: invalid instanceof w.ValidationError,
          hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        };
      },
      { baseUrl: emu.url, apiKey: emu.apiKey },
    );
    expect(result).toMatchObject({
      username: 'alice',
      bestState: 'finished',
      badIsAuth: true,
      badStatus: 401,
      invalidIsValidation: true,
      hasProcess: false,
    });
    expect(result.total).toBeGreaterThan(10);
    expect(typeof result.bestAccuracy).toBe('number');
    const sent = emu.requests.find((r) => r.operationName === 'RunsPage')!;
    expect(sent.headers['x-wandb-client']).toMatch(/^wandb-api\//);
    expect(sent.headers['user-agent']).toMatch(/Chrome/);
    expect(sent.headers.origin).toBe(site.origin);
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)('chunks in Chromium', () => {
  it('fetches the transport engine (urql) as a chunk of its own once an Api is made, and a domain with its first call', async () => {
    const isEngine = (path: string): boolean => /^\/engine-[\w-]+\.js$/.test(path);
    const isRuns = (path: string): boolean => /^\/runs-impl-[\w-]+\.js$/.test(path);
    const from = site.served.length;
    const page = await site.newPage();
    const pageLoad = site.served.slice(from);
    expect(pageLoad).toContain('/wandb-api.js');
    expect(pageLoad.filter(isEngine)).toEqual([]);

    await page.evaluate(
      ({ baseUrl, apiKey }) => {
        type W = typeof import('../../src/index.js');
        const w = (window as unknown as { wandb: W }).wandb;
        (window as unknown as { api: unknown }).api = new w.Api({ baseUrl, apiKey });
      },
      { baseUrl: emu.url, apiKey: emu.apiKey },
    );
    // Asked for by the constructor alone: no call has been made.
    await expect.poll(() => site.served.slice(from).filter(isEngine)).toHaveLength(1);
    expect(site.served.slice(from).filter(isRuns)).toEqual([]);

    const name = await page.evaluate(async () => {
      type W = typeof import('../../src/index.js');
      const api = (window as unknown as { api: InstanceType<W['Api']> }).api;
      const run = await api.runs('alice/image-classification', { perPage: 2 }).first();
      return run?.name;
    });
    expect(typeof name).toBe('string');
    expect(site.served.slice(from).filter(isRuns)).toHaveLength(1);
    expect(site.served.slice(from).filter(isEngine)).toHaveLength(1);
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)('run files in Chromium', () => {
  it('reads and uploads files across origins; download() says to use blob()', async () => {
    const page = await site.newPage();
    emu.clearRequests();
    const result = await page.evaluate(
      async ({ baseUrl, apiKey }) => {
        type W = typeof import('../../src/index.js');
        const w = (window as unknown as { wandb: W }).wandb;
        const api = new w.Api({ baseUrl, apiKey });
        const run = await api.run('alice/web/r1');
        const names = (await run.files().toArray()).map((f) => f.name);
        const config = await (await run.file('config.yaml')).text();
        const img = await (await run.file('img.bin')).blob();
        const uploaded = await run.uploadFile('notes/from-browser.txt', new Blob(['hello from the page']));
        const download = await uploaded.download().catch((e: unknown) => e);
        return {
          names,
          config,
          imgBytes: [...new Uint8Array(await img.arrayBuffer())],
          uploadedName: uploaded.name,
          uploadedText: await uploaded.text(),
          downloadUnsupported: download instanceof w.UnsupportedError,
        };
      },
      { baseUrl: emu.url, apiKey: emu.apiKey },
    );
    expect(result).toEqual({
      names: ['config.yaml', 'img.bin'],
      config: 'lr: 0.1\n',
      imgBytes: [0, 1, 254, 255],
      uploadedName: 'notes/from-browser.txt',
      uploadedText: 'hello from the page',
      downloadUnsupported: true,
    });
    const storage = emu.requests.filter((r) => r.kind === 'storage');
    expect(storage.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'GET 200',
      'PUT 200',
      'GET 200',
    ]);
    for (const r of storage) {
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.origin).toBe(site.origin);
    }
    await page.close();
  });
});
